using System.Globalization;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Harness;
using GenesysSync.Outbound;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenario 6: N leads from the CSV into an outbound contact-list family with the lead loader
/// (Add-GenesysContactListContact's engine): the Lead ID becomes the contact id, batches of 1000, and a new
/// shard (&lt;Name&gt;-001, -002 …) each time a list reaches its cap. Then the same file again: the loader learns
/// the stored leads from an export of each list and sends nothing for unchanged ones. The per-row way is one
/// add request per lead, so the ratio column compares with N requests.
/// </summary>
public static class OutboundLeads
{
    public const string ListName = "Bench Leads";

    /// <summary>The list cap: Genesys' 1,000,000 above a million leads; below, 40% of N so sharding shows at any size.</summary>
    public static int ListCap(int rows) => rows > 1_000_000 ? 1_000_000 : Math.Max(1000, rows * 2 / 5);

    public static async Task RunAsync(BenchContext ctx)
    {
        var n = ctx.Args.Rows;
        var cap = ListCap(n);
        var csv = ctx.EnsureCsv(ctx.Dataset(n), ctx.CsvPath(n, "v1"));
        await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, ctx.Args.Seed, listCap: cap);
        using var client = await SyncRunner.ConnectAsync(ctx.Settings(emulator, "", SyncMode.Upsert));
        var api = new OutboundApi(client);
        await api.CreateContactListAsync(new ContactList
        {
            Name = ListName,
            ColumnNames = SyntheticDataset.Columns.ToList(),
            PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Mobile", Type = "cell" } },
            EmailColumns = new List<EmailColumn> { new() { ColumnName = "Email", Type = "work" } },
        });

        foreach (var rerun in new[] { false, true })
        {
            var record = await ctx.MeasureChildAsync(rerun ? "outbound-leads: re-run" : "outbound-leads", emulator, n, OutboundChild.Flag, new[]
            {
                "--csv", csv, "--list", ListName, "--cap", cap.ToString(CultureInfo.InvariantCulture), "--rows", n.ToString(CultureInfo.InvariantCulture),
            }, record: false);

            // The lists as Genesys holds them: every lead exactly once, no list over the cap.
            var lists = await api.ListContactListsAsync(ListName, "Prefix", includeSize: true);
            var stored = lists.Sum(l => l.Size ?? 0);
            var expected = rerun ? "Unchanged" : "Added";
            record.Notes += $"; {lists.Count} lists (cap {cap:N0}): " + string.Join(", ", lists.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name} {l.Size:N0}"));
            if (stored != n || lists.Any(l => l.Size > cap) || !record.Outcomes.TryGetValue(expected, out var done) || done != n)
            {
                record.Verified = false;
                record.Notes += $"; NOT as expected: {stored:N0} contacts stored for {n:N0} leads";
            }
            record.BaselineRatio = record.Requests / (double)n; // against one add request per lead
            ctx.Add(record);
        }
    }
}
