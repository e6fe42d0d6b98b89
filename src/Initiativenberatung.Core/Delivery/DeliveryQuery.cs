using System.Globalization;

namespace Initiativenberatung.Core.Delivery;

public enum FetchKind
{
    All,
    Children,
    Ancestors,
    Descendants,
}

/// <summary><c>fetch=children:{id|path}</c>, <c>ancestors:…</c>, <c>descendants:…</c>; no fetch means all items.</summary>
public sealed record DeliveryFetch(FetchKind Kind, string? Target)
{
    public static DeliveryFetch Everything { get; } = new(FetchKind.All, null);
}

public enum FilterField
{
    ContentType,
    Name,
    CreateDate,
    UpdateDate,
}

public enum FilterOperator
{
    Is,
    IsNot,
    Contains,
    DoesNotContain,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary>One <c>filter</c>: <c>contentType:alias</c>, <c>contentType:!alias</c>, <c>name:x</c>, <c>name:!x</c>, <c>createDate&gt;2026-01-01</c> ….</summary>
public sealed record DeliveryFilter(FilterField Field, FilterOperator Operator, string Value, DateTime? Date = null);

public enum SortField
{
    CreateDate,
    UpdateDate,
    Name,
    SortOrder,
    Level,
}

public sealed record DeliverySort(SortField Field, bool Descending);

/// <summary>A parsed <c>GET /content</c> or <c>GET /media</c> query.</summary>
public sealed record DeliveryQuery(
    DeliveryFetch Fetch,
    IReadOnlyList<DeliveryFilter> Filters,
    IReadOnlyList<DeliverySort> Sorts,
    int Skip,
    int Take)
{
    public const int DefaultTake = 10;
    public const int MaxTake = 1000;
}

/// <summary>
/// Parses the query parameters of Umbraco's Delivery API v2 (<c>fetch, filter, sort, skip, take</c>).
/// Every problem gives a German message that names the parameter; nothing here throws on bad input.
/// </summary>
public static class DeliveryQueryParser
{
    /// <summary>Parses a content query (<c>filter=contentType:…</c>).</summary>
    public static DeliveryQueryResult ParseContent(string? fetch, IEnumerable<string?>? filters, IEnumerable<string?>? sorts, string? skip, string? take) =>
        Parse(fetch, filters, sorts, skip, take, media: false);

    /// <summary>Parses a media query (<c>fetch=children:…</c> only, <c>filter=mediaType:…</c>).</summary>
    public static DeliveryQueryResult ParseMedia(string? fetch, IEnumerable<string?>? filters, IEnumerable<string?>? sorts, string? skip, string? take) =>
        Parse(fetch, filters, sorts, skip, take, media: true);

    private static DeliveryQueryResult Parse(string? fetch, IEnumerable<string?>? filters, IEnumerable<string?>? sorts, string? skip, string? take, bool media)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var parsedFetch = ParseFetch(fetch, media, errors);
        var parsedFilters = new List<DeliveryFilter>();
        foreach (var filter in (filters ?? []).Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            if (ParseFilter(filter!, media) is { } parsed)
            {
                parsedFilters.Add(parsed);
            }
            else
            {
                errors.TryAdd("filter", media
                    ? $"Der Filter „{filter}“ ist unbekannt. Möglich sind mediaType:alias, mediaType:!alias, name:text und name:!text."
                    : $"Der Filter „{filter}“ ist unbekannt. Möglich sind contentType:alias, contentType:!alias, name:text, name:!text, createDate>Datum, createDate<Datum, updateDate>Datum und updateDate<Datum.");
            }
        }

        var parsedSorts = new List<DeliverySort>();
        foreach (var sort in (sorts ?? []).Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            if (ParseSort(sort!, media) is { } parsed)
            {
                parsedSorts.Add(parsed);
            }
            else
            {
                errors.TryAdd("sort", media
                    ? $"Die Sortierung „{sort}“ ist unbekannt. Möglich sind createDate, updateDate, name und sortOrder, jeweils mit :asc oder :desc."
                    : $"Die Sortierung „{sort}“ ist unbekannt. Möglich sind createDate, updateDate, name, sortOrder und level, jeweils mit :asc oder :desc.");
            }
        }

