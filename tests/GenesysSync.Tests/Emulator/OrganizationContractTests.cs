using System.Net;
using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

/// <summary>External organizations: CRUD, validation, search, contacts of an organization, identifiers, trustor, enrich, lookup, scan, bulk.</summary>
public class OrganizationContractTests : EmulatorTestBase
{
    private const string Organizations = "/api/v2/externalcontacts/organizations";

    private async Task<JsonObject> CreateOrganizationAsync(JsonObject body)
    {
        var (status, json, _) = await PostAsync(Organizations, body);
        Assert.True(status == 200, "create failed: " + json?.ToJsonString());
        return json!.AsObject();
    }

    [Fact]
    public async Task CreateNormalizesFieldsAndGetPutPatchDeleteRoundTrip()
    {
        var created = await CreateOrganizationAsync(new JsonObject
        {
            ["name"] = "  Acme Corp ",
            ["industry"] = "Manufacturing",
            ["phoneNumber"] = new JsonObject { ["display"] = "(317) 555-0100" },
            ["address"] = new JsonObject { ["city"] = "Indianapolis" },
            ["employeeCount"] = 250,
            ["tickers"] = new JsonArray(new JsonObject { ["symbol"] = "ACME", ["exchange"] = "NYSE" }),
            ["websites"] = new JsonArray("https://acme.example"),
        });
        var id = Id(created);
        Assert.Equal("Acme Corp", created["name"]!.GetValue<string>());
        Assert.Equal("+13175550100", created["phoneNumber"]!["e164"]!.GetValue<string>());
        Assert.Equal(Org.HomeDivisionId, created["division"]!["id"]!.GetValue<string>());
        Assert.Equal("/api/v2/externalcontacts/organizations/" + id, created["selfUri"]!.GetValue<string>());

        var (status, fetched, _) = await GetAsync(Organizations + "/" + id);
        Assert.Equal(200, status);
        Assert.Equal(250, fetched!["employeeCount"]!.GetValue<long>());

        // PUT replaces every writable field.
        (status, var put, _) = await PutAsync(Organizations + "/" + id, new JsonObject { ["name"] = "Acme Inc" });
        Assert.Equal(200, status);
        Assert.Null(put!["industry"]);
        Assert.Equal("Acme Inc", put["name"]!.GetValue<string>());

        (status, var patched, _) = await PatchAsync(Organizations + "/" + id, new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["action"] = "Update", ["field"] = "$.industry", ["value"] = "Retail" }),
        });
        Assert.Equal(200, status);
        Assert.Equal("Retail", patched!["industry"]!.GetValue<string>());
        Assert.Equal("Acme Inc", patched["name"]!.GetValue<string>());

        (status, var deleted, _) = await DeleteAsync(Organizations + "/" + id);
        Assert.Equal(200, status);
        Assert.Equal("{}", deleted!.ToJsonString());
        (status, var gone, _) = await GetAsync(Organizations + "/" + id);
        AssertError(gone, 404, "not.found");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task ValidationNamesEveryBadField()
    {
        var (status, body, _) = await PostAsync(Organizations, new JsonObject
        {
            ["name"] = new string('n', 1001),
            ["employeeCount"] = "many",
            ["tickers"] = new JsonArray(new JsonObject { ["symbol"] = "X" }),
            ["phoneNumber"] = new JsonObject { ["display"] = "+1 317 555 0100", ["bogus"] = 1 },
            ["department"] = "Sales",
        });
        Assert.Equal(400, status);
        var details = AssertError(body, 400, body!["code"]!.GetValue<string>())["details"]!.AsArray().Select(d => d!["fieldName"]!.GetValue<string>()).ToList();
        Assert.Contains("name", details);
        Assert.Contains("employeeCount", details);
        Assert.Contains("tickers[0].exchange", details);
        Assert.Contains("phoneNumber.bogus", details);
        Assert.Contains("department", details);

        (status, body, _) = await PostAsync(Organizations, new JsonObject { ["industry"] = "x" });
        Assert.Equal(400, status);
        AssertFieldError(body, "name");
    }

    [Fact]
    public async Task ContactsLinkToAnExistingOrganizationOnlyAndAreListedUnderIt()
    {
        var org = await CreateOrganizationAsync(new JsonObject { ["name"] = "Globex" });
        var linked = Contact("Hank", "Scorpio", "hank@globex.example");
        linked["externalOrganization"] = new JsonObject { ["id"] = Id(org) };
        var hank = await CreateContactAsync(linked);
        Assert.Equal(Id(org), hank["externalOrganization"]!["id"]!.GetValue<string>());
        await CreateContactAsync(Contact("Homer", "Simpson"));

        var bad = Contact("Nobody", "Here");
        bad["externalOrganization"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        var (status, error, _) = await PostAsync(Contacts, bad);
        Assert.Equal(400, status);
        AssertFieldError(error, "externalOrganization");

        (status, var listing, _) = await GetAsync(Organizations + "/" + Id(org) + "/contacts?q=hank");
        Assert.Equal(200, status);
        Assert.Equal(1, listing!["total"]!.GetValue<int>());
        Assert.Equal(Id(hank), listing["entities"]![0]!["id"]!.GetValue<string>());

        // Deleting the organization unlinks its contacts.
        await DeleteAsync(Organizations + "/" + Id(org));
        (_, var after, _) = await GetAsync(Contacts + "/" + Id(hank));
        Assert.Null(after!["externalOrganization"]);
    }

    [Fact]
    public async Task SearchFiltersByNameSortsAndPagesWithinTheWindow()
    {
        foreach (var name in new[] { "Beta Ltd", "Alpha Ltd", "Gamma GmbH" }) await CreateOrganizationAsync(new JsonObject { ["name"] = name });
        var (status, page, _) = await GetAsync(Organizations + "?q=ltd&sortOrder=name:asc");
        Assert.Equal(200, status);
        Assert.Equal(new[] { "Alpha Ltd", "Beta Ltd" }, page!["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToArray());
        (status, page, _) = await GetAsync(Organizations + "?pageSize=2&pageNumber=2");
        Assert.Single(page!["entities"]!.AsArray());
        Assert.Equal(3, page["total"]!.GetValue<int>());
        (status, var error, _) = await GetAsync(Organizations + "?pageSize=500&pageNumber=3");
        Assert.Equal(400, status);
        AssertError(error, 400, "bad.request");
        (status, error, _) = await GetAsync(Organizations + "?sortOrder=employees");
        AssertError(error, 400, "invalid.query.param.value");
    }

    [Fact]
    public async Task IdentifiersClaimReleaseAndLookup()
    {
        var source = await CreateSourceAsync("ERP");
        var org = await CreateOrganizationAsync(new JsonObject { ["name"] = "Initech", ["externalIds"] = new JsonArray(ExternalId(source, "ORG-1")) });
        var other = await CreateOrganizationAsync(new JsonObject { ["name"] = "Initrode" });
        var identifier = new JsonObject { ["type"] = "ExternalId", ["value"] = "ORG-CLAIM", ["externalSource"] = new JsonObject { ["id"] = source } };

        // Lookup finds externalIds and claims; only ExternalId identifiers are accepted.
        var (status, found, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/organizations", new JsonObject
        {
            ["type"] = "ExternalId", ["value"] = "ORG-1", ["externalSource"] = new JsonObject { ["id"] = source },
        });
        Assert.Equal(200, status);
        Assert.Equal(Id(org), Id(found!));
        (status, var error, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/organizations", new JsonObject { ["type"] = "Email", ["value"] = "a@b.example" });
        Assert.Equal(400, status);

        (status, var claimed, _) = await PatchAsync(Organizations + "/" + Id(org) + "/identifiers", new JsonObject { ["operation"] = "Claim", ["identifier"] = identifier.DeepClone() });
        Assert.Equal(200, status);
        Assert.Equal("ORG-CLAIM", claimed!["value"]!.GetValue<string>());
        (status, var list, _) = await GetAsync(Organizations + "/" + Id(org) + "/identifiers");
        Assert.Single(list!["entities"]!.AsArray());
        (status, found, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/organizations", identifier.DeepClone());
        Assert.Equal(Id(org), Id(found!));

        (status, error, _) = await PatchAsync(Organizations + "/" + Id(other) + "/identifiers", new JsonObject { ["operation"] = "Claim", ["identifier"] = identifier.DeepClone() });
        AssertError(error, 409, "conflict");

        (status, _, _) = await PatchAsync(Organizations + "/" + Id(org) + "/identifiers", new JsonObject { ["operation"] = "Release", ["identifier"] = identifier.DeepClone() });
        Assert.Equal(200, status);
        (status, error, _) = await PatchAsync(Organizations + "/" + Id(org) + "/identifiers", new JsonObject { ["operation"] = "Release", ["identifier"] = identifier.DeepClone() });
        AssertError(error, 404, "not.found");
        (status, error, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/organizations", identifier.DeepClone());
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task TrustorLinkShowsWithIncludeTrustorsAndUnlinks()
    {
        var org = await CreateOrganizationAsync(new JsonObject { ["name"] = "Partner" });
        var trustor = Guid.NewGuid().ToString();
        var (status, link, _) = await PutAsync(Organizations + "/" + Id(org) + "/trustor/" + trustor, new JsonObject());
        Assert.Equal(200, status);
        Assert.Equal(trustor, link!["trustorOrgId"]!.GetValue<string>());
        (_, var plain, _) = await GetAsync(Organizations + "/" + Id(org));
        Assert.Null(plain!["trustor"]);
        (_, var withTrustor, _) = await GetAsync(Organizations + "/" + Id(org) + "?includeTrustors=true");
        Assert.Equal(trustor, withTrustor!["trustor"]!["id"]!.GetValue<string>());
        (_, var byTrustor, _) = await GetAsync(Organizations + "?trustorId=" + trustor + "&q=nomatch");
        Assert.Equal(1, byTrustor!["total"]!.GetValue<int>());

        var response = await SendAsync(HttpMethod.Delete, Organizations + "/" + Id(org) + "/trustor");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (status, var error, _) = await DeleteAsync(Organizations + "/" + Id(org) + "/trustor");
        AssertError(error, 404, "not.found");
    }

    [Fact]
    public async Task EnrichInsertsUpdatesAndDryRunsByExternalId()
    {
        var source = await CreateSourceAsync("CRM");
        JsonObject Request(string action, string name) => new()
        {
            ["action"] = action,
            ["matchingIdentifiers"] = new JsonArray(new JsonObject { ["type"] = "ExternalId", ["value"] = "A-1", ["externalSource"] = new JsonObject { ["id"] = source } }),
            ["externalOrganization"] = new JsonObject { ["name"] = name },
        };
        var (status, error, _) = await PostAsync(Organizations + "/enrich", Request("Update", "X"));
        AssertError(error, 404, "not.found");
        (status, var dry, _) = await PostAsync(Organizations + "/enrich?dryRun=true", Request("Upsert", "Dry"));
        Assert.Equal(201, status);
        Assert.Null(dry!["id"]);
        Assert.Empty(Org.ExternalOrganizations);
        (status, var created, _) = await PostAsync(Organizations + "/enrich", Request("Upsert", "First"));
        Assert.Equal(201, status);
        Assert.Equal("A-1", created!["identifiers"]![0]!["value"]!.GetValue<string>());
        (status, var updated, _) = await PostAsync(Organizations + "/enrich", Request("Upsert", "Second"));
        Assert.Equal(200, status);
        Assert.Equal(Id(created), Id(updated!));
        Assert.Equal("Second", updated!["name"]!.GetValue<string>());
        (status, error, _) = await PostAsync(Organizations + "/enrich", Request("Insert", "Third"));
        AssertError(error, 409, "conflict");
        (status, error, _) = await PostAsync(Organizations + "/enrich", Request("Merge", "Third"));
        AssertFieldError(error, "action");

        var bulk = new JsonObject { ["entities"] = new JsonArray(Enumerable.Range(0, 11).Select(i => (JsonNode)Request("Upsert", "N" + i)).ToArray()) };
        (status, _, _) = await PostAsync("/api/v2/externalcontacts/bulk/organizations/enrich", bulk);
        Assert.Equal(413, status);
    }

    [Fact]
    public async Task BulkAndScanCoverEveryOrganization()
    {
        var entities = new JsonArray(Enumerable.Range(0, 25).Select(i => (JsonNode)new JsonObject { ["name"] = "Org " + i }).ToArray());
        entities.Add(new JsonObject { ["industry"] = "no name" });
        var (status, added, _) = await PostAsync("/api/v2/externalcontacts/bulk/organizations/add", new JsonObject { ["entities"] = entities });
        Assert.Equal(200, status);
        Assert.Equal(1, added!["errorCount"]!.GetValue<int>());
        Assert.Equal(25, added["errorIndexes"]![0]!.GetValue<int>());
        var ids = added["results"]!.AsArray().Where(r => r!["success"]!.GetValue<bool>()).Select(r => r!["id"]!.GetValue<string>()).ToList();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            (status, var page, _) = await GetAsync("/api/v2/externalcontacts/scan/organizations?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
            Assert.Equal(200, status);
            seen.AddRange(page!["entities"]!.AsArray().Select(e => Id(e!)));
            cursor = page["cursors"]!["after"]?.GetValue<string>();
        }
        while (cursor != null);
        Assert.Equal(ids, seen);

        (status, var removed, _) = await PostAsync("/api/v2/externalcontacts/bulk/organizations/remove", new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject { ["id"] = ids[0] }, new JsonObject { ["id"] = Guid.NewGuid().ToString() }),
        });
        Assert.Equal(1, removed!["errorCount"]!.GetValue<int>());
        Assert.Equal(404, removed["results"]![1]!["status"]!.GetValue<int>());
        Assert.Equal(24, Org.ExternalOrganizations.Count);
    }
}
