using Initiativenberatung.Infrastructure.Usync;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncServiceTests
{
    private UsyncTestEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new UsyncTestEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    private static string Describe(UsyncResult result) =>
        string.Join("\n", result.Items.Select(i => $"{i.Change} {i.ItemType} {i.Name} {i.File}: {i.Message}"));

    /// <summary>One result per item file: every .config below the seed folder except usync.config itself.</summary>
    private static int SeedItemFileCount() =>
        Directory.EnumerateFiles(UsyncTestEnvironment.SeedFolder, "*.config", SearchOption.AllDirectories)
            .Count(f => Path.GetFileName(f) != "usync.config");

    [Test]
    public async Task Creates_every_item_without_failures_When_the_seed_is_imported_into_an_empty_database()
    {
        var result = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.Create), Describe(result));
            Assert.That(result.Items, Has.Count.EqualTo(SeedItemFileCount()));
        });
    }

    [Test]
    public async Task Publishes_content_and_stores_recomputed_media_columns_When_the_seed_is_imported()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        await using var db = _env.CreateDb();
        var nodes = await db.ContentNodes.ToListAsync();
        var image = await db.MediaItems.SingleAsync(m => m.Name == "Runder Tisch");
        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(2));
            Assert.That(nodes, Has.All.Matches<Initiativenberatung.Core.Content.ContentNode>(n => n.PublishedVersionId != null && n.PublishedVersionId == n.CurrentVersionId));
            Assert.That(nodes.Single(n => n.Name == "Umfrage").UrlSegment, Is.EqualTo("umfrage"));
            Assert.That(image.FilePath, Is.EqualTo("b71d4c22/runder-tisch.png"));
            Assert.That(image.Width, Is.EqualTo(1200));
            Assert.That(image.MimeType, Is.EqualTo("image/png"));
            Assert.That(image.Values["altText"], Is.EqualTo("Mehrere Personen an einem runden Tisch"));
            Assert.That(_env.MediaStore.Exists("b71d4c22/runder-tisch.png"), Is.True);
            Assert.That(_env.Snapshots.Current.Content, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Reports_all_NoChange_adds_no_version_and_keeps_the_snapshot_When_the_same_folder_is_imported_twice()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        int versionsBefore;
        List<DateTime> updatesBefore;
        await using (var db = _env.CreateDb())
        {
            versionsBefore = await db.ContentVersions.CountAsync();
            updatesBefore = await db.ContentNodes.OrderBy(n => n.Id).Select(n => n.UpdateDate).ToListAsync();
        }

        var snapshotBefore = _env.Snapshots.Current.Version;

        var second = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        await using var after = _env.CreateDb();
        Assert.Multiple(async () =>
        {
            Assert.That(second.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange), Describe(second));
            Assert.That(_env.Snapshots.Current.Version, Is.EqualTo(snapshotBefore), "nothing changed, so no new snapshot (no cache eviction)");
            Assert.That(await after.ContentVersions.CountAsync(), Is.EqualTo(versionsBefore));
            Assert.That(await after.ContentNodes.OrderBy(n => n.Id).Select(n => n.UpdateDate).ToListAsync(), Is.EqualTo(updatesBefore));
        });
    }

    [Test]
    public async Task Reports_all_NoChange_When_the_repository_seed_is_reported_after_import()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        var report = await _env.Service.ReportAsync(UsyncTestEnvironment.SeedFolder);

        Assert.That(report.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange), Describe(report));
    }

    [Test]
    public async Task Changes_nothing_When_a_report_runs_on_an_empty_database()
    {
        var report = await _env.Service.ReportAsync(UsyncTestEnvironment.SeedFolder);

        await using var db = _env.CreateDb();
        Assert.Multiple(async () =>
        {
            Assert.That(report.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.Create), Describe(report));
            Assert.That(await db.DataTypes.CountAsync(), Is.Zero);
            Assert.That(await db.ContentNodes.CountAsync(), Is.Zero);
            Assert.That(Directory.GetFiles(_env.MediaStore.RootPath, "*", SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public async Task Reports_Update_with_old_and_new_value_When_a_value_changed_in_a_copied_folder()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "changed");
        var file = Path.Combine(copy, "Content", "umfrage.config");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace(
            "Umfrage: Zusammenarbeit mit Initiativen", "Umfrage für Kommunen", StringComparison.Ordinal));

        var report = await _env.Service.ReportAsync(copy);

        var item = report.Items.Single(i => i.File == "Content/umfrage.config");
        Assert.Multiple(() =>
        {
            Assert.That(item.Change, Is.EqualTo(UsyncChangeKind.Update));
            Assert.That(item.Details, Is.EqualTo(new[] { new UsyncPropertyChange("headline", "Umfrage: Zusammenarbeit mit Initiativen", "Umfrage für Kommunen") }));
            Assert.That(report.Items.Where(i => i != item), Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange));
        });
    }

    [Test]
    public async Task Exports_the_committed_seed_byte_for_byte_When_the_seed_was_imported()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var target = Path.Combine(_env.Root, "export");

        var result = await _env.Service.ExportAsync(target);

        var expected = UsyncTestEnvironment.ReadAll(UsyncTestEnvironment.SeedFolder);
        var actual = UsyncTestEnvironment.ReadAll(target);
        Assert.Multiple(() =>
        {
            Assert.That(result.HasFailures, Is.False);
            Assert.That(actual.Keys.Order(StringComparer.Ordinal), Is.EqualTo(expected.Keys.Order(StringComparer.Ordinal)));
            foreach (var (path, bytes) in expected)
            {
                Assert.That(actual.GetValueOrDefault(path), Is.EqualTo(bytes), path);
            }
        });
    }

    [Test]
    public async Task Exports_identical_bytes_When_exported_twice()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var target = Path.Combine(_env.Root, "export");

        await _env.Service.ExportAsync(target);
        var first = UsyncTestEnvironment.ReadAll(target);
        var second = await _env.Service.ExportAsync(target);

        Assert.Multiple(() =>
        {
            Assert.That(second.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange), Describe(second));
            Assert.That(UsyncTestEnvironment.ReadAll(target), Is.EqualTo(first));
        });
    }

    [Test]
    public async Task Reports_per_item_results_without_throwing_When_a_v9_folder_is_read()
    {
        var report = await _env.Service.ReportAsync(UsyncTestEnvironment.V9Folder);
        var import = await _env.Service.ImportAsync(UsyncTestEnvironment.V9Folder);

        foreach (var result in new[] { report, import })
        {
            var byFile = result.Items.ToDictionary(i => i.File);
            Assert.Multiple(() =>
            {
                Assert.That(byFile["DataTypes/SocialLinks.config"].Change, Is.EqualTo(UsyncChangeKind.Fail));
                Assert.That(byFile["DataTypes/SocialLinks.config"].Message, Does.Contain("Our.Umbraco.Something"));
                Assert.That(byFile["ContentTypes/landingpage.config"].Change, Is.EqualTo(UsyncChangeKind.Fail));
                Assert.That(byFile["ContentTypes/landingpage.config"].Message, Does.Contain("metaDataComposition"));
                Assert.That(byFile["Content/contact.config"].Change, Is.EqualTo(UsyncChangeKind.ParentMissing));
                foreach (var file in new[] { "DataTypes/Textstring.config", "DataTypes/RichtextEditor.config", "DataTypes/ContentPicker.config", "ContentTypes/textpage.config", "Content/about-us.config" })
                {
                    Assert.That(byFile[file].Change, Is.EqualTo(UsyncChangeKind.Create), file + ": " + byFile[file].Message);
                }

                Assert.That(result.Items, Has.Count.EqualTo(8));
            });
        }

        await using var db = _env.CreateDb();
        var about = await db.ContentNodes.SingleAsync();
        var version = await db.ContentVersions.SingleAsync(v => v.Id == about.CurrentVersionId);
        Assert.Multiple(() =>
        {
            Assert.That(about.Name, Is.EqualTo("About Us"));
            Assert.That(about.PublishedVersionId, Is.EqualTo(about.CurrentVersionId));
            Assert.That(version.Values["relatedPage"], Is.EqualTo("umb://document/b1c2d3e4f5a64b7c8d9e0f1a2b3c4d5e"));
            Assert.That(version.Values["bodyText"], Does.StartWith("<p>We are a small team.</p>"));
        });
    }

    [Test]
    public async Task Fails_with_message_When_a_media_file_does_not_match_its_extension()
    {
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "badmedia");
        await File.WriteAllTextAsync(Path.Combine(copy, "Files", "a8c3e1f0", "klimaschutz-lokal-staerken.pdf"), "<html>kein PDF</html>");

        var result = await _env.Service.ImportAsync(copy);

        var pdf = result.Items.Single(i => i.File == "Media/klimaschutz-lokal-staerken.config");
        Assert.Multiple(() =>
        {
            Assert.That(pdf.Change, Is.EqualTo(UsyncChangeKind.Fail));
            Assert.That(pdf.Message, Does.Contain("passt nicht zur Endung"));
            Assert.That(result.Items.Single(i => i.File == "Media/runder-tisch.config").Change, Is.EqualTo(UsyncChangeKind.Create));
            Assert.That(_env.MediaStore.Exists("a8c3e1f0/klimaschutz-lokal-staerken.pdf"), Is.False);
        });
    }

    [Test]
    public async Task Reports_Fail_for_that_file_only_When_a_file_is_malformed_xml()
    {
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "malformed");
        await File.WriteAllTextAsync(Path.Combine(copy, "DataTypes", "Numeric.config"), "<DataType Key=");

        var result = await _env.Service.ImportAsync(copy);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Single(i => i.File == "DataTypes/Numeric.config").Change, Is.EqualTo(UsyncChangeKind.Fail));
            Assert.That(result.Failed, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Deletes_the_item_When_the_folder_holds_an_empty_delete_marker()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "delete");
        var file = Path.Combine(copy, "Content", "umfrage.config");
        await File.WriteAllBytesAsync(file, UsyncSerializer.WriteEmpty(new UsyncEmptyItem(Guid.Parse("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51"), "Umfrage", "Delete")));

        var report = await _env.Service.ReportAsync(copy);
        var import = await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        Assert.Multiple(async () =>
        {
            Assert.That(report.Items.Single(i => i.File == "Content/umfrage.config").Change, Is.EqualTo(UsyncChangeKind.Delete));
            Assert.That(import.Items.Single(i => i.File == "Content/umfrage.config").Change, Is.EqualTo(UsyncChangeKind.Delete));
            Assert.That(await db.ContentNodes.CountAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Updates_content_type_and_content_then_reports_NoChange_When_a_changed_folder_is_imported_twice()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "changed-import");
        var typeFile = Path.Combine(copy, "ContentTypes", "surveypage.config");
        await File.WriteAllTextAsync(typeFile, (await File.ReadAllTextAsync(typeFile)).Replace("<Name>Formular</Name>", "<Name>Umfrageformular</Name>", StringComparison.Ordinal));
        var contentFile = Path.Combine(copy, "Content", "umfrage.config");
        await File.WriteAllTextAsync(contentFile, (await File.ReadAllTextAsync(contentFile)).Replace(
            "Umfrage: Zusammenarbeit mit Initiativen", "Umfrage für Kommunen", StringComparison.Ordinal));
        int versionsBefore;
        await using (var db = _env.CreateDb())
        {
            versionsBefore = await db.ContentVersions.CountAsync();
        }

        var first = await _env.Service.ImportAsync(copy);
        var second = await _env.Service.ImportAsync(copy);

        await using var after = _env.CreateDb();
        var type = await after.ContentTypes.SingleAsync(t => t.Alias == "surveyPage");
        var node = await after.ContentNodes.SingleAsync(n => n.Name == "Umfrage");
        var version = await after.ContentVersions.SingleAsync(v => v.Id == node.CurrentVersionId);
        Assert.Multiple(async () =>
        {
            Assert.That(first.Items.Where(i => i.Change == UsyncChangeKind.Update).Select(i => i.File),
                Is.EquivalentTo(new[] { "ContentTypes/surveypage.config", "Content/umfrage.config" }), Describe(first));
            Assert.That(second.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange), Describe(second));
            Assert.That(type.Properties.Single(p => p.Alias == "form").Name, Is.EqualTo("Umfrageformular"));
            Assert.That(type.Properties, Has.Count.EqualTo(3));
            Assert.That(version.Values["headline"], Is.EqualTo("Umfrage für Kommunen"));
            Assert.That(node.PublishedVersionId, Is.EqualTo(node.CurrentVersionId));
            Assert.That(await after.ContentVersions.CountAsync(), Is.EqualTo(versionsBefore + 1));
        });
    }

    [Test]
    public async Task Reports_Fail_When_import_sees_an_unsafe_media_path()
    {
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "unsafe");
        var file = Path.Combine(copy, "Media", "logo-eu.config");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("/media/c42f9a10/logo-eu.svg", "/media/../../etc/passwd", StringComparison.Ordinal));

        var result = await _env.Service.ImportAsync(copy);

        Assert.That(result.Items.Single(i => i.File == "Media/logo-eu.config").Change, Is.EqualTo(UsyncChangeKind.Fail));
    }
}
