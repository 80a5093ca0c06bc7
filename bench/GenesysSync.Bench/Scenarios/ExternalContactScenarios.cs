using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenarios 2-5 on one org and one state, in order: first sync of N rows into an empty org, the same N rows
/// again, an export with 1% of rows changed, and one with 5% of rows removed in Mirror mode. The engine reads
/// the CSV file exactly as Sync-GenesysExternalContact -Path does (CsvRowSource, streamed, read twice).
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
        var files = new[] { (first, "v1"), (changed, "v2-changed"), (mirrored, "v3-mirror") }
            .Take(last + 1 < 3 ? last + 1 : 3)
            .Select(p => (p.Item1, Path: ctx.TempPath($"contacts-{n}-{p.Item2}.csv"))).ToList();
        foreach (var (data, path) in files)
        {
            if (File.Exists(path)) continue;
            BenchContext.Log($"writing {Path.GetFileName(path)} ({data.PresentCount:N0} rows)");
            data.WriteCsv(path + ".tmp");
            File.Move(path + ".tmp", path, overwrite: true);
        }

        await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, ctx.Args.Seed);
        var state = BenchContext.FreshState(ctx.TempPath($"state-contacts-{n}.db"));
        var steps = new (string Name, SyntheticDataset Data, string Csv, SyncMode Mode)[]
        {
            ("first-sync", first, files[0].Path, SyncMode.Upsert),
            ("unchanged-resync", first, files[0].Path, SyncMode.Upsert),
            ("changed-1pct", changed, files[Math.Min(1, files.Count - 1)].Path, SyncMode.Upsert),
            ("mirror-5pct", mirrored, files[Math.Min(2, files.Count - 1)].Path, SyncMode.Mirror),
        };
        for (var i = 0; i <= last; i++)
        {
            var (name, data, csv, mode) = steps[i];
            var rows = data.PresentCount;
            await ctx.MeasureAsync(name, emulator, rows, async record =>
            {
                var outcome = await SyncRunner.RunAsync(ctx.Settings(emulator, state, mode), new CsvRowSource(csv), rows);
                BenchContext.Apply(record, outcome, rows);
                record.Notes = Join(record.Notes, $"{outcome.Tally}");
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
