using Initiativenberatung.Benchmarks;

// The benchmark tools behind bench/run. Each verb does one measurement and prints `key=value` lines on stdout,
// which the script reads; progress and problems go to stderr.
var verbs = new Dictionary<string, Func<CommandLine, Task<int>>>(StringComparer.Ordinal)
{
    ["generate-entries"] = EntryGenerator.RunAsync,
    ["export"] = ExportBenchmark.RunAsync,
    ["static-server"] = StaticBaselineServer.RunAsync,
    ["survey-load"] = SurveyLoad.RunAsync,
    ["insert-baseline"] = InsertBaseline.RunAsync,
    ["start-time"] = StartTime.RunAsync,
    ["page-weight"] = PageWeight.RunAsync,
    ["export-stages"] = ExportStages.RunAsync,
    ["durability-post"] = Durability.PostAsync,
    ["durability-check"] = Durability.CheckAsync,
    ["mixed-load"] = MixedLoad.RunAsync,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    await Console.Error.WriteLineAsync($"usage: Initiativenberatung.Benchmarks <{string.Join("|", verbs.Keys)}> [--option value …]");
    return 2;
}

try
{
    return await run(CommandLine.Parse(args[1..]));
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
