using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Media;

/// <summary>
/// „Datei ersetzen“ keeps the public URL of a media item: the old address serves the new bytes with a new ETag and
/// caches must revalidate; a file of another format moves to a sibling address and the old one answers 301; the
/// Delivery API and uSync export/import follow. The tests share one site and measure relative to the state they find.
/// </summary>
[TestFixture]
public sealed class MediaReplacementTests
{
    private const string Editor = "ersetzen@example.org";
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _editor = null!;
    private HttpClient _visitor = null!;

    /// <summary>A valid 1×1 GIF.</summary>
    private static readonly byte[] Gif =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9,
        0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        _editor = await _factory.SignedInClientAsync(Editor);
        _visitor = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _visitor.Dispose();
        _editor.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Serves_the_new_bytes_at_the_old_url_When_the_infosheet_is_replaced_through_the_back_office()
    {
        var oldHref = await InfosheetHrefAsync();
        using var before = await GetAsync(oldHref);
        var oldTag = before.Headers.ETag;
        var newPdf = MediaTestData.Pdf("Neue Fassung " + Guid.NewGuid().ToString("N"), 7000);

        using var replaced = await _editor.ReplaceAsync(MediaTestData.InfosheetKey, "Infoblatt Klimaschutz 2027.pdf", newPdf);

        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await replaced.Content.ReadAsStringAsync());
        using var after = await GetAsync(oldHref);
        var served = await after.Content.ReadAsByteArrayAsync();
        using var staleRevalidation = await GetAsync(oldHref, ifNoneMatch: oldTag);
        using var freshRevalidation = await GetAsync(oldHref, ifNoneMatch: after.Headers.ETag);
        var item = (await _factory.MediaAsync()).Single(m => m.Key == MediaTestData.InfosheetKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await InfosheetHrefAsync(), Is.EqualTo(oldHref), "the page links the same address");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old address still answers");
            Assert.That(served, Is.EqualTo(newPdf), "the old address serves the new bytes");
            Assert.That(after.Headers.ETag, Is.Not.Null.And.Not.EqualTo(oldTag), "a new ETag");
            Assert.That(after.Headers.CacheControl?.NoCache, Is.True, "caches must revalidate before reusing a media file");
            Assert.That(before.Headers.CacheControl?.MaxAge, Is.Null, "no lifetime during which a cache could serve the old bytes");
            Assert.That(staleRevalidation.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a cache holding the old file gets the new one");
            Assert.That(await staleRevalidation.Content.ReadAsByteArrayAsync(), Is.EqualTo(newPdf));
            Assert.That(freshRevalidation.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "a cache holding the new file keeps it");
            Assert.That("/media/" + item.FilePath, Is.EqualTo(oldHref), "the stored path is kept");
            Assert.That(_factory.StoredFiles().Where(f => f.StartsWith(item.FilePath!.Split('/')[0] + "/", StringComparison.Ordinal)),
                Is.EqualTo(new[] { item.FilePath }), "one file in the item's folder");
            Assert.That(item.Name, Is.EqualTo("Klimaschutz lokal stärken"), "the name is kept");
        }

