using System.Globalization;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Cli;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>Shared part of <c>usync export|import|report [--folder DIR]</c>.</summary>
public abstract class UsyncCommandBase : ICliCommand
{
    public abstract IReadOnlyList<string> Verb { get; }

    public string Usage => $"{string.Join(' ', Verb)} [--folder ORDNER]   {Description}";

    protected abstract string Description { get; }

    protected abstract string Done { get; }

    public async Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = ResolveFolder(arguments, services);
        var usync = services.GetRequiredService<UsyncService>();
        await output.WriteLineAsync($"uSync-Ordner: {folder}");
        var result = await ExecuteAsync(usync, folder, cancellationToken);
        await WriteAsync(result, output);
        await output.WriteLineAsync($"{Done}: {result.Summary()}.");
        return result.HasFailures ? 1 : 0;
    }

    protected abstract Task<UsyncResult> ExecuteAsync(UsyncService usync, string folder, CancellationToken cancellationToken);

    /// <summary><c>--folder</c> relative to the working directory; default is the configured root folder.</summary>
    /// <exception cref="ArgumentException">Unknown arguments or <c>--folder</c> without a value (exit code 2).</exception>
    public static string ResolveFolder(CliArguments arguments, IServiceProvider services)
    {
        if (arguments.Positional.Count > 0)
        {
            throw new ArgumentException($"Unerwartetes Argument „{arguments.Positional[0]}“.");
        }

        if (arguments.OptionNames.FirstOrDefault(n => !string.Equals(n, "folder", StringComparison.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new ArgumentException($"Unbekannte Option „--{unknown}“.");
        }

        if (arguments.Has("folder"))
        {
            var value = arguments.Get("folder");
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("--folder braucht einen Ordner.");
            }

            return ResolveRelative(value, Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD"));
        }

        var settings = services.GetRequiredService<IOptions<UsyncSettings>>().Value;
        return settings.ResolveRootFolder(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
    }

    /// <summary>
    /// A relative path is taken from the working directory. <c>dotnet run --project</c> starts the process in the
    /// project folder, so when that path does not exist, the caller's shell directory (<c>PWD</c>) is tried as well.
    /// </summary>
    public static string ResolveRelative(string value, string workingDirectory, string? shellDirectory)
    {
        var fromWorking = Path.GetFullPath(value, workingDirectory);
        if (Path.IsPathRooted(value) || Directory.Exists(fromWorking) || string.IsNullOrEmpty(shellDirectory) || !Path.IsPathRooted(shellDirectory))
        {
            return fromWorking;
        }

        var fromShell = Path.GetFullPath(value, shellDirectory);
        return Directory.Exists(fromShell) ? fromShell : fromWorking;
    }

    public static async Task WriteAsync(UsyncResult result, TextWriter output)
    {
        foreach (var item in result.Items)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{item.Change,-13} {item.ItemType,-12} {item.Name} ({item.File})");
            if (!string.IsNullOrEmpty(item.Message))
            {
                line += ": " + item.Message;
            }

            await output.WriteLineAsync(line);
            if (item.Change == UsyncChangeKind.Update)
            {
                foreach (var detail in item.Details)
                {
                    await output.WriteLineAsync($"  {detail.Name}: {Quote(detail.OldValue)} → {Quote(detail.NewValue)}");
                }
            }
        }
    }

    private static string Quote(string? value)
    {
        if (value is null)
        {
            return "(leer)";
        }

        var flat = value.ReplaceLineEndings(" ");
        return "\"" + (flat.Length > 80 ? flat[..80] + "…" : flat) + "\"";
    }
}

public sealed class UsyncExportCommand : UsyncCommandBase
{
    public override IReadOnlyList<string> Verb { get; } = ["usync", "export"];

    protected override string Description => "schreibt Schema, Medien und Inhalte in den uSync-Ordner";

    protected override string Done => "Export abgeschlossen";

    protected override Task<UsyncResult> ExecuteAsync(UsyncService usync, string folder, CancellationToken cancellationToken) =>
        usync.ExportAsync(folder, cancellationToken);
}

public sealed class UsyncImportCommand : UsyncCommandBase
{
    public override IReadOnlyList<string> Verb { get; } = ["usync", "import"];

    protected override string Description => "importiert den uSync-Ordner in die Datenbank";

    protected override string Done => "Import abgeschlossen";

    protected override Task<UsyncResult> ExecuteAsync(UsyncService usync, string folder, CancellationToken cancellationToken) =>
        usync.ImportAsync(folder, UsyncParts.All, cancellationToken);
}

public sealed class UsyncReportCommand : UsyncCommandBase
{
    public override IReadOnlyList<string> Verb { get; } = ["usync", "report"];

    protected override string Description => "zeigt, was ein Import ändern würde (ändert nichts)";

    protected override string Done => "Bericht (nichts geändert)";

    protected override Task<UsyncResult> ExecuteAsync(UsyncService usync, string folder, CancellationToken cancellationToken) =>
        usync.ReportAsync(folder, UsyncParts.All, cancellationToken);
}
