namespace Initiativenberatung.Core.Schema;

/// <summary>A configured property editor, as in Umbraco: an editor alias plus its configuration.</summary>
public sealed class DataType
{
    public Guid Key { get; set; }

    /// <summary>Display name; uSync writes it into the <c>Alias</c> attribute.</summary>
    public string Name { get; set; } = "";

    /// <summary>Umbraco editor alias, e.g. <c>Umbraco.TextBox</c>.</summary>
    public string EditorAlias { get; set; } = "";

    /// <summary>Back-office UI alias (Umbraco 14+), e.g. <c>Umb.PropertyEditorUi.TextBox</c>.</summary>
    public string? EditorUiAlias { get; set; }

    /// <summary>Storage type as Umbraco names it: Nvarchar, Ntext, Integer, Decimal, Date.</summary>
    public string DatabaseType { get; set; } = "Nvarchar";

    public string? Folder { get; set; }

    public int Level { get; set; } = 1;

    /// <summary>Editor configuration as a JSON object (keys sorted when exported).</summary>
    public string ConfigJson { get; set; } = "{}";
}
