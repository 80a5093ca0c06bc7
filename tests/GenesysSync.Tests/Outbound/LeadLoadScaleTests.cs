using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;
using Xunit.Abstractions;

namespace GenesysSync.Tests.Outbound;

/// <summary>Runs only with GS_SCALE=1 (about a minute, 2.5 GB peak with the emulator in-process); bench/ runs it too.</summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GS_SCALE") != "1") Skip = "Scale measurement: set GS_SCALE=1 to run (about a minute).";
    }
}

/// <summary>
/// The monthly figure: leads from a CSV file into the in-process emulator (rate limit off) through the real client,
/// then the same file again. Numbers go to the test output and to $GS_OUT/outbound-scale-{leads}.json.
/// </summary>
public sealed class LeadLoadScaleTests
{
    private const string AddRoute = "POST /api/v2/outbound/contactlists/{contactListId}/contacts";
    private readonly ITestOutputHelper _output;

    public LeadLoadScaleTests(ITestOutputHelper output) => _output = output;

    [ScaleFact]
    public Task One_and_a_half_million_leads_at_the_default_cap()
        => MeasureAsync(int.TryParse(Environment.GetEnvironmentVariable("GS_SCALE_LEADS"), out var n) ? n : 1_500_000, 1_000_000);

    /// <summary>The same shape at a tenth of the size, in the default run: one request per 1000 leads, 2 lists.</summary>
    [Fact]
    public Task A_hundred_and_fifty_thousand_leads_at_a_cap_of_100000()
        => MeasureAsync(150_000, 100_000);

    private async Task MeasureAsync(int leads, int cap)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gs-outbound-scale");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, $"leads-{leads}.csv");
        if (!File.Exists(csv)) WriteLeads(csv, leads);

        var org = new EmulatorOrg(new EmulatorOptions { RateLimitPerMinute = 0 });
        org.Options.Clients["bench"] = "bench-secret";
        org.Options.Outbound.MaxContactsPerList = cap;
        using var client = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.com"),
            LoginBaseUri = new Uri("https://login.mypurecloud.com"),
            Credentials = new List<OAuthClientCredential> { new("bench", "bench-secret") },
            Transport = org.CreateHandler(),
            RequestsPerMinute = 1_000_000,
        });
        var api = new OutboundApi(client) { FirstPollInterval = TimeSpan.FromMilliseconds(20) };
        var template = await api.CreateContactListAsync(new ContactList
        {
            Name = "Leads",
            ColumnNames = new List<string> { "LeadId", "FirstName", "LastName", "Phone", "Email" },
            PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
            EmailColumns = new List<EmailColumn> { new() { ColumnName = "Email", Type = "work" } },
        });
        var options = new LeadLoadOptions { IdColumn = "LeadId", MaxContactsPerList = cap };

        // Live heap (after a full collection) every tenth of the run: flat apart from what the emulator and the
        // Lead ID index keep per lead means the loader streams.
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var checkpoints = new List<long>();
        long results = 0, failed = 0;
        var sink = new DelegateLeadLoadSink
        {
            Result = r =>
            {
                if (r.Action == LeadAction.Failed) Interlocked.Increment(ref failed);
                if (Interlocked.Increment(ref results) % (leads / 10) == 0)
                    lock (checkpoints) checkpoints.Add((GC.GetTotalMemory(true) - heapBefore) / 1_048_576);
            },
        };
        var loader = new ContactListLoader(api, template, options, sink);
        var requestsBefore = client.Stats.Requests;
        var watch = Stopwatch.StartNew();
        var summary = await loader.LoadAsync(new CsvRowSource(csv).ReadRows());
        watch.Stop();
        var requests = client.Stats.Requests - requestsBefore;

        GC.Collect();
        var heapWithLoader = GC.GetTotalMemory(true);
        GC.KeepAlive(loader);
        loader = null!;
        GC.Collect();
        var heapEmulatorOnly = GC.GetTotalMemory(true);
        var lists = org.Outbound().ContactLists.Select(l => new { l.Name, l.Size }).ToList();

        // The same file again: every lead is found through the exports and left alone.
        var rerunRequestsBefore = client.Stats.Requests;
        var addsBefore = org.Stats.Count(AddRoute);
        long unchanged = 0;
        var rerunSink = new DelegateLeadLoadSink { Result = r => { if (r.Action == LeadAction.Unchanged) Interlocked.Increment(ref unchanged); } };
        var rerunWatch = Stopwatch.StartNew();
        await new ContactListLoader(api, template, options, rerunSink).LoadAsync(new CsvRowSource(csv).ReadRows());
        rerunWatch.Stop();

        var figures = new
        {
            leads,
            capPerList = cap,
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
            rowsPerSecond = Math.Round(leads / watch.Elapsed.TotalSeconds),
            requests,
            addRequests = addsBefore,
            listsCreated = summary.ListsCreated,
            lists,
            added = summary.Added,
            failed,
            liveHeapMbAtEachTenth = checkpoints,
            emulatorRetainedMb = (heapEmulatorOnly - heapBefore) / 1_048_576,
            loaderRetainedMb = (heapWithLoader - heapEmulatorOnly) / 1_048_576,
            rerun = new
            {
                seconds = Math.Round(rerunWatch.Elapsed.TotalSeconds, 1),
                requests = client.Stats.Requests - rerunRequestsBefore,
                addRequests = org.Stats.Count(AddRoute) - addsBefore,
                unchanged,
            },
            peakWorkingSetMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576,
        };
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        _output.WriteLine(json);
        File.WriteAllText(Path.Combine(Environment.GetEnvironmentVariable("GS_OUT") ?? Path.GetTempPath(), $"outbound-scale-{leads}.json"), json);

        Assert.Equal(leads, results);
        Assert.Equal(0, failed);
        Assert.Equal(leads, summary.Added);
        Assert.Equal((leads + 999) / 1000, addsBefore);                    // one add per 1000 leads
        Assert.Equal((leads + cap - 1) / cap - 1, summary.ListsCreated.Count);
        Assert.Equal(addsBefore + summary.ListsCreated.Count + 1, requests); // + one listing to find the shards
        Assert.Equal(leads, lists.Sum(l => l.Size));
        Assert.All(lists, l => Assert.True(l.Size <= cap));
        Assert.Equal(leads, unchanged);
        Assert.Equal(addsBefore, org.Stats.Count(AddRoute));                 // the re-run adds nothing
    }

    private static void WriteLeads(string path, int count)
    {
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("LeadId,FirstName,LastName,Phone,Email\r\n");
            var sb = new StringBuilder();
            for (var i = 1; i <= count; i++)
            {
                sb.Clear();
                // National-format numbers in varied area codes, so every phone goes through libphonenumber.
                sb.Append("LD").Append(i.ToString("D8")).Append(",First").Append(i % 9973).Append(",Last").Append(i % 7919)
                  .Append(",(").Append(201 + i % 700).Append(") 555-").Append((i % 10000).ToString("D4"))
                  .Append(",lead").Append(i).Append("@example.com\r\n");
                writer.Write(sb);
            }
        }
        File.Move(temp, path, overwrite: true);
    }
}
