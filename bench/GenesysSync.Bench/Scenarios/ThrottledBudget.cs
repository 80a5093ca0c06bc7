using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Sync;
using GenesysSync.Time;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// The budget check behind "full use of the API budget without 429 storms": the emulator enforces the real
/// 300 requests/min per token and the client is set to the same budget, both on a clock running 20× real
/// time. The per-row baseline (which saturates the budget) and a first sync run against it; we count 429s
/// and how much of the budget was used.
/// </summary>
public static class ThrottledBudget
{
    public const double TimeScale = 20;

    public static async Task RunAsync(BenchContext ctx)
    {
        await using var emulator = await EmulatorProcess.StartAsync(TimeScale, rateLimitPerMinute: 300, ctx.Args.Seed);
        var clock = new ScaledTimeProvider(TimeScale);

        var baselineRows = Math.Min(ctx.Args.Rows, Math.Min(1500, ctx.Args.BaselineRows));
        await Measure(ctx, emulator, "baseline-per-row", baselineRows, async () =>
        {
            // Not recorded in the main table: only its 429s and budget use matter here.
            var saved = (ctx.BaselineRequestsPerRow, ctx.BaselineMeasured);
            await BaselinePerRow.RunAsync(ctx, emulator, baselineRows, "throttled baseline", clock, 300, record: false);
            (ctx.BaselineRequestsPerRow, ctx.BaselineMeasured) = saved;
        });

        await emulator.Control.ResetAsync();
        // Enough rows for hundreds of requests; the full N only makes this slower, not more telling.
        var n = Math.Min(ctx.Args.Rows, 100_000);
        var csv = ctx.EnsureCsv(ctx.Dataset(n), ctx.CsvPath(n, "v1"));
        var state = BenchContext.FreshState(ctx.TempPath($"state-throttled-{n}.db"));
        await Measure(ctx, emulator, "first-sync", n, async () =>
        {
            var outcome = await SyncRunner.RunAsync(ctx.Settings(emulator, state, SyncMode.Upsert, clock, 300), new CsvRowSource(csv), n);
            if (outcome.Error is not null || outcome.Tally.Failed > 0) BenchContext.Log("throttled first sync: " + (outcome.Error?.Message ?? outcome.Tally.ToString()));
        });
    }

    private static async Task Measure(BenchContext ctx, EmulatorProcess emulator, string name, long rows, Func<Task> run)
    {
        BenchContext.Log($"throttled-300 {name}: {rows:N0} rows at 300 requests/min on a {TimeScale}× clock …");
        var before = await emulator.Control.StatsAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await run();
        watch.Stop();
        var delta = (await emulator.Control.StatsAsync()).Since(before);
        var record = new ThrottleRecord
        {
            Run = name,
            Rows = rows,
            Requests = delta.ApiRequests,
            Throttled429 = delta.Status(429),
            TimeScale = TimeScale,
            WallSeconds = watch.Elapsed.TotalSeconds,
            OrgMinutes = watch.Elapsed.TotalMinutes * TimeScale,
        };
        ctx.Throttle.Add(record);
        Console.WriteLine(ResultsReport.ToJson(record));
        BenchContext.Log($"throttled-300 {name}: {record.Requests:N0} requests, {record.Throttled429} 429s, {record.AchievedPerMinute:0} requests/min ({record.BudgetUse:P0} of the budget)");
    }
}
