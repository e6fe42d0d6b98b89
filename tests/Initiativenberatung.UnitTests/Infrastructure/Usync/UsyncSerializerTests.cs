using System.Text;
using Initiativenberatung.Infrastructure.Usync;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncSerializerTests
{
    private static IEnumerable<string> SeedFiles() =>
        Directory.GetFiles(UsyncTestEnvironment.SeedFolder, "*.config", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(UsyncTestEnvironment.SeedFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(SeedFiles))]
    public void Writes_identical_bytes_When_a_seed_file_is_parsed_and_written_again(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(UsyncTestEnvironment.SeedFolder, relativePath));
        var root = UsyncXml.Parse(bytes);

        var written = root.Name.LocalName switch
        {
            "uSync" => UsyncSerializer.WriteUsyncConfig(),
            "DataType" => UsyncSerializer.WriteDataType(UsyncSerializer.ReadDataType(root)),
            "ContentType" or "MediaType" => UsyncSerializer.WriteContentType(UsyncSerializer.ReadContentType(root)),
            "Content" => UsyncSerializer.WriteContent(UsyncSerializer.ReadContent(root)),
            "Media" => UsyncSerializer.WriteMedia(UsyncSerializer.ReadMedia(root)),
            "Empty" => UsyncSerializer.WriteEmpty(UsyncSerializer.ReadEmpty(root)),
            "Form" => UsyncSerializer.WriteForm(UsyncSerializer.ReadForm(root)),
            _ => throw new AssertionException("Unbekanntes Wurzelelement " + root.Name),
        };

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(Encoding.UTF8.GetString(bytes)));
        Assert.That(written, Is.EqualTo(bytes));
    }

    [Test]
    public void Writes_xml_declaration_lf_and_final_newline_without_bom_When_writing_usync_config()
    {
        var bytes = UsyncSerializer.WriteUsyncConfig();

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<uSync version=\"17.0.0\" format=\"10.7.0\" />\n"));
    }

    [Test]
    public void Reads_groups_by_caption_with_derived_keys_When_v9_tabs_have_no_alias_or_key()
    {
        var root = UsyncXml.Parse(File.ReadAllBytes(Path.Combine(UsyncTestEnvironment.V9Folder, "ContentTypes", "textpage.config")));

        var first = UsyncSerializer.ReadContentType(root);
        var second = UsyncSerializer.ReadContentType(root);

        Assert.Multiple(() =>
        {
            Assert.That(first.Groups.Select(g => g.Alias), Is.EqualTo(new[] { "content", "settings" }));
            Assert.That(first.Groups.Select(g => g.Key), Is.EqualTo(second.Groups.Select(g => g.Key)));
            Assert.That(first.Groups.Select(g => g.Key), Has.None.EqualTo(Guid.Empty));
            Assert.That(first.Properties.Single(p => p.Alias == "relatedPage").GroupAlias, Is.EqualTo("settings"));
            Assert.That(first.Properties.Single(p => p.Alias == "title").GroupAlias, Is.EqualTo("content"));
            Assert.That(first.AllowAtRoot, Is.True);
        });
    }

    [Test]
    public void Reads_database_type_and_derives_ui_alias_When_v9_data_type_has_no_editor_ui_alias()
    {
        var root = UsyncXml.Parse(File.ReadAllBytes(Path.Combine(UsyncTestEnvironment.V9Folder, "DataTypes", "RichtextEditor.config")));

        var dataType = UsyncSerializer.ReadDataType(root);

        Assert.Multiple(() =>
        {
            Assert.That(dataType.EditorAlias, Is.EqualTo("Umbraco.TinyMCE"));
            Assert.That(dataType.DatabaseType, Is.EqualTo("Ntext"));
            Assert.That(dataType.EditorUiAlias, Is.EqualTo("Umb.PropertyEditorUi.Tiptap"), "as Umbraco's 14 migration assigns it");
            Assert.That(dataType.ConfigJson, Does.StartWith("{\n  \"Editor\""));
        });
    }

    [Test]
    public void Sorts_config_keys_and_indents_by_two_spaces_When_writing_a_data_type()
    {
        var dataType = new Initiativenberatung.Core.Schema.DataType
        {
            Key = Guid.Parse("ABCDEF00-0000-0000-0000-000000000001"),
            Name = "Mein Typ",
            EditorAlias = "Umbraco.TextBox",
            ConfigJson = "{\"b\":1,\"a\":{\"d\":2,\"c\":\"ä\"}}",
        };

        var text = Encoding.UTF8.GetString(UsyncSerializer.WriteDataType(dataType));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Key=\"abcdef00-0000-0000-0000-000000000001\" Alias=\"Mein Typ\""));
            Assert.That(text, Does.Contain("<![CDATA[{\n  \"a\": {\n    \"c\": \"ä\",\n    \"d\": 2\n  },\n  \"b\": 1\n}]]>"));
            Assert.That(text, Does.Not.Contain("\r"));
        });
    }
}
