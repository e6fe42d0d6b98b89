using Initiativenberatung.Core.Auditing;
using System.Globalization;
using System.Security.Claims;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Microsoft.Extensions.Primitives;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>
/// The filter of the entries list as it travels in the query string (<c>from</c>, <c>to</c>, <c>state</c>, <c>q</c>,
/// <c>ids</c>, <c>sort</c>, <c>cols</c>), so the list, its pages, the export and the delete confirmation share it. Dates
/// are <c>yyyy-MM-dd</c>; <c>to</c> is inclusive. A missing <c>from</c>/<c>to</c> means the last month; an empty one, no bound.
/// </summary>
public sealed record EntriesQuery(
    string? From,
    string? To,
    string? State,
    string? Text,
    IReadOnlyList<long> Ids,
    FormEntrySort Sort,
    IReadOnlyList<string>? Columns)
{
    /// <summary>Field errors (field name → German message); an invalid value is ignored, never a 500.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public static EntriesQuery Parse(IQueryCollection query, TimeProvider clock, Func<string, string> text)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = query.TryGetValue("from", out var f) ? f.ToString().Trim() : today.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = query.TryGetValue("to", out var t) ? t.ToString().Trim() : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = ParseIds(query["ids"]);
        var sort = ParseSort(query["sort"].ToString());
        var cols = query.TryGetValue("cols", out var c) ? c.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : null;
        var result = new EntriesQuery(from, to, query["state"].ToString(), query["q"].ToString(), ids, sort, cols);
        if (result.FromDate() is null && !string.IsNullOrEmpty(from))
        {
            result.Errors["from"] = text("Entries.Error.From");
        }

        if (result.ToDate() is null && !string.IsNullOrEmpty(to))
        {
            result.Errors["to"] = text("Entries.Error.To");
        }

        if (!string.IsNullOrEmpty(result.State) && result.StateValue() is null)
        {
            result.Errors["state"] = text("Entries.Error.State");
        }

        return result;
    }

    public DateOnly? FromDate() => ParseDate(From);

    public DateOnly? ToDate() => ParseDate(To);

    public FormEntryState? StateValue() =>
        Enum.TryParse<FormEntryState>(State, ignoreCase: false, out var s) && Enum.IsDefined(s) && !int.TryParse(State, out _) ? s : null;

    /// <summary>The store filter (with or without the selected ids).</summary>
    public FormEntryFilter ToFilter(bool withIds = true) => new(
        StartOf(FromDate()),
        EndOf(ToDate()),
        StateValue(),
        string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        withIds && Ids.Count > 0 ? Ids : null);

    /// <summary>The first moment (UTC) of an inclusive start day.</summary>
    public static DateTime? StartOf(DateOnly? from) => from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// The exclusive upper bound (UTC) of an inclusive end day: the next midnight. The last representable day
    /// (9999-12-31) has no next midnight and means "no upper bound".
    /// </summary>
    public static DateTime? EndOf(DateOnly? to) =>
        to is { } day && day < DateOnly.MaxValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

    /// <summary>The query string of this filter (without cursor), e.g. for export and paging links.</summary>
    public string ToQueryString(bool withIds = false, bool withColumns = true, bool withSort = true)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("from", From ?? ""),
            new("to", To ?? ""),
        };
        if (!string.IsNullOrEmpty(State))
        {
            parts.Add(new("state", State));
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            parts.Add(new("q", Text));
        }

        if (withSort && Sort != FormEntrySort.NewestFirst)
        {
            parts.Add(new("sort", FormatSort(Sort)));
        }

        if (withColumns && Columns is { Count: 0 })
        {
            parts.Add(new("cols", ""));
        }

        if (withColumns && Columns is not null)
        {
            parts.AddRange(Columns.Select(c => new KeyValuePair<string, string?>("cols", c)));
        }

        if (withIds && Ids.Count > 0)
        {
            parts.Add(new("ids", string.Join(',', Ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }

    /// <summary>Ids as <c>ids=1,2</c> or repeated <c>ids=1&amp;ids=2</c>; anything not a positive number is skipped.</summary>
    public static IReadOnlyList<long> ParseIds(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .Distinct()
            .Take(10_000)
            .ToList();

    /// <summary>
    /// Sort in the query string: <c>desc</c> (default, newest first), <c>asc</c>, <c>id-asc</c>, <c>id-desc</c>,
    /// <c>state-asc</c>, <c>state-desc</c>; anything else is the default.
    /// </summary>
    public static FormEntrySort ParseSort(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "asc" => FormEntrySort.OldestFirst,
        "id-asc" => FormEntrySort.IdAscending,
        "id-desc" => FormEntrySort.IdDescending,
        "state-asc" => FormEntrySort.StateAscending,
        "state-desc" => FormEntrySort.StateDescending,
        _ => FormEntrySort.NewestFirst,
    };

    public static string FormatSort(FormEntrySort sort) => sort switch
    {
        FormEntrySort.OldestFirst => "asc",
        FormEntrySort.IdAscending => "id-asc",
        FormEntrySort.IdDescending => "id-desc",
        FormEntrySort.StateAscending => "state-asc",
        FormEntrySort.StateDescending => "state-desc",
        _ => "desc",
    };

    /// <summary>The column a sort belongs to: <c>date</c>, <c>id</c> or <c>state</c>.</summary>
    public static string SortColumn(FormEntrySort sort) => sort switch
    {
        FormEntrySort.IdAscending or FormEntrySort.IdDescending => "id",
        FormEntrySort.StateAscending or FormEntrySort.StateDescending => "state",
        _ => "date",
    };

    /// <summary>The sort a click on a column header gives: the other direction on the sorted column, else that column's default.</summary>
    public FormEntrySort Toggle(string column) => (column, SortColumn(Sort) == column, Sort.IsDescending()) switch
    {
        ("id", true, true) => FormEntrySort.IdAscending,
        ("id", _, _) => FormEntrySort.IdDescending,
        ("state", true, false) => FormEntrySort.StateDescending,
        ("state", _, _) => FormEntrySort.StateAscending,
        (_, true, true) => FormEntrySort.OldestFirst,
        _ => FormEntrySort.NewestFirst,
    };

    /// <summary><c>aria-sort</c> of a column header.</summary>
    public string AriaSort(string column) =>
        SortColumn(Sort) != column ? "none" : Sort.IsDescending() ? "descending" : "ascending";

    /// <summary>Cursor text <c>&lt;ticks&gt;-&lt;id&gt;</c>, or <c>&lt;ticks&gt;-&lt;id&gt;-&lt;state&gt;</c> when the state is not the first.</summary>
    public static string FormatCursor(FormEntryCursor cursor) => cursor.State == FormEntryState.Submitted
        ? string.Create(CultureInfo.InvariantCulture, $"{cursor.SubmittedOn.Ticks}-{cursor.Id}")
        : string.Create(CultureInfo.InvariantCulture, $"{cursor.SubmittedOn.Ticks}-{cursor.Id}-{(int)cursor.State}");

    public static FormEntryCursor? ParseCursor(string? text)
    {
        var parts = (text ?? "").Split('-');
        var state = 0;
        return parts.Length is 2 or 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && (parts.Length == 2 || (int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out state) && Enum.IsDefined((FormEntryState)state)))
            ? new FormEntryCursor(new DateTime(ticks, DateTimeKind.Utc), id, (FormEntryState)state)
            : null;
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

internal static class FormsActor
{
    /// <summary>The signed-in user as the actor of the audit trail.</summary>
    public static Actor ToFormsActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(ClaimTypes.Name) ?? user.Identity?.Name ?? "");
}
