using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Validation;

/// <summary>
/// Checks a data type or content type that an administrator wants to store against the whole schema and builds the
/// entity to store. Pure: no database. Every message is German and names the field.
/// </summary>
public static partial class SchemaValidator
{
    public const int MaxNameLength = 255;
    public const int MaxTextLength = 1000;
    public const int MaxConfigLength = 100_000;

    /// <summary>Matching a property's regex never runs longer than this (the content validator uses the same bound).</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Aliases as Umbraco writes them: a letter, then letters, digits or underscores.</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    public static partial Regex AliasPattern();

    [GeneratedRegex("^[a-zA-Z0-9 _.\\-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TokenPattern();

    private static string AliasRule => Messages.Get("Schema.AliasRule");

    // ------------------------------------------------------------------------------------------- data types

    public static IReadOnlyList<SchemaError> ValidateDataType(DataTypeInput input, DataType? existing, IReadOnlyCollection<DataType> all, out DataType? result)
    {
        var errors = new List<SchemaError>();
        result = null;

        var name = Name(input.Name, "Name", Messages.Get("Schema.Label.Name"), errors);
        if (name.Length > 0 && all.FirstOrDefault(d => d.Key != existing?.Key && string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            errors.Add(new("Name", Messages.Get("Schema.DataTypeNameTaken", clash.Name)));
        }

        var editorAlias = existing?.EditorAlias ?? input.EditorAlias?.Trim() ?? "";
        if (existing is null)
        {
            if (editorAlias.Length == 0)
            {
                errors.Add(new("EditorAlias", Messages.Get("Schema.EditorRequired")));
            }
            else if (!EditorAliases.Supported.Contains(editorAlias))
            {
                errors.Add(new("EditorAlias", Messages.Get("Schema.EditorUnsupported", editorAlias)));
            }
        }

        var uiAlias = input.EditorUiAlias?.Trim() ?? "";
        if (uiAlias.Length > MaxNameLength || !TokenPattern().IsMatch(uiAlias))
        {
            errors.Add(new("EditorUiAlias", Messages.Get("Schema.UiAliasInvalid")));
        }

        var folder = Folder(input.Folder, errors);
        var config = Config(input.ConfigJson, errors);

        if (errors.Count > 0)
        {
            return errors;
        }

        result = new DataType
        {
            Key = existing?.Key ?? input.Key ?? Guid.NewGuid(),
            Name = name,
            EditorAlias = editorAlias,
            EditorUiAlias = uiAlias.Length > 0 ? uiAlias : EditorAliases.DefaultUiAlias(editorAlias),
            DatabaseType = existing?.DatabaseType ?? DatabaseTypeFor(editorAlias),
            Folder = folder,
            Level = existing is not null && string.Equals(existing.Folder ?? "", folder ?? "", StringComparison.Ordinal) ? existing.Level : LevelFor(folder),
            ConfigJson = config!,
        };
        return errors;
    }

    /// <summary>Umbraco's storage type for an editor (used for new data types).</summary>
    public static string DatabaseTypeFor(string editorAlias) => editorAlias switch
    {
        EditorAliases.Integer or EditorAliases.TrueFalse => "Integer",
        EditorAliases.Decimal => "Decimal",
        EditorAliases.DateTime => "Date",
        EditorAliases.TextBox or EditorAliases.ContentPicker or EditorAliases.DropDownFlexible or EditorAliases.UploadField or EditorAliases.Label => "Nvarchar",
        _ => "Ntext",
    };

    private static string? Config(string? json, List<SchemaError> errors)
    {
        var text = string.IsNullOrWhiteSpace(json) ? "{}" : json.Trim();
        if (text.Length > MaxConfigLength)
        {
            errors.Add(new("ConfigJson", Messages.Get("Schema.ConfigTooLong", MaxConfigLength)));
            return null;
        }

        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            if (node is not JsonObject)
            {
                errors.Add(new("ConfigJson", Messages.Get("Schema.ConfigNotAnObject")));
                return null;
            }

            return text;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? Messages.Get("Schema.ConfigJsonPosition", line + 1, (ex.BytePositionInLine ?? 0) + 1) : "";
            errors.Add(new("ConfigJson", Messages.Get("Schema.ConfigInvalidJson", where)));
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- shared

    private static string Name(string? value, string field, string label, List<SchemaError> errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(field, Messages.Get("Schema.Required", label)));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(field, Messages.Get("Schema.NameTooLong", label, MaxNameLength)));
        }

        return name;
    }

    private static bool Alias(string alias, string field, string label, List<SchemaError> errors)
    {
        if (alias.Length == 0)
        {
            errors.Add(new(field, Messages.Get("Schema.Required", label)));
            return false;
        }

        if (alias.Length > MaxNameLength || !AliasPattern().IsMatch(alias))
        {
            errors.Add(new(field, Messages.Get("Schema.AliasInvalid", label, Shorten(alias), AliasRule)));
            return false;
        }

        return true;
    }

    private static string? Text(string? value, string field, string label, List<SchemaError> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > MaxTextLength)
        {
            errors.Add(new(field, Messages.Get("Schema.TextTooLong", label, MaxTextLength)));
        }

        return text.Length > 0 ? text : null;
    }

    private static string? Folder(string? value, List<SchemaError> errors)
    {
        var folder = value?.Trim().Trim('/') ?? "";
        if (folder.Length == 0)
        {
            return null;
        }

        var parts = folder.Split('/', StringSplitOptions.TrimEntries);
        if (folder.Length > MaxNameLength || parts.Any(p => p.Length == 0 || p is "." or ".."))
        {
            errors.Add(new("Folder", Messages.Get("Schema.FolderInvalid")));
            return null;
        }

        return string.Join('/', parts);
    }

    private static int LevelFor(string? folder) => string.IsNullOrEmpty(folder) ? 1 : folder.Split('/').Length + 1;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
