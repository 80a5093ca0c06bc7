using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Emulator;

public sealed class BulkContractTests : EmulatorTestBase
{
    private const string Add = "/api/v2/externalcontacts/bulk/contacts/add";
    private const string Update = "/api/v2/externalcontacts/bulk/contacts/update";
    private const string Fetch = "/api/v2/externalcontacts/bulk/contacts";
    private const string Remove = "/api/v2/externalcontacts/bulk/contacts/remove";

    protected override void Configure(EmulatorOptions options)
    {
        base.Configure(options);
        options.MaxBulkEntities = 5;
        options.MaxBodyBytes = 20_000;
    }

    private static JsonObject Entities(params JsonNode[] entities) => new() { ["entities"] = new JsonArray(entities) };

    private static JsonObject Ref(string id) => new() { ["id"] = id };

    private static void AssertEnvelope(JsonNode body, int results, params int[] failedIndexes)
    {
        Assert.Equal(results, body["results"]!.AsArray().Count);
        Assert.Equal(failedIndexes.Length, body["errorCount"]!.GetValue<int>());
        Assert.Equal(failedIndexes, body["errorIndexes"]!.AsArray().Select(i => i!.GetValue<int>()));
    }

    [Fact]
    public async Task Add_creates_valid_rows_and_reports_invalid_ones_without_failing_the_batch()
    {
        var (status, body, _) = await PostAsync(Add, Entities(
            Contact("A", "One", "a@example.com"),
            new JsonObject { ["firstName"] = new string('x', 1001) },
            Contact("C", "Three"),
            new JsonObject { ["nickname"] = "N" }));
        Assert.Equal(200, status);
        AssertEnvelope(body!, 4, 1, 3);
        var results = body!["results"]!.AsArray();

        var ok = results[0]!;
        Assert.True(ok["success"]!.GetValue<bool>());
        Assert.Equal(201, ok["status"]!.GetValue<int>());
        Assert.Equal(Id(ok["entity"]!), ok["id"]!.GetValue<string>());
        Assert.Equal("a@example.com", ok["entity"]!["workEmail"]!.GetValue<string>());
        Assert.Null(ok["error"]);

        var bad = results[1]!;
        Assert.False(bad["success"]!.GetValue<bool>());
        Assert.Equal(400, bad["status"]!.GetValue<int>());
        Assert.Null(bad["entity"]);
        var error = bad["error"]!;
        Assert.Equal("invalid.value", error["code"]!.GetValue<string>());
        Assert.Equal(400, error["status"]!.GetValue<int>());
        Assert.False(error["retryable"]!.GetValue<bool>());
        Assert.Contains("firstName", error["message"]!.GetValue<string>());
        Assert.Equal("firstName", error["details"]![0]!["fieldName"]!.GetValue<string>());
        Assert.Equal(1001, error["entity"]!["firstName"]!.GetValue<string>().Length);
        Assert.Equal("invalid.property", results[3]!["error"]!["code"]!.GetValue<string>());

        Assert.Equal(2, Org.ExternalContactCount);
        Assert.Equal(new[] { "One", "Three" }, Org.ExternalContacts.Select(c => c["lastName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task More_entities_than_the_cap_is_413_and_nothing_is_written()
    {
        Assert.Equal(200, (await PostAsync(Add, Entities(Enumerable.Range(0, 5).Select(i => (JsonNode)Contact("Cap" + i, "X")).ToArray()))).Status);
        var (status, body, _) = await PostAsync(Add, Entities(Enumerable.Range(0, 6).Select(i => (JsonNode)Contact("Over" + i, "X")).ToArray()));
        Assert.Equal(413, status);
        var error = AssertError(body, 413, "request.entity.too.large");
        Assert.Equal("5", error["messageParams"]!["max"]!.GetValue<string>());
        Assert.Equal(5, Org.ExternalContactCount);
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_413_and_nothing_is_written()
    {
        var big = Contact("Big", "Body");
        big["title"] = new string('t', 1000);
        var entities = Enumerable.Range(0, 5).Select(_ => (JsonNode)new JsonObject { ["title"] = new string('t', 1000), ["salutation"] = new string('s', 1000), ["middleName"] = new string('m', 1000), ["lastName"] = new string('l', 1000) }).ToArray();
        var payload = Entities(entities);
        Assert.True(Encoding.UTF8.GetByteCount(payload.ToJsonString()) > 20_000);
        var (status, body, _) = await PostAsync(Add, payload);
        Assert.Equal(413, status);
        AssertError(body, 413, "request.entity.too.large");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task A_bulk_body_without_entities_is_400()
    {
        var (status, body, _) = await PostAsync(Add, new JsonObject { ["contacts"] = new JsonArray() });
        Assert.Equal(400, status);
        AssertError(body, 400, "invalid.property");
        (status, body, _) = await PostAsync(Add, new JsonObject());
        Assert.Equal(400, status);
        AssertFieldError(body, "entities");
        (status, body, _) = await PostAsync(Add, Entities());
        Assert.Equal(200, status);
        AssertEnvelope(body!, 0);
    }

    [Fact]
    public async Task Update_replaces_known_contacts_and_reports_unknown_or_id_less_rows()
    {
        var a = await CreateContactAsync(Contact("A", "Old", "a@example.com"));
        var unknown = Guid.NewGuid().ToString();
        var changed = Contact("A", "New");
        changed["id"] = Id(a);
        var missing = Contact("B", "NoId");
        var ghost = Contact("G", "Host");
        ghost["id"] = unknown;
        var (status, body, _) = await PostAsync(Update, Entities(changed, ghost, missing));
        Assert.Equal(200, status);
        AssertEnvelope(body!, 3, 1, 2);
        var results = body!["results"]!.AsArray();
        Assert.Equal("New", results[0]!["entity"]!["lastName"]!.GetValue<string>());
        Assert.Null(results[0]!["entity"]!["workEmail"]);
        Assert.Equal(unknown, results[1]!["id"]!.GetValue<string>());
        Assert.Equal(404, results[1]!["status"]!.GetValue<int>());
        Assert.Equal("not.found", results[1]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, results[2]!["status"]!.GetValue<int>());
        Assert.Equal(1, Org.ExternalContactCount);
        Assert.Equal("New", Org.ExternalContacts[0]["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fetch_returns_known_contacts_and_404_rows()
    {
        var a = await CreateContactAsync(Contact("F", "One"));
        var b = await CreateContactAsync(Contact("F", "Two"));
        var unknown = Guid.NewGuid().ToString();
        var (status, body, _) = await PostAsync(Fetch, Entities(Ref(Id(b)), Ref(unknown), Ref(Id(a))));
        Assert.Equal(200, status);
        AssertEnvelope(body!, 3, 1);
        var results = body!["results"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(b, results[0]!["entity"]));
        Assert.True(JsonNode.DeepEquals(a, results[2]!["entity"]));
        Assert.Equal("not.found", results[1]!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Remove_deletes_known_contacts_and_reports_unknown_ones()
    {
        var a = await CreateContactAsync(Contact("R", "One"));
        var b = await CreateContactAsync(Contact("R", "Two"));
        var (status, body, _) = await PostAsync(Remove, Entities(Ref(Id(a)), Ref(Id(a)), Ref(Guid.NewGuid().ToString())));
        Assert.Equal(200, status);
        AssertEnvelope(body!, 3, 1, 2);
        Assert.True(body!["results"]![0]!["success"]!.GetValue<bool>());
        Assert.Equal(Id(a), body["results"]![0]!["id"]!.GetValue<string>());
        Assert.Null(body["results"]![0]!["entity"]);
        Assert.Equal(Id(b), Id(Assert.Single(Org.ExternalContacts)));
    }

    [Fact]
    public async Task Non_object_entities_fail_alone()
    {
        var (status, body, _) = await PostAsync(Add, Entities(JsonValue.Create(42)!, Contact("Ok", "Row")));
        Assert.Equal(200, status);
        AssertEnvelope(body!, 2, 0);
        Assert.Equal(1, Org.ExternalContactCount);
    }
}

public sealed class DefaultBulkLimitTests : EmulatorTestBase
{
    [Fact]
    public async Task The_default_cap_is_200_entities()
    {
        var two00 = new JsonObject { ["entities"] = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode)Contact("D" + i, "X")).ToArray()) };
        var (status, body, _) = await PostAsync("/api/v2/externalcontacts/bulk/contacts/add", two00);
        Assert.Equal(200, status);
        Assert.Equal(0, body!["errorCount"]!.GetValue<int>());
        var two01 = new JsonObject { ["entities"] = new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode)Contact("E" + i, "X")).ToArray()) };
        Assert.Equal(413, (await PostAsync("/api/v2/externalcontacts/bulk/contacts/add", two01)).Status);
        Assert.Equal(200, Org.ExternalContactCount);
    }
}
