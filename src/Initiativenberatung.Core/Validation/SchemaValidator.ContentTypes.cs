using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Validation;

/// <summary>The content-type rules of <see cref="SchemaValidator"/>.</summary>
public static partial class SchemaValidator
{
    // ------------------------------------------------------------------------------------------- content types

    public static IReadOnlyList<SchemaError> ValidateContentType(
        ContentTypeInput input,
        ContentType? existing,
        IReadOnlyCollection<ContentType> allTypes,
        IReadOnlyDictionary<Guid, DataType> dataTypes,
        out ContentType? result)
    {
        var errors = new List<SchemaError>();
        result = null;
        var kind = existing?.Kind ?? input.Kind;
        var key = existing?.Key ?? input.Key ?? Guid.NewGuid();
        var sameKind = allTypes.Where(t => t.Kind == kind && t.Key != key).ToDictionary(t => t.Key);
        var kindLabel = kind == ContentTypeKind.Media ? Messages.Get("Schema.Kind.Media") : Messages.Get("Schema.Kind.Document");

        var name = Name(input.Name, "Name", Messages.Get("Schema.Label.Name"), errors);

        var alias = existing?.Alias ?? input.Alias?.Trim() ?? "";
        if (existing is null)
        {
            if (Alias(alias, "Alias", Messages.Get("Schema.Label.Alias"), errors)
                && sameKind.Values.FirstOrDefault(t => string.Equals(t.Alias, alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                errors.Add(new("Alias", Messages.Get("Schema.AliasTaken", kindLabel, clash.Alias, clash.Name)));
            }
        }

        var isElement = existing?.IsElement ?? (kind == ContentTypeKind.Document && input.IsElement);
        var icon = input.Icon?.Trim() ?? "";
        if (icon.Length > MaxNameLength || !TokenPattern().IsMatch(icon))
        {
            errors.Add(new("Icon", Messages.Get("Schema.IconInvalid")));
        }

        var description = input.Description?.Trim() ?? "";
        if (description.Length > MaxTextLength)
        {
            errors.Add(new("Description", Messages.Get("Schema.DescriptionTooLong", MaxTextLength)));
        }

        var folder = Folder(input.Folder, errors);

        // Allowed children: existing types of the same kind; documents only below documents (no element types).
        var children = new List<ContentTypeReference>();
        if (!isElement)
        {
            var posted = input.AllowedChildren.Distinct().ToList();
            var ordered = (existing?.AllowedChildren.OrderBy(c => c.SortOrder).Select(c => c.Key).Where(posted.Contains) ?? [])
                .Concat(posted).Distinct().ToList();
            foreach (var childKey in ordered)
            {
                // A type may allow itself below itself (e.g. content pages below content pages).
                var child = childKey == key ? new ContentType { Key = key, Alias = alias, Kind = kind, Name = name } : sameKind.GetValueOrDefault(childKey);

                if (child is null)
                {
                    errors.Add(new("AllowedChildren", Messages.Get("Schema.AllowedChildUnknown", kindLabel, childKey)));
                }
                else if (child.IsElement)
                {
                    errors.Add(new("AllowedChildren", Messages.Get("Schema.AllowedChildIsElement", child.Name)));
                }
                else
                {
                    children.Add(new ContentTypeReference { Key = child.Key, Alias = child.Alias, SortOrder = children.Count });
                }
            }
        }

        // Compositions: existing types of the same kind, not itself, element types only of element types, no cycles.
        var compositions = new List<ContentTypeReference>();
        foreach (var compositionKey in input.Compositions.Distinct())
        {
            if (compositionKey == key)
            {
                errors.Add(new("Compositions", Messages.Get("Schema.CompositionSelf")));
                continue;
            }

            if (!sameKind.TryGetValue(compositionKey, out var composition))
            {
                errors.Add(new("Compositions", Messages.Get("Schema.CompositionUnknown", kindLabel, compositionKey)));
                continue;
            }

            if (isElement && !composition.IsElement)
            {
                errors.Add(new("Compositions", Messages.Get("Schema.CompositionNotElement", composition.Name)));
                continue;
            }

            compositions.Add(new ContentTypeReference { Key = composition.Key, Alias = composition.Alias, SortOrder = compositions.Count });
        }

        var proposed = new ContentType
        {
            Key = key,
            Kind = kind,
            Alias = alias,
            Name = name,
            Icon = icon.Length > 0 ? icon : null,
            Thumbnail = existing?.Thumbnail,
            Description = description.Length > 0 ? description : null,
            AllowAtRoot = !isElement && input.AllowAtRoot,
            IsElement = isElement,
            Variations = existing?.Variations ?? "Nothing",
            Folder = folder,
            Level = existing is not null && string.Equals(existing.Folder ?? "", folder ?? "", StringComparison.Ordinal) ? existing.Level : LevelFor(folder),
            DefaultTemplate = existing?.DefaultTemplate,
            AllowedChildren = children,
            Compositions = compositions,
        };
        var graph = sameKind.Values.Append(proposed).ToList();
        var index = new ContentTypeIndex(graph);
        if (FindCycle(proposed, index) is { } cycle)
        {
            errors.Add(new("Compositions", Messages.Get("Schema.CompositionCycle", cycle)));
        }

        ValidateGroups(input, existing, proposed, errors);
        var compositionProperties = Closure(proposed, index).Where(t => t.Key != key).SelectMany(t => t.Properties.Select(p => (Type: t, Property: p))).ToList();
        var availableGroups = index.AllGroups(proposed).Select(g => g.Alias).ToHashSet(StringComparer.Ordinal);
        ValidateProperties(input, existing, proposed, dataTypes, compositionProperties, availableGroups, errors);

        // Types that use this one as a composition must stay valid: unique aliases, groups that exist.
        if (errors.Count == 0)
        {
            foreach (var user in graph.Where(t => t.Key != key && Closure(t, index).Any(c => c.Key == key)))
            {
                var duplicate = Closure(user, index).SelectMany(t => t.Properties).GroupBy(p => p.Alias, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    errors.Add(new("Properties", Messages.Get("Schema.CompositionDuplicateAlias", duplicate.Key, user.Name)));
                }

                var groups = index.AllGroups(user).Select(g => g.Alias).ToHashSet(StringComparer.Ordinal);
                if (user.Properties.FirstOrDefault(p => !string.IsNullOrEmpty(p.GroupAlias) && !groups.Contains(p.GroupAlias)) is { } orphan)
                {
                    errors.Add(new("Groups", Messages.Get("Schema.CompositionOrphanGroup", user.Name, orphan.Alias, orphan.GroupAlias)));
                }
            }
        }

        if (errors.Count == 0)
        {
            result = proposed;
        }

        return errors;
    }

    private static void ValidateGroups(ContentTypeInput input, ContentType? existing, ContentType proposed, List<SchemaError> errors)
    {
        var keys = new HashSet<Guid>();
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Groups.Count; i++)
        {
            var group = input.Groups[i];
            var field = $"Groups[{i}]";
            var label = $"Gruppe {i + 1}";
            var name = Name(group.Name, field + ".Name", Messages.Get("Schema.Label.FieldName", label), errors);
            var alias = group.Alias?.Trim() ?? "";
            if (Alias(alias, field + ".Alias", Messages.Get("Schema.Label.NamedFieldAlias", label, name), errors) && !aliases.Add(alias))
            {
                errors.Add(new(field + ".Alias", Messages.Get("Schema.GroupAliasTaken", label, name, alias)));
            }

            var groupKey = group.Key != Guid.Empty && keys.Add(group.Key) ? group.Key : Guid.NewGuid();
            keys.Add(groupKey);
            var type = existing?.Groups.FirstOrDefault(g => g.Key == groupKey)?.Type ?? (string.Equals(group.Type, "Tab", StringComparison.Ordinal) ? "Tab" : "Group");
            proposed.Groups.Add(new PropertyGroup { Key = groupKey, Alias = alias, Name = name, Type = type, SortOrder = i });
        }
    }

    private static void ValidateProperties(
        ContentTypeInput input,
        ContentType? existing,
        ContentType proposed,
        IReadOnlyDictionary<Guid, DataType> dataTypes,
        List<(ContentType Type, PropertyType Property)> compositionProperties,
        HashSet<string> availableGroups,
        List<SchemaError> errors)
    {
        var keys = new HashSet<Guid>();
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Properties.Count; i++)
        {
            var property = input.Properties[i];
            var field = $"Properties[{i}]";
            var trimmedName = property.Name?.Trim() ?? "";
            var label = trimmedName.Length > 0 ? Messages.Get("Schema.Label.Property", i + 1, trimmedName) : $"Eigenschaft {i + 1}";
            var name = Name(property.Name, field + ".Name", Messages.Get("Schema.Label.FieldName", label), errors);

            var alias = property.Alias?.Trim() ?? "";
            if (Alias(alias, field + ".Alias", Messages.Get("Schema.Label.FieldAlias", label), errors))
            {
                if (!aliases.Add(alias))
                {
                    errors.Add(new(field + ".Alias", Messages.Get("Schema.PropertyAliasTaken", label, alias)));
                }
                else if (compositionProperties.FirstOrDefault(c => string.Equals(c.Property.Alias, alias, StringComparison.OrdinalIgnoreCase)) is { Type: not null } inherited)
                {
                    errors.Add(new(field + ".Alias", Messages.Get("Schema.PropertyAliasInherited", label, alias, inherited.Type.Name)));
                }
            }

            DataType? dataType = null;
            if (string.IsNullOrWhiteSpace(property.DataTypeKey))
            {
                errors.Add(new(field + ".DataTypeKey", Messages.Get("Schema.DataTypeRequired", label)));
            }
            else if (!Guid.TryParse(property.DataTypeKey.Trim(), out var dataTypeKey) || !dataTypes.TryGetValue(dataTypeKey, out dataType))
            {
                errors.Add(new(field + ".DataTypeKey", Messages.Get("Schema.DataTypeUnknown", label, Shorten(property.DataTypeKey.Trim()))));
            }

            var regex = property.ValidationRegex?.Trim() ?? "";
            if (regex.Length > MaxTextLength)
            {
                errors.Add(new(field + ".ValidationRegex", Messages.Get("Schema.RegexTooLong", label, MaxTextLength)));
            }
            else if (regex.Length > 0)
            {
                try
                {
                    _ = new Regex(regex, RegexOptions.None, RegexTimeout);
                }
                catch (RegexParseException ex)
                {
                    errors.Add(new(field + ".ValidationRegex", Messages.Get("Schema.RegexInvalidAt", label, ex.Offset)));
                }
                catch (ArgumentException)
                {
                    errors.Add(new(field + ".ValidationRegex", Messages.Get("Schema.RegexInvalid", label)));
                }
            }

            var description = Text(property.Description, field + ".Description", Messages.Get("Schema.Label.FieldDescription", label), errors);
            var mandatoryMessage = Text(property.MandatoryMessage, field + ".MandatoryMessage", Messages.Get("Schema.Label.FieldMandatoryMessage", label), errors);
            var regexMessage = Text(property.ValidationRegexMessage, field + ".ValidationRegexMessage", Messages.Get("Schema.Label.FieldRegexMessage", label), errors);

            var groupAlias = property.GroupAlias?.Trim() ?? "";
            if (groupAlias.Length == 0 && availableGroups.Count > 0)
            {
                errors.Add(new(field + ".GroupAlias", Messages.Get("Schema.GroupRequired", label)));
            }
            else if (groupAlias.Length > 0 && !availableGroups.Contains(groupAlias))
            {
                errors.Add(new(field + ".GroupAlias", Messages.Get("Schema.GroupUnknown", label, Shorten(groupAlias))));
            }

            var propertyKey = property.Key != Guid.Empty && keys.Add(property.Key) ? property.Key : Guid.NewGuid();
            keys.Add(propertyKey);
            var before = existing?.Properties.FirstOrDefault(p => p.Key == propertyKey);
            proposed.Properties.Add(new PropertyType
            {
                Key = propertyKey,
                Alias = alias,
                Name = name,
                DataTypeKey = dataType?.Key ?? Guid.Empty,
                EditorAlias = dataType?.EditorAlias ?? "",
                Mandatory = property.Mandatory,
                MandatoryMessage = mandatoryMessage,
                ValidationRegex = regex.Length > 0 ? regex : null,
                ValidationRegexMessage = regexMessage,
                Description = description,
                SortOrder = i,
                GroupAlias = groupAlias.Length > 0 ? groupAlias : null,
                Variations = before?.Variations ?? "Nothing",
                LabelOnTop = before?.LabelOnTop ?? false,
            });
        }
    }

    /// <summary>The type and every type it is composed of (each once).</summary>
    private static List<ContentType> Closure(ContentType type, ContentTypeIndex index)
    {
        var result = new List<ContentType>();
        var seen = new HashSet<Guid>();
        var stack = new Stack<ContentType>([type]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current.Key))
            {
                continue;
            }

            result.Add(current);
            foreach (var reference in current.Compositions)
            {
                if (index.Resolve(reference) is { } composed)
                {
                    stack.Push(composed);
                }
            }
        }

        return result;
    }

    /// <summary>A composition path that leads back to <paramref name="start"/>, e.g. „a → b → a“, or <c>null</c>.</summary>
    private static string? FindCycle(ContentType start, ContentTypeIndex index)
    {
        var visited = new HashSet<Guid>();
        string? Walk(ContentType current, List<string> path)
        {
            foreach (var reference in current.Compositions)
            {
                if (index.Resolve(reference) is not { } next)
                {
                    continue;
                }

                if (next.Key == start.Key)
                {
                    return string.Join(" → ", path.Append(next.Alias));
                }

                if (visited.Add(next.Key) && Walk(next, [.. path, next.Alias]) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        return Walk(start, [start.Alias]);
    }
}
