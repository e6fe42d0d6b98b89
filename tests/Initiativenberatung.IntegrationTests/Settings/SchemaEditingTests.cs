using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Settings;

/// <summary>An administrator edits the schema through the settings pages; export on save writes a temporary uSync folder.</summary>
[TestFixture]
public sealed class SchemaEditingTests
{
    private const string Admin = "admin-schema@example.org";
    private const string TextBlockEditor = "/umbraco/settings/element-types/edit/4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a11";
    private CmsWebApplicationFactory _factory = null!;
    private string _usyncFolder = "";
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = SettingsTestSite.Create("Settings", out _usyncFolder);
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        _client = await _factory.SignedInClientAsync(Admin);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private SchemaService Schema => _factory.Services.GetRequiredService<SchemaService>();

    [Test]
    public async Task Stores_the_property_and_exports_it_When_an_admin_adds_subline_to_textBlock()
    {
        var repositoryBefore = await File.ReadAllBytesAsync(SettingsTestSite.RepositoryTextBlockFile);
        var page = await _client.GetDocumentAsync(TextBlockEditor);

        // "Eigenschaft hinzufügen" in the group "content": a new row, nothing stored yet.
        using var added = await _client.SubmitAsync(page, "button[formaction*='handler=AddProperty'][formaction*='group=content']");
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        page = await SettingsTestSite.ParseAsync(added);
        var newIndex = (await Schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey))!.Properties.Count;
        Assert.That(page.QuerySelector($"#Form_Properties_{newIndex}__Name")?.HasAttribute("autofocus"), Is.True, "the new row's name field has the focus");
        Assert.That((await Schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey))!.Properties.Select(p => p.Alias), Does.Not.Contain("subline"), "add does not save");

        using var saved = await _client.SubmitAsync(page, "button[formaction*='handler=Save']", fields =>
        {
            fields.Set($"Form.Properties[{newIndex}].Name", "Unterzeile");
            fields.Set($"Form.Properties[{newIndex}].Alias", "subline");
            fields.Set($"Form.Properties[{newIndex}].DataTypeKey", SettingsTestSite.TextstringKey.ToString());
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        var after = await _client.GetStringAsync(saved.Headers.Location);

        var type = await Schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey);
        var subline = type!.Properties.SingleOrDefault(p => p.Alias == "subline");
        var blocks = _factory.Services.GetRequiredService<PublishedSnapshotService>().Current.Content.Values
            .SelectMany(c => c.Properties.Values).Select(p => p.Value).OfType<BlockListValue>()
            .SelectMany(b => b.Items).Where(b => b.ContentTypeAlias == "textBlock").ToList();
        var exported = await File.ReadAllTextAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config"));
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityKey == SettingsTestSite.TextBlockKey && a.Action == AuditActions.SchemaSave).ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after, Does.Contain("„Textabschnitt“ wurde gespeichert."), "success message");
            Assert.That(after, Does.Contain("ContentTypes/textblock.config"), "export note");
            Assert.That(subline, Is.Not.Null, "stored");
            Assert.That(subline?.EditorAlias, Is.EqualTo("Umbraco.TextBox"));
            Assert.That(subline?.GroupAlias, Is.EqualTo("content"));
            Assert.That(blocks, Is.Not.Empty, "text blocks in the published snapshot");
            Assert.That(blocks.All(b => b.Properties.ContainsKey("subline")), Is.True, "the snapshot was rebuilt with the new property");
            Assert.That(exported, Does.Contain("<Alias>subline</Alias>"), "export on save wrote the temp uSync folder");
            Assert.That(await File.ReadAllBytesAsync(SettingsTestSite.RepositoryTextBlockFile), Is.EqualTo(repositoryBefore), "the repository's uSync file is untouched");
            Assert.That(audit.Select(a => a.UserName), Has.Member(Admin), "audit entry");
        }
    }

    [TestCase("1abc", null, null, "„Alias“ „1abc“ ist ungültig")]
    [TestCase("mit-strich", null, null, "„Alias“ „mit-strich“ ist ungültig")]
    [TestCase("heading", null, null, "„Alias“ „heading“ gibt es in diesem Typ schon")]
    [TestCase("subtitle2", "11111111-2222-3333-4444-555555555555", null, "„Datentyp“: Den Datentyp „11111111-2222-3333-4444-555555555555“ gibt es nicht")]
    [TestCase("subtitle3", null, "([a-z", "„Regulärer Ausdruck“ ist ungültig")]
    public async Task Shows_a_german_error_and_stores_nothing_When_a_new_property_is_invalid(string alias, string? dataType, string? regex, string expected)
    {
        var before = await Schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey);
        var fileBefore = await File.ReadAllBytesAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config"));
        var page = await _client.GetDocumentAsync(TextBlockEditor);
        using var added = await _client.SubmitAsync(page, "button[formaction*='handler=AddProperty'][formaction*='group=content']");
        page = await SettingsTestSite.ParseAsync(added);
        var index = before!.Properties.Count;

        using var response = await _client.SubmitAsync(page, "button[formaction*='handler=Save']", fields =>
        {
            fields.Set($"Form.Properties[{index}].Name", "Untertitel");
            fields.Set($"Form.Properties[{index}].Alias", alias);
            if (dataType is not null)
            {
                fields.Set($"Form.Properties[{index}].DataTypeKey", dataType);
            }

            if (regex is not null)
            {
                fields.Set($"Form.Properties[{index}].ValidationRegex", regex);
            }
        });
        var html = await SettingsTestSite.ParseAsync(response);
        var after = await Schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form is shown again");
            Assert.That(html.QuerySelector("#settings-errors")?.TextContent, Does.Contain(expected), "summary on top");
            Assert.That(html.QuerySelector("#settings-errors")?.TextContent, Does.Contain("Eigenschaft").And.Contain("„Untertitel“"), "names the property");
            Assert.That(html.QuerySelectorAll(".bo-field-error").Select(e => e.TextContent), Has.Some.Contain(expected), "next to the field");
            Assert.That(html.QuerySelector($"#Form_Properties_{index}__Alias")?.GetAttribute("value"), Is.EqualTo(alias), "the input is kept");
            Assert.That(after!.Properties.Count, Is.EqualTo(before.Properties.Count), "nothing stored");
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config")), Is.EqualTo(fileBefore), "nothing exported");
        }
    }

    [TestCase("{nope", "„Konfiguration“ ist kein gültiges JSON")]
    [TestCase("[1, 2]", "„Konfiguration“ muss ein JSON-Objekt sein")]
    public async Task Shows_a_german_error_and_stores_nothing_When_the_data_type_config_is_not_a_json_object(string config, string expected)
    {
        var path = $"/umbraco/settings/data-types/edit/{SettingsTestSite.TextstringKey}";
        var before = await Schema.GetDataTypeAsync(SettingsTestSite.TextstringKey);
        var page = await _client.GetDocumentAsync(path);

        using var response = await _client.SubmitAsync(page, "#bo-main form[method='post'] button[type='submit']", fields => fields.Set("Form.ConfigJson", config));
        var html = await SettingsTestSite.ParseAsync(response);
        var after = await Schema.GetDataTypeAsync(SettingsTestSite.TextstringKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html.QuerySelector("#Form_ConfigJson-error")?.TextContent, Does.Contain(expected), "next to the field");
            Assert.That(html.QuerySelector("#settings-errors")?.TextContent, Does.Contain(expected), "summary");
            Assert.That(html.QuerySelector("#Form_ConfigJson")?.TextContent, Is.EqualTo(config), "the input is kept");
            Assert.That(after!.ConfigJson, Is.EqualTo(before!.ConfigJson), "nothing stored");
        }
    }

    [Test]
    public async Task Creates_a_data_type_and_exports_it_When_an_admin_picks_a_supported_editor()
    {
        var page = await _client.GetDocumentAsync("/umbraco/settings/data-types/edit");

        using var response = await _client.SubmitAsync(page, "#bo-main form[method='post'] button[type='submit']", fields =>
        {
            fields.Set("Form.Name", "Kurztext 80");
            fields.Set("Form.EditorAlias", "Umbraco.TextBox");
            fields.Set("Form.ConfigJson", "{ \"maxChars\": 80 }");
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var created = (await Schema.GetDataTypesAsync()).SingleOrDefault(d => d.Name == "Kurztext 80");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created?.EditorAlias, Is.EqualTo("Umbraco.TextBox"));
            Assert.That(created?.EditorUiAlias, Is.EqualTo("Umb.PropertyEditorUi.TextBox"), "default UI alias");
            Assert.That(File.Exists(Path.Combine(_usyncFolder, "DataTypes", "Kurztext80.config")), Is.True, "exported");
        }
    }

    [Test]
    public async Task Rejects_an_unsupported_editor_When_a_data_type_is_created()
    {
        var page = await _client.GetDocumentAsync("/umbraco/settings/data-types/edit");

        using var response = await _client.SubmitAsync(page, "#bo-main form[method='post'] button[type='submit']", fields =>
        {
            fields.Set("Form.Name", "Fremd");
            fields.Set("Form.EditorAlias", "Umbraco.Gibtsnicht");
        });
        var html = await SettingsTestSite.ParseAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html.QuerySelector("#settings-errors")?.TextContent, Does.Contain("„Editor“: „Umbraco.Gibtsnicht“ wird nicht unterstützt"));
            Assert.That((await Schema.GetDataTypesAsync()).Any(d => d.Name == "Fremd"), Is.False);
        }
    }

    [Test]
    public async Task Reorders_without_saving_and_saves_the_order_When_move_then_save_is_pressed()
    {
        const string path = "/umbraco/settings/element-types/edit/4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a15"; // callToActionBlock
        var key = new Guid("4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a15");
        var stored = (await Schema.GetContentTypeAsync(key))!.Properties.OrderBy(p => p.SortOrder).Select(p => p.Alias).ToList();
        var page = await _client.GetDocumentAsync(path);

        using var moved = await _client.SubmitAsync(page, "#property-0-down");
        page = await SettingsTestSite.ParseAsync(moved);
        var shown = Enumerable.Range(0, stored.Count).Select(i => page.QuerySelector($"#Form_Properties_{i}__Alias")?.GetAttribute("value")).ToList();
        var afterMove = (await Schema.GetContentTypeAsync(key))!.Properties.OrderBy(p => p.SortOrder).Select(p => p.Alias).ToList();

        using var movedUp = await _client.SubmitAsync(page, "#property-1-up");
        var pageUp = await SettingsTestSite.ParseAsync(movedUp);
        var shownUp = Enumerable.Range(0, stored.Count).Select(i => pageUp.QuerySelector($"#Form_Properties_{i}__Alias")?.GetAttribute("value")).ToList();

        using var saved = await _client.SubmitAsync(page, "button[formaction*='handler=Save']");
        var afterSave = (await Schema.GetContentTypeAsync(key))!.Properties.OrderBy(p => p.SortOrder).Select(p => p.Alias).ToList();

        var expected = new List<string>(stored);
        (expected[0], expected[1]) = (expected[1], expected[0]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown, Is.EqualTo(expected), "moved down in the form");
            Assert.That(page.QuerySelector("#property-1-down")?.HasAttribute("autofocus"), Is.True, "focus stays on the moved row's button");
            Assert.That(afterMove, Is.EqualTo(stored), "moving does not save");
            Assert.That(shownUp, Is.EqualTo(stored), "moved back up");
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(afterSave, Is.EqualTo(expected), "saved in the new order");
        }
    }

    [Test]
    public async Task Adds_moves_and_removes_groups_but_keeps_groups_with_properties_When_group_buttons_are_pressed()
    {
        const string path = "/umbraco/settings/element-types/edit/4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a13"; // imageBlock
        var page = await _client.GetDocumentAsync(path);

        using var added = await _client.SubmitAsync(page, "button[formaction*='handler=AddGroup']", fields => fields.Set("Form.NewGroupName", "Weitere Angaben"));
        page = await SettingsTestSite.ParseAsync(added);
        var newGroupAlias = page.QuerySelector("#Form_Groups_1__Alias")?.GetAttribute("value");
        var focused = page.QuerySelector("#Form_Groups_1__Name")?.HasAttribute("autofocus");

        using var moved = await _client.SubmitAsync(page, "#group-1-up");
        page = await SettingsTestSite.ParseAsync(moved);
        var firstAfterMove = page.QuerySelector("#Form_Groups_0__Name")?.GetAttribute("value");

        // The old group (now second) still has properties: removing it is refused with a message.
        using var refused = await _client.SubmitAsync(page, "button[formaction*='handler=RemoveGroup'][formaction*='index=1']");
        var refusedPage = await SettingsTestSite.ParseAsync(refused);

        using var removed = await _client.SubmitAsync(page, "button[formaction*='handler=RemoveGroup'][formaction*='index=0']");
        var removedPage = await SettingsTestSite.ParseAsync(removed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(newGroupAlias, Is.EqualTo("weitereAngaben"), "alias derived from the name");
            Assert.That(focused, Is.True, "focus on the new group's name");
            Assert.That(firstAfterMove, Is.EqualTo("Weitere Angaben"), "moved up");
            Assert.That(page.QuerySelector("button[formaction*='handler=RemoveGroup'][formaction*='index=1']")?.HasAttribute("disabled"), Is.True, "remove is disabled for a group with properties");
            Assert.That(refusedPage.QuerySelector("#settings-errors")?.TextContent, Does.Contain("enthält noch Eigenschaften"));
            Assert.That(removedPage.QuerySelectorAll("input[name^='Form.Groups'][name$='.Alias']").Select(e => e.GetAttribute("value")), Is.EqualTo(new[] { "content" }));
            Assert.That((await Schema.GetContentTypeAsync(new Guid("4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a13")))!.Groups, Has.Count.EqualTo(1), "nothing saved");
        }
    }

    [Test]
    public async Task Creates_an_element_type_When_an_admin_fills_in_the_new_type_form()
    {
        var page = await _client.GetDocumentAsync("/umbraco/settings/element-types/edit");
        using var added = await _client.SubmitAsync(page, "button[formaction*='handler=AddProperty']");
        page = await SettingsTestSite.ParseAsync(added);

        using var saved = await _client.SubmitAsync(page, "button[formaction*='handler=Save']", fields =>
        {
            fields.Set("Form.Name", "Hinweisbox");
            fields.Set("Form.Alias", "noteBox");
            fields.Set("Form.Properties[0].Name", "Hinweis");
            fields.Set("Form.Properties[0].Alias", "note");
            fields.Set("Form.Properties[0].Mandatory", "true");
        });

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        var created = (await Schema.GetContentTypesAsync()).SingleOrDefault(t => t.Alias == "noteBox");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created?.IsElement, Is.True);
            Assert.That(created?.Properties.Select(p => (p.Alias, p.Mandatory, p.GroupAlias)), Is.EqualTo(new[] { ("note", true, "content") }));
            Assert.That(saved.Headers.Location?.ToString(), Does.StartWith("/umbraco/settings/element-types/edit/"));
            Assert.That(File.Exists(Path.Combine(_usyncFolder, "ContentTypes", "notebox.config")), Is.True, "exported");
        }
    }

    [Test]
    public async Task Rejects_a_duplicate_type_alias_and_a_composition_cycle_When_saving()
    {
        var page = await _client.GetDocumentAsync("/umbraco/settings/document-types/edit");
        using var duplicate = await _client.SubmitAsync(page, "button[formaction*='handler=Save']", fields =>
        {
            fields.Set("Form.Name", "Noch eine Seite");
            fields.Set("Form.Alias", "ContentPage");
        });
        var duplicatePage = await SettingsTestSite.ParseAsync(duplicate);

        // seoComposition would compose contentPage, which already composes seoComposition.
        var seo = await _client.GetDocumentAsync("/umbraco/settings/document-types/edit/2c4e6a80-1b3d-4f5a-9e7c-0d2f4b6a8c01");
        using var cycle = await _client.SubmitAsync(seo, "button[formaction*='handler=Save']",
            fields => fields.Add(new("Form.Compositions", "2c4e6a80-1b3d-4f5a-9e7c-0d2f4b6a8c04")));
        var cyclePage = await SettingsTestSite.ParseAsync(cycle);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(duplicatePage.QuerySelector("#Form_Alias-error")?.TextContent, Does.Contain("„Alias“: Es gibt bereits einen Dokument- oder Elementtyp mit dem Alias „contentPage“"));
            Assert.That(cyclePage.QuerySelector("#settings-errors")?.TextContent, Does.Contain("„Kompositionen“: Die Kompositionen bilden einen Kreis"));
            Assert.That((await Schema.GetContentTypeAsync(new Guid("2c4e6a80-1b3d-4f5a-9e7c-0d2f4b6a8c01")))!.Compositions, Is.Empty);
        }
    }
}
