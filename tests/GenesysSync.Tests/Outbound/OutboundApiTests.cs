using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Outbound;
using GenesysSync.Time;

namespace GenesysSync.Tests.Outbound;

/// <summary>The typed API's own logic (chunking, splitting, paging, null/false on 404, error recognition) on the emulator.</summary>
public sealed class OutboundApiTests : IAsyncLifetime
{
    private const string Lists = "/api/v2/outbound/contactlists";
    private readonly ScaledTimeProvider _clock = new(200);
    private readonly EmulatorOrg _org;
    private GenesysClient _client = null!;
    private OutboundApi _api = null!;

    public OutboundApiTests()
    {
        _org = new EmulatorOrg(new EmulatorOptions { TimeProvider = _clock, RateLimitPerMinute = 0 });
        _org.Options.Clients["client-1"] = "secret-1";
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

    private Task<ContactList> CreateAsync(string name = "Leads") => _api.CreateContactListAsync(new ContactList
    {
        Name = name, ColumnNames = new List<string> { "Name", "Phone" },
        PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
    });

    private static List<DialerContact> Contacts(string listId, int count, string prefix = "C", int nameLength = 4)
        => Enumerable.Range(1, count).Select(i => new DialerContact
        {
            Id = prefix + i, ContactListId = listId, Data = new Dictionary<string, string?> { ["Name"] = new string('n', nameLength), ["Phone"] = "+1415555" + (i % 10000).ToString("D4") },
        }).ToList();

    [Fact]
    public async Task Adds_are_cut_to_1000_and_split_on_413()
    {
        var list = await CreateAsync();
        var stored = await _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 2500));
        Assert.Equal(2500, stored.Count);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => "C" + i), stored.Select(c => c.Id));
        Assert.Equal(3, _org.Stats.Count("POST " + Lists + "/{contactListId}/contacts"));

        _org.Options.MaxBodyBytes = 30_000; // ~60 contacts of 400 characters per request
        var ids = await _api.AddContactsForIdsAsync(list.Id!, Contacts(list.Id!, 200, "B", 400), new AddContactsOptions { Priority = true });
        Assert.Equal(200, ids.Count);
        Assert.True(_org.Stats.Count("POST " + Lists + "/{contactListId}/contacts", 413) > 0);
        Assert.Equal(2700, _org.Outbound().Find("Leads")!.Size);
        // Priority adds go to the front of the dialing queue.
        Assert.All(_org.Outbound().Find("Leads")!.Contacts.Take(200), c => Assert.StartsWith("B", c.Id));
    }

    [Fact]
    public async Task Bulk_get_and_delete_are_cut_to_their_limits()
    {
        var list = await CreateAsync();
        await _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 700));
        var found = await _api.GetContactsAsync(list.Id!, Enumerable.Range(1, 120).Select(i => "C" + i).Append("missing").ToList());
        Assert.Equal(120, found.Count);
        Assert.Equal(3, _org.Stats.Count("POST " + Lists + "/{contactListId}/contacts/bulk"));

        await _api.DeleteContactsAsync(list.Id!, Enumerable.Range(1, 600).Select(i => "C" + i).ToList());
        Assert.Equal(3, _org.Stats.Count("DELETE " + Lists + "/{contactListId}/contacts"));
        Assert.Equal(100, _org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task Single_contacts_read_update_and_delete()
    {
        var list = await CreateAsync();
        await _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 2));
        Assert.Equal("nnnn", (await _api.GetContactAsync(list.Id!, "C1"))!.Data!["Name"]);
        Assert.Null(await _api.GetContactAsync(list.Id!, "nope"));
        var updated = await _api.UpdateContactAsync(list.Id!, "C1", new DialerContact { ContactListId = list.Id, Data = new() { ["Name"] = "Ann" } });
        Assert.Equal("Ann", updated.Data!["Name"]);
        await Assert.ThrowsAsync<GenesysNotFoundException>(() => _api.UpdateContactAsync(list.Id!, "nope", new DialerContact { Data = new() }));
        Assert.True(await _api.DeleteContactAsync(list.Id!, "C1"));
        Assert.False(await _api.DeleteContactAsync(list.Id!, "C1"));
    }

    [Fact]
    public async Task Lists_page_find_update_and_delete()
    {
        for (var i = 0; i < 130; i++) await CreateAsync($"L{i:000}");
        var all = await _api.ListContactListsAsync(includeSize: true);
        Assert.Equal(130, all.Count);
        Assert.All(all, l => Assert.Equal(0, l.Size));
        Assert.Equal(2, _org.Stats.Count("GET " + Lists));
        Assert.Equal(10, (await _api.ListContactListsAsync("L12")).Count);

        var list = (await _api.FindContactListByNameAsync("l042"))!;
        Assert.Equal("L042", list.Name);
        Assert.Null(await _api.FindContactListByNameAsync("L9999"));
        list.Name = "Renamed";
        var updated = await _api.UpdateContactListAsync(list);
        Assert.Equal(2, updated.Version);
        await Assert.ThrowsAsync<GenesysConflictException>(() => _api.UpdateContactListAsync(list)); // version 1 is stale now

        var shard = updated.CloneDefinition("Renamed-001");
        Assert.Null(shard.Id);
        Assert.Null(shard.Version);
        Assert.Equal(updated.ColumnNames, shard.ColumnNames);
        Assert.Equal("Phone", shard.PhoneColumns!.Single().ColumnName);
        Assert.Equal("Renamed-001", (await _api.CreateContactListAsync(shard)).Name);

        Assert.True(await _api.DeleteContactListAsync(updated.Id!));
        Assert.False(await _api.DeleteContactListAsync(updated.Id!));
        Assert.Null(await _api.GetContactListAsync(updated.Id!));
    }

    [Fact]
    public async Task Limit_errors_are_recognised()
    {
        _org.Options.Outbound.MaxContactsPerList = 1;
        var list = await CreateAsync();
        var full = await Assert.ThrowsAsync<GenesysValidationException>(() => _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 2)));
        Assert.True(OutboundApi.IsContactLimitError(full, out var orgWide));
        Assert.False(orgWide);

        _org.Options.Outbound.MaxContactsPerList = 100;
        _org.Options.Outbound.MaxContactsPerOrg = 1;
        var org = await Assert.ThrowsAsync<GenesysValidationException>(() => _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 2)));
        Assert.True(OutboundApi.IsContactLimitError(org, out orgWide));
        Assert.True(orgWide);

        var other = await Assert.ThrowsAsync<GenesysValidationException>(() => _api.AddContactsAsync(list.Id!, new List<DialerContact> { new() { Id = "X", ContactListId = list.Id, Data = new() { ["Nope"] = "x" } } }));
        Assert.False(OutboundApi.IsContactLimitError(other, out _));
    }

    [Fact]
    public async Task Export_waits_until_ready_and_downloads_the_csv()
    {
        _org.Options.Outbound.ExportNotReadyPolls = 3;
        var list = await CreateAsync();
        await _api.AddContactsAsync(list.Id!, Contacts(list.Id!, 3));
        var export = await _api.ExportContactsAsync(list.Id!);
        using (export)
        {
            Assert.Equal(new[] { "C1", "C2", "C3" }, export.Records().Select(r => r[export.IndexOf(ExportFile.ContactIdColumn)]));
            Assert.True(File.Exists(export.FilePath));
            Assert.Equal(Path.GetTempPath(), Path.GetDirectoryName(export.FilePath) + Path.DirectorySeparatorChar);
        }
        Assert.False(File.Exists(export.FilePath));
        Assert.Throws<ObjectDisposedException>(() => export.Records().ToList());
        Assert.Equal(4, _org.Stats.Count("GET " + Lists + "/{contactListId}/export"));
        Assert.Equal(1, _org.Stats.Count("GET /api/v2/downloads/{downloadId}"));
        Assert.Null(await _api.GetImportStatusAsync(list.Id!));
    }
}
