using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Media;

/// <summary>Trashing or deleting media asks first (a GET page that posts), naming what stops being served and where it is used.</summary>
[TestFixture]
public sealed class MediaConfirmationTests
{
    private const string Editor = "medien-bestaetigung@example.org";
    private const string Home = "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30";
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _editor = null!;

    [SetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        _editor = await _factory.SignedInClientAsync(Editor);
    }

    [TearDown]
    public void StopSite()
    {
        _editor.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Names_the_folder_contents_and_the_published_pages_using_them_When_a_folder_is_about_to_be_trashed()
    {
        var folder = MediaTestData.LogosFolderKey;
        var inFolder = (await _factory.MediaAsync()).Count(m => m.ParentKey == folder) + 1;
        var edit = $"/umbraco/media/edit/{folder}";

        using var unconfirmed = await _editor.PostFormAsync(edit, new Dictionary<string, string>(), edit + "?handler=Trash");
        var document = new HtmlParser().ParseDocument(await _editor.GetStringAsync(new Uri(unconfirmed.Headers.Location!.OriginalString, UriKind.Relative)));
        var trashedBefore = (await _factory.MediaAsync()).Single(m => m.Key == folder).Trashed;
        using var confirmed = await _editor.PostFormAsync(unconfirmed.Headers.Location!.OriginalString, new Dictionary<string, string> { ["confirmed"] = "true" }, edit + "?handler=Trash");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(unconfirmed.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/media/confirm/{folder:D}/trash"));
            Assert.That(trashedBefore, Is.False, "nothing happens before confirming");
            Assert.That(document.QuerySelector("h1")?.TextContent, Is.EqualTo("„Logos“ in den Papierkorb legen?"));
            Assert.That(document.QuerySelector("#media-confirm-heading")?.TextContent, Is.EqualTo($"Damit sind {inFolder} Einträge nicht mehr öffentlich abrufbar:"));
            Assert.That(document.QuerySelector("main h3")?.TextContent, Is.EqualTo("Verwendet auf 1 veröffentlichten Seite:"));
            Assert.That(document.QuerySelector($"main a[href='/umbraco/content/edit/{Home}']"), Is.Not.Null, "the home page shows the logos");
            Assert.That(document.QuerySelector("main form[method='post']")?.GetAttribute("action"), Is.EqualTo(edit + "?handler=Trash"));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await _factory.MediaAsync()).Single(m => m.Key == folder).Trashed, Is.True);
        }
    }

    [Test]
    public async Task Asks_before_deleting_for_good_When_delete_is_posted_from_the_recycle_bin_without_confirmation()
    {
        var key = MediaTestData.RoundTableKey;
        var edit = $"/umbraco/media/edit/{key}";
        using (await _editor.PostFormAsync(edit, new Dictionary<string, string> { ["confirmed"] = "true" }, edit + "?handler=Trash"))
        {
        }

        using var unconfirmed = await _editor.PostFormAsync("/umbraco/media/recycle-bin", new Dictionary<string, string>(), $"/umbraco/media/recycle-bin?handler=Delete&key={key}");
        var html = await _editor.GetStringAsync(new Uri($"/umbraco/media/confirm/{key:D}/delete", UriKind.Relative));
        var stillThere = (await _factory.MediaAsync()).Any(m => m.Key == key);
        using var notTrashed = await _editor.GetAsync(new Uri($"/umbraco/media/confirm/{MediaTestData.InfosheetKey:D}/delete", UriKind.Relative));
        using var unknown = await _editor.GetAsync(new Uri($"/umbraco/media/confirm/{key:D}/verschenken", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unconfirmed.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/media/confirm/{key:D}/delete"));
            Assert.That(stillThere, Is.True);
            Assert.That(html, Does.Contain("Damit wird 1 Eintrag endgültig gelöscht.").And.Contain("Ja, endgültig löschen"));
            Assert.That(notTrashed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "only items in the recycle bin can be deleted");
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }
}
