using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

public sealed class ContactSearchContractTests : EmulatorTestBase
{
    private async Task<List<string>> Ids(string query)
    {
        var (status, body, _) = await GetAsync(Contacts + query);
        Assert.True(status == 200, body?.ToJsonString());
        return body!["entities"]!.AsArray().Select(e => Id(e!)).ToList();
    }

    [Fact]
    public async Task Q_matches_names_emails_and_e164_phones_case_insensitively()
    {
        var ann = await CreateContactAsync(Contact("Ann", "Lee", "ann.lee@acme.test", "317 555 0100"));
        var bob = await CreateContactAsync(Contact("Bob", "Annis", "bob@other.test", "+44 20 7946 0958"));
        await CreateContactAsync(Contact("Cy", "Ng", "cy@acme.test", "not a number 555"));

        Assert.Equal(new[] { Id(ann), Id(bob) }, await Ids("?q=ANN"));
        Assert.Equal(new[] { Id(ann) }, await Ids("?q=ann%20lee"));
        Assert.Equal(new[] { Id(bob) }, await Ids("?q=other.test"));
        Assert.Equal(new[] { Id(ann) }, await Ids("?q=%2B13175550100"));
        Assert.Equal(new[] { Id(bob) }, await Ids("?q=442079"));
        Assert.Empty(await Ids("?q=555%20number")); // a phone without E.164 is not searchable
        Assert.Empty(await Ids("?q=zzz"));
        Assert.Equal(3, (await Ids("")).Count);
    }

