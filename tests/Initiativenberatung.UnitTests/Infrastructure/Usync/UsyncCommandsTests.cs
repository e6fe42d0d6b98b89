using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Cli;
using Initiativenberatung.Web.Usync;
using Moq;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncCommandsTests
{
    [Test]
    public async Task Prints_change_line_and_truncated_property_diff_When_an_item_is_updated()
    {
        var result = new UsyncResult();
        result.Items.Add(new UsyncItemResult("ContentHandler", "Content", "Umfrage", Guid.Empty, "Content/umfrage.config", UsyncChangeKind.Update, null,
            [new UsyncPropertyChange("headline", "alt", new string('x', 100))]));
        using var output = new StringWriter { NewLine = "\n" };

        await UsyncCommandBase.WriteAsync(result, output);

        Assert.That(output.ToString(), Is.EqualTo(
            "Update        Content      Umfrage (Content/umfrage.config)\n" +
            "  headline: \"alt\" → \"" + new string('x', 80) + "…\"\n"));
    }

    [Test]
    public void Rejects_unknown_options_When_resolving_the_folder()
    {
        var services = new Mock<IServiceProvider>();

        Assert.Throws<ArgumentException>(() => UsyncCommandBase.ResolveFolder(new CliArguments(["--fodler", "x"]), services.Object));
        Assert.Throws<ArgumentException>(() => UsyncCommandBase.ResolveFolder(new CliArguments(["--folder"]), services.Object));
    }

    [Test]
    public void Falls_back_to_the_shell_directory_When_the_relative_folder_is_missing_in_the_working_directory()
    {
        var shell = UsyncTestEnvironment.RepoRoot;

        var resolved = UsyncCommandBase.ResolveRelative("uSync/v17", Path.GetTempPath(), shell);

        Assert.That(resolved, Is.EqualTo(Path.Combine(shell, "uSync", "v17")));
    }
}
