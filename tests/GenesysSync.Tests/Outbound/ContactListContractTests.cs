using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Outbound;

/// <summary>Contact list CRUD, validation, versions, paging and org caps of the emulator, over HTTP.</summary>
public sealed class ContactListContractTests : OutboundContractTestBase
{
    [Fact]
    public async Task Create_returns_the_list_and_get_reports_its_size_on_request()
    {
        var (status, body, _) = await PostAsync(Lists, ListBody("May leads", new[] { "LeadId", "Phone", "Email" }, new[] { "Phone" }, new[] { "Email" }));
        Assert.Equal(200, status);
        var list = body!.AsObject();
        var id = list["id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("May leads", list["name"]!.GetValue<string>());
        Assert.Equal(1, list["version"]!.GetValue<int>());
        Assert.Equal(Org.HomeDivisionId, list["division"]!["id"]!.GetValue<string>());
        Assert.Equal("Phone", list["phoneColumns"]![0]!["columnName"]!.GetValue<string>());
        Assert.Equal(ListPath(id), list["selfUri"]!.GetValue<string>());
        Assert.Null(list["size"]);

        (status, body, _) = await GetAsync(ListPath(id) + "?includeSize=true");
        Assert.Equal(200, status);
        Assert.Equal(0, body!["size"]!.GetValue<int>());
        Assert.Equal(new[] { "LeadId", "Phone", "Email" }, Outbound.Find("may leads")!.Columns);
    }

    [Theory]
    [InlineData("missing-columns", "columnNames")]
    [InlineData("too-many-columns", "columnNames")]
    [InlineData("long-column", "columnNames[0]")]
    [InlineData("duplicate-column", "columnNames[1]")]
    [InlineData("phone-not-a-column", "phoneColumns[0].columnName")]
    [InlineData("phone-without-type", "phoneColumns[0].type")]
    [InlineData("missing-name", "name")]
    public async Task Invalid_lists_are_refused_naming_the_field(string fault, string field)
    {
        var body = ListBody("Bad", new[] { "A", "B" }, new[] { "B" });
        switch (fault)
        {
            case "missing-columns": body.Remove("columnNames"); break;
            case "too-many-columns": body["columnNames"] = new JsonArray(Enumerable.Range(1, 51).Select(i => (JsonNode)("C" + i)).ToArray()); body.Remove("phoneColumns"); break;
            case "long-column": body["columnNames"]![0] = new string('x', 129); break;
            case "duplicate-column": body["columnNames"] = new JsonArray("A", "a"); body.Remove("phoneColumns"); break;
            case "phone-not-a-column": body["phoneColumns"]![0]!["columnName"] = "Mobile"; break;
            case "phone-without-type": body["phoneColumns"]![0]!.AsObject().Remove("type"); break;
            case "missing-name": body.Remove("name"); break;
        }
        var (status, error, _) = await PostAsync(Lists, body);
        Assert.Equal(400, status);
        AssertFieldError(error, field);
        Assert.Equal(0, Outbound.ContactListCount);
    }

    [Fact]
    public async Task Unknown_properties_and_duplicate_names_are_refused()
    {
        var body = ListBody("Leads", new[] { "A" });
        body["fieldMappings"] = new JsonObject();
        var (status, error, _) = await PostAsync(Lists, body);
        Assert.Equal(400, status);
        AssertFieldError(error, "fieldMappings", "invalid.property");

        await CreateListAsync("Leads");
        (status, error, _) = await PostAsync(Lists, ListBody("LEADS", new[] { "A" }));
        Assert.Equal(409, status);
        AssertError(error, 409, "conflict");
        Assert.Equal(1, Outbound.ContactListCount);
    }

    [Fact]
    public async Task Update_needs_the_current_version()
    {
        var id = await CreateListAsync("Leads");
        var (_, current, _) = await GetAsync(ListPath(id));
        var update = current!.AsObject();
        update["name"] = "Leads renamed";
        update["columnNames"]!.AsArray().Add("Zip");

        var stale = update.DeepClone().AsObject();
        stale["version"] = 7;
        var (status, error, _) = await PutAsync(ListPath(id), stale);
        Assert.Equal(409, status);
        AssertError(error, 409, "conflict");

        var noVersion = update.DeepClone().AsObject();
        noVersion.Remove("version");
        (status, error, _) = await PutAsync(ListPath(id), noVersion);
        Assert.Equal(400, status);
        AssertFieldError(error, "version");

        (status, var updated, _) = await PutAsync(ListPath(id), update);
        Assert.Equal(200, status);
        Assert.Equal(2, updated!["version"]!.GetValue<int>());
        var stored = Outbound.Find("Leads renamed")!;
        Assert.Equal(2, stored.Version);
        Assert.Contains("Zip", stored.Columns);

        (status, _, _) = await PutAsync(ListPath(id), update); // version 1 again: now stale
        Assert.Equal(409, status);
    }

    [Fact]
    public async Task Listing_pages_at_most_100_and_filters_by_name()
    {
        for (var i = 1; i <= 105; i++) await CreateListAsync($"Batch-{i:000}", new[] { "A" }, Array.Empty<string>(), Array.Empty<string>());
        await CreateListAsync("Other", new[] { "A" }, Array.Empty<string>(), Array.Empty<string>());

        var (status, body, _) = await GetAsync(Lists + "?pageSize=500");
        Assert.Equal(200, status);
        Assert.Equal(100, body!["entities"]!.AsArray().Count);
        Assert.Equal(100, body["pageSize"]!.GetValue<int>());
        Assert.Equal(106, body["total"]!.GetValue<int>());
        Assert.Equal(2, body["pageCount"]!.GetValue<int>());
        Assert.NotNull(body["nextUri"]);

        (_, body, _) = await GetAsync(Lists + "?pageSize=100&pageNumber=2");
        Assert.Equal(6, body!["entities"]!.AsArray().Count);
        Assert.Null(body["nextUri"]);

        (_, body, _) = await GetAsync(Lists + "?name=batch-10&includeSize=true");
        var names = body!["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "Batch-100", "Batch-101", "Batch-102", "Batch-103", "Batch-104", "Batch-105" }, names);
        Assert.All(body["entities"]!.AsArray(), e => Assert.Equal(0, e!["size"]!.GetValue<int>()));

        (_, body, _) = await GetAsync(Lists + "?name=Other&filterType=Equals");
        Assert.Single(body!["entities"]!.AsArray());

        (status, _, _) = await GetAsync(Lists + "?pageSize=0");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Delete_and_clear()
    {
        var id = await CreateListAsync();
        var (status, _, _) = await AddContactsAsync(id, new[] { DialerContact(id, "L1", ("Name", "A")), DialerContact(id, "L2", ("Name", "B")) });
        Assert.Equal(200, status);

        (status, _, _) = await PostAsync(ListPath(id) + "/clear", new JsonObject());
        Assert.True(status is >= 200 and < 300);
        Assert.Equal(0, Outbound.Find("Leads")!.Size);
        Assert.Equal(0, Outbound.ContactCount);

        (status, _, _) = await DeleteAsync(ListPath(id));
        Assert.Equal(204, status);
        (status, var error, _) = await GetAsync(ListPath(id));
        Assert.Equal(404, status);
        AssertError(error, 404, "not.found");
        (status, _, _) = await DeleteAsync(ListPath(id));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task The_org_holds_a_limited_number_of_lists()
    {
        Org.Options.Outbound.MaxContactListsPerOrg = 2;
        await CreateListAsync("One");
        await CreateListAsync("Two");
        var (status, error, _) = await PostAsync(Lists, ListBody("Three", new[] { "A" }));
        Assert.Equal(400, status);
        var body = AssertError(error, 400, "organization.contact.list.limit.exceeded");
        Assert.Equal("max.contact.lists.per.organization", body["limit"]!["key"]!.GetValue<string>());
        Assert.Equal(2, body["limit"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task Requests_need_a_token()
    {
        var (status, _, _) = await GetAsync(Lists, token: null);
        Assert.Equal(401, status);
    }
}