    [Fact]
    public async Task Pages_default_to_20_and_carry_paging_fields()
    {
        for (var i = 0; i < 25; i++) await CreateContactAsync(Contact("Page" + i, "Test"));
        var (status, body, _) = await GetAsync(Contacts + "?q=page");
        Assert.Equal(200, status);
        Assert.Equal(20, body!["entities"]!.AsArray().Count);
        Assert.Equal(20, body["pageSize"]!.GetValue<int>());
        Assert.Equal(1, body["pageNumber"]!.GetValue<int>());
        Assert.Equal(25, body["total"]!.GetValue<long>());
        Assert.Equal(2, body["pageCount"]!.GetValue<int>());
        Assert.Contains("pageNumber=2", body["nextUri"]!.GetValue<string>());
        Assert.Null(body["previousUri"]);

        (_, body, _) = await GetAsync(Contacts + "?q=page&pageNumber=2");
        Assert.Equal(5, body!["entities"]!.AsArray().Count);
        Assert.Null(body["nextUri"]);
        Assert.Contains("pageNumber=1", body["previousUri"]!.GetValue<string>());
        Assert.Equal("Page20", body["entities"]![0]!["firstName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?pageSize=100&pageNumber=10", 200)]
    [InlineData("?pageSize=1000", 200)]
    [InlineData("?pageSize=100&pageNumber=11", 400)]
    [InlineData("?pageSize=1001", 400)]
    [InlineData("?pageSize=501&pageNumber=2", 400)]
    [InlineData("?pageSize=0", 400)]
    [InlineData("?pageNumber=0", 400)]
    [InlineData("?pageSize=abc", 400)]
    public async Task The_search_window_is_1000_results(string query, int expected)
    {
        var (status, body, _) = await GetAsync(Contacts + query);
        Assert.Equal(expected, status);
        if (expected == 400) AssertError(body, 400, body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Past_the_window_the_error_is_bad_request()
    {
        var (_, body, _) = await GetAsync(Contacts + "?pageSize=50&pageNumber=21");
        AssertError(body, 400, "bad.request");
        Assert.Contains("1000", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sort_order_sorts_and_bad_values_are_400()
    {
        await CreateContactAsync(Contact("A", "Morse"));
        await CreateContactAsync(Contact("B", "Adams"));
        await CreateContactAsync(Contact("C", "Young"));
        var (_, body, _) = await GetAsync(Contacts + "?sortOrder=lastName:desc");
        Assert.Equal(new[] { "Young", "Morse", "Adams" }, body!["entities"]!.AsArray().Select(e => e!["lastName"]!.GetValue<string>()));
        (_, body, _) = await GetAsync(Contacts + "?sortOrder=lastName");
        Assert.Equal(new[] { "Adams", "Morse", "Young" }, body!["entities"]!.AsArray().Select(e => e!["lastName"]!.GetValue<string>()));
        var (status, error, _) = await GetAsync(Contacts + "?sortOrder=workEmail:asc");
        Assert.Equal(400, status);
        AssertError(error, 400, "invalid.query.param.value");
        Assert.Equal(400, (await GetAsync(Contacts + "?sortOrder=lastName:sideways")).Status);
    }

    [Fact]
    public async Task Division_filters_are_checked()
    {
        await CreateContactAsync(Contact("Dee", "Div"));
        Assert.Single(await Ids("?divisionIds=" + Org.HomeDivisionId));
        Assert.Empty(await Ids("?divisionIds=" + Guid.NewGuid()));
        var tooMany = string.Join("&", Enumerable.Range(0, 51).Select(_ => "divisionIds=" + Guid.NewGuid()));
        Assert.Equal(400, (await GetAsync(Contacts + "?" + tooMany)).Status);
    }
}

public sealed class ContactScanContractTests : EmulatorTestBase
{
    private const string Scan = "/api/v2/externalcontacts/scan/contacts";

    private async Task<(List<string> Ids, string? After)> Page(string query)
    {
        var (status, body, _) = await GetAsync(Scan + query);
        Assert.True(status == 200, body?.ToJsonString());
        Assert.NotNull(body!["cursors"]);
        return (body["entities"]!.AsArray().Select(e => Id(e!)).ToList(), body["cursors"]!["after"]?.GetValue<string>());
    }

    private async Task<List<string>> CreateMany(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(Id(await CreateContactAsync(Contact("Scan" + i, "Test"))));
        return ids;
    }

    [Fact]
    public async Task Scan_walks_every_contact_once_in_a_stable_order()
    {
        var created = await CreateMany(25);
        var (first, after1) = await Page("?limit=10");
        Assert.Equal(10, first.Count);
        Assert.NotNull(after1);
        var (second, after2) = await Page("?limit=10&cursor=" + Uri.EscapeDataString(after1!));
        Assert.Equal(10, second.Count);
        Assert.NotNull(after2);
        var (third, after3) = await Page("?limit=10&cursor=" + Uri.EscapeDataString(after2!));
        Assert.Equal(5, third.Count);
        Assert.Null(after3);
        Assert.Equal(created, first.Concat(second).Concat(third).ToList());

        // The same cursor gives the same page again.
        var (again, _) = await Page("?limit=10&cursor=" + Uri.EscapeDataString(after1!));
        Assert.Equal(second, again);
    }

    [Fact]
    public async Task A_full_last_page_has_no_after_cursor()
    {
        var created = await CreateMany(20);
        var (first, after) = await Page("?limit=10");
        var (second, end) = await Page("?limit=10&cursor=" + Uri.EscapeDataString(after!));
        Assert.Equal(10, first.Count);
        Assert.Equal(10, second.Count);
        Assert.Null(end);
        Assert.Equal(created, first.Concat(second).ToList());
    }

    [Fact]
    public async Task Scan_pages_carry_uris_and_the_default_limit_is_100()
    {
        await CreateMany(101);
        var (status, body, _) = await GetAsync(Scan);
        Assert.Equal(200, status);
        Assert.Equal(100, body!["entities"]!.AsArray().Count);
        var after = body["cursors"]!["after"]!.GetValue<string>();
        Assert.Contains("cursor=" + Uri.EscapeDataString(after), body["nextUri"]!.GetValue<string>());
        Assert.StartsWith(Scan + "?limit=100", body["selfUri"]!.GetValue<string>());
        var (last, end) = await Page("?cursor=" + Uri.EscapeDataString(after));
        Assert.Single(last);
        Assert.Null(end);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(201)]
    [InlineData(0)]
    public async Task Limits_outside_10_to_200_are_400(int limit)
    {
        var (status, body, _) = await GetAsync(Scan + "?limit=" + limit);
        Assert.Equal(400, status);
        var error = AssertError(body, 400, "invalid.query.param.value");
        Assert.Equal("limit", error["messageParams"]!["param"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public async Task Limits_at_the_bounds_are_accepted(int limit)
    {
        await CreateMany(3);
        Assert.Equal(3, (await Page("?limit=" + limit)).Ids.Count);
    }

    [Fact]
    public async Task A_garbage_cursor_is_400()
    {
        var (status, body, _) = await GetAsync(Scan + "?cursor=not-a-cursor");
        Assert.Equal(400, status);
        AssertError(body, 400, "invalid.query.param.value");
    }

    [Fact]
    public async Task A_cursor_expires_after_24_hours()
    {
        await CreateMany(12);
        var (_, after) = await Page("?limit=10");
        Clock.Advance(TimeSpan.FromHours(24));
        var token = await GetTokenAsync(); // the first token died long ago
        var (status, body, _) = await GetAsync(Scan + "?limit=10&cursor=" + Uri.EscapeDataString(after!), token);
        Assert.Equal(200, status);
        Assert.Equal(2, body!["entities"]!.AsArray().Count);
        Clock.Advance(TimeSpan.FromSeconds(1));
        (status, body, _) = await GetAsync(Scan + "?limit=10&cursor=" + Uri.EscapeDataString(after!), token);
        Assert.Equal(400, status);
        AssertError(body, 400, "bad.request");
    }

    [Fact]
    public async Task Writes_during_a_scan_neither_duplicate_nor_skip_surviving_contacts()
    {
        var created = await CreateMany(30);
        var (first, after) = await Page("?limit=10");
        // Delete one not yet seen, update one not yet seen, add a new one.
        Assert.Equal(200, (await DeleteAsync(Contacts + "/" + created[15])).Status);
        Assert.Equal(200, (await PutAsync(Contacts + "/" + created[20], Contact("Changed", "Mid"))).Status);
        var added = Id(await CreateContactAsync(Contact("Late", "Comer")));
        var seen = new List<string>(first);
        while (after != null)
        {
            var (page, next) = await Page("?limit=10&cursor=" + Uri.EscapeDataString(after));
            seen.AddRange(page);
            after = next;
        }
        var expected = created.Where(id => id != created[15]).Append(added).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task An_empty_org_gives_an_empty_page_without_cursor()
    {
        var (ids, after) = await Page("");
        Assert.Empty(ids);
        Assert.Null(after);
    }

    [Fact]
    public async Task Another_division_scans_empty()
    {
        await CreateMany(2);
        Assert.Equal(2, (await Page("?divisionId=" + Org.HomeDivisionId)).Ids.Count);
        Assert.Empty((await Page("?divisionId=" + Guid.NewGuid())).Ids);
    }
}

public sealed class IdentifierLookupContractTests : EmulatorTestBase
{
    private const string Lookup = "/api/v2/externalcontacts/identifierlookup/contacts";

    private static JsonObject Identifier(string type, string value, string? sourceId = null)
    {
        var identifier = new JsonObject { ["type"] = type, ["value"] = value };
        if (sourceId != null) identifier["externalSource"] = new JsonObject { ["id"] = sourceId };
        return identifier;
    }

    [Fact]
    public async Task Email_lookup_is_case_insensitive_and_covers_every_email_field()
    {
        var work = await CreateContactAsync(new JsonObject { ["workEmail"] = "Ann@Example.com" });
        var personal = await CreateContactAsync(new JsonObject { ["personalEmail"] = "home@example.com" });
        var (status, body, _) = await PostAsync(Lookup, Identifier("Email", "ann@EXAMPLE.com"));
        Assert.Equal(200, status);
        Assert.Equal(Id(work), Id(body!));
        Assert.Equal(Id(personal), Id((await PostAsync(Lookup, Identifier("Email", "home@example.com"))).Body!));
    }

    [Fact]
    public async Task Phone_lookup_needs_plus_and_country_code_and_matches_e164()
    {
        var contact = await CreateContactAsync(new JsonObject { ["homePhone"] = new JsonObject { ["display"] = "(317) 555-0100" } });
        var (status, body, _) = await PostAsync(Lookup, Identifier("Phone", "+1 317 555 0100"));
        Assert.Equal(200, status);
        Assert.Equal(Id(contact), Id(body!));
        (status, body, _) = await PostAsync(Lookup, Identifier("Phone", "3175550100"));
        Assert.Equal(400, status);
        AssertFieldError(body, "value");
    }

    [Fact]
    public async Task External_id_lookup_needs_the_source()
    {
        var source = await CreateSourceAsync("CRM");
        var other = await CreateSourceAsync("ERP");
        var contact = await CreateContactAsync(new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "crm-42")) });
        var (status, body, _) = await PostAsync(Lookup, Identifier("ExternalId", "crm-42", source));
        Assert.Equal(200, status);
        Assert.Equal(Id(contact), Id(body!));
        Assert.Equal(404, (await PostAsync(Lookup, Identifier("ExternalId", "crm-42", other))).Status);
        (status, body, _) = await PostAsync(Lookup, Identifier("ExternalId", "crm-42"));
        Assert.Equal(400, status);
        AssertFieldError(body, "externalSource");
    }

    [Fact]
    public async Task No_match_is_404_and_bad_identifiers_400()
    {
        var (status, body, _) = await PostAsync(Lookup, Identifier("Email", "nobody@example.com"));
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
        Assert.Equal(404, (await PostAsync(Lookup, Identifier("Cookie", "abc"))).Status);
        (status, body, _) = await PostAsync(Lookup, Identifier("Fax", "123"));
        Assert.Equal(400, status);
        AssertFieldError(body, "type");
        (status, body, _) = await PostAsync(Lookup, Identifier("Email", new string('a', 250) + "@x.com"));
        Assert.Equal(400, status);
        AssertFieldError(body, "value");
        (status, body, _) = await PostAsync(Lookup, new JsonObject { ["type"] = "Email" });
        Assert.Equal(400, status);
        AssertFieldError(body, "value");
    }

    [Fact]
    public async Task The_index_follows_updates_and_deletes()
    {
        var contact = await CreateContactAsync(new JsonObject { ["workEmail"] = "old@example.com" });
        Assert.Equal(200, (await PutAsync(Contacts + "/" + Id(contact), new JsonObject { ["workEmail"] = "new@example.com" })).Status);
        Assert.Equal(404, (await PostAsync(Lookup, Identifier("Email", "old@example.com"))).Status);
        Assert.Equal(200, (await PostAsync(Lookup, Identifier("Email", "new@example.com"))).Status);
        Assert.Equal(200, (await DeleteAsync(Contacts + "/" + Id(contact))).Status);
        Assert.Equal(404, (await PostAsync(Lookup, Identifier("Email", "new@example.com"))).Status);
    }

    [Fact]
    public async Task With_several_holders_the_oldest_contact_answers()
    {
        var first = await CreateContactAsync(new JsonObject { ["workEmail"] = "shared@example.com" });
        await CreateContactAsync(new JsonObject { ["otherEmail"] = "shared@example.com" });
        Assert.Equal(Id(first), Id((await PostAsync(Lookup, Identifier("Email", "shared@example.com"))).Body!));
        Assert.Equal(200, (await DeleteAsync(Contacts + "/" + Id(first))).Status);
        Assert.Equal(200, (await PostAsync(Lookup, Identifier("Email", "shared@example.com"))).Status);
    }
}