        var audit = await _factory.AuditAsync(MediaTestData.InfosheetKey);
        Assert.That(audit.Select(a => (a.Action, a.UserName)), Does.Contain((AuditActions.ReplaceFile, Editor)));
    }

    [Test]
    public async Task Keeps_the_media_url_in_the_delivery_api_When_the_infosheet_is_replaced()
    {
        var before = await DeliveryMediaAsync(MediaTestData.InfosheetKey);
        var newPdf = MediaTestData.Pdf("API " + Guid.NewGuid().ToString("N"), 3100);

        using (await _editor.ReplaceAsync(MediaTestData.InfosheetKey, "neu.pdf", newPdf))
        {
        }

        var after = await DeliveryMediaAsync(MediaTestData.InfosheetKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("url").GetString(), Is.EqualTo(before.GetProperty("url").GetString()));
            Assert.That(after.GetProperty("bytes").GetInt64(), Is.EqualTo(newPdf.Length), "metadata of the new file");
        }
    }

    [Test]
    public async Task Redirects_the_old_url_permanently_When_an_image_is_replaced_by_another_format()
    {
        var name = "Bild " + Guid.NewGuid().ToString("N")[..8];
        using (await _editor.UploadAsync(null, name + ".png", MediaTestData.Png))
        {
        }

        var uploaded = (await _factory.MediaAsync()).Single(m => m.Name == name);
        using var published = await GetAsync(uploaded.Url!);
        using var replaced = await _editor.ReplaceAsync(uploaded.Key, "anders.gif", Gif);

        var item = (await _factory.MediaAsync()).Single(m => m.Key == uploaded.Key);
        using var old = await GetAsync(uploaded.Url!);
        using var current = await GetAsync(item.Url!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the PNG was served");
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await replaced.Content.ReadAsStringAsync());
            Assert.That(item.FilePath, Is.EqualTo(uploaded.FilePath![..^".png".Length] + ".gif"), "same folder and stem, new extension");
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently), "the old address moves on");
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo(item.Url));
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(current.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/gif"));
            Assert.That(File.Exists(_factory.StoredPath(uploaded.FilePath!)), Is.False, "the PNG is removed from the store");
        }
    }

    [Test]
    public async Task Round_trips_the_replaced_file_at_its_address_When_the_media_is_exported_and_imported()
    {
        var href = await InfosheetHrefAsync();
        var storePath = href["/media/".Length..];
        var first = MediaTestData.Pdf("Export " + Guid.NewGuid().ToString("N"), 4000);
        using (await _editor.ReplaceAsync(MediaTestData.InfosheetKey, "export.pdf", first))
        {
        }

        var folder = Path.Combine(_factory.TempDirectory, "usync-export-" + Guid.NewGuid().ToString("N")[..8]);
        await using var scope = _factory.Services.CreateAsyncScope();
        var usync = scope.ServiceProvider.GetRequiredService<UsyncService>();
        var export = await usync.ExportAsync(folder);
        var exportedFile = Path.Combine(folder, UsyncService.FilesFolder, storePath.Replace('/', Path.DirectorySeparatorChar));
        var exportedBytes = await File.ReadAllBytesAsync(exportedFile);
        var config = await File.ReadAllTextAsync(Path.Combine(folder, "Media", "klimaschutz-lokal-staerken.config"));
        var report = await usync.ReportAsync(folder);

        // Someone changes the file in the exported folder (e.g. in git) and imports it: same address, those bytes.
        var second = MediaTestData.Pdf("Import " + Guid.NewGuid().ToString("N"), 4500);
        await File.WriteAllBytesAsync(exportedFile, second);
        var import = await usync.ImportAsync(folder);
        using var served = await GetAsync(href);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(export.HasFailures, Is.False, export.Summary());
            Assert.That(exportedBytes, Is.EqualTo(first), "the export holds the new bytes under the unchanged path");
            Assert.That(config, Does.Contain(href), "umbracoFile names the unchanged address");
            Assert.That(report.Items.Where(i => i.Key == MediaTestData.InfosheetKey).Select(i => i.Change), Is.All.EqualTo(UsyncChangeKind.NoChange),
                "the export matches the site");
            Assert.That(import.HasFailures, Is.False, import.Summary());
            Assert.That(import.Items.Where(i => i.Key == MediaTestData.InfosheetKey).Select(i => i.Change), Does.Contain(UsyncChangeKind.Update));
            Assert.That(await InfosheetHrefAsync(), Is.EqualTo(href), "the page still links the same address");
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(second), "the address serves the imported bytes");
        }
    }

    private async Task<string> InfosheetHrefAsync()
    {
        var html = await _visitor.GetStringAsync(new Uri("/", UriKind.Relative));
        var href = new HtmlParser().ParseDocument(html).QuerySelector("a.download__link")?.GetAttribute("href");
        Assert.That(href, Is.Not.Null.And.StartsWith("/media/"), "download link of the infosheet on /");
        return href!;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await _visitor.SendAsync(request);
    }

    private async Task<JsonElement> DeliveryMediaAsync(Guid key)
    {
        using var response = await _visitor.GetAsync(new Uri($"/umbraco/delivery/api/v2/media/item/{key}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
