using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Web.BackOffice.Forms;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Forms;

[TestFixture]
public sealed class EntriesQueryTests
{
    private static EntriesQuery Query(FormEntrySort sort) => new("2026-01-01", "2026-01-31", null, null, [], sort, null);

    [TestCase("", FormEntrySort.NewestFirst)]
    [TestCase("desc", FormEntrySort.NewestFirst)]
    [TestCase("asc", FormEntrySort.OldestFirst)]
    [TestCase("id-asc", FormEntrySort.IdAscending)]
    [TestCase("ID-DESC", FormEntrySort.IdDescending)]
    [TestCase("state-asc", FormEntrySort.StateAscending)]
    [TestCase("state-desc", FormEntrySort.StateDescending)]
    [TestCase("drop table", FormEntrySort.NewestFirst)]
    public void Parses_the_sort_and_writes_it_back_When_the_query_string_has_one(string text, FormEntrySort expected)
    {
        var sort = EntriesQuery.ParseSort(text);

        Assert.That(sort, Is.EqualTo(expected));
        Assert.That(EntriesQuery.ParseSort(EntriesQuery.FormatSort(sort)), Is.EqualTo(sort));
    }

    [TestCase(FormEntrySort.NewestFirst, "date", FormEntrySort.OldestFirst, "descending")]
    [TestCase(FormEntrySort.OldestFirst, "date", FormEntrySort.NewestFirst, "ascending")]
    [TestCase(FormEntrySort.NewestFirst, "id", FormEntrySort.IdDescending, "none")]
    [TestCase(FormEntrySort.IdDescending, "id", FormEntrySort.IdAscending, "descending")]
    [TestCase(FormEntrySort.IdDescending, "state", FormEntrySort.StateAscending, "none")]
    [TestCase(FormEntrySort.StateAscending, "state", FormEntrySort.StateDescending, "ascending")]
    [TestCase(FormEntrySort.StateDescending, "date", FormEntrySort.NewestFirst, "none")]
    public void Toggles_the_direction_on_the_sorted_column_and_starts_others_at_their_default_When_a_header_is_clicked(
        FormEntrySort current, string column, FormEntrySort next, string ariaSort)
    {
        var query = Query(current);

        Assert.That(query.Toggle(column), Is.EqualTo(next));
        Assert.That(query.AriaSort(column), Is.EqualTo(ariaSort));
    }

    [TestCase(FormEntryState.Submitted)]
    [TestCase(FormEntryState.Approved)]
    public void Reads_back_the_same_cursor_When_it_was_written_with_a_state(FormEntryState state)
    {
        var cursor = new FormEntryCursor(new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc), 42, state);

        Assert.That(EntriesQuery.ParseCursor(EntriesQuery.FormatCursor(cursor)), Is.EqualTo(cursor));
    }

    [TestCase("1-2-9")]
    [TestCase("1-2-x")]
    [TestCase("1-2-3-4")]
    [TestCase("abc")]
    public void Ignores_the_cursor_When_it_is_malformed(string text) =>
        Assert.That(EntriesQuery.ParseCursor(text), Is.Null);

    [Test]
    public void Keeps_the_sort_in_the_query_string_When_it_is_not_the_default() =>
        Assert.That(Query(FormEntrySort.StateDescending).ToQueryString(), Does.Contain("sort=state-desc"));
}
