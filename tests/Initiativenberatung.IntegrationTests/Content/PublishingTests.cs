using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>Saving and publishing through the content service, seen from the public site.</summary>
[TestFixture]
public sealed class PublishingTests
{
    private static readonly Actor Editor = new(null, "test@example.org");
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _client = _factory.CreateClient();
    }

    [TearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Shows_new_intro_only_after_publish_When_the_page_is_cached()
    {
        var before = await _client.GetStringAsync(new Uri("/", UriKind.Relative));
        var home = Home();
        var values = RawValues(home);
        values["intro"] = "Ein neuer Einleitungstext für den Test.";

        var saved = await Content().SaveAsync(Command(home, values), Editor);
        var afterDraft = await _client.GetStringAsync(new Uri("/", UriKind.Relative));
        var published = await Content().SaveAndPublishAsync(Command(home, values), Editor);
        var afterPublish = await _client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(saved.Errors, Is.Empty);
            Assert.That(published.Errors, Is.Empty);
            Assert.That(before, Does.Not.Contain("Ein neuer Einleitungstext"));
            Assert.That(afterDraft, Does.Not.Contain("Ein neuer Einleitungstext"), "a draft is never visible to visitors");
            Assert.That(afterPublish, Does.Contain("Ein neuer Einleitungstext für den Test."), "publish evicts the cached page");
        });
    }

    [Test]
    public async Task Strips_script_and_event_handlers_When_rich_text_is_published()
    {
        var survey = Snapshot().GetByRoute("/umfrage/")!;
        var values = RawValues(survey);
        values["intro"] = "<p>Hallo<script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">Link</a></p>";

        var result = await Content().SaveAndPublishAsync(Command(survey, values), Editor);
        var html = await _client.GetStringAsync(new Uri("/umfrage/", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Is.Empty);
            Assert.That(html, Does.Contain("Hallo"));
            Assert.That(html, Does.Not.Contain("alert("));
            Assert.That(html, Does.Not.Contain("onerror"));
            Assert.That(html, Does.Not.Contain("javascript:"));
        });
    }

    [Test]
    public async Task Names_the_property_in_German_When_a_mandatory_value_is_missing()
    {
        var home = Home();
        var values = RawValues(home);
        values["headline"] = "  ";

        var result = await Content().SaveAndPublishAsync(Command(home, values), Editor);
        var html = await _client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.False);
            Assert.That(result.Errors.Select(e => e.PropertyAlias), Does.Contain("headline"));
            Assert.That(result.Errors.Single(e => e.PropertyAlias == "headline").Message, Does.Contain("Pflichtfeld"));
            Assert.That(html, Does.Contain("Zusammenarbeit von Kommunen und Initiativen"), "nothing stored is lost");
        });
    }

    [Test]
    public async Task Hides_a_page_and_its_menu_entry_When_it_is_unpublished()
    {
        var survey = Snapshot().GetByRoute("/umfrage/")!;

        await Content().UnpublishAsync(survey.Key, Editor);
        using var response = await _client.GetAsync(new Uri("/umfrage/", UriKind.Relative));
        var home = await _client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(404));
            Assert.That(home, Does.Not.Contain("href=\"/umfrage/\""));
        });
    }

    private ContentService Content() => _factory.Services.GetRequiredService<ContentService>();

    private PublishedSnapshot Snapshot() => _factory.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    private PublishedContent Home() => Snapshot().GetByRoute("/") ?? throw new AssertionException("No published home page.");

    private static Dictionary<string, string?> RawValues(PublishedContent content) =>
        content.Properties.ToDictionary(p => p.Key, p => p.Value.RawValue, StringComparer.Ordinal);

    private static SaveContentCommand Command(PublishedContent content, Dictionary<string, string?> values) =>
        new(content.Key, content.ParentKey, content.ContentTypeAlias, content.Name, values);
}
