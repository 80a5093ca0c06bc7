using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class ExternalContactsApiTests
{
    private static async Task<(ClientFixture F, ExternalContactsApi Api)> CreateAsync()
    {
        var f = new ClientFixture();
        return (f, new ExternalContactsApi(await f.ConnectAsync()));
    }

    private static JsonArray Entities(RecordedRequest r) => JsonNode.Parse(r.Body!)!["entities"]!.AsArray();

    /// <summary>A bulk add/update endpoint that echoes every row back as a success with an id.</summary>
    private static HttpResponseMessage EchoBulk(RecordedRequest r, bool reverse = false)
    {
        var rows = Entities(r).Select((e, i) =>
        {
            var entity = e!.DeepClone().AsObject();
            entity["id"] ??= "new-" + entity["firstName"];
            return (object)new { id = (string?)entity["id"], success = true, entity, status = 200 };
        }).ToList();
        if (reverse) rows.Reverse();
        return FakeGenesys.Json(200, new { results = rows, errorCount = 0, errorIndexes = Array.Empty<int>() });
    }

    private static List<ExternalContact> Contacts(int n)
        => Enumerable.Range(0, n).Select(i => new ExternalContact { FirstName = "F" + i, LastName = "L" + i, WorkEmail = $"p{i}@example.com" }).ToList();

    [Fact]
    public async Task Get_and_lookup_return_null_on_404()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = _ => FakeGenesys.Error(404, "not.found");

        Assert.Null(await api.GetContactAsync("nope"));
        Assert.Null(await api.LookupContactAsync(ContactIdentifierTypes.Email, "a@b.c"));
        Assert.Null(await api.GetExternalSourceAsync("nope"));
        Assert.False(await api.DeleteContactAsync("nope"));
        await Assert.ThrowsAsync<GenesysNotFoundException>(() => api.UpdateContactAsync("nope", new ExternalContact()));
    }

    [Fact]
    public async Task Lookup_posts_the_identifier_with_its_source()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(200, new { id = "c-1", firstName = "Ann" });

        var contact = await api.LookupContactAsync(ContactIdentifierTypes.ExternalId, "CRM-1", "src-9");

        Assert.Equal("c-1", contact!.Id);
        var request = f.Fake.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v2/externalcontacts/identifierlookup/contacts", request.Path);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("ExternalId", (string?)body["type"]);
        Assert.Equal("CRM-1", (string?)body["value"]);
        Assert.Equal("src-9", (string?)body["externalSource"]!["id"]);
    }

    [Fact]
    public async Task Single_contact_calls_use_the_right_routes()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => FakeGenesys.Json(200, new { id = "c 1", firstName = "Ann" });

        await api.CreateContactAsync(new ExternalContact { FirstName = "Ann" });
        await api.GetContactAsync("c 1");
        await api.UpdateContactAsync("c 1", new ExternalContact { FirstName = "Ann" });
        await api.PatchContactAsync("c 1", new[] { new ContactPatchChange("firstName", "Anne") });
        Assert.True(await api.DeleteContactAsync("c 1"));

        Assert.Equal(new[]
        {
            "POST /api/v2/externalcontacts/contacts",
            "GET /api/v2/externalcontacts/contacts/c%201",
            "PUT /api/v2/externalcontacts/contacts/c%201",
            "PATCH /api/v2/externalcontacts/contacts/c%201",
            "DELETE /api/v2/externalcontacts/contacts/c%201",
        }, f.Fake.Requests.Select(r => r.Method + " " + r.PathAndQuery));
        var patch = JsonNode.Parse(f.Fake.Requests[3].Body!)!["changes"]![0]!;
        Assert.Equal("$.firstName", (string?)patch["field"]);
        Assert.Equal("Anne", (string?)patch["value"]);
        Assert.Equal("Update", (string?)patch["action"]);
    }

    [Fact]
    public async Task Bulk_add_splits_on_413_and_keeps_input_order()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => Entities(r).Count > 2 ? FakeGenesys.Error(413, "request.too.large") : EchoBulk(r);
        var input = Contacts(5);

        var results = await api.BulkAddAsync(input);

        Assert.Equal(new[] { 5, 2, 3, 1, 2 }, f.Fake.Requests.Select(r => Entities(r).Count));
        Assert.Equal(5, results.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i, results[i].Index);
            Assert.True(results[i].Success);
            Assert.Equal("F" + i, results[i].Contact!.FirstName);
            Assert.Equal("new-F" + i, results[i].Id);
        }
    }

    [Fact]
    public async Task A_single_row_still_too_large_fails_alone()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => Entities(r).Any(e => (string?)e!["firstName"] == "F1") ? FakeGenesys.Error(413, "request.too.large") : EchoBulk(r);

        var results = await api.BulkAddAsync(Contacts(3));

        Assert.True(results[0].Success);
        Assert.False(results[1].Success);
        Assert.Equal(413, results[1].Status);
        Assert.False(results[1].IsRetryable);
        Assert.True(results[2].Success);
    }

    [Fact]
    public async Task Shuffled_results_are_matched_by_id_or_fingerprint()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => EchoBulk(r, reverse: true);

        var added = await api.BulkAddAsync(Contacts(4));
        Assert.Equal(new[] { "F0", "F1", "F2", "F3" }, added.Select(r => r.Contact!.FirstName));

        var updates = Contacts(4).Select((c, i) => { c.Id = "id-" + i; c.FirstName = "Same"; c.WorkEmail = null; c.LastName = null; return c; }).ToList();
        var updated = await api.BulkUpdateAsync(updates);
        Assert.Equal(new[] { "id-0", "id-1", "id-2", "id-3" }, updated.Select(r => r.Id));
    }

    [Fact]
    public async Task Failed_rows_keep_their_error_and_only_retryable_rows_are_resent()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(r => FakeGenesys.Json(200, new
        {
            results = new object[]
            {
                new { id = "a", success = true, entity = new { id = "a", firstName = "A" }, status = 200 },
                new { id = "b", success = false, status = 400, error = new { code = "invalid.value", message = "bad email", status = 400, retryable = false, details = new[] { new { fieldName = "workEmail" } } } },
                new { id = "c", success = false, status = 503, error = new { code = "service.unavailable", status = 503, retryable = true } },
            },
            errorCount = 2,
            errorIndexes = new[] { 1, 2 },
        })).Then(r => FakeGenesys.Json(200, new { results = new[] { new { id = "c", success = true, entity = new { id = "c", firstName = "C" }, status = 200 } } }));

        var results = await api.BulkUpdateAsync(new[] { "a", "b", "c" }.Select(id => new ExternalContact { Id = id }).ToList());

        Assert.True(results[0].Success);
        Assert.False(results[1].Success);
        Assert.Equal("invalid.value", results[1].Error!.Code);
        Assert.Equal("workEmail", results[1].Error!.Details![0].FieldName);
        Assert.True(results[2].Success);
        Assert.Equal("C", results[2].Contact!.FirstName);
        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Equal(new[] { "c" }, Entities(f.Fake.Requests[1]).Select(e => (string?)e!["id"]));
    }

    [Fact]
    public async Task Rows_without_any_result_are_reported_not_dropped()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        api.RetryableRowRetries = 0;
        f.Fake.Then(200, new { results = new[] { new { id = "b", success = true } } });

        var results = await api.BulkRemoveAsync(new[] { "a", "b" });

        Assert.False(results[0].Success);
        Assert.Equal("bulk.result.missing", results[0].Error!.Code);
        Assert.True(results[1].Success);
        Assert.Equal("{\"entities\":[{\"id\":\"a\"},{\"id\":\"b\"}]}", f.Fake.Requests[0].Body);
        Assert.Equal("/api/v2/externalcontacts/bulk/contacts/remove", f.Fake.Requests[0].Path);
    }

    [Fact]
    public async Task Large_inputs_are_chunked()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        api.MaxBulkSize = 200;
        f.Fake.Default = r => EchoBulk(r);

        var results = await api.BulkAddAsync(Contacts(450));

        Assert.Equal(new[] { 200, 200, 50 }, f.Fake.Requests.Select(r => Entities(r).Count));
        Assert.All(results, r => Assert.True(r.Success));
    }

    [Fact]
    public async Task Bulk_enrich_sends_at_most_ten_per_request()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => FakeGenesys.Json(200, new
        {
            results = Entities(r).Select(e => new { success = true, entity = e!["contact"] }).ToArray(),
        });
        var requests = Contacts(23).Select(c => new ContactEnrichRequest
        {
            Action = EnrichActions.Upsert,
            MatchingIdentifiers = new() { new ContactIdentifier(ContactIdentifierTypes.Email, c.WorkEmail!) },
            Contact = c,
        }).ToList();

        var results = await api.BulkEnrichAsync(requests);

        Assert.Equal(new[] { 10, 10, 3 }, f.Fake.Requests.Select(r => Entities(r).Count));
        Assert.Equal(requests.Select(r => r.Contact!.FirstName), results.Select(r => r.Contact!.FirstName));
    }

    [Fact]
    public async Task Enrich_reports_created_or_updated()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(201, new { id = "n" }).Then(200, new { id = "n" });
        var request = new ContactEnrichRequest { Action = EnrichActions.Upsert, Contact = new ExternalContact { FirstName = "A" } };

        Assert.True((await api.EnrichAsync(request)).Created);
        Assert.False((await api.EnrichAsync(request, dryRun: true)).Created);
        Assert.Equal("/api/v2/externalcontacts/contacts/enrich?dryRun=true", f.Fake.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Search_all_stops_at_the_1000_cap_and_says_so()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => FakeGenesys.Json(200, new
        {
            entities = Enumerable.Range(0, 100).Select(i => new { id = Guid.NewGuid().ToString() }).ToArray(),
            pageSize = 100,
            total = 4321,
        });

        var result = await api.SearchAllContactsAsync("smith");

        Assert.True(result.Capped);
        Assert.Equal(1000, result.Contacts.Count);
        Assert.Equal(4321, result.Total);
        Assert.Equal(10, f.Fake.Requests.Count);
        Assert.Equal("/api/v2/externalcontacts/contacts?q=smith&pageSize=100&pageNumber=10", f.Fake.Requests[^1].PathAndQuery);
    }

    [Fact]
    public async Task Search_all_stops_at_the_last_page_when_not_capped()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(200, new { entities = Enumerable.Range(0, 100).Select(i => new { id = "a" + i }).ToArray(), total = 150 })
              .Then(200, new { entities = Enumerable.Range(0, 50).Select(i => new { id = "b" + i }).ToArray(), total = 150 });

        var result = await api.SearchAllContactsAsync("jane doe@x");

        Assert.False(result.Capped);
        Assert.Equal(150, result.Contacts.Count);
        Assert.Equal("/api/v2/externalcontacts/contacts?q=jane%20doe%40x&pageSize=100&pageNumber=1", f.Fake.Requests[0].PathAndQuery);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.SearchContactsAsync("x", 100, 11));
    }

    [Fact]
    public async Task Scan_streams_every_page_of_the_cursor()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(200, new { entities = new[] { new { id = "1" }, new { id = "2" } }, cursors = new { after = "c/2" } })
              .Then(200, new { entities = new[] { new { id = "3" } }, cursors = new { after = "c3" } })
              .Then(200, new { entities = new[] { new { id = "4" } } });

        var ids = new List<string>();
        await foreach (var c in api.ScanContactsAsync()) ids.Add(c.Id!);

        Assert.Equal(new[] { "1", "2", "3", "4" }, ids);
        Assert.Equal(new[]
        {
            "/api/v2/externalcontacts/scan/contacts?limit=200",
            "/api/v2/externalcontacts/scan/contacts?limit=200&cursor=c%2F2",
            "/api/v2/externalcontacts/scan/contacts?limit=200&cursor=c3",
        }, f.Fake.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Ensure_external_source_finds_by_exact_name_or_creates()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Then(200, new { entities = new[] { new { id = "s1", name = "Salesforce Sandbox" }, new { id = "s2", name = "salesforce" } } });
        Assert.Equal("s2", (await api.EnsureExternalSourceAsync("Salesforce")).Id);
        Assert.Equal("/api/v2/externalcontacts/externalsources?limit=200&name=Salesforce", f.Fake.Requests[0].PathAndQuery);

        f.Fake.Then(200, new { entities = Array.Empty<object>() }).Then(200, new { id = "s3", name = "HubSpot", active = true });
        var created = await api.EnsureExternalSourceAsync("HubSpot");
        Assert.Equal("s3", created.Id);
        var post = f.Fake.Requests[^1];
        Assert.Equal("POST", post.Method);
        Assert.Equal("{\"name\":\"HubSpot\",\"active\":true}", post.Body);
    }

    [Fact]
    public async Task Concurrent_calls_share_the_client()
    {
        var (f, api) = await CreateAsync();
        using var _ = f;
        f.Fake.Default = r => FakeGenesys.Json(200, new { id = r.Path.Split('/')[^1] });
        var ids = Enumerable.Range(0, 50).Select(i => "id" + i).ToList();

        var contacts = await Task.WhenAll(ids.Select(id => api.GetContactAsync(id)));

        Assert.Equal(ids, contacts.Select(c => c!.Id));
        Assert.Equal(50, f.Client!.Stats.ByRoute["GET /api/v2/externalcontacts/contacts/{id}"]);
    }
}
