using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Settings;

/// <summary>The settings section is for administrators only: editors and staff get 403 on every page and handler.</summary>
[TestFixture]
public sealed class SettingsAccessTests
{
    private const string Editor = "redaktion-settings@example.org";
    private const string Staff = "auswertung-settings@example.org";
    private const string Admin = "admin-settings@example.org";
    private const string TextBlock = "4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a11";
    private const string Textstring = "0cc0eba1-9960-42c9-bf9b-60e150b429ae";

    private static readonly string[] Pages =
    [
        "/umbraco/settings",
        "/umbraco/settings/data-types",
        "/umbraco/settings/data-types/edit",
        $"/umbraco/settings/data-types/edit/{Textstring}",
        "/umbraco/settings/document-types",
        "/umbraco/settings/element-types",
        "/umbraco/settings/media-types",
        "/umbraco/settings/document-types/edit",
        $"/umbraco/settings/element-types/edit/{TextBlock}",
        "/umbraco/settings/usync",
    ];

    private static readonly string[] Handlers =
    [
        $"/umbraco/settings/data-types/edit/{Textstring}",
        "/umbraco/settings/data-types/edit",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=Save",
        "/umbraco/settings/document-types/edit?handler=Save",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=AddGroup",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=MoveGroup&index=0&offset=1",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=RemoveGroup&index=0",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=AddProperty&group=content",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=MoveProperty&index=0&offset=1",
        $"/umbraco/settings/element-types/edit/{TextBlock}?handler=RemoveProperty&index=0",
        "/umbraco/settings/usync?handler=Import",
        "/umbraco/settings/usync?handler=Export",
    ];

    private CmsWebApplicationFactory _factory = null!;
    private string _usyncFolder = "";

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = SettingsTestSite.Create("Settings", out _usyncFolder);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Answers_403_on_every_settings_page_When_an_editor_or_staff_user_opens_it([Values(Editor, Staff)] string user)
    {
        using var client = await _factory.SignedInClientAsync(user);
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            statuses[page] = response.StatusCode;
        }

        Assert.That(statuses.Where(s => s.Value != HttpStatusCode.Forbidden), Is.Empty, "pages that did not answer 403");
    }

    [Test]
    public async Task Answers_403_and_changes_nothing_When_an_editor_or_staff_user_posts_to_a_settings_handler([Values(Editor, Staff)] string user)
    {
        using var client = await _factory.SignedInClientAsync(user);
        var schema = _factory.Services.GetRequiredService<SchemaService>();
        var before = await schema.GetContentTypeAsync(new Guid(TextBlock));
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "Übernommen",
            ["Form.Alias"] = "hijack",
            ["Form.EditorAlias"] = "Umbraco.TextBox",
            ["Form.ConfigJson"] = "{}",
            ["Form.NewGroupName"] = "Fremd",
        };
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var handler in Handlers)
        {
            // A valid antiforgery token from the dashboard: only the missing right may stop the request.
            using var response = await client.PostFormAsync("/umbraco", fields, action: handler);
            statuses[handler] = response.StatusCode;
        }

        var after = await schema.GetContentTypeAsync(new Guid(TextBlock));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Where(s => s.Value != HttpStatusCode.Forbidden), Is.Empty, "handlers that did not answer 403");
            Assert.That(after!.Name, Is.EqualTo(before!.Name));
            Assert.That((await schema.GetDataTypesAsync()).Any(d => d.Name == "Übernommen"), Is.False);
            Assert.That((await schema.GetContentTypesAsync()).Any(t => t.Alias == "hijack"), Is.False);
        }
    }

    [Test]
    public async Task Opens_every_settings_page_When_an_administrator_is_signed_in()
    {
        using var client = await _factory.SignedInClientAsync(Admin);
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            statuses[page] = response.StatusCode;
        }

        var dashboard = await client.GetStringAsync(new Uri("/umbraco", UriKind.Relative));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Where(s => s.Value != HttpStatusCode.OK), Is.Empty, "pages that did not answer 200");
            Assert.That(dashboard, Does.Contain("href=\"/umbraco/settings\""), "the section link is shown to administrators");
        }
    }

    [Test]
    public async Task Answers_404_When_a_type_or_data_type_does_not_exist()
    {
        using var client = await _factory.SignedInClientAsync(Admin);

        using var type = await client.GetAsync(new Uri($"/umbraco/settings/document-types/edit/{Guid.NewGuid()}", UriKind.Relative));
        using var dataType = await client.GetAsync(new Uri($"/umbraco/settings/data-types/edit/{Guid.NewGuid()}", UriKind.Relative));
        using var list = await client.GetAsync(new Uri("/umbraco/settings/gibt-es-nicht", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(type.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(dataType.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }
}