        var parsedSkip = ParseNumber("skip", skip, 0, 0, int.MaxValue, errors);
        var parsedTake = ParseNumber("take", take, DeliveryQuery.DefaultTake, 0, DeliveryQuery.MaxTake, errors);
        return errors.Count > 0
            ? new DeliveryQueryResult(null, errors)
            : new DeliveryQueryResult(new DeliveryQuery(parsedFetch, parsedFilters, parsedSorts, parsedSkip, parsedTake), errors);
    }

    private static DeliveryFetch ParseFetch(string? fetch, bool media, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(fetch))
        {
            if (media)
            {
                errors["fetch"] = "Der Parameter „fetch“ fehlt. Medien werden mit fetch=children:/ (oberste Ebene), children:/pfad/ oder children:{id} abgefragt.";
            }

            return DeliveryFetch.Everything;
        }

        var colon = fetch.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : fetch[..colon].Trim().ToLowerInvariant();
        var target = colon < 0 ? "" : fetch[(colon + 1)..].Trim();
        FetchKind? parsed = kind switch
        {
            "children" => FetchKind.Children,
            "ancestors" when !media => FetchKind.Ancestors,
            "descendants" when !media => FetchKind.Descendants,
            _ => null,
        };
        if (parsed is null || target.Length == 0)
        {
            errors["fetch"] = media
                ? $"Der Parameter „fetch“ hat den Wert „{fetch}“; möglich ist children:/pfad/ oder children:{{id}}."
                : $"Der Parameter „fetch“ hat den Wert „{fetch}“; möglich sind children:, ancestors: und descendants:, jeweils mit einer Id oder einem Pfad (z. B. children:/).";
            return DeliveryFetch.Everything;
        }

        return new DeliveryFetch(parsed.Value, target);
    }

    private static DeliveryFilter? ParseFilter(string filter, bool media)
    {
        var text = filter.Trim();
        foreach (var (name, field) in new[] { ("createDate", FilterField.CreateDate), ("updateDate", FilterField.UpdateDate) })
        {
            if (!media && text.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                var rest = text[name.Length..];
                (FilterOperator Op, int Length)? op = rest.StartsWith(">=", StringComparison.Ordinal) ? (FilterOperator.GreaterThanOrEqual, 2)
                    : rest.StartsWith("<=", StringComparison.Ordinal) ? (FilterOperator.LessThanOrEqual, 2)
                    : rest.StartsWith('>') ? (FilterOperator.GreaterThan, 1)
                    : rest.StartsWith('<') ? (FilterOperator.LessThan, 1)
                    : null;
                if (op is null || !DateTime.TryParse(rest[op.Value.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                {
                    return null;
                }

                return new DeliveryFilter(field, op.Value.Op, rest[op.Value.Length..], date);
            }
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var key = text[..colon].Trim();
        var value = text[(colon + 1)..].Trim();
        var negate = value.StartsWith('!');
        if (negate)
        {
            value = value[1..].Trim();
        }

        if (value.Length == 0)
        {
            return null;
        }

        if (key.Equals(media ? "mediaType" : "contentType", StringComparison.OrdinalIgnoreCase))
        {
            return new DeliveryFilter(FilterField.ContentType, negate ? FilterOperator.IsNot : FilterOperator.Is, value);
        }

        return key.Equals("name", StringComparison.OrdinalIgnoreCase)
            ? new DeliveryFilter(FilterField.Name, negate ? FilterOperator.DoesNotContain : FilterOperator.Contains, value)
            : null;
    }

    private static DeliverySort? ParseSort(string sort, bool media)
    {
        var parts = sort.Split(':', 2, StringSplitOptions.TrimEntries);
        SortField? field = parts[0].ToLowerInvariant() switch
        {
            "createdate" => SortField.CreateDate,
            "updatedate" => SortField.UpdateDate,
            "name" => SortField.Name,
            "sortorder" => SortField.SortOrder,
            "level" when !media => SortField.Level,
            _ => null,
        };
        if (field is null)
        {
            return null;
        }

        var direction = parts.Length > 1 ? parts[1].ToLowerInvariant() : "asc";
        return direction switch
        {
            "asc" => new DeliverySort(field.Value, false),
            "desc" => new DeliverySort(field.Value, true),
            _ => null,
        };
    }

    private static int ParseNumber(string name, string? value, int fallback, int min, int max, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[name] = $"Der Parameter „{name}“ muss eine ganze Zahl von {min} bis {max} sein (Wert: „{value}“).";
        return fallback;
    }
}

/// <summary>The parsed query, or the problems keyed by parameter name.</summary>
public sealed record DeliveryQueryResult(DeliveryQuery? Query, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Query is not null;
}
