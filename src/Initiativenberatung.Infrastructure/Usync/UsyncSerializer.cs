using System.Xml;
using System.Xml.Linq;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>
/// XML ⇄ domain for uSync files (v17 layout as written; v9 layout also read). Pure and deterministic:
/// the same input always gives the same bytes.
/// </summary>
public static partial class UsyncSerializer
{
    public const string UsyncVersion = "17.0.0";
    public const string UsyncFormat = "10.7.0";

    private const string EmptyGuid = "00000000-0000-0000-0000-000000000000";

    // ---------------------------------------------------------------- usync.config

    public static byte[] WriteUsyncConfig() =>
        UsyncXml.ToBytes(new XElement("uSync", new XAttribute("version", UsyncVersion), new XAttribute("format", UsyncFormat)));

    // ---------------------------------------------------------------- Empty

    public static byte[] WriteEmpty(UsyncEmptyItem item) =>
        UsyncXml.ToBytes(new XElement(
            "Empty",
            new XAttribute("Key", UsyncXml.Guid(item.Key)),
            new XAttribute("Alias", item.Alias),
            new XAttribute("Change", item.Change)));

    public static UsyncEmptyItem ReadEmpty(XElement root) =>
        new(UsyncXml.ParseGuid((string?)root.Attribute("Key")), (string?)root.Attribute("Alias") ?? "", (string?)root.Attribute("Change") ?? "Delete");

    // ---------------------------------------------------------------- DataType

    public static byte[] WriteDataType(DataType dataType)
    {
        var info = new XElement(
            "Info",
            new XElement("Name", dataType.Name),
            new XElement("EditorAlias", dataType.EditorAlias),
            new XElement("EditorUIAlias", dataType.EditorUiAlias ?? ""),
            new XElement("Folder", EncodeFolder(dataType.Folder)));
        var root = new XElement(
            "DataType",
            new XAttribute("Key", UsyncXml.Guid(dataType.Key)),
            new XAttribute("Alias", dataType.Name),
            new XAttribute("Level", dataType.Level),
            info,
            new XElement("Config", new XCData(UsyncXml.CanonicalJson(dataType.ConfigJson))));
        return UsyncXml.ToBytes(root);
    }

    /// <exception cref="FormatException">Not a data type file, or its config is not JSON.</exception>
    public static DataType ReadDataType(XElement root)
    {
        Expect(root, "DataType");
        var info = root.Element("Info");
        var editorAlias = Text(info, "EditorAlias") ?? "";
        var dataType = new DataType
        {
            Key = RequireKey(root),
            Name = Text(info, "Name") ?? (string?)root.Attribute("Alias") ?? "",
            Level = UsyncXml.ParseInt((string?)root.Attribute("Level"), 1),
            EditorAlias = editorAlias,
            // Files from before Umbraco 14 have no UI alias: take the one Umbraco's migration assigns.
            EditorUiAlias = Text(info, "EditorUIAlias") ?? EditorAliases.DefaultUiAlias(editorAlias),
            Folder = DecodeFolder(Text(info, "Folder")),
        };
        dataType.DatabaseType = Text(info, "DatabaseType") ?? DefaultDatabaseType(editorAlias);
        try
        {
            dataType.ConfigJson = UsyncXml.CanonicalJson(root.Element("Config")?.Value);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException(Messages.Get("Usync.DataTypeConfigInvalid", dataType.Name), ex);
        }

        return dataType;
    }

    /// <summary>Storage type Umbraco uses for an editor (files from v14+ no longer carry it).</summary>
    public static string DefaultDatabaseType(string editorAlias) => editorAlias switch
    {
        EditorAliases.TrueFalse or EditorAliases.Integer => "Integer",
        EditorAliases.Decimal => "Decimal",
        EditorAliases.DateTime => "Date",
        EditorAliases.TextBox or EditorAliases.ContentPicker or EditorAliases.DropDownFlexible or EditorAliases.FormPicker
            or EditorAliases.Label => "Nvarchar",
        _ => "Ntext",
    };

    // ---------------------------------------------------------------- ContentType / MediaType

