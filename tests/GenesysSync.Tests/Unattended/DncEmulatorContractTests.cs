using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.Tests.Emulator;

namespace GenesysSync.Tests.Unattended;

/// <summary>The emulator's outbound DNC lists and denied permissions, over HTTP, stated from the API contract.</summary>
public sealed class DncEmulatorContractTests : EmulatorTestBase
{
    private const string DncLists = "/api/v2/outbound/dnclists";

    protected override void Configure(EmulatorOptions options)
    {
        base.Configure(options);
        options.Dnc.MaxPhoneNumbersPerRequest = 5;
        options.Dnc.MaxPhoneNumbersPerList = 8;
        options.Dnc.MaxPhoneNumbersPerOrg = 10;
    }

    private async Task<JsonObject> CreateDncAsync(string name, string type = "rds", string? method = "Phone")
    {
        var body = new JsonObject { ["name"] = name, ["dncSourceType"] = type };
        if (method != null) body["contactMethod"] = method;
        var (status, json, _) = await PostAsync(DncLists, body);
        Assert.True(status == 200, "create failed: " + json?.ToJsonString());
        return json!.AsObject();
    }

    private static JsonArray Numbers(params string[] numbers) => new(numbers.Select(n => (JsonNode)n).ToArray());

    [Fact]
    public async Task ListsAreCreatedReadUpdatedWithVersionsAndDeleted()
    {
        var created = await CreateDncAsync("Opt-outs");
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(1, created["version"]!.GetValue<int>());
        Assert.Equal("rds", created["dncSourceType"]!.GetValue<string>());
        Assert.Null(created["size"]); // only with includeSize

        var (dupStatus, dup, _) = await PostAsync(DncLists, new JsonObject { ["name"] = "opt-outs", ["dncSourceType"] = "rds", ["contactMethod"] = "Phone" });
        Assert.Equal(409, dupStatus);
        AssertError(dup, 409, "conflict");

        var (missingStatus, missing, _) = await PostAsync(DncLists, new JsonObject { ["name"] = "No method", ["dncSourceType"] = "rds" });
        Assert.Equal(400, missingStatus);
        AssertFieldError(missing, "contactMethod");

        var (stale, staleBody, _) = await PutAsync(DncLists + "/" + id, new JsonObject { ["name"] = "Renamed", ["dncSourceType"] = "rds", ["contactMethod"] = "Phone", ["version"] = 7 });
        Assert.Equal(409, stale);
        AssertError(staleBody, 409, "conflict");
        var (ok, updated, _) = await PutAsync(DncLists + "/" + id, new JsonObject { ["name"] = "Renamed", ["dncSourceType"] = "rds", ["contactMethod"] = "Phone", ["version"] = 1 });
        Assert.Equal(200, ok);
        Assert.Equal(2, updated!["version"]!.GetValue<int>());

        var (getStatus, got, _) = await GetAsync(DncLists + "/" + id + "?includeSize=true");
        Assert.Equal(200, getStatus);
        Assert.Equal("Renamed", got!["name"]!.GetValue<string>());
        Assert.Equal(0, got["size"]!.GetValue<int>());

        await CreateDncAsync("Renamed 2");
        var (listStatus, page, _) = await GetAsync(DncLists + "?name=Renamed&filterType=Equals&pageSize=1");
        Assert.Equal(200, listStatus);
        Assert.Equal(1, page!["total"]!.GetValue<int>());
        Assert.Equal(id, page["entities"]![0]!["id"]!.GetValue<string>());

        var (delStatus, _, _) = await DeleteAsync(DncLists + "/" + id);
        Assert.Equal(204, delStatus);
        Assert.Equal(404, (await GetAsync(DncLists + "/" + id)).Status);
        Assert.Single(Org.Dnc().Lists);
    }

