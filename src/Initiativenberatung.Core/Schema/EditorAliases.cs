namespace Initiativenberatung.Core.Schema;

/// <summary>Umbraco property editor aliases this platform understands.</summary>
public static class EditorAliases
{
    public const string TextBox = "Umbraco.TextBox";
    public const string TextArea = "Umbraco.TextArea";
    public const string RichText = "Umbraco.RichText";
    public const string TinyMce = "Umbraco.TinyMCE";
    public const string MediaPicker3 = "Umbraco.MediaPicker3";
    public const string BlockList = "Umbraco.BlockList";
    public const string ContentPicker = "Umbraco.ContentPicker";
    public const string MultiUrlPicker = "Umbraco.MultiUrlPicker";
    public const string TrueFalse = "Umbraco.TrueFalse";
    public const string Integer = "Umbraco.Integer";
    public const string Decimal = "Umbraco.Decimal";
    public const string Label = "Umbraco.Label";
    public const string UploadField = "Umbraco.UploadField";
    public const string ImageCropper = "Umbraco.ImageCropper";
    public const string DateTime = "Umbraco.DateTime";
    public const string DropDownFlexible = "Umbraco.DropDown.Flexible";
    public const string FormPicker = "UmbracoForms.FormPicker";

    /// <summary>Every alias the content engine can validate, store and render.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        TextBox, TextArea, RichText, TinyMce, MediaPicker3, BlockList, ContentPicker, MultiUrlPicker,
        TrueFalse, Integer, Decimal, Label, UploadField, ImageCropper, DateTime, DropDownFlexible, FormPicker,
    };

    public static bool IsRichText(string alias) => alias is RichText or TinyMce;

    /// <summary>The back-office UI alias Umbraco 14+ pairs with an editor alias, for files that predate UI aliases.</summary>
    public static string? DefaultUiAlias(string editorAlias) => editorAlias switch
    {
        TextBox => "Umb.PropertyEditorUi.TextBox",
        TextArea => "Umb.PropertyEditorUi.TextArea",
        RichText or TinyMce => "Umb.PropertyEditorUi.Tiptap",
        MediaPicker3 => "Umb.PropertyEditorUi.MediaPicker",
        BlockList => "Umb.PropertyEditorUi.BlockList",
        ContentPicker => "Umb.PropertyEditorUi.DocumentPicker",
        MultiUrlPicker => "Umb.PropertyEditorUi.MultiUrlPicker",
        TrueFalse => "Umb.PropertyEditorUi.Toggle",
        Integer => "Umb.PropertyEditorUi.Integer",
        Decimal => "Umb.PropertyEditorUi.Decimal",
        Label => "Umb.PropertyEditorUi.Label",
        UploadField => "Umb.PropertyEditorUi.UploadField",
        ImageCropper => "Umb.PropertyEditorUi.ImageCropper",
        DateTime => "Umb.PropertyEditorUi.DatePicker",
        DropDownFlexible => "Umb.PropertyEditorUi.Dropdown",
        _ => null,
    };
}
