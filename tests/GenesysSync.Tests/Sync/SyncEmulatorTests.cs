using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Api;
using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;
using GenesysSync.Time;

namespace GenesysSync.Tests.Sync;

/// <summary>The engine through the real client and typed API against the in-process emulated org.</summary>
public sealed class SyncEmulatorTests : IDisposable
{
    private const string BulkAdd = "POST /api/v2/externalcontacts/bulk/contacts/add";
    private const string BulkUpdate = "POST /api/v2/externalcontacts/bulk/contacts/update";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-engine-emu", Guid.NewGuid().ToString("N"));
    private readonly ScaledTimeProvider _clock = new(200);
    private readonly EmulatorOrg _org;

    public SyncEmulatorTests()
    {
        _org = new EmulatorOrg(new EmulatorOptions { TimeProvider = _clock });
        _org.Options.Clients["client-1"] = "secret-1";
    }

    private async Task<(SyncSummary Summary, List<SyncResult> Results)> Sync(IRowSource rows, Action<SyncOptions>? configure = null, int? clientRetries = null)
    {
        using var client = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.com"),
            LoginBaseUri = new Uri("https://login.mypurecloud.com"),
            Credentials = new List<OAuthClientCredential> { new("client-1", "secret-1") },
            TimeProvider = _clock,
            // The clock runs 200x real time: the default 100 s timeout would be 0.5 s real, which a loaded machine misses.
            RequestTimeout = TimeSpan.FromHours(1),
            Transport = _org.CreateHandler(),
            MaxRetries = clientRetries ?? new GenesysClientOptions().MaxRetries,
        });
        var api = new ExternalContactsApi(client);
        var source = await api.EnsureExternalSourceAsync("CRM");
        var options = new SyncOptions { ExternalSourceId = source.Id, BatchSize = 50 };
        configure?.Invoke(options);
        var results = new List<SyncResult>();
        using var store = SyncStateStore.Open(Path.Combine(_dir, "state.db"), _clock);
        var engine = new ExternalContactSync(new ExternalContactsApiGateway(api, client.Stats), store, _clock);
        var summary = await engine.RunAsync(rows, options, new DelegateSyncSink { Result = results.Add });
        return (summary, results);
    }

    private static CsvRowSource Csv(string text) => new(() => new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static InMemoryRowSource Rows(int count, Func<int, string>? lastName = null) => new(Enumerable.Range(1, count)
        .Select(n => (ISourceRow)TestRows.Row(n, ("CrmId", "K" + n), ("First Name", "Name" + n), ("Last Name", lastName?.Invoke(n) ?? "Last" + n), ("Mobile", $"(415) 555-{n % 10000:D4}")))
        .ToList());

    private IEnumerable<string?> ExternalIdValues() =>
        _org.ExternalContacts.SelectMany(c => (c["externalIds"] as JsonArray ?? new JsonArray()).Select(e => (string?)e?["value"]));

    [Theory]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.ShuffledBulkResults)]
    [InlineData(FaultKind.HtmlError)]
    public async Task A_mangled_bulk_add_reply_creates_every_row_once(FaultKind kind)
    {
        _org.Faults.Add(new FaultRule { Kind = kind, Route = "/api/v2/externalcontacts/bulk/contacts/add", StatusCode = 503, Times = 1 });

        var (summary, results) = await Sync(Rows(6));

        Assert.Equal(6, summary.Created);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(6, _org.ExternalContactCount); // no duplicates
        // Every row got the id of its own contact, whatever order the results came in.
        foreach (var r in results)
        {
            var contact = _org.ExternalContacts.Single(c => (string?)c["id"] == r.ContactId);
            Assert.Equal("Name" + r.RowNumber, (string?)contact["firstName"]);
        }
        var (again, _) = await Sync(Rows(6));
        Assert.Equal(6, again.Unchanged);
    }

    [Fact]
    public async Task MessyFileThenIdenticalReRunThenSmallChange()
    {
        var csv = "\uFEFF\"Customer ID\";\"First Name\";\"E-mail\";Mobile;City\r\n" +
                  "C1;Ann;ann@Example.com;(415) 555-2671;San Francisco\r\n" +
                  "C2;Zoë;zoe@bücher.de;+49 151 23456789;Köln\r\n" +
                  "C3;Bob;not-an-email;;\r\n" +
                  "C1;Ann;ann@example.com;415.555.2671;SF\r\n";
        var (first, results) = await Sync(Csv(csv));

        Assert.Equal((2, 1, 1), (first.Created, first.Failed, first.Skipped));
        Assert.Equal(2, _org.ExternalContactCount);
        var ann = _org.ExternalContacts.Single(c => (string?)c["firstName"] == "Ann");
        Assert.Equal("SF", (string?)ann["address"]?["city"]);
        Assert.Equal("+14155552671", (string?)ann["cellPhone"]?["e164"]);
        Assert.Equal(1, _org.Stats.Count(BulkAdd));

        var (second, _) = await Sync(Csv(csv));
        Assert.Equal(2, second.Unchanged);
        Assert.Equal(1, _org.Stats.Count(BulkAdd));
        Assert.Equal(0, _org.Stats.Count(BulkUpdate));

        var (third, changed) = await Sync(Csv(csv.Replace(";SF", ";Oakland")));
        Assert.Equal((1, 1), (third.Updated, third.Unchanged));
        Assert.Equal(1, _org.Stats.Count(BulkUpdate));
        Assert.Equal("Oakland", (string?)_org.ExternalContacts.Single(c => (string?)c["firstName"] == "Ann")["address"]?["city"]);
        Assert.Equal(new[] { "city" }, changed.Single(r => r.Action == SyncAction.Updated).ChangedFields);
    }

    [Fact]
    public async Task TenThousandRowsFirstSyncReSyncAndOnePercentChanged()
    {
        var (first, _) = await Sync(Rows(10_000), o => o.BatchSize = 200);
        var adds = _org.Stats.Count(BulkAdd);
        Assert.Equal(10_000, first.Created);
        Assert.Equal(50, adds); // 10,000 / 200, against 20,000 requests for search + write per row

        var before = _org.Stats.Total;
        var (same, _) = await Sync(Rows(10_000), o => o.BatchSize = 200);
        Assert.Equal(10_000, same.Unchanged);
        var reSyncRequests = _org.Stats.Total - before;
        Assert.True(reSyncRequests <= 3, $"an unchanged re-sync made {reSyncRequests} requests (token/source lookups only expected)");
        Assert.Equal(adds, _org.Stats.Count(BulkAdd));
        Assert.Equal(0, _org.Stats.Count(BulkUpdate));

        // 1% changed, spread evenly over the file: one fetch and one update per 200 changed rows.
        var (changed, _) = await Sync(Rows(10_000, n => n % 100 == 0 ? "Changed" + n : "Last" + n), o => o.BatchSize = 200);
        Assert.Equal((100, 9_900), (changed.Updated, changed.Unchanged));
        Assert.Equal(1, _org.Stats.Count(BulkUpdate));
        Assert.Equal(1, _org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts"));
    }

    [Fact]
    public async Task ThrottlingAndServerErrorsStillConvergeWithoutDuplicates()
    {
        _org.Faults.Add(FaultRule.WithProbability(0.1, FaultKind.Status5xx, "/api/v2/externalcontacts/*"));
        _org.Faults.Add(FaultRule.WithProbability(0.1, FaultKind.Status429, "/api/v2/externalcontacts/*"));
        _org.Faults.Add(FaultRule.WithProbability(0.05, FaultKind.ConnectionReset, "/api/v2/externalcontacts/*"));

        await Sync(Rows(300));
        await Sync(Rows(300, n => n % 10 == 0 ? "Changed" + n : "Last" + n));
        Assert.True(_org.Stats.FaultsInjected > 0);
        _org.Faults.Clear();
        var (final, _) = await Sync(Rows(300, n => n % 10 == 0 ? "Changed" + n : "Last" + n));

        AssertConverged(final);
    }

    [Fact]
    public async Task LostRepliesAreLookedUpNotDuplicated()
    {
        // Client retries off, so the engine itself sees every lost reply (a client that re-sends a POST after
        // a lost reply would create the duplicate before the engine can look).
        _org.Faults.Add(FaultRule.WithProbability(0.2, FaultKind.LostResponse, "/api/v2/externalcontacts/bulk/*"));

        SyncSummary last = (await Sync(Rows(300), clientRetries: 0)).Summary;
        for (var run = 0; run < 10 && last.Failed > 0; run++) last = (await Sync(Rows(300), clientRetries: 0)).Summary;
        Assert.True(_org.Stats.CountFault(FaultKind.LostResponse) > 0);
        _org.Faults.Clear();
        var (final, _) = await Sync(Rows(300, n => n % 10 == 0 ? "Changed" + n : "Last" + n), clientRetries: 0);

        AssertConverged(final);
    }

    private void AssertConverged(SyncSummary final)
    {
        var ids = ExternalIdValues().ToList();
        Assert.Equal(300, _org.ExternalContactCount);
        Assert.Equal(300, ids.Distinct().Count());
        Assert.Equal(300, final.Unchanged + final.Created + final.Updated);
        Assert.Equal(0, final.Failed);
        Assert.All(_org.ExternalContacts.Where(c => ((string?)c["firstName"])!.EndsWith("0")), c => Assert.StartsWith("Changed", (string?)c["lastName"]));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
