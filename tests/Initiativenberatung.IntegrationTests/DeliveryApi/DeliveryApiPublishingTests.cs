using Initiativenberatung.Core.Auditing;
using System.Net;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Initiativenberatung.IntegrationTests.DeliveryApi.DeliveryApiClient;

namespace Initiativenberatung.IntegrationTests.DeliveryApi;

/// <summary>Drafts, publishing and redirects as the Delivery API shows them (a fresh site per test).</summary>
[TestFixture]
public sealed class DeliveryApiPublishingTests
{
    private static readonly Actor Editor = new(null, "test@example.org");
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartSite()
    {
        _factory = CreateSite();
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [TearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Shows_a_draft_only_with_preview_and_key_and_never_to_a_public_caller_When_it_is_saved()
    {
        var publicBefore = await _client.GetJsonAsync($"content/item/{Survey}"); // now in the output cache
        var saved = await SaveSurveyHeadlineAsync("Entwurf: Neue Überschrift", publish: false);

        // A preview of a URL nobody asked for publicly yet: if it were stored, the public call below would get it.
        using var previewResponse = await _client.SendAsync("content/item/umfrage/", ("Preview", "true"), ("Api-Key", ApiKey));
        var previewByPath = await _client.GetJsonAsync("content/item/umfrage/", 200, ("Preview", "true"), ("Api-Key", ApiKey));
        var publicByPath = await _client.GetJsonAsync("content/item/umfrage/");
        var publicById = await _client.GetJsonAsync($"content/item/{Survey}");
        var publicWithKey = await _client.GetJsonAsync("content/item/umfrage/", 200, ("Api-Key", ApiKey));
        var previewAgain = await _client.GetJsonAsync($"content/item/{Survey}", 200, ("Preview", "true"), ("Api-Key", ApiKey));
        var publicAfter = await _client.GetJsonAsync("content/item/umfrage/");
        await SaveSurveyHeadlineAsync("Entwurf: Zweite Fassung", publish: false);
        var secondPreview = await _client.GetJsonAsync("content/item/umfrage/", 200, ("Preview", "true"), ("Api-Key", ApiKey));

        static string? Headline(System.Text.Json.JsonElement content) => content.Props().GetProperty("headline").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(saved.Errors, Is.Empty);
            Assert.That(Headline(publicBefore), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"));
            Assert.That(previewResponse.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(Headline(previewByPath), Is.EqualTo("Entwurf: Neue Überschrift"));
            Assert.That(Headline(previewAgain), Is.EqualTo("Entwurf: Neue Überschrift"));
            Assert.That(Headline(publicByPath), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"), "the preview answer was not cached");
            Assert.That(Headline(publicById), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"));
            Assert.That(Headline(publicWithKey), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"), "a key alone shows no drafts");
            Assert.That(Headline(publicAfter), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"));
            Assert.That(Headline(secondPreview), Is.EqualTo("Entwurf: Zweite Fassung"), "preview answers are never cached");
        });
    }

    [Test]
    public async Task Shows_the_new_value_at_once_When_a_cached_document_is_published()
    {
        using var first = await _client.SendAsync($"content/item/{Survey}");
        var sqlBefore = _factory.SqlCommands.Count;
        using var cached = await _client.SendAsync($"content/item/{Survey}");
        var sqlForCachedAnswer = _factory.SqlCommands.Count - sqlBefore;
        var result = await SaveSurveyHeadlineAsync("Veröffentlicht: Neue Überschrift", publish: true);
        var after = await _client.GetJsonAsync($"content/item/{Survey}");
        var children = await _client.GetJsonAsync("content?fetch=children:/");

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Is.Empty);
            Assert.That(sqlForCachedAnswer, Is.Zero);
            Assert.That(cached.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(after.Props().GetProperty("headline").GetString(), Is.EqualTo("Veröffentlicht: Neue Überschrift"), "publish evicts the cached answer");
            Assert.That(children.GetProperty("items")[0].Props().GetProperty("headline").GetString(), Is.EqualTo("Veröffentlicht: Neue Überschrift"));
        });
    }

    [Test]
    public async Task Answers_301_with_the_start_item_headers_When_an_old_path_is_requested()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.RedirectUrls.Add(new RedirectUrl { Route = "/alte-umfrage/", ContentKey = Survey, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await _factory.Services.GetRequiredService<PublishedSnapshotService>().RebuildAsync();
        using var response = await _client.SendAsync("content/item/alte-umfrage/");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/umfrage/"));
            Assert.That(response.Headers.GetValues("Location-Start-Item-Path").Single(), Is.EqualTo("zusammenarbeit-von-kommunen-und-initiativen"));
            Assert.That(response.Headers.GetValues("Location-Start-Item-Id").Single(), Is.EqualTo(Home.ToString()));
        });
    }

    [Test]
    public async Task Shows_the_changed_form_definition_When_the_form_is_saved_in_the_form_builder()
    {
        const string Path = "content/item/umfrage/?expand=properties[form]";
        var before = await _client.GetJsonAsync(Path); // now in the output cache
        var builder = _factory.Services.GetRequiredService<Initiativenberatung.Infrastructure.Forms.Definitions.FormBuilderService>();
        var form = (await builder.GetAsync(SurveyForm))!;
        form.SubmitLabel = "Antworten senden";
        var saved = await builder.SaveAsync(form, created: false, Editor);
        var after = await _client.GetJsonAsync(Path);

        static string SubmitLabel(System.Text.Json.JsonElement page) => page.Props().GetProperty("form").GetProperty("form").Str("submitLabel");
        Assert.Multiple(() =>
        {
            Assert.That(saved.Errors, Is.Empty);
            Assert.That(SubmitLabel(before), Is.Not.EqualTo("Antworten senden"));
            Assert.That(SubmitLabel(after), Is.EqualTo("Antworten senden"), "a form save evicts the cached answer");
        });
    }

    private async Task<ContentOperationResult> SaveSurveyHeadlineAsync(string headline, bool publish)
    {
        var survey = _factory.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current.GetByKey(Survey)!;
        var values = survey.Properties.ToDictionary(p => p.Key, p => p.Value.RawValue, StringComparer.Ordinal);
        values["headline"] = headline;
        var command = new SaveContentCommand(survey.Key, survey.ParentKey, survey.ContentTypeAlias, survey.Name, values);
        var content = _factory.Services.GetRequiredService<ContentService>();
        return publish ? await content.SaveAndPublishAsync(command, Editor) : await content.SaveAsync(command, Editor);
    }
}
