using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;
using static Initiativenberatung.IntegrationTests.DeliveryApi.DeliveryApiClient;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// The Delivery API's output cache key keeps the order of repeated query values: <c>?id=A&amp;id=B</c> and
/// <c>?id=B&amp;id=A</c> (or two <c>sort</c> values) are different answers, never one cached for the other.
/// </summary>
[TestFixture]
public sealed class DeliveryCacheKeyTests
{
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = CreateSite();
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Answers_in_request_order_When_the_same_ids_were_cached_in_another_order()
    {
        var first = await _client.GetJsonAsync($"content/items?id={Survey}&id={Home}");
        var second = await _client.GetJsonAsync($"content/items?id={Home}&id={Survey}");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(first), Is.EqualTo(new[] { Survey.ToString(), Home.ToString() }));
            Assert.That(Ids(second), Is.EqualTo(new[] { Home.ToString(), Survey.ToString() }));
        });
    }

    [Test]
    public async Task Sorts_by_the_first_sort_value_When_the_same_sort_values_were_cached_in_another_order()
    {
        var byName = await _client.GetJsonAsync("content?sort=name:desc&sort=level:desc");
        var byLevel = await _client.GetJsonAsync("content?sort=level:desc&sort=name:desc");
        var names = byName.GetProperty("items").EnumerateArray().Select(i => i.Str("name")).ToArray();
        var levels = byLevel.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("route").Str("path").Count(c => c == '/')).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Ordered.Descending.Using((IComparer<string>)StringComparer.OrdinalIgnoreCase));
            Assert.That(levels, Is.Ordered.Descending);
            Assert.That(Ids(byLevel.GetProperty("items")), Is.Not.EqualTo(Ids(byName.GetProperty("items"))), "the two orders differ on the seeded content");
        });
    }

    private static string[] Ids(JsonElement items) => items.EnumerateArray().Select(i => i.Str("id")).ToArray();
}
