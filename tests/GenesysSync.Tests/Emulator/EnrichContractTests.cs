using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

public sealed class EnrichContractTests : EmulatorTestBase
{
    private const string Enrich = "/api/v2/externalcontacts/contacts/enrich";
    private const string BulkEnrich = "/api/v2/externalcontacts/bulk/contacts/enrich";
    private const string Lookup = "/api/v2/externalcontacts/identifierlookup/contacts";

    private static JsonObject Request(string action, JsonObject contact, params JsonObject[] identifiers)
        => new() { ["action"] = action, ["matchingIdentifiers"] = new JsonArray(identifiers), ["contact"] = contact };

    private static JsonObject ById(string source, string value)
        => new() { ["type"] = "ExternalId", ["value"] = value, ["externalSource"] = new JsonObject { ["id"] = source } };

    private static JsonObject ByEmail(string email) => new() { ["type"] = "Email", ["value"] = email };

    [Fact]
    public async Task Upsert_creates_then_updates_the_same_contact()
    {
        var source = await CreateSourceAsync("CRM");
        var (status, body, _) = await PostAsync(Enrich, Request("Upsert", Contact("Ann", "Lee"), ById(source, "crm-1")));
        Assert.Equal(201, status);
        var id = Id(body!);
        var claim = Assert.Single(body!["identifiers"]!.AsArray())!;
        Assert.Equal("ExternalId", claim["type"]!.GetValue<string>());
        Assert.Equal("crm-1", claim["value"]!.GetValue<string>());

        Clock.Advance(TimeSpan.FromSeconds(1));
        (status, body, _) = await PostAsync(Enrich, Request("Upsert", new JsonObject { ["lastName"] = "Lee-Smith", ["title"] = "VP" }, ById(source, "crm-1")));
        Assert.Equal(200, status);
        Assert.Equal(id, Id(body!));
        Assert.Equal("Ann", body!["firstName"]!.GetValue<string>()); // PreferProvided keeps fields the request leaves out
        Assert.Equal("Lee-Smith", body["lastName"]!.GetValue<string>());
        Assert.Equal("VP", body["title"]!.GetValue<string>());
        Assert.Single(body["identifiers"]!.AsArray());
        Assert.Equal(1, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Matching_uses_contact_fields_as_well_as_claims()
    {
        var source = await CreateSourceAsync("CRM");
        var existing = await CreateContactAsync(new JsonObject { ["firstName"] = "Bo", ["externalIds"] = new JsonArray(ExternalId(source, "crm-7")) });
        var (status, body, _) = await PostAsync(Enrich, Request("Update", new JsonObject { ["title"] = "Boss" }, ById(source, "crm-7")));
        Assert.Equal(200, status);
        Assert.Equal(Id(existing), Id(body!));
        Assert.Equal("Boss", body!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claimed_identifiers_are_found_by_identifier_lookup()
    {
        var (status, body, _) = await PostAsync(Enrich, Request("Upsert", Contact("Cy", "Claim"), ByEmail("cy@claimed.test")));
        Assert.Equal(201, status);
        Assert.Null(body!["workEmail"]);
        var (lookup, found, _) = await PostAsync(Lookup, ByEmail("CY@claimed.test"));
        Assert.Equal(200, lookup);
        Assert.Equal(Id(body), Id(found!));
    }

    [Fact]
    public async Task Insert_with_a_match_is_409_and_without_one_201()
    {
        Assert.Equal(201, (await PostAsync(Enrich, Request("Insert", Contact("Di", "Ins"), ByEmail("di@example.com")))).Status);
        var (status, body, _) = await PostAsync(Enrich, Request("Insert", Contact("Di", "Again"), ByEmail("di@example.com")));
        Assert.Equal(409, status);
        AssertError(body, 409, "conflict");
        Assert.Equal(1, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Update_without_a_match_is_404()
    {
        var (status, body, _) = await PostAsync(Enrich, Request("Update", Contact("Ed", "None"), ByEmail("ed@example.com")));
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Dry_run_answers_as_usual_but_stores_nothing()
    {
        var (status, body, _) = await PostAsync(Enrich + "?dryRun=true", Request("Upsert", Contact("Flo", "Dry"), ByEmail("flo@example.com")));
        Assert.Equal(201, status);
        Assert.Null(body!["id"]);
        Assert.Equal("Flo", body["firstName"]!.GetValue<string>());
        Assert.Equal(0, Org.ExternalContactCount);

        var real = (await PostAsync(Enrich, Request("Upsert", Contact("Flo", "Real"), ByEmail("flo@example.com")))).Body!;
        (status, body, _) = await PostAsync(Enrich + "?dryRun=true", Request("Upsert", new JsonObject { ["lastName"] = "Changed" }, ByEmail("flo@example.com")));
        Assert.Equal(200, status);
        Assert.Equal(Id(real), Id(body!));
        Assert.Equal("Changed", body!["lastName"]!.GetValue<string>());
        Assert.Equal("Real", Assert.Single(Org.ExternalContacts)["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_belongs_in_the_query_not_the_body()
    {
        var request = Request("Upsert", Contact("Gil", "Body"), ByEmail("gil@example.com"));
        request["dryRun"] = true;
        var (status, body, _) = await PostAsync(Enrich, request);
        Assert.Equal(400, status);
        AssertFieldError(body, "dryRun");
    }

    [Fact]
    public async Task Field_rules_choose_between_stored_and_provided_values()
    {
        await PostAsync(Enrich, Request("Upsert", new JsonObject { ["firstName"] = "Hal", ["title"] = "Old" }, ByEmail("hal@example.com")));
        var request = Request("Upsert", new JsonObject { ["firstName"] = "Harold", ["title"] = "New" }, ByEmail("hal@example.com"));
        request["fieldRules"] = new JsonObject
        {
            ["defaultAction"] = "PreferExisting",
            ["rules"] = new JsonArray(new JsonObject { ["field"] = "$.title", ["action"] = "AlwaysUseProvided" }),
        };
        var (status, body, _) = await PostAsync(Enrich, request);
        Assert.Equal(200, status);
        Assert.Equal("Hal", body!["firstName"]!.GetValue<string>());
        Assert.Equal("New", body["title"]!.GetValue<string>());

        request = Request("Upsert", new JsonObject { ["lastName"] = "Only" }, ByEmail("hal@example.com"));
        request["fieldRules"] = new JsonObject { ["defaultAction"] = "AlwaysUseProvided" };
        (_, body, _) = await PostAsync(Enrich, request);
        Assert.Null(body!["firstName"]);
        Assert.Equal("Only", body["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Array_fields_fill_by_default_and_replace_on_request()
    {
        var source = await CreateSourceAsync("CRM");
        await PostAsync(Enrich, Request("Upsert", new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "a")) }, ByEmail("ivy@example.com")));
        var (_, body, _) = await PostAsync(Enrich, Request("Upsert", new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "b")) }, ByEmail("ivy@example.com")));
        Assert.Equal(new[] { "a", "b" }, body!["externalIds"]!.AsArray().Select(x => x!["value"]!.GetValue<string>()));

        var replace = Request("Upsert", new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "c")) }, ByEmail("ivy@example.com"));
        replace["fieldRules"] = new JsonObject { ["defaultArrayAction"] = "Replace" };
        (_, body, _) = await PostAsync(Enrich, replace);
        Assert.Equal(new[] { "c" }, body!["externalIds"]!.AsArray().Select(x => x!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Merge_folds_several_matches_into_the_first()
    {
        var first = await CreateContactAsync(Contact("Jo", "First", "jo@example.com"));
        await CreateContactAsync(Contact("Jo", "Second", "jo2@example.com"));
        var (status, body, _) = await PostAsync(Enrich, Request("Merge", new JsonObject { ["title"] = "Merged" }, ByEmail("jo@example.com"), ByEmail("jo2@example.com")));
        Assert.Equal(200, status);
        Assert.Equal(Id(first), Id(body!));
        Assert.Equal("Merged", Assert.Single(Org.ExternalContacts)["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_shape_is_validated()
    {
        var (status, body, _) = await PostAsync(Enrich, new JsonObject { ["action"] = "Upsert", ["matchingIdentifiers"] = new JsonArray() });
        Assert.Equal(400, status);
        AssertFieldError(body, "matchingIdentifiers");

        var many = new JsonObject
        {
            ["action"] = "Upsert",
            ["matchingIdentifiers"] = new JsonArray(Enumerable.Range(0, 26).Select(i => (JsonNode)ByEmail("m" + i + "@example.com")).ToArray()),
        };
        (status, body, _) = await PostAsync(Enrich, many);
        Assert.Equal(400, status);
        AssertFieldError(body, "matchingIdentifiers");

        (status, body, _) = await PostAsync(Enrich, Request("Upsertish", Contact("K", "L"), ByEmail("k@example.com")));
        Assert.Equal(400, status);
        AssertFieldError(body, "action");

        (status, body, _) = await PostAsync(Enrich, Request("Upsert", new JsonObject { ["firstName"] = new string('x', 1001) }, ByEmail("k@example.com")));
        Assert.Equal(400, status);
        AssertFieldError(body, "contact.firstName");

        (status, body, _) = await PostAsync(Enrich, Request("Upsert", Contact("K", "L"), new JsonObject { ["type"] = "Phone", ["value"] = "317 555 0100" }));
        Assert.Equal(400, status);
        AssertFieldError(body, "matchingIdentifiers[0].value");

        var badRules = Request("Upsert", Contact("K", "L"), ByEmail("k@example.com"));
        badRules["fieldRules"] = new JsonObject { ["defaultAction"] = "Whatever" };
        (status, body, _) = await PostAsync(Enrich, badRules);
        Assert.Equal(400, status);
        AssertFieldError(body, "fieldRules.defaultAction");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Twenty_five_identifiers_are_accepted()
    {
        var many = Request("Upsert", Contact("Max", "Ids"), Enumerable.Range(0, 25).Select(i => ByEmail("m" + i + "@example.com")).ToArray());
        Assert.Equal(201, (await PostAsync(Enrich, many)).Status);
    }

    [Fact]
    public async Task Bulk_enrich_reports_each_operation_with_its_tracker_id()
    {
        var ok = Request("Upsert", Contact("Lu", "Bulk"), ByEmail("lu@example.com"));
        ok["id"] = "op-1";
        var bad = Request("Update", Contact("No", "Match"), ByEmail("nobody@example.com"));
        bad["id"] = "op-2";
        var (status, body, _) = await PostAsync(BulkEnrich, new JsonObject { ["entities"] = new JsonArray(ok, bad) });
        Assert.Equal(200, status);
        Assert.Equal(1, body!["errorCount"]!.GetValue<int>());
        Assert.Equal(new[] { 1 }, body["errorIndexes"]!.AsArray().Select(i => i!.GetValue<int>()));
        var results = body["results"]!.AsArray();
        Assert.Equal("op-1", results[0]!["id"]!.GetValue<string>());
        Assert.Equal(201, results[0]!["status"]!.GetValue<int>());
        Assert.Equal("Lu", results[0]!["entity"]!["firstName"]!.GetValue<string>());
        Assert.Equal("op-2", results[1]!["id"]!.GetValue<string>());
        Assert.Equal(404, results[1]!["status"]!.GetValue<int>());
        Assert.Equal("op-2", results[1]!["error"]!["entity"]!["id"]!.GetValue<string>());
        Assert.Equal(1, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Bulk_enrich_takes_at_most_ten_operations_and_honours_dry_run()
    {
        var ten = Enumerable.Range(0, 10).Select(i => (JsonNode)Request("Upsert", Contact("N" + i, "X"), ByEmail("n" + i + "@example.com"))).ToArray();
        var (status, body, _) = await PostAsync(BulkEnrich + "?dryRun=true", new JsonObject { ["entities"] = new JsonArray(ten) });
        Assert.Equal(200, status);
        Assert.Equal(0, body!["errorCount"]!.GetValue<int>());
        Assert.Equal(0, Org.ExternalContactCount);

        var eleven = Enumerable.Range(0, 11).Select(i => (JsonNode)Request("Upsert", Contact("O" + i, "X"), ByEmail("o" + i + "@example.com"))).ToArray();
        (status, body, _) = await PostAsync(BulkEnrich, new JsonObject { ["entities"] = new JsonArray(eleven) });
        Assert.Equal(413, status);
        AssertError(body, 413, "request.entity.too.large");
        Assert.Equal(0, Org.ExternalContactCount);
    }
}
