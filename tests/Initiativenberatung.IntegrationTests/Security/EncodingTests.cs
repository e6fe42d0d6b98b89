using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Content;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>XSS in what is shown back: entries list, entry detail, results (answers, captions, form name) and error pages.</summary>
[TestFixture]
public sealed class EncodingTests
{
    private const string Staff = "auswertung-xss@example.org";
    private const string Editor = "redaktion-xss@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private const string HostileScript = "<script>alert(1)</script>";
    private const string Encoded = "&lt;img src=x onerror=alert(1)&gt;";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Shows_answers_captions_and_the_form_name_encoded_When_staff_opens_entries_detail_and_results()
    {
        var form = await _factory.CreateFormAsync("xss", change: f =>
        {
            f.Name = "Umfrage " + HostileScript;
            foreach (var field in f.AllFields())
            {
                field.Caption = "Frage " + Hostile;
                for (var i = 0; i < field.Options.Count; i++)
                {
                    field.Options[i] = field.Options[i] with { Caption = Hostile + " " + i };
                }
            }
        });
        var answers = form.AllFields()
            .Select(f => (f.Alias, f.Options.Count > 0 ? new[] { f.Options[0].Value } : new[] { Hostile }))
            .ToArray();
        var entry = await _factory.AppendAsync(form, answers);
        using var staff = await _factory.SignedInClientAsync(Staff);

        var pages = new Dictionary<string, string>();
        foreach (var path in new[] { $"/umbraco/forms/{form.Key}/entries", $"/umbraco/forms/{form.Key}/entries/{entry.Id}", $"/umbraco/forms/{form.Key}/results", "/umbraco/forms" })
        {
            using var response = await staff.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            pages[path] = await response.Content.ReadAsStringAsync();
        }

        Assert.Multiple(() =>
        {
            foreach (var (path, html) in pages)
            {
                Assert.That(html, Does.Not.Contain("<img src=x").And.Not.Contain(HostileScript), path);
                Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), $"{path} shows the form name encoded");
            }

            Assert.That(pages[$"/umbraco/forms/{form.Key}/entries/{entry.Id}"], Does.Contain(Encoded), "the detail shows the answer encoded");
            Assert.That(pages[$"/umbraco/forms/{form.Key}/results"], Does.Contain(Encoded + " 0"), "the results show the option caption encoded");
        });
    }

    [TestCase("/gibt-es-nicht/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")]
    [TestCase("/gibt-es-nicht/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [TestCase("/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [TestCase("/umbraco/delivery/api/v2/content/item/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [TestCase("/umbraco/forms/delivery/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [TestCase("/media/%3Cscript%3Ealert(1)%3C%2Fscript%3E.pdf")]
    public async Task Never_echoes_markup_from_the_address_When_an_error_page_is_served(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.InRange(300, 499), body);
            Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) ? nosniff : [], Has.Member("nosniff"));
            if (mediaType.EndsWith("json", StringComparison.Ordinal))
            {
                // JSON may quote the address; with nosniff a browser never renders it as HTML.
                Assert.That(body.TrimStart(), Does.StartWith("{"), "a JSON answer is a JSON document");
            }
            else
            {
                Assert.That(body, Does.Not.Contain("<script>alert").And.Not.Contain("<img src"));
            }
        });
    }

    [Test]
    public async Task Shows_filter_values_from_the_address_encoded_When_staff_filters_the_entries()
    {
        using var staff = await _factory.SignedInClientAsync(Staff);
        var query = "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&from=%22%3E%3Cimg%20src%3Dx%3E&to=%3Cimg%20src%3Dx%3E&state=%3Cimg%20src%3Dx%3E&cols=%3Cimg%20src%3Dx%3E";

        using var response = await staff.GetAsync(new Uri($"/umbraco/forms/{FormEntriesTestSite.SurveyKey}/entries?{query}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), "the search text is shown back, encoded");
            Assert.That(body, Does.Not.Contain("<script>alert").And.Not.Contain("<img src"));
        });
    }

    [Test]
    public async Task Shows_a_hostile_draft_without_active_markup_When_the_editor_opens_the_preview()
    {
        using var editor = await _factory.SignedInClientAsync(Editor);
        var form = await editor.EditFormAsync(Home);
        form.Set("p.headline", "Überschrift " + HostileScript);
        form.Set("p.intro", "Einleitung " + Hostile);
        form.Set("p.sections[1].text", "<p>Sicherer Entwurf" + HostileScript + Hostile + "<a href=\"javascript:alert(2)\">Link</a></p>");

        using var saved = await editor.PostEditAsync(Home, "Save", form);
        using var preview = await editor.GetAsync(new Uri($"/umbraco/preview/{Home:D}", UriKind.Relative));
        var html = await preview.Content.ReadAsStringAsync();
        var edit = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(Home), UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("Sicherer Entwurf").And.Contain("Überschrift &lt;script&gt;"), "the draft is shown, text encoded");
            Assert.That(html, Does.Not.Contain(HostileScript).And.Not.Contain("<img src=x").And.Not.Contain("javascript:"));
            Assert.That(edit, Does.Not.Contain(HostileScript).And.Not.Contain("<img src=x"), "the editor shows the draft encoded too");
        });
    }
}
