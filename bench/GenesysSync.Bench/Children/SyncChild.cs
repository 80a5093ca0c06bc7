using System.Globalization;
using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Sync;
using GenesysSync.Time;

namespace GenesysSync.Bench.Children;

/// <summary>
/// Hidden mode --child-sync: one sync run of a CSV file against the emulator (the engine of
/// Sync-GenesysExternalContact -Path), ending with a GSRESULT line (and GSMEASURE with --measure). The crash
/// test kills it with SIGKILL at random points; the benchmark runs each measured step in it.
/// </summary>
public static class SyncChild
{
    public const string Flag = "--child-sync";

    public static async Task<int> RunAsync(string[] args)
    {
        var values = ChildArguments.Parse(args);
        var rows = values.Int("--rows", 0);
        var scale = double.Parse(values.GetValueOrDefault("--time-scale", "1"), CultureInfo.InvariantCulture);
        var settings = new SyncRunSettings
        {
            BaseAddress = new Uri(values["--url"]),
            ClientId = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_ID") ?? "",
            ClientSecret = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_SECRET") ?? "",
            Clock = scale == 1 ? TimeProvider.System : new ScaledTimeProvider(scale),
            RequestsPerMinute = values.Int("--requests-per-minute", 100_000),
            StatePath = values["--state"],
            Mode = Enum.Parse<SyncMode>(values["--mode"]),
            BatchSize = values.Int("--batch", 200),
        };
        SyncRunOutcome? outcome = null;
        var measure = await ChildMeasure.RunAsync(async m =>
        {
            outcome = await SyncRunner.RunAsync(settings, new CsvRowSource(values["--csv"]), rows);
            m.Apply(outcome, rows);
        });
        if (values.ContainsKey("--measure")) measure.Print();
        if (outcome!.Error is not null)
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
