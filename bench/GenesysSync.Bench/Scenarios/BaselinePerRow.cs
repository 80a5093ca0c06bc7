using System.Collections.Concurrent;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Http;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenario 1, the way existing connectors sync: for each row, search by workEmail, then PUT the match or
/// POST a new contact — through the same throttled client, 8 rows in flight. Search is O(org size) in the
/// emulator (as documented), so the baseline really runs on --baseline-rows rows; it makes exactly two
/// requests per row, so its request count for N rows is exact, and its rate is the one measured.
/// </summary>
public static class BaselinePerRow
{
    public static async Task RunAsync(BenchContext ctx, EmulatorProcess emulator, int rows, string name, TimeProvider? clock = null, int requestsPerMinute = BenchContext.LiftedRequestsPerMinute, bool record = true, Action<ScenarioRecord>? done = null)
    {
        var sample = Math.Min(rows, ctx.Args.BaselineRows);
        var data = ctx.Dataset(sample);
        var result = await ctx.MeasureAsync(name, emulator, sample, async r =>
        {
            using var client = await SyncRunner.ConnectAsync(ctx.Settings(emulator, "", SyncMode.Upsert, clock, requestsPerMinute));
            var api = new ExternalContactsApi(client);
            long created = 0, updated = 0, failed = 0;
            var errors = new ConcurrentDictionary<string, long>();
            await Parallel.ForEachAsync(data.Enumerate(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (row, ct) =>
            {
                try
                {
                    var hits = await api.SearchContactsAsync(row.Email, 25, 1, ct);
                    var match = hits.Entities?.FirstOrDefault(c => string.Equals(c.WorkEmail?.Trim(), row.Email, StringComparison.OrdinalIgnoreCase));
                    var contact = new ExternalContact
                    {
                        FirstName = row.First,
                        LastName = row.Last,
                        WorkEmail = row.Email,
                        CellPhone = new PhoneNumber { Display = row.PhoneCell },
                        Address = new ContactAddress { City = row.City },
                        Title = row.Title,
                    };
                    if (match?.Id is { } id)
                    {
                        await api.UpdateContactAsync(id, contact, ct);
                        Interlocked.Increment(ref updated);
                    }
                    else
                    {
                        await api.CreateContactAsync(contact, ct);
                        Interlocked.Increment(ref created);
                    }
                }
                catch (GenesysApiException ex)
                {
                    Interlocked.Increment(ref failed);
                    errors.AddOrUpdate(ex.Code ?? ex.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            });
            r.Outcomes = new Dictionary<string, long> { ["Created"] = created, ["Updated"] = updated, ["Failed"] = failed };
            r.ClientRetries = client.Stats.Retries;
            if (failed > 0)
            {
                r.Verified = false;
                r.Notes = $"{failed} rows failed: " + string.Join(", ", errors.Select(p => $"{p.Key}×{p.Value}"));
            }
        }, record: false);

        // Extrapolate the exact per-row cost to all rows; keep the measured rate.
        var perRow = sample > 0 ? result.Requests / (double)sample : 2;
        ctx.BaselineRequestsPerRow = perRow;
        ctx.BaselineMeasured = true;
        var scale = rows / (double)Math.Max(1, sample);
        result.Rows = rows;
        result.Requests = (long)Math.Round(result.Requests * scale);
        result.RequestsByKind = result.RequestsByKind.ToDictionary(p => p.Key, p => (long)Math.Round(p.Value * scale));
        result.BaselineRatio = 1;
        result.Notes = (sample < rows ? $"ran {sample:N0} rows ({perRow:0.###} requests/row, {result.WallSeconds:0.0} s), requests scaled to {rows:N0} rows; " : "") + result.Notes;
        result.WallSeconds *= scale;
        done?.Invoke(result);
        if (record) ctx.Add(result);
    }
}
