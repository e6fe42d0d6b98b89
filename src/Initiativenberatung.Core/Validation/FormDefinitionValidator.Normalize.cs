using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Core.Validation;

/// <summary>The clean-up of a posted form definition before its rules are checked.</summary>
public static partial class FormDefinitionValidator
{
    /// <summary>Trims texts, turns empty optional texts into <c>null</c>, gives new fieldsets and fields a key, drops empty options and an empty condition.</summary>
    public static void Normalize(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Name = form.Name?.Trim() ?? "";
        form.Alias = form.Alias?.Trim() ?? "";
        form.SubmitLabel = form.SubmitLabel?.Trim() ?? "";
        form.NextLabel = form.NextLabel?.Trim() ?? "";
        form.PreviousLabel = form.PreviousLabel?.Trim() ?? "";
        form.MessageOnSubmit = Optional(form.MessageOnSubmit);
        form.RequiredErrorMessage = form.RequiredErrorMessage?.Trim() ?? "";
        form.InvalidErrorMessage = form.InvalidErrorMessage?.Trim() ?? "";
        form.Indicator ??= "*";
        form.Pages ??= [];
        foreach (var page in form.Pages)
        {
            page.Caption = Optional(page.Caption);
            page.Fieldsets ??= [];
            foreach (var fieldset in page.Fieldsets)
            {
                fieldset.Caption = Optional(fieldset.Caption);
                if (fieldset.Key == Guid.Empty)
                {
                    fieldset.Key = Guid.NewGuid();
                }

                fieldset.Columns ??= [];
                foreach (var column in fieldset.Columns)
                {
                    column.Caption = Optional(column.Caption);
                    column.Fields ??= [];
                    foreach (var field in column.Fields)
                    {
                        NormalizeField(field);
                    }
                }
            }
        }
    }

    private static void NormalizeField(FormField field)
    {
        if (field.Key == Guid.Empty)
        {
            field.Key = Guid.NewGuid();
        }

        field.Alias = field.Alias?.Trim() ?? "";
        field.Caption = field.Caption?.Trim() ?? "";
        field.HelpText = Optional(field.HelpText);
        field.Placeholder = Optional(field.Placeholder);
        field.RequiredErrorMessage = Optional(field.RequiredErrorMessage);
        field.Regex = string.IsNullOrWhiteSpace(field.Regex) ? null : field.Regex;
        field.RegexErrorMessage = Optional(field.RegexErrorMessage);
        field.Settings ??= new(StringComparer.Ordinal);
        field.Options = [.. (field.Options ?? []).Where(o => o is not null && !(string.IsNullOrWhiteSpace(o.Caption) && string.IsNullOrWhiteSpace(o.Value)))
            .Select(o => new FormOption(o.Caption?.Trim() ?? "", string.IsNullOrWhiteSpace(o.Value) ? o.Caption?.Trim() ?? "" : o.Value.Trim()))];
        if (field.Condition is { } condition)
        {
            condition.Rules = [.. (condition.Rules ?? []).Where(r => r is not null)];
            foreach (var rule in condition.Rules)
            {
                rule.Field = rule.Field?.Trim() ?? "";
                rule.Value = rule.Value?.Trim() ?? "";
            }

            if (condition.Rules.Count == 0)
            {
                field.Condition = null;
            }
        }
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
