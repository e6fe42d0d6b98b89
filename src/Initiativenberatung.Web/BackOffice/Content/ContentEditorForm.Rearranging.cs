using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Core.Validation;
using Microsoft.Extensions.Primitives;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>The add/move/remove buttons of <see cref="ContentEditorForm"/>: they change the posted values and render them again, nothing is saved.</summary>
public static partial class ContentEditorForm
{
    // ---- rearranging without saving ----------------------------------------------------------

    /// <summary>Changes the value at <paramref name="path"/> (e.g. <c>sections</c> or <c>sections[2].links</c>) inside nested blocks.</summary>
    public static bool Change(Dictionary<string, string?> values, string path, Func<string?, string?> change)
    {
        var segments = path.Split('.');
        return Change(values, segments, change);
    }

    private static bool Change(Dictionary<string, string?> values, ReadOnlySpan<string> segments, Func<string?, string?> change)
    {
        if (segments.Length == 0)
        {
            return false;
        }

        if (segments.Length == 1)
        {
            if (segments[0].Contains('[', StringComparison.Ordinal))
            {
                return false;
            }

            var changed = change(values.GetValueOrDefault(segments[0]));
            if (changed is null)
            {
                values.Remove(segments[0]);
            }
            else
            {
                values[segments[0]] = changed;
            }

            return true;
        }

        var match = IndexedSegment().Match(segments[0]);
        if (!match.Success)
        {
            return false;
        }

        var alias = match.Groups[1].Value;
        var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        BlockListData data;
        try
        {
            data = BlockListData.Parse(values.GetValueOrDefault(alias));
        }
        catch (FormatException)
        {
            return false;
        }

        if (index < 0 || index >= data.Layout.Count || data.ContentData.FirstOrDefault(c => c.Key == data.Layout[index].ContentKey) is not { } element)
        {
            return false;
        }

        if (!Change(element.Values, segments[1..], change))
        {
            return false;
        }

        values[alias] = data.ToJson();
        return true;
    }

    public static string? AddBlock(string? raw, Guid elementTypeKey)
    {
        var data = BlockListData.Parse(raw);
        var key = Guid.NewGuid();
        data.Layout.Add(new BlockLayoutItem(key, null));
        data.ContentData.Add(new BlockElementData(key, elementTypeKey));
        return data.ToJson();
    }

    public static string? MoveBlock(string? raw, int index, int offset)
    {
        var data = BlockListData.Parse(raw);
        var target = index + offset;
        if (index < 0 || index >= data.Layout.Count || target < 0 || target >= data.Layout.Count)
        {
            return raw;
        }

        (data.Layout[index], data.Layout[target]) = (data.Layout[target], data.Layout[index]);
        return data.ToJson();
    }

    public static string? RemoveBlock(string? raw, int index)
    {
        var data = BlockListData.Parse(raw);
        if (index < 0 || index >= data.Layout.Count)
        {
            return raw;
        }

        var item = data.Layout[index];
        data.Layout.RemoveAt(index);
        data.ContentData.RemoveAll(c => c.Key == item.ContentKey);
        if (item.SettingsKey is { } settingsKey)
        {
            data.SettingsData.RemoveAll(s => s.Key == settingsKey);
        }

        return data.Layout.Count == 0 ? null : data.ToJson();
    }

    public static string? AddLink(string? raw)
    {
        var array = ParseArray(raw);
        array.Add(Link("", "external", null, "", null));
        return array.ToJsonString();
    }

    public static string? RemoveLink(string? raw, int index)
    {
        var array = ParseArray(raw);
        if (index >= 0 && index < array.Count)
        {
            array.RemoveAt(index);
        }

        return array.Count == 0 ? null : array.ToJsonString();
    }

    public static JsonArray ParseArray(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(raw) as JsonArray ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Splits <c>sections[2]</c> into the list path <c>sections</c> and index 2.</summary>
    public static bool TrySplitIndex(string path, out string listPath, out int index)
    {
        var match = TrailingIndex().Match(path);
        listPath = match.Success ? match.Groups[1].Value : "";
        index = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : -1;
        return match.Success;
    }
}
