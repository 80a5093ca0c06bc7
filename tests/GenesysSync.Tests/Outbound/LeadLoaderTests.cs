using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;
using GenesysSync.Time;

namespace GenesysSync.Tests.Outbound;

/// <summary>
/// The lead loader through the real client against the in-process emulator with the per-list cap set low (1,000):
/// proven by the lists the emulator stores.
/// </summary>
public sealed class LeadLoaderTests : IAsyncLifetime
{
    private const string AddRoute = "POST /api/v2/outbound/contactlists/{contactListId}/contacts";
    private readonly ScaledTimeProvider _clock = new(200);
    private readonly EmulatorOrg _org;
    private GenesysClient _client = null!;
    private OutboundApi _api = null!;

    public LeadLoaderTests()
    {
        _org = new EmulatorOrg(new EmulatorOptions { TimeProvider = _clock, RateLimitPerMinute = 0 });
        _org.Options.Clients["client-1"] = "secret-1";
        _org.Options.Outbound.MaxContactsPerList = 1000;
    }

    public async Task InitializeAsync()
    {
        _client = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.com"),
            LoginBaseUri = new Uri("https://login.mypurecloud.com"),
            Credentials = new List<OAuthClientCredential> { new("client-1", "secret-1") },
            TimeProvider = _clock,
            // The clock runs 200x real time: the default 100 s timeout would be 0.5 s real, which a loaded machine misses.
            RequestTimeout = TimeSpan.FromHours(1),
            Transport = _org.CreateHandler(),
        });
        _api = new OutboundApi(_client) { FirstPollInterval = TimeSpan.FromMilliseconds(10) };
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private Task<ContactList> CreateTemplateAsync(string name = "Leads") => _api.CreateContactListAsync(new ContactList
    {
        Name = name,
        ColumnNames = new List<string> { "LeadId", "Name", "Phone", "Email" },
        PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
        EmailColumns = new List<EmailColumn> { new() { ColumnName = "Email", Type = "work" } },
    });

    private static DictionaryRow Lead(int row, string? id, string? name = null, string? phone = null, string? email = null, params (string, string?)[] extra)
    {
        var cells = new List<KeyValuePair<string, string?>>
        {
            new("LeadId", id), new("Name", name ?? "Lead " + id), new("Phone", phone ?? $"(415) 555-{row % 10000:D4}"), new("Email", email ?? $"lead{row}@example.com"),
        };
        cells.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Item1, e.Item2)));
        return new DictionaryRow(row, cells);
    }

    private static IEnumerable<ISourceRow> Leads(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (ISourceRow)Lead(i, "L" + i));

    private async Task<(LeadLoadSummary Summary, List<LeadLoadResult> Results, List<string> Warnings)> LoadAsync(
        ContactList template, IEnumerable<ISourceRow> rows, Action<LeadLoadOptions>? configure = null)
    {
        var results = new List<LeadLoadResult>();
        var warnings = new List<string>();
        var sink = new DelegateLeadLoadSink
        {
            Result = r => { lock (results) results.Add(r); },
            Log = (level, message) => { if (level == LeadLogLevel.Warning) lock (warnings) warnings.Add(message); },
        };
        var options = new LeadLoadOptions { IdColumn = "LeadId", MaxContactsPerList = 1000 };
        configure?.Invoke(options);
        var loader = new ContactListLoader(_api, template, options, sink);
        var summary = await loader.LoadAsync(rows);
        return (summary, results.OrderBy(r => r.RowNumber).ToList(), warnings);
    }

    private Dictionary<string, string> WhereEachContactLives()
    {
        var home = new Dictionary<string, string>();
        foreach (var list in _org.Outbound().ContactLists)
            foreach (var contact in list.Contacts)
                Assert.True(home.TryAdd(contact.Id, list.Name), $"{contact.Id} is in {home.GetValueOrDefault(contact.Id)} and {list.Name}");
        return home;
    }

    [Fact]
    public async Task Every_lead_lands_once_filling_each_list_before_the_next()
    {
        var template = await CreateTemplateAsync();
        var (summary, results, _) = await LoadAsync(template, Leads(1, 2500));

        Assert.Equal(2500, summary.Added);
        Assert.Equal(3, summary.AddRequests);
        Assert.Equal(new[] { "Leads-001", "Leads-002" }, summary.ListsCreated);
        var lists = _org.Outbound().ContactLists;
        Assert.Equal(new[] { ("Leads", 1000), ("Leads-001", 1000), ("Leads-002", 500) }, lists.Select(l => (l.Name, l.Size)));
        Assert.All(lists, l => Assert.Equal(new[] { "LeadId", "Name", "Phone", "Email" }, l.Columns));
        Assert.All(lists, l => Assert.Equal(new[] { "Phone" }, l.PhoneColumns));

        var home = WhereEachContactLives();
        Assert.Equal(2500, home.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(LeadAction.Added, r.Action);
            Assert.Equal(r.LeadId, r.ContactId);
            Assert.Equal(home[r.LeadId!], r.ContactListName);
        });
        // Rows fill in order: the first thousand in the named list, the rest in the shards.
        Assert.Equal("Leads", home["L1000"]);
        Assert.Equal("Leads-001", home["L1001"]);
        Assert.Equal("Leads-002", home["L2001"]);
        var stored = lists[0].Contact("L7")!;
        Assert.Equal("+14155550007", stored["Phone"]);
        Assert.Equal("L7", stored["LeadId"]);
    }

    [Fact]
    public async Task Rerunning_the_same_input_changes_nothing_and_sends_nothing()
    {
        var template = await CreateTemplateAsync();
        await LoadAsync(template, Leads(1, 2500));
        var before = _org.Outbound().ContactLists.Select(l => (l.Name, l.Version, Contacts: l.Contacts.Select(c => (c.Id, string.Join("|", c.Data.OrderBy(d => d.Key)), c.QueueOrder)).ToList())).ToList();
        var adds = _org.Stats.Count(AddRoute);

        var (summary, results, _) = await LoadAsync(template, Leads(1, 2500));

        Assert.Equal(2500, summary.Unchanged);
        Assert.Equal(0, summary.AddRequests);
        Assert.Equal(adds, _org.Stats.Count(AddRoute));
        Assert.Empty(summary.ListsCreated);
        var after = _org.Outbound().ContactLists.Select(l => (l.Name, l.Version, Contacts: l.Contacts.Select(c => (c.Id, string.Join("|", c.Data.OrderBy(d => d.Key)), c.QueueOrder)).ToList())).ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Name, after[i].Name);
            Assert.Equal(before[i].Contacts, after[i].Contacts);
        }
        Assert.Equal("Leads-001", results.Single(r => r.LeadId == "L1500").ContactListName);
    }

    [Fact]
    public async Task A_later_run_updates_in_place_and_continues_filling()
    {
        var template = await CreateTemplateAsync();
        await LoadAsync(template, Leads(1, 2500));

        var second = new List<ISourceRow> { Lead(1, "L10", name: "Changed"), Lead(2, "L1500", phone: "+44 20 7946 0958") };
        second.AddRange(Enumerable.Range(2501, 700).Select((n, i) => (ISourceRow)Lead(i + 3, "L" + n)));
        var (summary, results, _) = await LoadAsync(template, second);

        Assert.Equal(2, summary.Updated);
        Assert.Equal(700, summary.Added);
        Assert.Equal(new[] { "Leads-003" }, summary.ListsCreated);
        var lists = _org.Outbound().ContactLists;
        Assert.Equal(new[] { ("Leads", 1000), ("Leads-001", 1000), ("Leads-002", 1000), ("Leads-003", 200) }, lists.Select(l => (l.Name, l.Size)));
        var home = WhereEachContactLives();
        Assert.Equal(3200, home.Count);
        Assert.Equal("Changed", lists[0].Contact("L10")!["Name"]);
        Assert.Equal("+442079460958", lists[1].Contact("L1500")!["Phone"]);
        Assert.Equal(("Leads", LeadAction.Updated), results.Where(r => r.LeadId == "L10").Select(r => (r.ContactListName, r.Action)).Single());
        Assert.Equal("Leads-002", home["L3000"]);
        Assert.Equal("Leads-003", home["L3001"]);
    }

    [Fact]
    public async Task Invalid_rows_each_get_one_clear_error_and_the_rest_load()
    {
        var template = await CreateTemplateAsync();
        var rows = new List<ISourceRow>
        {
            Lead(1, "OK1"),
            Lead(2, null),
            Lead(3, "OK1", name: "again"),
            Lead(4, "BADPHONE", phone: "12"),
            Lead(5, "BADMAIL", email: "not-an-email"),
            Lead(6, "LONG", name: new string('x', 513)),
            Lead(7, "CONFLICT", extra: new[] { ("Consent", (string?)"yes"), ("DNC", "true") }),
            Lead(8, "DNC", extra: new[] { ("Consent", (string?)""), ("DNC", "1") }),
            Lead(9, "OK2"),
        };
        var (summary, results, _) = await LoadAsync(template, rows, o => { o.ConsentColumn = "Consent"; o.DoNotCallColumn = "DNC"; });

        Assert.Equal(9, results.Count);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, results.Select(r => r.RowNumber));
        var failures = results.Where(r => r.Action == LeadAction.Failed).ToDictionary(r => r.RowNumber, r => r.ErrorCode);
        Assert.Equal(new Dictionary<int, string?>
        {
            [2] = LeadErrorCodes.MissingLeadId, [3] = LeadErrorCodes.DuplicateLeadId, [4] = LeadErrorCodes.InvalidPhone,
            [5] = LeadErrorCodes.InvalidEmail, [6] = LeadErrorCodes.CellTooLong, [7] = LeadErrorCodes.ConsentConflict,
        }, failures);
        Assert.All(results.Where(r => r.Action == LeadAction.Failed), r => Assert.StartsWith($"Row {r.RowNumber}:", r.Message));
        Assert.Contains("row 1", results[2].Message);
        Assert.Equal("Phone", results[3].Column);
        Assert.Equal(3, summary.Added);
        var list = _org.Outbound().Find("Leads")!;
        Assert.Equal(new[] { "OK1", "DNC", "OK2" }, list.Contacts.Select(c => c.Id));
        Assert.Equal("Lead OK1", list.Contact("OK1")!["Name"]); // the first of the duplicates wins
        Assert.False(list.Contact("DNC")!.Callable);
        Assert.True(list.Contact("OK2")!.Callable);
    }

    [Fact]
    public async Task Ragged_csv_rows_fail_with_the_column_count()
    {
        var template = await CreateTemplateAsync();
        var csv = "LeadId,Name,Phone,Email\nA1,Ann,4155550101,a@example.com\nA2,Bob,4155550102\nA3,Cy,4155550103,c@example.com\n";
        var source = new CsvRowSource(() => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));
        var (_, results, _) = await LoadAsync(template, source.ReadRows());
        Assert.Equal(new[] { LeadAction.Added, LeadAction.Failed, LeadAction.Added }, results.Select(r => r.Action));
        Assert.Equal(LeadErrorCodes.RaggedRow, results[1].ErrorCode);
        Assert.Equal(2, _org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task A_lower_server_cap_moves_leads_on_instead_of_failing()
    {
        _org.Options.Outbound.MaxContactsPerList = 300;
        var template = await CreateTemplateAsync();
        var (summary, results, warnings) = await LoadAsync(template, Leads(1, 700), o => o.MaxContactsPerList = 1_000_000);

        Assert.Equal(700, summary.Added);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(new[] { 300, 300, 100 }, _org.Outbound().ContactLists.Select(l => l.Size));
        Assert.Equal(700, WhereEachContactLives().Count);
        Assert.Single(warnings, w => w.Contains("refused more contacts for 'Leads' at 300"));
        Assert.All(results, r => Assert.Contains(r.ContactId!, _org.Outbound().Find(r.ContactListName!)!.Contacts.Select(c => c.Id)));
    }

    [Fact]
    public async Task WhatIf_plans_the_shards_without_writing()
    {
        var template = await CreateTemplateAsync();
        var (summary, results, _) = await LoadAsync(template, Leads(1, 1500), o => o.WhatIf = true);

        Assert.Equal(1500, summary.Added);
        Assert.All(results, r => Assert.True(r.WhatIf));
        Assert.Equal("Leads-001", results.Last().ContactListName);
        Assert.Null(results.Last().ContactListId);
        Assert.Equal(1, _org.Outbound().ContactListCount);
        Assert.Equal(0, _org.Outbound().ContactCount);
        Assert.Equal(0, _org.Stats.Count(AddRoute));
    }

    [Fact]
    public async Task A_contact_refused_by_the_server_fails_alone()
    {
        _org.Options.Outbound.MaxCellLength = 20; // stricter than the loader's 512
        var template = await CreateTemplateAsync();
        var rows = Leads(1, 5).ToList();
        rows[2] = Lead(3, "L3", name: "A name longer than twenty");
        var (summary, results, _) = await LoadAsync(template, rows);

        Assert.Equal(4, summary.Added);
        var failed = Assert.Single(results, r => r.Action == LeadAction.Failed);
        Assert.Equal(3, failed.RowNumber);
        Assert.Equal(400, failed.HttpStatus);
        Assert.Equal(4, _org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task Unknown_input_columns_are_reported_once()
    {
        var template = await CreateTemplateAsync();
        var rows = Enumerable.Range(1, 3).Select(i => (ISourceRow)Lead(i, "L" + i, extra: ("Score", "5"))).ToList();
        var (_, _, warnings) = await LoadAsync(template, rows);
        Assert.Single(warnings, w => w.Contains("'Score'"));
    }
}
