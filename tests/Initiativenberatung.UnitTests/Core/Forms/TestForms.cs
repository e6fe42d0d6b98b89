using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.UnitTests.Core.Forms;

/// <summary>A small form with one field of every type, on two pages.</summary>
internal static class TestForms
{
    public static FormField Field(string alias, FormFieldType type, bool mandatory = false, params string[] options) => new()
    {
        Key = Guid.NewGuid(),
        Alias = alias,
        Caption = "Frage " + alias,
        Type = type,
        Mandatory = mandatory,
        Options = options.Select(o => new FormOption(o + " (Text)", o)).ToList(),
    };

    public static FormDefinition Form(params FormField[] fields) => Form([fields]);

    public static FormDefinition Form(FormField[][] pages) => new()
    {
        Key = Guid.NewGuid(),
        Alias = "test",
        Name = "Test",
        Pages = pages.Select((fields, i) => new FormPage
        {
            Caption = "Seite " + (i + 1),
            Fieldsets = [new FormFieldset { Key = Guid.NewGuid(), Columns = [new FormColumn { Width = 12, Fields = fields.ToList() }] }],
        }).ToList(),
    };

    public static Dictionary<string, string[]> Values(params (string Alias, string[] Values)[] values) =>
        values.ToDictionary(v => v.Alias, v => v.Values, StringComparer.Ordinal);
}
