using System.Globalization;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Harness;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenarios 2-5 on one org and one state, in order: first sync of N rows into an empty org, the same N rows
/// again, an export with 1% of rows changed, and one with 5% of rows removed in Mirror mode. Each step is a
/// fresh process running the engine of Sync-GenesysExternalContact -Path (the CSV streamed, read twice), like
/// a scheduled task would.
/// </summary>
public static class ExternalContactScenarios
{
    public static readonly string[] Chain = { "first-sync", "unchanged-resync", "changed-1pct", "mirror-5pct" };

    public static async Task RunAsync(BenchContext ctx)
    {
        var last = Array.FindLastIndex(Chain, ctx.Args.Wants);
        if (last < 0) return;
        var n = ctx.Args.Rows;
        var first = ctx.Dataset(n);
        var changed = first.With(changeEvery: 100, removeEvery: 0, revision: 2);
        var mirrored = first.With(changeEvery: 100, removeEvery: 20, revision: 2); // the same changes, 5% of rows gone
        var steps = new (string Name, SyntheticDataset Data, string Csv, SyncMode Mode)[]
        {
            ("first-sync", first, ctx.CsvPath(n, "v1"), SyncMode.Upsert),
            ("unchanged-resync", first, ctx.CsvPath(n, "v1"), SyncMode.Upsert),
            ("changed-1pct", changed, ctx.CsvPath(n, "v2-changed"), SyncMode.Upsert),
            ("mirror-5pct", mirrored, ctx.CsvPath(n, "v3-mirror"), SyncMode.Mirror),
        };
        for (var i = 0; i <= last; i++) ctx.EnsureCsv(steps[i].Data, steps[i].Csv);

        await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, ctx.Args.Seed);
        var state = BenchContext.FreshState(ctx.TempPath($"state-contacts-{n}.db"));
        for (var i = 0; i <= last; i++)
        {
            var (name, data, csv, mode) = steps[i];
            var rows = data.PresentCount;
            await ctx.MeasureChildAsync(name, emulator, rows, SyncChild.Flag, new[]
            {
                "--csv", csv, "--state", state, "--mode", mode.ToString(), "--rows", rows.ToString(CultureInfo.InvariantCulture),
                "--requests-per-minute", BenchContext.LiftedRequestsPerMinute.ToString(CultureInfo.InvariantCulture), "--measure",
            }, record: ctx.Args.Wants(name));
        }

        // The org must now hold exactly the last export.
        var expected = steps[last].Data;
        var target = ctx.Records.LastOrDefault(r => r.Scenario == steps[last].Name);
        if (expected.PresentCount <= 200_000)
        {
            var report = await Convergence.VerifyAsync(emulator.Control, expected, state);
            BenchContext.Log("verification: " + report);
            if (target is not null && report.Total > 0)
            {
                target.Verified = false;
                target.Notes = Join(target.Notes, "org/state differ from the source: " + report);
            }
        }
        else
        {
            var count = await emulator.Control.ContactCountAsync();
            BenchContext.Log($"verification: the org holds {count:N0} contacts for {expected.PresentCount:N0} rows (field-by-field check skipped above 200,000 rows)");
            if (target is not null && count != expected.PresentCount)
            {
                target.Verified = false;
                target.Notes = Join(target.Notes, $"the org holds {count} contacts for {expected.PresentCount} rows");
            }
        }
    }

    private static string Join(string a, string b) => string.IsNullOrEmpty(a) ? b : a + "; " + b;
}
