using System.Collections;
using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;

namespace GenesysSync.Bench.Children;

/// <summary>
/// Hidden mode --child-outbound: the lead loader (Add-GenesysContactListContact's engine) puts the CSV's rows
/// into the contact-list family named --list, sharding at --cap contacts per list.
/// </summary>
public static class OutboundChild
{
    public const string Flag = "--child-outbound";

    public static async Task<int> RunAsync(string[] args)
    {
        var values = ChildArguments.Parse(args);
        var rows = values.Int("--rows", 0);
        var cap = values.Int("--cap", 1_000_000);
        var settings = new SyncRunSettings
        {
            BaseAddress = new Uri(values["--url"]),
            ClientId = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_ID") ?? "",
            ClientSecret = Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_SECRET") ?? "",
            RequestsPerMinute = 1_000_000,
        };
        var measure = await ChildMeasure.RunAsync(async m =>
        {
            using var client = await SyncRunner.ConnectAsync(settings);
            var api = new OutboundApi(client) { FirstPollInterval = TimeSpan.FromMilliseconds(50) };
            var template = await api.FindContactListByNameAsync(values["--list"]) ?? throw new InvalidOperationException("The contact list does not exist.");
            var seen = new BitArray(rows + 1);
            long repeated = 0;
            var failures = new Dictionary<string, long>(StringComparer.Ordinal);
            var gate = new object();
            var sink = new DelegateLeadLoadSink
            {
                Result = r =>
                {
                    lock (gate)
                    {
                        var a = r.Action.ToString();
                        m.Outcomes[a] = (m.Outcomes.TryGetValue(a, out var k) ? k : 0) + 1;
                        if (r.Action == LeadAction.Failed) failures[r.ErrorCode ?? "?"] = (failures.TryGetValue(r.ErrorCode ?? "?", out var f) ? f : 0) + 1;
                        if (r.RowNumber < 1 || r.RowNumber > rows) return;
                        if (seen[r.RowNumber]) repeated++;
                        seen[r.RowNumber] = true;
                    }
                },
            };
            var loader = new ContactListLoader(api, template, new LeadLoadOptions { IdColumn = "CrmId", MaxContactsPerList = cap }, sink);
            var summary = await loader.LoadAsync(new CsvRowSource(values["--csv"]).ReadRows());
            m.ClientRetries = client.Stats.Retries;
            long missing = 0;
            for (var i = 1; i <= rows; i++) if (!seen[i]) missing++;
            m.Notes = string.Join(", ", m.Outcomes.Select(p => p.Key + " " + p.Value)) + $"; {summary.AddRequests} add requests";
            if (missing > 0 || repeated > 0 || failures.Count > 0)
            {
                m.Verified = false;
                m.Notes += $"; {missing} rows without a result, {repeated} with several" + (failures.Count == 0 ? "" : ", failures " + string.Join(", ", failures.Select(p => p.Key + "×" + p.Value)));
            }
        });
        measure.Print();
        return measure.Verified ? 0 : 1;
    }
}
