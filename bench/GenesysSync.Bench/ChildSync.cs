using System.Globalization;
using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Sync;
using GenesysSync.Time;

namespace GenesysSync.Bench;

/// <summary>
/// The crash test's child (hidden mode): one sync run of a CSV file against the emulator, ending with a
/// GSRESULT line. The parent kills it with SIGKILL at random points.
/// </summary>
public static class ChildSync
{
    public const string Flag = "--child-sync";

    public static async Task<int> RunAsync(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        var rows = int.Parse(values["--rows"], CultureInfo.InvariantCulture);
        var scale = double.Parse(values.GetValueOrDefault("--time-scale", "1"), CultureInfo.InvariantCulture);
        var settings = new SyncRunSettings
        {
            BaseAddress = new Uri(values["--url"]),
            ClientId = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_ID") ?? "",
            ClientSecret = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_SECRET") ?? "",
            Clock = scale == 1 ? TimeProvider.System : new ScaledTimeProvider(scale),
            RequestsPerMinute = 100_000,
            StatePath = values["--state"],
            Mode = Enum.Parse<SyncMode>(values["--mode"]),
            BatchSize = int.Parse(values.GetValueOrDefault("--batch", "200"), CultureInfo.InvariantCulture),
        };
        var outcome = await SyncRunner.RunAsync(settings, new CsvRowSource(values["--csv"]), rows);
        if (outcome.Error is not null)
        {
            Console.Error.WriteLine("sync failed: " + outcome.Error.GetType().Name + ": " + outcome.Error.Message);
            return 1;
        }
        var results = outcome.Tally.RowResults;
        var distinct = results - outcome.Tally.RepeatedResults;
        Console.WriteLine(outcome.Summary);
        Console.WriteLine(FaultSuite.ChildResult.Format(rows, results, distinct, outcome.Tally.Failed));
        return 0;
    }
}
