using Initiativenberatung.Infrastructure.Persistence;

namespace Initiativenberatung.Web.Cli;

/// <summary>
/// An operations verb of the web project, e.g. <c>usync export</c>: runs against the configured database and exits.
/// </summary>
public interface ICliCommand
{
    /// <summary>The words that select the command, e.g. <c>["usync", "export"]</c>.</summary>
    IReadOnlyList<string> Verb { get; }

    /// <summary>One line of help, German.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>Parsed <c>--name value</c> options after the verb.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    _options[pending] = null;
                }

                pending = arg[2..];
                var eq = pending.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    _options[pending[..eq]] = pending[(eq + 1)..];
                    pending = null;
                }
            }
            else if (pending is not null)
            {
                _options[pending] = arg;
                pending = null;
            }
            else
            {
                Positional.Add(arg);
            }
        }

        if (pending is not null)
        {
            _options[pending] = null;
        }
    }

    public List<string> Positional { get; } = [];

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>Names of all <c>--name</c> options given, so commands can reject unknown ones.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;
}

public static class CliHost
{
    /// <summary>True when the process was started with a known verb rather than to serve the site.</summary>
    public static bool IsCliInvocation(string[] args, IEnumerable<string> verbs) =>
        args.Length > 0 && !args[0].StartsWith('-') && verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>First words of all registered commands; must match what the commands register.</summary>
    public static readonly IReadOnlyList<string> KnownVerbs = ["usync", "users", "entries", "help"];

    public static async Task<int> RunCliAsync(this WebApplication app, string[] args)
    {
        var commands = app.Services.GetServices<ICliCommand>().ToList();
        var output = Console.Out;
        var command = commands
            .Where(c => c.Verb.Count <= args.Length && c.Verb.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(m => m))
            .OrderByDescending(c => c.Verb.Count)
            .FirstOrDefault();
        if (command is null)
        {
            await output.WriteLineAsync("Unbekannter Befehl. Verfügbar:");
            foreach (var c in commands.OrderBy(c => string.Join(' ', c.Verb), StringComparer.Ordinal))
            {
                await output.WriteLineAsync("  " + c.Usage);
            }

            return args.Length > 0 && args[0] == "help" ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CmsDatabase>().MigrateAsync(cancel.Token);

        try
        {
            return await command.RunAsync(new CliArguments(args.Skip(command.Verb.Count)), scope.ServiceProvider, output, cancel.Token);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"Fehler: {ex.Message}");
            await Console.Error.WriteLineAsync("Aufruf: " + command.Usage);
            return 2;
        }
    }
}