    [Fact]
    public async Task PhoneNumbersAreAddedRemovedAndClearedWithinTheLimits()
    {
        var id = (await CreateDncAsync("Opt-outs"))["id"]!.GetValue<string>();
        var path = DncLists + "/" + id + "/phonenumbers";

        Assert.Equal(204, (await PostAsync(path, Numbers("+14155552671", "+1 (212) 555-0143"))).Status);
        Assert.Equal(204, (await PatchAsync(path, new JsonObject { ["action"] = "Add", ["phoneNumbers"] = Numbers("+4722123456", "+14155552671") })).Status);
        Assert.Equal(new[] { "+12125550143", "+14155552671", "+4722123456" }, Org.Dnc().Find("Opt-outs")!.PhoneNumbers);

        // Too many in one request, and a bad number: the whole request is refused, nothing lands.
        var (tooMany, tooManyBody, _) = await PatchAsync(path, new JsonObject { ["action"] = "Add", ["phoneNumbers"] = Numbers("+15550000001", "+15550000002", "+15550000003", "+15550000004", "+15550000005", "+15550000006") });
        Assert.Equal(400, tooMany);
        AssertFieldError(tooManyBody, "phoneNumbers");
        var (bad, badBody, _) = await PostAsync(path, Numbers("+15550000001", "call me maybe"));
        Assert.Equal(400, bad);
        AssertFieldError(badBody, "phoneNumbers[1]");
        Assert.DoesNotContain("call me", badBody!.ToJsonString()); // the value is never echoed
        Assert.Equal(3, Org.Dnc().Find("Opt-outs")!.Size);

        // List cap 8: 3 + 5 fits, one more does not.
        Assert.Equal(204, (await PostAsync(path, Numbers("+15550000001", "+15550000002", "+15550000003", "+15550000004", "+15550000005"))).Status);
        var (full, fullBody, _) = await PostAsync(path, Numbers("+15550000009"));
        Assert.Equal(400, full);
        var error = AssertError(fullBody, 400, "dnc.phone.numbers.per.list.limit.exceeded");
        Assert.Equal(8, error["limit"]!["value"]!.GetValue<int>());

        Assert.Equal(204, (await PatchAsync(path, new JsonObject { ["action"] = "Remove", ["phoneNumbers"] = Numbers("+14155552671", "+19999999999") })).Status);
        Assert.False(Org.Dnc().Find("Opt-outs")!.Contains("+14155552671"));
        Assert.Equal(7, Org.Dnc().PhoneNumberCount);

        // Org cap 10: another list may take 3, not 4.
        var other = (await CreateDncAsync("Other"))["id"]!.GetValue<string>();
        var (orgFull, orgBody, _) = await PostAsync(DncLists + "/" + other + "/phonenumbers", Numbers("+15551000001", "+15551000002", "+15551000003", "+15551000004"));
        Assert.Equal(400, orgFull);
        AssertError(orgBody, 400, "dnc.phone.numbers.per.organization.limit.exceeded");

        Assert.Equal(204, (await DeleteAsync(path)).Status);
        Assert.Equal(0, Org.Dnc().Find("Opt-outs")!.Size);
        Assert.Equal(0, Org.Dnc().PhoneNumberCount);
    }

    [Fact]
    public async Task ExpiredNumbersAloneCanBeCleared()
    {
        var id = (await CreateDncAsync("Temporary"))["id"]!.GetValue<string>();
        var path = DncLists + "/" + id + "/phonenumbers";
        var soon = Org.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm'Z'");
        Assert.Equal(204, (await PatchAsync(path, new JsonObject { ["action"] = "Add", ["phoneNumbers"] = Numbers("+15550000001"), ["expirationDateTime"] = soon })).Status);
        Assert.Equal(204, (await PatchAsync(path, new JsonObject { ["action"] = "Add", ["phoneNumbers"] = Numbers("+15550000002") })).Status);
        var (badDate, badBody, _) = await PatchAsync(path, new JsonObject { ["action"] = "Add", ["phoneNumbers"] = Numbers("+15550000003"), ["expirationDateTime"] = "next week" });
        Assert.Equal(400, badDate);
        AssertError(badBody, 400, "invalid.date");

        Org.AdvanceClock(TimeSpan.FromDays(2));
        var fresh = await GetTokenAsync(); // the first token expired with the clock
        Assert.Equal(204, (await CallAsync(HttpMethod.Delete, path + "?expiredOnly=true", null, fresh)).Status);
        Assert.Equal(new[] { "+15550000002" }, Org.Dnc().Find("Temporary")!.PhoneNumbers);
    }

    [Fact]
    public async Task OnlyInternalPhoneListsTakeNumbers()
    {
        var (status, created, _) = await PostAsync(DncLists, new JsonObject { ["name"] = "Provider", ["dncSourceType"] = "gryphon", ["licenseId"] = "L-1" });
        Assert.Equal(200, status);
        var emails = await CreateDncAsync("Emails", method: "Email");
        foreach (var id in new[] { created!["id"]!.GetValue<string>(), emails["id"]!.GetValue<string>() })
        {
            var (refused, body, _) = await PostAsync(DncLists + "/" + id + "/phonenumbers", Numbers("+15550000001"));
            Assert.Equal(400, refused);
            AssertError(body, 400, "dnc.source.operation.not.supported");
        }
    }

    [Fact]
    public async Task DeniedPermissionsAnswer403NamingThePermission()
    {
        var id = (await CreateDncAsync("Opt-outs"))["id"]!.GetValue<string>();
        Org.Options.DeniedPermissions.Add("outbound:dnc:add");
        Org.Options.DeniedPermissions.Add("externalContacts:contact");

        var (status, body, _) = await PostAsync(DncLists + "/" + id + "/phonenumbers", Numbers("+15550000001"));
        Assert.Equal(403, status);
        var error = AssertError(body, 403, "missing.permissions");
        Assert.Contains("outbound:dnc:add", error["message"]!.GetValue<string>());
        Assert.Equal(200, (await GetAsync(DncLists + "/" + id)).Status); // outbound:dncList:view is still granted

        var (search, searchBody, _) = await GetAsync(Contacts + "?q=x");
        Assert.Equal(403, search);
        Assert.Contains("externalContacts:contact:view", searchBody!["message"]!.GetValue<string>());
        var (bulk, bulkBody, _) = await PostAsync("/api/v2/externalcontacts/bulk/contacts/add", new JsonObject { ["entities"] = new JsonArray() });
        Assert.Equal(403, bulk);
        Assert.Contains("externalContacts:contact:add", bulkBody!["message"]!.GetValue<string>());
        Assert.Equal(200, (await GetAsync(Sources)).Status); // another entity of the same area

        Org.Options.DeniedPermissions.Clear();
        Assert.Equal(204, (await PostAsync(DncLists + "/" + id + "/phonenumbers", Numbers("+15550000001"))).Status);
    }
}
