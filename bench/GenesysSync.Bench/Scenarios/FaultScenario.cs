using System.Globalization;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Time;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// --scenario faults: the fault suite at --fault-rows (default 10,000): each fault kind, then all together,
/// then the crash test (kill -9 of a child process running the sync). --scenario crash runs only the last.
/// The emulator and the client run on a clock 20× real time, so Retry-After and slow replies pass quickly.
/// </summary>
public static class FaultScenario
{
    public const double TimeScale = 20;
    public const int BatchSize = 50;
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(BenchContext ctx, bool cases, bool crash)
    {
        await using var emulator = await EmulatorProcess.StartAsync(TimeScale, rateLimitPerMinute: 0, ctx.Args.Seed);
        var first = ctx.Dataset(ctx.Args.FaultRows);
        var settings = new FaultSuiteSettings
        {
            Run = new SyncRunSettings
            {
                BaseAddress = emulator.BaseAddress, ClientId = EmulatorProcess.ClientId, ClientSecret = EmulatorProcess.ClientSecret,
                Clock = new ScaledTimeProvider(TimeScale), RequestsPerMinute = 100_000, BatchSize = BatchSize, RequestTimeout = ClientTimeout,
            },
            First = first,
            Second = first.With(changeEvery: 20, removeEvery: 50, revision: 2),
            WorkDirectory = ctx.TempPath("faults-" + first.Count.ToString(CultureInfo.InvariantCulture)),
            Log = BenchContext.Log,
        };
        var suite = new FaultSuite(emulator.Control, settings);
        suite.CsvFiles();

        if (cases)
        {
            foreach (var name in FaultCases.Names)
            {
                BenchContext.Log($"fault case {name} ({first.Count:N0} rows) …");
                Record(ctx, await suite.RunCaseAsync(name));
            }
        }
        if (crash)
        {
            BenchContext.Log($"crash test ({first.Count:N0} rows, {ctx.Args.Kills} kills per phase) …");
            var report = await suite.RunCrashTestAsync(run =>
            {
                var start = SelfProcess.StartInfo(SyncChild.Flag, "--url", emulator.BaseAddress.ToString(), "--csv", run.CsvPath, "--state", run.StatePath,
                    "--mode", run.Mode.ToString(), "--rows", run.Rows.ToString(CultureInfo.InvariantCulture), "--batch", BatchSize.ToString(CultureInfo.InvariantCulture),
                    "--time-scale", TimeScale.ToString(CultureInfo.InvariantCulture));
                start.Environment["GS_BENCH_CLIENT_ID"] = EmulatorProcess.ClientId;
                start.Environment["GS_BENCH_CLIENT_SECRET"] = EmulatorProcess.ClientSecret;
                return start;
            }, ctx.Args.Kills, ctx.Args.Seed, TimeSpan.FromMinutes(30), killWindow: TimeSpan.FromSeconds(1.5));
            Record(ctx, report);
        }
    }

    private static void Record(BenchContext ctx, FaultCaseReport report)
    {
        ctx.Faults.Add(report);
        Console.WriteLine(ResultsReport.ToJson(report));
        BenchContext.Log(report.ToString());
    }
}
