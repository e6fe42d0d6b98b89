using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.Media;

/// <summary>
/// The media section through the real app and the real login: permissions, upload rules (names, size, type, SVG
/// sanitizing), file replacement reaching the public page, recycle bin, details and audit trail.
/// The upload limit is lowered to 64 KB so size rules can be tested with small files.
/// </summary>
[TestFixture]
public sealed partial class MediaLibraryTests
{
    private const string Editor = "medien@example.org";
    private const string Staff = "auswertung@example.org";
    private const long Limit = 64 * 1024;
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _editor = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Media:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        _editor = await _factory.SignedInClientAsync(Editor);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _editor.Dispose();
        _factory.Dispose();
    }

    // ------------------------------------------------------------------------------------------ permissions

    [Test]
    public async Task Answers_403_When_a_staff_user_opens_any_media_page_or_handler()
    {
        using var staff = await _factory.SignedInClientAsync(Staff);
        var token = BackOfficeTestClient.AntiforgeryToken(await staff.GetStringAsync(new Uri("/umbraco", UriKind.Relative)))!;
        var key = MediaTestData.InfosheetKey;
        string[] pages = ["/umbraco/media", $"/umbraco/media/{MediaTestData.LogosFolderKey}", $"/umbraco/media/edit/{key}", "/umbraco/media/recycle-bin", "/umbraco/media?view=grid&q=logo"];
        string[] handlers =
        [
            "/umbraco/media?handler=Upload", "/umbraco/media?handler=CreateFolder",
            $"/umbraco/media/{MediaTestData.LogosFolderKey}?handler=Upload",
            $"/umbraco/media/edit/{key}?handler=Save", $"/umbraco/media/edit/{key}?handler=Replace", $"/umbraco/media/edit/{key}?handler=Move",
            $"/umbraco/media/edit/{key}?handler=Trash", $"/umbraco/media/edit/{key}?handler=Restore", $"/umbraco/media/edit/{key}?handler=Delete",
            $"/umbraco/media/recycle-bin?handler=Restore&key={key}", $"/umbraco/media/recycle-bin?handler=Delete&key={key}",
        ];

        var answers = new List<(string, HttpStatusCode)>();
        foreach (var page in pages)
        {
            using var response = await staff.GetAsync(new Uri(page, UriKind.Relative));
            answers.Add(("GET " + page, response.StatusCode));
        }

        foreach (var handler in handlers)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("Neu"), "Name" },
                { new ByteArrayContent(MediaTestData.Pdf("staff")), "files", "staff.pdf" },
            };
            using var response = await staff.PostAsync(new Uri(handler, UriKind.Relative), content);
            answers.Add(("POST " + handler, response.StatusCode));
        }

        Assert.That(answers.Where(a => a.Item2 != HttpStatusCode.Forbidden), Is.Empty, "answers other than 403");
        var infosheet = (await _factory.MediaAsync()).Single(m => m.Key == key);
        Assert.That(infosheet.Trashed, Is.False, "nothing changed");
    }

    [Test]
    public async Task Redirects_to_login_When_the_media_section_is_opened_anonymously()
    {
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync(new Uri("/umbraco/media", UriKind.Relative));

        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/umbraco/login"));
    }

    // ------------------------------------------------------------------------------------------ uploads

    [Test]
    public async Task Stores_pdf_png_and_svg_with_recomputed_metadata_When_an_editor_uploads_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var pdf = MediaTestData.Pdf("upload", 3000);

        using var response = await _editor.UploadAsync(
            MediaTestData.DownloadsFolderKey,
            [($"Bericht {suffix}.pdf", pdf), ($"Foto {suffix}.PNG", MediaTestData.Png), ($"Logo {suffix}.svg", MediaTestData.Svg)]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var media = await _factory.MediaAsync();
        var report = media.Single(m => m.Name == $"Bericht {suffix}");
        var photo = media.Single(m => m.Name == $"Foto {suffix}");
        var logo = media.Single(m => m.Name == $"Logo {suffix}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.MediaTypeAlias, Is.EqualTo(MediaTypeAliases.File));
            Assert.That((report.Extension, report.MimeType, report.Bytes), Is.EqualTo(("pdf", "application/pdf", (long?)3000)));
            Assert.That(report.FilePath, Does.Match($"^[0-9a-f]{{8}}/bericht-{suffix}\\.pdf$"));
            Assert.That(report.ParentKey, Is.EqualTo(MediaTestData.DownloadsFolderKey));
            Assert.That(File.ReadAllBytes(_factory.StoredPath(report.FilePath!)), Is.EqualTo(pdf));
            Assert.That(photo.MediaTypeAlias, Is.EqualTo(MediaTypeAliases.Image));
            Assert.That((photo.Extension, photo.Width, photo.Height, photo.Bytes), Is.EqualTo(("png", (int?)1200, (int?)675, (long?)MediaTestData.Png.Length)));
            Assert.That(photo.FilePath, Does.Match($"^[0-9a-f]{{8}}/foto-{suffix}\\.png$"));
            Assert.That(logo.MediaTypeAlias, Is.EqualTo(MediaTypeAliases.VectorGraphics));
            Assert.That((logo.Extension, logo.Width, logo.Height, logo.MimeType), Is.EqualTo(("svg", (int?)320, (int?)80, "image/svg+xml")));
            Assert.That(logo.FileHash, Has.Length.EqualTo(64));
        }

        var audit = await _factory.AuditAsync(report.Key);
        Assert.That(audit.Select(a => (a.Action, a.UserName, a.EntityType)), Does.Contain((AuditActions.Upload, Editor, "Media")));
    }

    [TestCase("../evil.pdf")]
    [TestCase("..\\evil.pdf")]
    [TestCase("C:\\x.pdf")]
    [TestCase("ordner/evil.pdf")]
    public async Task Rejects_the_upload_with_a_german_message_When_the_file_name_has_path_parts(string name)
    {
        var before = (await _factory.MediaAsync()).Count;
        var files = _factory.StoredFiles();

        using var response = await _editor.UploadAsync(MediaTestData.DownloadsFolderKey, name, MediaTestData.Pdf("evil"));
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Text(html), Does.Contain($"Der Dateiname „{name}“ ist nicht zulässig"));
            Assert.That((await _factory.MediaAsync()).Count, Is.EqualTo(before), "media items");
            Assert.That(_factory.StoredFiles(), Is.EqualTo(files), "files in the media store");
            Assert.That(File.Exists(Path.Combine(_factory.TempDirectory, "evil.pdf")), Is.False);
        }
    }

    [Test]
    public async Task Rejects_a_png_renamed_to_pdf_When_the_magic_bytes_do_not_match()
    {
        var before = (await _factory.MediaAsync()).Count;

        using var response = await _editor.UploadAsync(MediaTestData.DownloadsFolderKey, "infoblatt.pdf", MediaTestData.Png);

        Assert.That(Text(await response.Content.ReadAsStringAsync()), Does.Contain("Der Inhalt der Datei passt nicht zur Endung „.pdf“."));
        Assert.That((await _factory.MediaAsync()).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Rejects_an_exe_When_uploaded()
    {
        var before = (await _factory.MediaAsync()).Count;

        using var response = await _editor.UploadAsync(null, "setup.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03]);

        Assert.That(Text(await response.Content.ReadAsStringAsync()), Does.Contain("Dateien vom Typ „.exe“ sind nicht erlaubt."));
        Assert.That((await _factory.MediaAsync()).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Rejects_a_file_over_the_size_limit_When_uploaded()
    {
        var before = (await _factory.MediaAsync()).Count;
        var files = _factory.StoredFiles();

        using var response = await _editor.UploadAsync(null, "gross.pdf", MediaTestData.Pdf("gross", (int)Limit + 1));

        Assert.That(Text(await response.Content.ReadAsStringAsync()), Does.Contain("Die Datei „gross.pdf“ ist zu groß").And.Contain("Erlaubt sind höchstens 64 KB pro Datei."));
        Assert.That((await _factory.MediaAsync()).Count, Is.EqualTo(before));
        Assert.That(_factory.StoredFiles(), Is.EqualTo(files));
    }

    [Test]
    public async Task Answers_a_german_413_page_When_the_request_body_is_larger_than_any_upload_may_be()
    {
        var before = (await _factory.MediaAsync()).Count;

        using var response = await _editor.UploadAsync(null, "riesig.pdf", MediaTestData.Pdf("riesig", (int)(Limit * 12)));
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(Text(html), Does.Contain("Datei zu groß").And.Contain("Erlaubt sind höchstens 64 KB pro Datei"));
            Assert.That(html, Does.Contain("lang=\"de\""));
            Assert.That((await _factory.MediaAsync()).Count, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_413_When_an_over_size_body_is_sent_chunked_without_a_length()
    {
        var page = await _editor.GetStringAsync(new Uri("/umbraco/media", UriKind.Relative));
        var token = BackOfficeTestClient.AntiforgeryToken(page)!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            // A non-seekable stream: the body has no Content-Length, so only the form reader's limit can stop it.
            { new StreamContent(System.IO.Pipelines.PipeReader.Create(new MemoryStream(MediaTestData.Pdf("chunked", (int)(Limit * 12)))).AsStream()), "files", "chunked.pdf" },
        };
        Assert.That(content.Headers.ContentLength, Is.Null, "no Content-Length");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/umbraco/media?handler=Upload", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await _editor.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(json.RootElement.GetProperty("errors").GetProperty("files")[0].GetString(), Does.StartWith("Die Anfrage ist zu groß."));
    }

    [Test]
    public async Task Answers_json_When_the_drag_and_drop_uploader_asks_for_it()
    {
        var name = $"Drop {Guid.NewGuid():N}.pdf";

        using var ok = await _editor.UploadAsync(MediaTestData.DownloadsFolderKey, name, MediaTestData.Pdf("drop"), json: true);
        using var bad = await _editor.UploadAsync(MediaTestData.DownloadsFolderKey, "bild.pdf", MediaTestData.Png, json: true);
        using var okJson = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        using var badJson = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(okJson.RootElement.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo(Path.GetFileNameWithoutExtension(name)));
            Assert.That(okJson.RootElement.GetProperty("items")[0].GetProperty("editUrl").GetString(), Does.StartWith("/umbraco/media/edit/"));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(badJson.RootElement.GetProperty("errors").GetProperty("files")[0].GetString(), Is.EqualTo("Der Inhalt der Datei passt nicht zur Endung „.pdf“."));
        }
    }

    [Test]
    public async Task Stores_a_hostile_svg_sanitized_When_uploaded()
    {
        const string hostile = """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" onload="alert(1)">
              <script>alert('svg')</script>
              <foreignObject width="100" height="50"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(2)"></iframe></body></foreignObject>
              <a xlink:href="javascript:alert(3)"><rect width="10" height="10" onclick="alert(4)"/></a>
              <image href="https://evil.example/track.png" width="1" height="1"/>
              <style>@import url(https://evil.example/x.css);</style>
              <circle cx="25" cy="25" r="20" fill="#123456"/>
            </svg>
            """;
        var name = $"Hostile {Guid.NewGuid():N}";

        using var response = await _editor.UploadAsync(MediaTestData.LogosFolderKey, name + ".svg", Encoding.UTF8.GetBytes(hostile));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), Text(await response.Content.ReadAsStringAsync()));
        var item = (await _factory.MediaAsync()).Single(m => m.Name == name);
        var stored = File.ReadAllText(_factory.StoredPath(item.FilePath!));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Does.Not.Contain("<script").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("onload").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("onclick").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("foreignObject").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("iframe").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("javascript:").IgnoreCase);
            Assert.That(stored, Does.Not.Contain("evil.example"));
            Assert.That(stored, Does.Contain("<circle"));
            Assert.That((item.Width, item.Height), Is.EqualTo(((int?)100, (int?)50)));
            Assert.That(item.Bytes, Is.EqualTo(new FileInfo(_factory.StoredPath(item.FilePath!)).Length), "size of the sanitized file");
        }
    }

    // ------------------------------------------------------------------------------------------ trash, restore (replace: MediaReplacementTests)

    [Test]
    public async Task Removes_the_download_from_home_When_the_pdf_is_trashed_and_brings_it_back_When_restored()
    {
        using var visitor = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (before, _) = await DownloadLinkAsync(visitor);
        Assert.That(before, Is.Not.Null, "download link on / before");
        var edit = $"/umbraco/media/edit/{MediaTestData.InfosheetKey}";

        using var trash = await _editor.PostFormAsync(edit, new Dictionary<string, string> { ["confirmed"] = "true" }, edit + "?handler=Trash");
        var (whileTrashed, _) = await DownloadLinkAsync(visitor);
        using var fileWhileTrashed = await visitor.GetAsync(new Uri(before!, UriKind.Relative));
        var bin = await _editor.GetStringAsync(new Uri("/umbraco/media/recycle-bin", UriKind.Relative));
        using var restore = await _editor.PostFormAsync(edit, new Dictionary<string, string>(), edit + "?handler=Restore");
        var (after, _) = await DownloadLinkAsync(visitor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trash.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(whileTrashed, Is.Null, "no download link while the PDF is in the recycle bin");
            Assert.That(fileWhileTrashed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the file is not served while trashed");
            Assert.That(Text(bin), Does.Contain("Klimaschutz lokal stärken"), "the recycle bin lists it");
            Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(after, Is.EqualTo(before), "the link is back after restoring");
        }

        var actions = (await _factory.AuditAsync(MediaTestData.InfosheetKey)).Select(a => a.Action).ToList();
        Assert.That(actions, Does.Contain(AuditActions.Trash).And.Contain(AuditActions.Restore));
    }

    [Test]
    public async Task Deletes_item_and_file_When_deleted_from_the_recycle_bin_only()
    {
        var name = $"Wegwerf {Guid.NewGuid():N}";
        using (await _editor.UploadAsync(null, name + ".pdf", MediaTestData.Pdf("weg")))
        {
        }

        var item = (await _factory.MediaAsync()).Single(m => m.Name == name);
        var edit = $"/umbraco/media/edit/{item.Key}";
        var confirmed = new Dictionary<string, string> { ["confirmed"] = "true" };
        using var tooEarly = await _editor.PostFormAsync(edit, confirmed, edit + "?handler=Delete");
        var tooEarlyHtml = Text(await tooEarly.Content.ReadAsStringAsync());
        using (await _editor.PostFormAsync(edit, confirmed, edit + "?handler=Trash"))
        {
        }

        using var delete = await _editor.PostFormAsync("/umbraco/media/recycle-bin", confirmed, $"/umbraco/media/recycle-bin?handler=Delete&key={item.Key}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooEarlyHtml, Does.Contain("Nur Elemente im Papierkorb können endgültig gelöscht werden."));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await _factory.MediaAsync()).Any(m => m.Key == item.Key), Is.False, "item deleted");
            Assert.That(File.Exists(_factory.StoredPath(item.FilePath!)), Is.False, "file deleted");
            Assert.That((await _factory.AuditAsync(item.Key)).Select(a => a.Action), Does.Contain(AuditActions.Delete));
        }
    }

    // ------------------------------------------------------------------------------------------ details, folders, views

    [Test]
    public async Task Saves_name_alt_text_and_focal_point_When_an_image_is_edited()
    {
        var name = $"Bild {Guid.NewGuid():N}";
        using (await _editor.UploadAsync(null, name + ".png", MediaTestData.Png))
        {
        }

        var item = (await _factory.MediaAsync()).Single(m => m.Name == name);
        var edit = $"/umbraco/media/edit/{item.Key}";
        using var response = await _editor.PostFormAsync(edit, new Dictionary<string, string>
        {
            ["Name"] = name + " neu",
            ["AltText"] = "Menschen am Tisch",
            ["FocalLeft"] = "0.25",
            ["FocalTop"] = "0,75",
        }, edit + "?handler=Save");
        using var invalid = await _editor.PostFormAsync(edit, new Dictionary<string, string>
        {
            ["Name"] = "",
            ["AltText"] = "x",
            ["FocalLeft"] = "2",
            ["FocalTop"] = "0.5",
        }, edit + "?handler=Save");
        var invalidHtml = Text(await invalid.Content.ReadAsStringAsync());

        var saved = (await _factory.MediaAsync()).Single(m => m.Key == item.Key);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(saved.Name, Is.EqualTo(name + " neu"));
            Assert.That(saved.Values.GetValueOrDefault("altText"), Is.EqualTo("Menschen am Tisch"));
            Assert.That(saved.Values.GetValueOrDefault("focalPoint"), Is.EqualTo("""{"left":0.25,"top":0.75}"""));
            Assert.That(invalidHtml, Does.Contain("Fokuspunkt"), "error for the focal point");
            Assert.That((await _factory.AuditAsync(item.Key)).Select(a => a.Action), Does.Contain(AuditActions.Save));
        }
    }

    [Test]
    public async Task Creates_a_folder_and_moves_an_item_into_it_When_the_editor_asks()
    {
        var folderName = $"Archiv {Guid.NewGuid():N}";
        using var create = await _editor.PostFormAsync("/umbraco/media", new Dictionary<string, string> { ["NewFolderName"] = folderName }, "/umbraco/media?handler=CreateFolder");
        var folder = (await _factory.MediaAsync()).Single(m => m.Name == folderName);
        var name = $"Verschoben {Guid.NewGuid():N}";
        using (await _editor.UploadAsync(null, name + ".pdf", MediaTestData.Pdf("move")))
        {
        }

        var item = (await _factory.MediaAsync()).Single(m => m.Name == name);
        var edit = $"/umbraco/media/edit/{item.Key}";
        using var move = await _editor.PostFormAsync(edit, new Dictionary<string, string> { ["Target"] = folder.Key.ToString() }, edit + "?handler=Move");
        var folderPage = Text(await _editor.GetStringAsync(new Uri($"/umbraco/media/{folder.Key}", UriKind.Relative)));
        var moved = (await _factory.MediaAsync()).Single(m => m.Key == item.Key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(folder.MediaTypeAlias, Is.EqualTo(MediaTypeAliases.Folder));
            Assert.That(move.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((moved.ParentKey, moved.Level), Is.EqualTo(((Guid?)folder.Key, 2)));
            Assert.That(folderPage, Does.Contain(name));
            Assert.That((await _factory.AuditAsync(item.Key)).Select(a => a.Action), Does.Contain(AuditActions.Move));
        }
    }

    [Test]
    public async Task Finds_items_by_name_and_shows_list_or_grid_When_the_library_is_opened()
    {
        var list = Text(await _editor.GetStringAsync(new Uri($"/umbraco/media/{MediaTestData.LogosFolderKey}", UriKind.Relative)));
        var grid = await _editor.GetStringAsync(new Uri($"/umbraco/media/{MediaTestData.LogosFolderKey}?view=grid", UriKind.Relative));
        var search = Text(await _editor.GetStringAsync(new Uri("/umbraco/media?q=efre", UriKind.Relative)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list, Does.Contain("Logo EU").And.Contain("Logo EFRE"));
            Assert.That(grid, Does.Contain("class=\"media-grid\"").And.Contain("Alternativtext: Logo EU"));
            Assert.That(search, Does.Contain("Logo EFRE").And.Not.Contain("Logo EU"), "search hits");
            Assert.That(search, Does.Contain("1 Treffer für „efre“"));
        }
    }

    [Test]
    public async Task Shows_metadata_and_the_pages_that_use_it_When_the_infosheet_is_opened()
    {
        var html = Text(await _editor.GetStringAsync(new Uri($"/umbraco/media/edit/{MediaTestData.InfosheetKey}", UriKind.Relative)));

        Assert.That(html, Does.Contain("Verwendet in").And.Contain("Zusammenarbeit von Kommunen und Initiativen").And.Contain("veröffentlicht"));
        Assert.That(html, Does.Contain("Datei").And.Contain(".pdf").And.Contain("Hochgeladen"));
    }

    [Test]
    public async Task Posts_every_form_to_its_handler_When_the_pages_are_rendered()
    {
        var forms = new List<string>();
        foreach (var page in new[] { "/umbraco/media", $"/umbraco/media/{MediaTestData.LogosFolderKey}", $"/umbraco/media/edit/{MediaTestData.RoundTableKey}", $"/umbraco/media/confirm/{MediaTestData.RoundTableKey}/trash" })
        {
            var document = new HtmlParser().ParseDocument(await _editor.GetStringAsync(new Uri(page, UriKind.Relative)));
            forms.AddRange(document.QuerySelectorAll("main form[method='post']").Select(f =>
                $"{f.GetAttribute("action")} token={f.QuerySelector("input[name='__RequestVerificationToken']") is not null}"));
        }

        var edit = $"/umbraco/media/edit/{MediaTestData.RoundTableKey}";
        Assert.That(forms, Is.SupersetOf(new[]
        {
            "/umbraco/media?handler=Upload token=True",
            "/umbraco/media?handler=CreateFolder token=True",
            $"/umbraco/media/{MediaTestData.LogosFolderKey}?handler=Upload token=True",
            $"{edit}?handler=Save token=True",
            $"{edit}?handler=Replace token=True",
            $"{edit}?handler=Move token=True",
            $"{edit}?handler=Trash token=True",
        }));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /// <summary>The infosheet download link on <c>/</c>: href and the „(PDF, 3,2 KB)“ text, or nulls when the page has none.</summary>
    private static async Task<(string? Href, string? Meta)> DownloadLinkAsync(HttpClient visitor)
    {
        var html = await visitor.GetStringAsync(new Uri("/", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var link = document.QuerySelector("a.download__link");
        return (link?.GetAttribute("href"), link?.QuerySelector(".download__meta")?.TextContent.Trim());
    }

    /// <summary>The visible text of a page (entities decoded, whitespace collapsed).</summary>
    private static string Text(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return Whitespace().Replace(document.Body?.TextContent ?? html, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
