using System.Text;
using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;
using GenesysSync.Time;

namespace GenesysSync.Tests.Outbound;

/// <summary>The CSV import path against the in-process emulator (cap 1,000), proven by the stored lists.</summary>
public sealed class CsvImportTests : IAsyncLifetime, IDisposable
{
    private const string UploadRoute = "POST /uploads/v2/contactlist";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-csv-import", Guid.NewGuid().ToString("N"));
    private readonly ScaledTimeProvider _clock = new(200);
    private readonly EmulatorOrg _org;
    private GenesysClient _client = null!;
    private OutboundApi _api = null!;

    public CsvImportTests()
    {
        Directory.CreateDirectory(_dir);
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
        _api = new OutboundApi(_client) { FirstPollInterval = TimeSpan.FromMilliseconds(20) };
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private Task<ContactList> CreateTemplateAsync() => _api.CreateContactListAsync(new ContactList
    {
        Name = "Leads",
        ColumnNames = new List<string> { "LeadId", "Name", "Phone" },
        PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
    });

    private string WriteCsv(int from, int to, bool bom = false, bool quoted = false, string? extraHeader = null)
    {
        var sb = new StringBuilder(quoted ? "\"LeadId\",\"Name\",\"Phone\"" : "LeadId,Name,Phone");
        sb.Append(extraHeader).Append("\r\n");
        for (var i = from; i <= to; i++) sb.Append($"L{i},Lead {i},(415) 555-{i % 10000:D4}\r\n");
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        if (bom) bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<(IReadOnlyList<CsvImportShardResult> Lists, List<LeadLoadResult> Rows, List<string> Warnings, string? Map)> ImportAsync(
        ContactList template, string path, bool map = false, Action<LeadLoadOptions>? configure = null)
    {
        var rows = new List<LeadLoadResult>();
        var warnings = new List<string>();
        var sink = new DelegateLeadLoadSink
        {
            Result = r => { lock (rows) rows.Add(r); },
            Log = (level, message) => { if (level == LeadLogLevel.Warning) warnings.Add(message); },
        };
        var options = new LeadLoadOptions { IdColumn = "LeadId", MaxContactsPerList = 1000 };
        configure?.Invoke(options);
        var mapPath = Path.Combine(_dir, "map-" + Guid.NewGuid().ToString("N") + ".csv");
        var import = new ContactListCsvImport(_api, template, options, sink) { WorkDirectory = _dir };
        if (map) import.OpenMap = () => File.Create(mapPath);
        var lists = await import.ImportAsync(path);
        return (lists, rows, warnings, map ? File.ReadAllText(mapPath) : null);
    }

    [Fact]
    public async Task A_big_file_is_sharded_imported_verified_and_mapped()
    {
        var template = await CreateTemplateAsync();
        var (lists, rows, _, map) = await ImportAsync(template, WriteCsv(1, 2500), map: true);

        Assert.Equal(new[] { ("Leads", CsvImportState.Imported, 1000L), ("Leads-001", CsvImportState.Imported, 1000L), ("Leads-002", CsvImportState.Imported, 500L) },
            lists.Select(l => (l.ContactListName, l.State, l.RowsSent)));
        Assert.Empty(rows);
        var stored = _org.Outbound().ContactLists;
        Assert.Equal(new[] { 1000, 1000, 500 }, stored.Select(l => l.Size));
        Assert.Equal("+14155550042", stored[0].Contact("L42")!["Phone"]);
        Assert.Equal(3, _org.Stats.Count(UploadRoute));

        var lines = map!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LeadId,ContactId,ContactList,ContactListId", lines[0]);
        var mapped = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2500, mapped.Count);
        Assert.All(mapped, m => Assert.Equal(m[0], m[1]));
        var expected = stored.SelectMany(l => l.Contacts.Select(c => (c.Id, l.Name, l.Id))).OrderBy(x => x.Item1).ToList();
        Assert.Equal(expected, mapped.Select(m => (m[1], m[2], m[3])).OrderBy(x => x.Item1).ToList());
    }

    [Fact]
    public async Task A_bom_and_quoted_header_are_repaired_and_reported()
    {
        var template = await CreateTemplateAsync();
        var (lists, _, warnings, _) = await ImportAsync(template, WriteCsv(1, 20, bom: true, quoted: true));
        Assert.Contains(warnings, w => w.Contains("byte order mark"));
        Assert.Contains(warnings, w => w.Contains("quoted column names"));
        Assert.Equal(CsvImportState.Imported, Assert.Single(lists).State);
        Assert.Equal(20, _org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task Too_many_columns_stop_before_any_upload()
    {
        var template = await CreateTemplateAsync();
        var extra = string.Concat(Enumerable.Range(1, 48).Select(i => ",X" + i));
        var error = await Assert.ThrowsAsync<CsvImportHeaderException>(() => ImportAsync(template, WriteCsv(1, 3, extraHeader: extra)));
        Assert.Equal("TooManyColumns", error.Code);
        Assert.Contains("51 columns", error.Message);
        Assert.Equal(0, _org.Stats.Count(UploadRoute));
    }

    [Fact]
    public async Task Rows_dropped_by_the_server_are_caught_and_named()
    {
        _org.Options.Outbound.ImportRowsToDrop = 3;
        var template = await CreateTemplateAsync();
        var (lists, rows, _, _) = await ImportAsync(template, WriteCsv(1, 50));

        var list = Assert.Single(lists);
        Assert.Equal(CsvImportState.Shortfall, list.State);
        Assert.Equal(3, list.Missing);
        Assert.Equal(47, list.SizeAfter);
        Assert.Equal(new[] { 48, 49, 50 }, rows.Select(r => r.RowNumber).OrderBy(n => n));
        Assert.All(rows, r => Assert.Equal(LeadErrorCodes.NotImported, r.ErrorCode));
        Assert.Equal(new[] { "L48", "L49", "L50" }, rows.Select(r => r.LeadId).OrderBy(n => n));
    }

    [Fact]
    public async Task A_server_side_failure_is_reported_with_its_reason()
    {
        var template = await CreateTemplateAsync();
        _org.Options.Outbound.MaxColumns = 2; // the server now refuses a 3-column file
        var (lists, _, _, _) = await ImportAsync(template, WriteCsv(1, 5));
        var list = Assert.Single(lists);
        Assert.Equal(CsvImportState.Failed, list.State);
        Assert.Equal("CONTACT_COLUMNS_LIMIT_EXCEEDED", list.FailureReason);
        Assert.Equal(0, _org.Outbound().ContactCount);
    }

    [Fact]
    public async Task Reimporting_the_same_file_uploads_nothing()
    {
        var template = await CreateTemplateAsync();
        var path = WriteCsv(1, 1200);
        await ImportAsync(template, path);
        var uploads = _org.Stats.Count(UploadRoute);

        var (lists, rows, _, _) = await ImportAsync(template, path);
        Assert.Empty(lists);
        Assert.Equal(1200, rows.Count(r => r.Action == LeadAction.Unchanged));
        Assert.Equal(uploads, _org.Stats.Count(UploadRoute));
        Assert.Equal(new[] { 1000, 200 }, _org.Outbound().ContactLists.Select(l => l.Size));
    }

    [Fact]
    public async Task The_lead_id_must_be_a_list_column()
    {
        var template = await _api.CreateContactListAsync(new ContactList { Name = "NoId", ColumnNames = new List<string> { "Name", "Phone" } });
        var error = await Assert.ThrowsAsync<CsvImportHeaderException>(() => ImportAsync(template, WriteCsv(1, 2)));
        Assert.Equal("LeadIdNotAListColumn", error.Code);
    }
}
