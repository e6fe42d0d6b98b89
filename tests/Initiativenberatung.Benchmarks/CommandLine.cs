using System.Globalization;

namespace Initiativenberatung.Benchmarks;

/// <summary><c>--name value</c> options of a verb.</summary>
public sealed class CommandLine(IReadOnlyDictionary<string, string> options)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return new CommandLine(options);
    }

    public string Get(string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing option --{name}");

    public string Get(string name, string fallback) => options.GetValueOrDefault(name, fallback);

    public int GetInt(string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public Uri GetUri(string name) => new(Get(name), UriKind.Absolute);
}

/// <summary>Prints the <c>key=value</c> lines the script reads (invariant culture).</summary>
public static class Figures
{
    public static void Print(string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.###}"));

    public static void Print(string key, string value) => Console.WriteLine($"{key}={value}");
}
