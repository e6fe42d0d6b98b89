using Initiativenberatung.Core.Delivery;

namespace Initiativenberatung.UnitTests.Core.Delivery;

[TestFixture]
public sealed class DeliveryQueryParserTests
{
    [Test]
    public void Returns_all_items_ten_at_a_time_When_no_parameter_is_given()
    {
        var result = DeliveryQueryParser.ParseContent(null, null, null, null, null);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Query!.Fetch.Kind, Is.EqualTo(FetchKind.All));
            Assert.That(result.Query.Skip, Is.Zero);
            Assert.That(result.Query.Take, Is.EqualTo(10));
            Assert.That(result.Query.Filters, Is.Empty);
            Assert.That(result.Query.Sorts, Is.Empty);
        });
    }

    [TestCase("children:/", FetchKind.Children, "/")]
    [TestCase("ancestors:8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51", FetchKind.Ancestors, "8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51")]
    [TestCase("descendants:/umfrage/", FetchKind.Descendants, "/umfrage/")]
    [TestCase("Children: /", FetchKind.Children, "/")]
    public void Reads_kind_and_target_When_fetch_is_given(string fetch, FetchKind kind, string target)
    {
        var query = DeliveryQueryParser.ParseContent(fetch, null, null, null, null).Query!;

        Assert.That(query.Fetch, Is.EqualTo(new DeliveryFetch(kind, target)));
    }

    [Test]
    public void Reads_filters_and_sorts_in_order_When_several_are_given()
    {
        var query = DeliveryQueryParser.ParseContent(
            null,
            ["contentType:surveyPage", "name:!umfrage", "createDate>2026-01-01"],
            ["level:asc", "name:desc", "sortOrder"],
            "5",
            "20").Query!;

        Assert.Multiple(() =>
        {
            Assert.That(query.Filters[0], Is.EqualTo(new DeliveryFilter(FilterField.ContentType, FilterOperator.Is, "surveyPage")));
            Assert.That(query.Filters[1], Is.EqualTo(new DeliveryFilter(FilterField.Name, FilterOperator.DoesNotContain, "umfrage")));
            Assert.That(query.Filters[2].Field, Is.EqualTo(FilterField.CreateDate));
            Assert.That(query.Filters[2].Operator, Is.EqualTo(FilterOperator.GreaterThan));
            Assert.That(query.Filters[2].Date, Is.EqualTo(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(query.Sorts, Is.EqualTo(new[]
            {
                new DeliverySort(SortField.Level, false), new DeliverySort(SortField.Name, true), new DeliverySort(SortField.SortOrder, false),
            }));
            Assert.That(query.Skip, Is.EqualTo(5));
            Assert.That(query.Take, Is.EqualTo(20));
        });
    }

    [TestCase("siblings:/", null, null, null, null, "fetch")]
    [TestCase("children:", null, null, null, null, "fetch")]
    [TestCase(null, "author:x", null, null, null, "filter")]
    [TestCase(null, "contentType:", null, null, null, "filter")]
    [TestCase(null, "createDate>gestern", null, null, null, "filter")]
    [TestCase(null, null, "title:asc", null, null, "sort")]
    [TestCase(null, null, "name:up", null, null, "sort")]
    [TestCase(null, null, null, "-1", null, "skip")]
    [TestCase(null, null, null, "x", null, "skip")]
    [TestCase(null, null, null, null, "1001", "take")]
    [TestCase(null, null, null, null, "zehn", "take")]
    public void Names_the_parameter_When_a_value_is_invalid(string? fetch, string? filter, string? sort, string? skip, string? take, string parameter)
    {
        var result = DeliveryQueryParser.ParseContent(fetch, filter is null ? null : [filter], sort is null ? null : [sort], skip, take);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Keys, Is.EquivalentTo(new[] { parameter }));
            Assert.That(result.Errors[parameter], Does.Contain("„"));
        });
    }

    [Test]
    public void Requires_children_fetch_and_media_type_filter_When_media_are_queried()
    {
        var missing = DeliveryQueryParser.ParseMedia(null, null, null, null, null);
        var descendants = DeliveryQueryParser.ParseMedia("descendants:/", null, null, null, null);
        var valid = DeliveryQueryParser.ParseMedia("children:/logos/", ["mediaType:Image"], ["name:asc"], null, null);
        var contentFilter = DeliveryQueryParser.ParseMedia("children:/", ["contentType:x"], null, null, null);
        var levelSort = DeliveryQueryParser.ParseMedia("children:/", null, ["level:asc"], null, null);

        Assert.Multiple(() =>
        {
            Assert.That(missing.Errors.Keys, Is.EquivalentTo(new[] { "fetch" }));
            Assert.That(descendants.Errors.Keys, Is.EquivalentTo(new[] { "fetch" }));
            Assert.That(valid.IsValid, Is.True);
            Assert.That(valid.Query!.Filters[0], Is.EqualTo(new DeliveryFilter(FilterField.ContentType, FilterOperator.Is, "Image")));
            Assert.That(contentFilter.Errors.Keys, Is.EquivalentTo(new[] { "filter" }));
            Assert.That(levelSort.Errors.Keys, Is.EquivalentTo(new[] { "sort" }));
        });
    }
}
