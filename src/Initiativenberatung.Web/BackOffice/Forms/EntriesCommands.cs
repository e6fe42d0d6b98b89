using System.Globalization;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.BackOffice.Users;
using Initiativenberatung.Web.Cli;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>
/// <c>entries export --form ALIAS [--format csv|xlsx] [--out FILE] [--from DATE] [--to DATE] [--delimiter ;|,|tab]</c>:
/// writes the entries (all, or the date range; <c>--to</c> inclusive) to the file or to standard output.
/// </summary>
public sealed class EntriesExportCommand : ICliCommand
{
    private static readonly string[] Options = ["form", "format", "out", "from", "to", "delimiter", "headers"];

    public IReadOnlyList<string> Verb { get; } = ["entries", "export"];

    public string Usage => "entries export --form ALIAS [--format csv|xlsx] [--out DATEI] [--from JJJJ-MM-TT] [--to JJJJ-MM-TT] [--delimiter ;|,|tab] [--headers captions|aliases]   exportiert Formulareinträge";

    public async Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        EntriesArguments.RejectUnknown(arguments, Options);
        var alias = EntriesArguments.Required(arguments, "form");
        var format = (arguments.Get("format") ?? "csv").ToLowerInvariant() switch
        {
            "csv" => FormExportFormat.Csv,
            "xlsx" => FormExportFormat.Xlsx,
            _ => throw new ArgumentException("--format muss csv oder xlsx sein."),
        };
        var delimiter = (arguments.Get("delimiter") ?? ";") switch
        {
            ";" => ';',
            "," => ',',
            "tab" or "\t" => '\t',
            _ => throw new ArgumentException("--delimiter muss ; oder , oder tab sein."),
        };
        var headers = (arguments.Get("headers") ?? "captions").ToLowerInvariant() switch
        {
            "captions" => ExportHeaderMode.Captions,
            "aliases" => ExportHeaderMode.Aliases,
            _ => throw new ArgumentException("--headers muss captions oder aliases sein."),
        };
        var from = EntriesArguments.Date(arguments, "from");
        var to = EntriesArguments.Date(arguments, "to");
        var form = await services.GetRequiredService<FormDefinitionStore>().GetByAliasAsync(alias, cancellationToken)
            ?? throw new ArgumentException($"Kein Formular mit dem Alias „{alias}“.");

        var filter = new FormEntryFilter(EntriesQuery.StartOf(from), EntriesQuery.EndOf(to));
        var browser = services.GetRequiredService<FormEntryBrowser>();
        var columns = await services.GetRequiredService<FormEntryExport>().ColumnsAsync(form, cancellationToken);
        var rows = FormEntryExport.RowsAsync(columns, browser.StreamAsync(form.Key, filter, cancellationToken: cancellationToken), cancellationToken);
        var path = arguments.Get("out");
        await using var stream = string.IsNullOrEmpty(path) ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        var count = format == FormExportFormat.Csv
            ? await CsvEntryWriter.WriteAsync(stream, columns, rows, new CsvExportOptions { Delimiter = delimiter, HeaderMode = headers }, cancellationToken)
            : await XlsxEntryWriter.WriteAsync(stream, columns, rows, new XlsxExportOptions { HeaderMode = headers }, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        if (!string.IsNullOrEmpty(path))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{EntryCount.Text(count)} nach {path} exportiert."));
        }
        else
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{EntryCount.Text(count)} exportiert."));
        }

        return 0;
    }
}

/// <summary><c>entries purge [--form ALIAS]</c>: deletes entries older than the form's retention days and prints how many.</summary>
public sealed class EntriesPurgeCommand : ICliCommand
{
    private static readonly string[] Options = ["form"];

    public IReadOnlyList<string> Verb { get; } = ["entries", "purge"];

    public string Usage => "entries purge [--form ALIAS]   löscht Einträge, die älter als die Aufbewahrungsfrist des Formulars sind";

    public async Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        EntriesArguments.RejectUnknown(arguments, Options);
        var alias = arguments.Has("form") ? EntriesArguments.Required(arguments, "form") : null;
        if (alias is not null && await services.GetRequiredService<FormDefinitionStore>().GetByAliasAsync(alias, cancellationToken) is null)
        {
            throw new ArgumentException($"Kein Formular mit dem Alias „{alias}“.");
        }

        var results = await services.GetRequiredService<FormEntriesRetention>().PurgeAsync(BackOfficeActor.CommandLine, alias, cancellationToken);
        foreach (var result in results)
        {
            await output.WriteLineAsync(result.RetentionDays is null
                ? $"{result.Alias}: keine Aufbewahrungsfrist, nichts gelöscht."
                : string.Create(CultureInfo.InvariantCulture, $"{result.Alias}: {EntryCount.Text(result.Removed)} gelöscht (älter als {result.RetentionDays} {(result.RetentionDays == 1 ? "Tag" : "Tage")})."));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Insgesamt {EntryCount.Text(results.Sum(r => r.Removed))} gelöscht."));
        return 0;
    }
}

internal static class EntriesArguments
{

    public static void RejectUnknown(CliArguments arguments, IReadOnlyCollection<string> allowed)
    {
        if (arguments.Positional.Count > 0)
        {
            throw new ArgumentException($"Unerwartetes Argument „{arguments.Positional[0]}“.");
        }

        var unknown = arguments.OptionNames.FirstOrDefault(n => !allowed.Contains(n, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new ArgumentException($"Unbekannte Option --{unknown}.");
        }
    }

    public static string Required(CliArguments arguments, string name) =>
        arguments.Get(name) is { Length: > 0 } value ? value : throw new ArgumentException($"--{name} fehlt.");

    public static DateOnly? Date(CliArguments arguments, string name) =>
        arguments.Get(name) is not { Length: > 0 } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"--{name} muss ein Datum im Format JJJJ-MM-TT sein.");
}
