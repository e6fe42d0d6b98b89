using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.UnitTests.Core;

/// <summary>A small schema like the site's: a page with a headline, a block list and a composition.</summary>
internal static class TestSchema
{
    public static readonly Guid BlocksDataType = new("11111111-0000-0000-0000-000000000001");
    public static readonly Guid QuoteKey = new("22222222-0000-0000-0000-000000000001");
    public static readonly Guid PageKey = new("22222222-0000-0000-0000-000000000002");
    public static readonly Guid SeoKey = new("22222222-0000-0000-0000-000000000003");
    public static readonly Guid ChildKey = new("22222222-0000-0000-0000-000000000004");

    public static List<DataType> DataTypes() =>
    [
        new() { Key = BuiltInDataTypes.Textstring, Name = "Textstring", EditorAlias = EditorAliases.TextBox, ConfigJson = "{\"maxChars\": 20}" },
        new() { Key = BuiltInDataTypes.Textarea, Name = "Textarea", EditorAlias = EditorAliases.TextArea },
        new() { Key = BuiltInDataTypes.RichtextEditor, Name = "Richtext editor", EditorAlias = EditorAliases.RichText },
        new() { Key = BuiltInDataTypes.MediaPicker, Name = "Media Picker", EditorAlias = EditorAliases.MediaPicker3, ConfigJson = "{\"multiple\": false}" },
        new() { Key = BuiltInDataTypes.Checkbox, Name = "True/false", EditorAlias = EditorAliases.TrueFalse },
        new()
        {
            Key = BlocksDataType, Name = "Seitenabschnitte", EditorAlias = EditorAliases.BlockList,
            ConfigJson = "{\"blocks\": [{\"contentElementTypeKey\": \"" + QuoteKey + "\"}]}",
        },
    ];

    public static List<ContentType> ContentTypes() =>
    [
        new()
        {
            Key = QuoteKey, Alias = "quoteBlock", Name = "Zitat", IsElement = true,
            Properties =
            [
                Property("quote", "Zitat", BuiltInDataTypes.Textarea, EditorAliases.TextArea, mandatory: true),
                Property("author", "Person", BuiltInDataTypes.Textstring, EditorAliases.TextBox, mandatory: true),
            ],
        },
        new()
        {
            Key = SeoKey, Alias = "seoComposition", Name = "SEO",
            Properties = [Property("hideFromNavigation", "Im Menü verbergen", BuiltInDataTypes.Checkbox, EditorAliases.TrueFalse)],
        },
        new()
        {
            Key = PageKey, Alias = "page", Name = "Seite", AllowAtRoot = true,
            Compositions = [new ContentTypeReference { Key = SeoKey, Alias = "seoComposition" }],
            AllowedChildren = [new ContentTypeReference { Key = ChildKey, Alias = "child" }],
            Properties =
            [
                Property("headline", "Überschrift", BuiltInDataTypes.Textstring, EditorAliases.TextBox, mandatory: true),
                Property("code", "Kennung", BuiltInDataTypes.Textstring, EditorAliases.TextBox, regex: "^[a-z]+$"),
                Property("text", "Text", BuiltInDataTypes.RichtextEditor, EditorAliases.RichText),
                Property("image", "Bild", BuiltInDataTypes.MediaPicker, EditorAliases.MediaPicker3),
                Property("sections", "Abschnitte", BlocksDataType, EditorAliases.BlockList),
            ],
        },
        new() { Key = ChildKey, Alias = "child", Name = "Unterseite" },
    ];

    public static PropertyType Property(string alias, string name, Guid dataType, string editor, bool mandatory = false, string? regex = null) =>
        new()
        {
            Key = Guid.NewGuid(), Alias = alias, Name = name, DataTypeKey = dataType, EditorAlias = editor,
            Mandatory = mandatory, ValidationRegex = regex,
        };

    public static string QuoteBlocks(params (string Quote, string Author)[] quotes)
    {
        var data = new BlockListData();
        foreach (var (quote, author) in quotes)
        {
            var element = new BlockElementData(Guid.NewGuid(), QuoteKey);
            element.Values["quote"] = quote;
            element.Values["author"] = author;
            data.ContentData.Add(element);
            data.Layout.Add(new BlockLayoutItem(element.Key, null));
        }

        return data.ToJson();
    }
}