    public static byte[] WriteContentType(ContentType type)
    {
        var isMedia = type.Kind == ContentTypeKind.Media;
        var info = new XElement(
            "Info",
            new XElement("Name", type.Name),
            new XElement("Icon", type.Icon ?? ""),
            new XElement("Thumbnail", type.Thumbnail ?? ""),
            new XElement("Description", type.Description ?? ""),
            new XElement("AllowAtRoot", UsyncXml.PascalBool(type.AllowAtRoot)),
            new XElement("ListView", EmptyGuid),
            new XElement("Variations", type.Variations),
            new XElement("IsElement", UsyncXml.LowerBool(type.IsElement)));
        if (!isMedia)
        {
            info.Add(new XElement(
                "HistoryCleanup",
                new XElement("PreventCleanup", UsyncXml.PascalBool(false)),
                new XElement("KeepAllVersionsNewerThanDays", ""),
                new XElement("KeepLatestVersionPerDayForDays", "")));
        }

        info.Add(new XElement("Folder", EncodeFolder(type.Folder)));
        info.Add(new XElement(
            "Compositions",
            type.Compositions
                .OrderBy(c => c.Alias, StringComparer.Ordinal)
                .ThenBy(c => c.Key)
                .Select(c => new XElement("Composition", new XAttribute("Key", UsyncXml.Guid(c.Key)), c.Alias))));
        if (!isMedia)
        {
            info.Add(new XElement("DefaultTemplate", type.DefaultTemplate ?? ""));
            info.Add(new XElement("AllowedTemplates"));
        }

        var structure = new XElement(
            "Structure",
            type.AllowedChildren
                .OrderBy(c => c.SortOrder)
                .ThenBy(c => c.Alias, StringComparer.Ordinal)
                .Select(c => new XElement(
                    "ContentType",
                    new XAttribute("Key", UsyncXml.Guid(c.Key)),
                    new XAttribute("SortOrder", c.SortOrder),
                    c.Alias)));

        var groupsByAlias = type.Groups.GroupBy(g => g.Alias, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var properties = new XElement(
            "GenericProperties",
            type.Properties
                .OrderBy(p => p.Alias, StringComparer.Ordinal)
                .Select(p => new XElement(
                    "GenericProperty",
                    new XElement("Key", UsyncXml.Guid(p.Key)),
                    new XElement("Name", p.Name),
                    new XElement("Alias", p.Alias),
                    new XElement("Definition", UsyncXml.Guid(p.DataTypeKey)),
                    new XElement("Type", p.EditorAlias),
                    new XElement("Mandatory", UsyncXml.LowerBool(p.Mandatory)),
                    new XElement("Validation", p.ValidationRegex ?? ""),
                    new XElement("Description", new XCData(p.Description ?? "")),
                    new XElement("SortOrder", p.SortOrder),
                    new XElement(
                        "Tab",
                        new XAttribute("Alias", p.GroupAlias ?? ""),
                        p.GroupAlias is not null && groupsByAlias.TryGetValue(p.GroupAlias, out var group) ? group.Name : ""),
                    new XElement("Variations", p.Variations),
                    new XElement("MandatoryMessage", p.MandatoryMessage ?? ""),
                    new XElement("ValidationRegExpMessage", p.ValidationRegexMessage ?? ""),
                    new XElement("LabelOnTop", UsyncXml.LowerBool(p.LabelOnTop)))));

        var tabs = new XElement(
            "Tabs",
            type.Groups
                .OrderBy(g => g.SortOrder)
                .ThenBy(g => g.Alias, StringComparer.Ordinal)
                .Select(g => new XElement(
                    "Tab",
                    new XElement("Key", UsyncXml.Guid(g.Key)),
                    new XElement("Caption", g.Name),
                    new XElement("Alias", g.Alias),
                    new XElement("Type", g.Type),
                    new XElement("SortOrder", g.SortOrder))));

        var root = new XElement(
            isMedia ? "MediaType" : "ContentType",
            new XAttribute("Key", UsyncXml.Guid(type.Key)),
            new XAttribute("Alias", type.Alias),
            new XAttribute("Level", type.Level),
            info,
            structure,
            properties,
            tabs);
        return UsyncXml.ToBytes(root);
    }

    /// <summary>Reads a <c>ContentType</c> or <c>MediaType</c> file (v17 and v9 layouts).</summary>
    /// <exception cref="FormatException">Not a content type file.</exception>
    public static ContentType ReadContentType(XElement root)
    {
        var kind = root.Name.LocalName switch
        {
            "ContentType" => ContentTypeKind.Document,
            "MediaType" => ContentTypeKind.Media,
            _ => throw new FormatException(Messages.Get("Usync.UnexpectedTypeRoot", root.Name.LocalName)),
        };
        var info = root.Element("Info");
        var type = new ContentType
        {
            Key = RequireKey(root),
            Kind = kind,
            Alias = (string?)root.Attribute("Alias") ?? throw new FormatException(Messages.Get("Usync.AliasMissing")),
            Level = UsyncXml.ParseInt((string?)root.Attribute("Level"), 1),
            Name = Text(info, "Name") ?? "",
            Icon = Text(info, "Icon"),
            Thumbnail = Text(info, "Thumbnail"),
            Description = Text(info, "Description"),
            AllowAtRoot = UsyncXml.ParseBool(Text(info, "AllowAtRoot")),
            Variations = Text(info, "Variations") ?? "Nothing",
            IsElement = UsyncXml.ParseBool(Text(info, "IsElement")),
            Folder = DecodeFolder(Text(info, "Folder")),
            DefaultTemplate = Text(info, "DefaultTemplate"),
        };
        type.Compositions = (info?.Element("Compositions")?.Elements("Composition") ?? [])
            .Select(c => new ContentTypeReference { Key = UsyncXml.ParseGuid((string?)c.Attribute("Key")), Alias = c.Value.Trim() })
            .ToList();
        type.AllowedChildren = (root.Element("Structure")?.Elements() ?? [])
            .Select((c, i) => new ContentTypeReference
            {
                Key = UsyncXml.ParseGuid((string?)c.Attribute("Key")),
                Alias = c.Value.Trim(),
                SortOrder = UsyncXml.ParseInt((string?)c.Attribute("SortOrder"), i),
            })
            .ToList();

        // Groups: v17 has Key/Caption/Alias/Type/SortOrder; older files only Caption and SortOrder.
        foreach (var tab in root.Element("Tabs")?.Elements("Tab") ?? [])
        {
            var caption = Text(tab, "Caption") ?? "";
            var alias = Text(tab, "Alias") ?? UsyncXml.SafeAlias(caption);
            var key = UsyncXml.ParseGuid(Text(tab, "Key"));
            type.Groups.Add(new PropertyGroup
            {
                Key = key == Guid.Empty ? UsyncXml.DeriveKey(type.Key, caption) : key,
                Name = caption,
                Alias = alias,
                Type = Text(tab, "Type") ?? "Group",
                SortOrder = UsyncXml.ParseInt(Text(tab, "SortOrder")),
            });
        }

        foreach (var property in root.Element("GenericProperties")?.Elements("GenericProperty") ?? [])
        {
            var tab = property.Element("Tab");
            string? groupAlias = null;
            if (tab is not null)
            {
                groupAlias = (string?)tab.Attribute("Alias");
                if (string.IsNullOrEmpty(groupAlias) && tab.Value.Trim() is { Length: > 0 } caption)
                {
                    // Older files name the group by caption only.
                    var group = type.Groups.FirstOrDefault(g => string.Equals(g.Name, caption, StringComparison.Ordinal));
                    if (group is null)
                    {
                        group = new PropertyGroup
                        {
                            Key = UsyncXml.DeriveKey(type.Key, caption),
                            Name = caption,
                            Alias = UsyncXml.SafeAlias(caption),
                            SortOrder = type.Groups.Count,
                        };
                        type.Groups.Add(group);
                    }

                    groupAlias = group.Alias;
                }
            }

            var alias = Text(property, "Alias") ?? throw new FormatException(Messages.Get("Usync.PropertyAliasMissing"));
            var key = UsyncXml.ParseGuid(Text(property, "Key"));
            type.Properties.Add(new PropertyType
            {
                Key = key == Guid.Empty ? UsyncXml.DeriveKey(type.Key, "property:" + alias) : key,
                Name = Text(property, "Name") ?? alias,
                Alias = alias,
                DataTypeKey = UsyncXml.ParseGuid(Text(property, "Definition")),
                EditorAlias = Text(property, "Type") ?? "",
                Mandatory = UsyncXml.ParseBool(Text(property, "Mandatory")),
                ValidationRegex = Text(property, "Validation"),
                Description = Text(property, "Description"),
                SortOrder = UsyncXml.ParseInt(Text(property, "SortOrder")),
                GroupAlias = string.IsNullOrEmpty(groupAlias) ? null : groupAlias,
                Variations = Text(property, "Variations") ?? "Nothing",
                MandatoryMessage = Text(property, "MandatoryMessage"),
                ValidationRegexMessage = Text(property, "ValidationRegExpMessage"),
                LabelOnTop = UsyncXml.ParseBool(Text(property, "LabelOnTop")),
            });
        }

        return type;
    }

    // ---------------------------------------------------------------- Content

    public static byte[] WriteContent(UsyncContentItem item) =>
        WriteTree("Content", item, item.ContentTypeAlias,
            new XElement("Published", new XAttribute("Default", UsyncXml.LowerBool(item.Published))),
            new XElement("Schedule"),
            string.IsNullOrEmpty(item.TemplateAlias) ? new XElement("Template") : new XElement("Template", item.TemplateAlias));

    /// <exception cref="FormatException">Not a content file.</exception>
    public static UsyncContentItem ReadContent(XElement root) =>
        ReadTree(root, "Content", info => new UsyncContentItem
        {
            ContentTypeAlias = Text(info, "ContentType") ?? "",
            Published = UsyncXml.ParseBool((string?)info?.Element("Published")?.Attribute("Default")),
            TemplateAlias = Text(info, "Template"),
        });

    // ---------------------------------------------------------------- Media

    public static byte[] WriteMedia(UsyncMediaItem item) =>
        WriteTree("Media", item, item.MediaTypeAlias, new XElement("FileHash", item.FileHash ?? ""));

    /// <exception cref="FormatException">Not a media file.</exception>
    public static UsyncMediaItem ReadMedia(XElement root) =>
        ReadTree(root, "Media", info => new UsyncMediaItem
        {
            MediaTypeAlias = Text(info, "ContentType") ?? "",
            FileHash = Text(info, "FileHash"),
        });

    // ---------------------------------------------------------------- content and media

    /// <summary>The file of a tree item: its place in the tree in <c>Info</c> (then the kind's own elements), then its values.</summary>
    private static byte[] WriteTree(string element, UsyncTreeItem item, string typeAlias, params XElement[] ownInfo)
    {
        var info = new XElement(
            "Info",
            Parent(item.ParentKey, item.ParentName),
            new XElement("Path", item.Path),
            new XElement("Trashed", UsyncXml.LowerBool(item.Trashed)),
            new XElement("ContentType", typeAlias),
            new XElement("CreateDate", UsyncXml.Date(item.CreateDate)),
            new XElement("NodeName", new XAttribute("Default", item.Name)),
            new XElement("SortOrder", item.SortOrder),
            ownInfo);
        var root = new XElement(
            element,
            new XAttribute("Key", UsyncXml.Guid(item.Key)),
            new XAttribute("Alias", item.Name),
            new XAttribute("Level", item.Level),
            info,
            Properties(item.Values));
        return UsyncXml.ToBytes(root);
    }

    /// <summary>Reads what content and media files share into the item <paramref name="create"/> makes of the kind's own elements.</summary>
    private static T ReadTree<T>(XElement root, string element, Func<XElement?, T> create)
        where T : UsyncTreeItem
    {
        Expect(root, element);
        var info = root.Element("Info");
        var item = create(info);
        item.Key = RequireKey(root);
        item.Level = UsyncXml.ParseInt((string?)root.Attribute("Level"), 1);
        item.ParentKey = UsyncXml.ParseGuid((string?)info?.Element("Parent")?.Attribute("Key"));
        item.ParentName = info?.Element("Parent")?.Value ?? "";
        item.Path = Text(info, "Path") ?? "";
        item.Trashed = UsyncXml.ParseBool(Text(info, "Trashed"));
        item.CreateDate = UsyncXml.ParseDate(Text(info, "CreateDate"));
        item.SortOrder = UsyncXml.ParseInt(Text(info, "SortOrder"));
        item.Name = (string?)info?.Element("NodeName")?.Attribute("Default") ?? (string?)root.Attribute("Alias") ?? "";
        ReadProperties(root, item.Values);
        return item;
    }

    // ---------------------------------------------------------------- helpers

    private static XElement Parent(Guid key, string name) =>
        new("Parent", new XAttribute("Key", UsyncXml.Guid(key)), key == Guid.Empty ? "" : name);

    private static XElement Properties(SortedDictionary<string, string?> values) =>
        new(
            "Properties",
            values.Select(v => new XElement(XmlConvert.VerifyName(v.Key), new XElement("Value", new XCData(v.Value ?? "")))));

    private static void ReadProperties(XElement root, SortedDictionary<string, string?> target)
    {
        foreach (var property in root.Element("Properties")?.Elements() ?? [])
        {
            // Invariant value: the <Value> without Culture/Segment (first one otherwise).
            var value = property.Elements("Value").FirstOrDefault(v => v.Attribute("Culture") is null && v.Attribute("Segment") is null)
                ?? property.Elements("Value").FirstOrDefault();
            var text = value?.Value;
            target[property.Name.LocalName] = string.IsNullOrEmpty(text) ? null : text;
        }
    }

    private static void Expect(XElement root, string name)
    {
        if (root.Name.LocalName != name)
        {
            throw new FormatException(Messages.Get("Usync.UnexpectedRoot", name, root.Name.LocalName));
        }
    }

    private static Guid RequireKey(XElement root)
    {
        var key = UsyncXml.ParseGuid((string?)root.Attribute("Key"));
        return key == Guid.Empty ? throw new FormatException(Messages.Get("Usync.KeyMissing")) : key;
    }

    private static string? Text(XElement? parent, string name)
    {
        var value = parent?.Element(name)?.Value;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string EncodeFolder(string? folder) =>
        string.IsNullOrEmpty(folder) ? "" : string.Join('/', folder.Split('/').Select(Uri.EscapeDataString));

    private static string? DecodeFolder(string? folder) =>
        string.IsNullOrEmpty(folder) ? null : string.Join('/', folder.Split('/').Select(Uri.UnescapeDataString));
}
