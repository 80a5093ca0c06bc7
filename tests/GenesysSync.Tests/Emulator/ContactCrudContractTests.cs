using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

public sealed class ContactCrudContractTests : EmulatorTestBase
{
    [Fact]
    public async Task Create_answers_201_with_server_fields()
    {
        var (status, body, response) = await PostAsync(Contacts, Contact("Ann", "Lee", "ann@example.com"));
        Assert.Equal(201, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var contact = body!.AsObject();
        Assert.True(Guid.TryParse(Id(contact), out _));
        Assert.Equal("Ann", contact["firstName"]!.GetValue<string>());
        Assert.Equal("ann@example.com", contact["workEmail"]!.GetValue<string>());
        Assert.Equal("Curated", contact["type"]!.GetValue<string>());
        Assert.Equal(Org.HomeDivisionId, contact["division"]!["id"]!.GetValue<string>());
        Assert.Equal("Home", contact["division"]!["name"]!.GetValue<string>());
        var now = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        Assert.Equal(now, contact["createDate"]!.GetValue<string>());
        Assert.Equal(now, contact["modifyDate"]!.GetValue<string>());
        Assert.Equal(Contacts + "/" + Id(contact), contact["selfUri"]!.GetValue<string>());
        Assert.Equal(1, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Create_trims_strings_drops_empty_ones_and_ignores_read_only_fields()
    {
        var contact = await CreateContactAsync(new JsonObject
        {
            ["id"] = "client-chosen-id",
            ["type"] = "Ephemeral",
            ["createDate"] = "2001-01-01T00:00:00.000Z",
            ["selfUri"] = "/elsewhere",
            ["firstName"] = "  Bob  ",
            ["middleName"] = "   ",
            ["lastName"] = "",
            ["surveyOptOut"] = true,
        });
        Assert.NotEqual("client-chosen-id", Id(contact));
        Assert.Equal("Curated", contact["type"]!.GetValue<string>());
        Assert.NotEqual("2001-01-01T00:00:00.000Z", contact["createDate"]!.GetValue<string>());
        Assert.Equal("Bob", contact["firstName"]!.GetValue<string>());
        Assert.Null(contact["middleName"]);
        Assert.Null(contact["lastName"]);
        Assert.True(contact["surveyOptOut"]!.GetValue<bool>());
        Assert.Equal(Contacts + "/" + Id(contact), contact["selfUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_returns_the_stored_contact_and_404_for_an_unknown_id()
    {
        var created = await CreateContactAsync(Contact("Cy", "Ng"));
        var (status, body, _) = await GetAsync(Contacts + "/" + Id(created));
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(created, body));

        (status, body, _) = await GetAsync(Contacts + "/" + Guid.NewGuid());
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
    }

    [Fact]
    public async Task Put_replaces_the_whole_contact_and_keeps_identity()
    {
        var created = await CreateContactAsync(new JsonObject
        {
            ["firstName"] = "Dee", ["lastName"] = "Ox", ["title"] = "CTO", ["workEmail"] = "dee@example.com",
        });
        Clock.Advance(TimeSpan.FromMinutes(5));
        var (status, body, _) = await PutAsync(Contacts + "/" + Id(created), new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["firstName"] = "Dee", ["lastName"] = "Oxley" });
        Assert.Equal(200, status);
        var updated = body!.AsObject();
        Assert.Equal(Id(created), Id(updated));
        Assert.Equal("Oxley", updated["lastName"]!.GetValue<string>());
        Assert.Null(updated["title"]);
        Assert.Null(updated["workEmail"]);
        Assert.Equal(created["createDate"]!.GetValue<string>(), updated["createDate"]!.GetValue<string>());
        Assert.NotEqual(created["modifyDate"]!.GetValue<string>(), updated["modifyDate"]!.GetValue<string>());
        var stored = Assert.Single(Org.ExternalContacts);
        Assert.Equal("Oxley", stored["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_on_an_unknown_id_is_404_and_creates_nothing()
    {
        var (status, body, _) = await PutAsync(Contacts + "/" + Guid.NewGuid(), Contact("Eve", "Unknown"));
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Put_cannot_change_the_division()
    {
        var created = await CreateContactAsync(Contact("Fay", "Div"));
        var body = Contact("Fay", "Div");
        body["division"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        var (status, error, _) = await PutAsync(Contacts + "/" + Id(created), body);
        Assert.Equal(400, status);
        AssertFieldError(error, "division.id");
        Assert.Contains("cannot be changed", error!["message"]!.GetValue<string>());

        // Naming the same division, or none, is fine.
        body["division"] = new JsonObject { ["id"] = Org.HomeDivisionId, ["name"] = "Home" };
        Assert.Equal(200, (await PutAsync(Contacts + "/" + Id(created), body)).Status);
        Assert.Equal(200, (await PutAsync(Contacts + "/" + Id(created), Contact("Fay", "Div"))).Status);
    }

    [Fact]
    public async Task Create_in_an_unknown_division_is_400()
    {
        var body = Contact("Gus", "Div");
        body["division"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        var (status, error, _) = await PostAsync(Contacts, body);
        Assert.Equal(400, status);
        AssertFieldError(error, "division.id");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Delete_answers_200_then_the_contact_is_gone()
    {
        var created = await CreateContactAsync(Contact("Hal", "Del"));
        var (status, body, _) = await DeleteAsync(Contacts + "/" + Id(created));
        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
        Assert.Equal(404, (await GetAsync(Contacts + "/" + Id(created))).Status);
        var (again, error, _) = await DeleteAsync(Contacts + "/" + Id(created));
        Assert.Equal(404, again);
        AssertError(error, 404, "not.found");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task A_non_json_content_type_gets_415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Contacts) { Content = new StringContent("{\"firstName\":\"x\"}", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 415, "unsupported.media.type");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Theory]
    [InlineData("{\"firstName\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task A_malformed_or_non_object_body_gets_400(string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Contacts) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 400, "bad.request");
    }

    [Fact]
    public async Task Unknown_paths_get_404_and_wrong_methods_405()
    {
        var (status, body, _) = await GetAsync("/api/v2/externalcontacts/nothing-here");
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
        (status, body, _) = await DeleteAsync(Contacts);
        Assert.Equal(405, status);
        AssertError(body, 405, "method.not.allowed");
        Assert.Equal(1, Org.Stats.Count("GET (unmatched)"));
    }

    [Fact]
    public async Task Path_ids_are_matched_case_insensitively_and_trailing_slashes_ignored()
    {
        var created = await CreateContactAsync(Contact("Ida", "Case"));
        Assert.Equal(200, (await GetAsync(Contacts + "/" + Id(created).ToUpperInvariant())).Status);
        Assert.Equal(200, (await GetAsync(Contacts + "/" + Id(created) + "/")).Status);
    }
}

public sealed class ContactPatchContractTests : EmulatorTestBase
{
    private static JsonObject Change(string action, string field, JsonNode? value = null)
    {
        var change = new JsonObject { ["action"] = action, ["field"] = field };
        if (value != null) change["value"] = value;
        return change;
    }

    private static JsonObject Changes(params JsonObject[] changes) => new() { ["changes"] = new JsonArray(changes) };

    private async Task<JsonObject> Patch(string id, params JsonObject[] changes)
    {
        var (status, body, _) = await PatchAsync(Contacts + "/" + id, Changes(changes));
        Assert.True(status == 200, "patch failed: " + body?.ToJsonString());
        return body!.AsObject();
    }

    [Fact]
    public async Task Update_sets_a_field_and_leaves_the_rest()
    {
        var created = await CreateContactAsync(new JsonObject { ["firstName"] = "Al", ["lastName"] = "Pa", ["cellPhone"] = new JsonObject { ["display"] = "317 555 0100" } });
        Clock.Advance(TimeSpan.FromSeconds(3));
        var patched = await Patch(Id(created), Change("Update", "$.firstName", "  Alan "));
        Assert.Equal("Alan", patched["firstName"]!.GetValue<string>());
        Assert.Equal("Pa", patched["lastName"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(created["cellPhone"], patched["cellPhone"]), "untouched phone kept byte for byte");
        Assert.NotEqual(created["modifyDate"]!.GetValue<string>(), patched["modifyDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conditional_updates_respect_the_current_value()
    {
        var created = await CreateContactAsync(new JsonObject { ["firstName"] = "Bo" });
        var patched = await Patch(Id(created),
            Change("UpdateIfEmpty", "$.firstName", "Never"),
            Change("UpdateIfEmpty", "$.lastName", "Filled"),
            Change("UpdateIfExists", "$.title", "Never"),
            Change("UpdateIfExists", "$.workEmail", "never@example.com"));
        Assert.Equal("Bo", patched["firstName"]!.GetValue<string>());
        Assert.Equal("Filled", patched["lastName"]!.GetValue<string>());
        Assert.Null(patched["title"]);
        Assert.Null(patched["workEmail"]);
        patched = await Patch(Id(created), Change("UpdateIfExists", "$.firstName", "Boris"));
        Assert.Equal("Boris", patched["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Remove_and_nested_fields_work()
    {
        var created = await CreateContactAsync(new JsonObject
        {
            ["firstName"] = "Cal", ["title"] = "Dr", ["address"] = new JsonObject { ["city"] = "Leeds", ["state"] = "WY" },
        });
        var patched = await Patch(Id(created), Change("Remove", "$.title"), Change("Update", "$.address.city", "York"));
        Assert.Null(patched["title"]);
        Assert.Equal("York", patched["address"]!["city"]!.GetValue<string>());
        Assert.Equal("WY", patched["address"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collections_can_be_appended_to_and_removed_from()
    {
        var source = await CreateSourceAsync("CRM");
        var created = await CreateContactAsync(new JsonObject { ["firstName"] = "Di", ["externalIds"] = new JsonArray(ExternalId(source, "A-1")) });
        var patched = await Patch(Id(created), Change("AppendToCollection", "$.externalIds", new JsonArray(ExternalId(source, "A-2"))));
        Assert.Equal(new[] { "A-1", "A-2" }, patched["externalIds"]!.AsArray().Select(x => x!["value"]!.GetValue<string>()));
        patched = await Patch(Id(created), Change("RemoveFromCollection", "$.externalIds", new JsonObject { ["value"] = "A-1" }));
        Assert.Equal("A-2", Assert.Single(patched["externalIds"]!.AsArray())!["value"]!.GetValue<string>());

        // The identity index follows the patch.
        var lookup = "/api/v2/externalcontacts/identifierlookup/contacts";
        var byOld = new JsonObject { ["type"] = "ExternalId", ["value"] = "A-1", ["externalSource"] = new JsonObject { ["id"] = source } };
        var byNew = new JsonObject { ["type"] = "ExternalId", ["value"] = "A-2", ["externalSource"] = new JsonObject { ["id"] = source } };
        Assert.Equal(404, (await PostAsync(lookup, byOld)).Status);
        Assert.Equal(200, (await PostAsync(lookup, byNew)).Status);
    }

    [Fact]
    public async Task Patched_values_are_validated()
    {
        var created = await CreateContactAsync(Contact("Ed", "Val"));
        var (status, body, _) = await PatchAsync(Contacts + "/" + Id(created), Changes(Change("Update", "$.lastName", new string('x', 1001))));
        Assert.Equal(400, status);
        AssertFieldError(body, "lastName");
        var stored = Assert.Single(Org.ExternalContacts);
        Assert.Equal("Val", stored["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_and_its_parent_in_one_request_is_409()
    {
        var created = await CreateContactAsync(Contact("Flo", "Con"));
        var (status, body, _) = await PatchAsync(Contacts + "/" + Id(created), Changes(
            Change("Update", "$.address", new JsonObject { ["city"] = "A" }),
            Change("Update", "$.address.city", "B")));
        Assert.Equal(409, status);
        AssertError(body, 409, "conflict");
    }

    [Theory]
    [InlineData("firstName")]
    [InlineData("$firstName")]
    [InlineData("$.externalIds[0]")]
    [InlineData("$.nickname")]
    [InlineData("$.id")]
    [InlineData("$.division")]
    public async Task Bad_field_paths_are_400(string field)
    {
        var created = await CreateContactAsync(Contact("Gil", "Path"));
        var (status, body, _) = await PatchAsync(Contacts + "/" + Id(created), Changes(Change("Update", field, "x")));
        Assert.Equal(400, status);
        AssertError(body, 400, body!["code"]!.GetValue<string>());
        Assert.Contains(body["details"]!.AsArray(), d => d!["fieldName"]!.GetValue<string>() == "changes[0].field");
    }

    [Fact]
    public async Task Bad_actions_and_empty_change_lists_are_400()
    {
        var created = await CreateContactAsync(Contact("Hu", "Act"));
        var (status, body, _) = await PatchAsync(Contacts + "/" + Id(created), Changes(Change("Replace", "$.firstName", "x")));
        Assert.Equal(400, status);
        AssertFieldError(body, "changes[0].action");
        (status, body, _) = await PatchAsync(Contacts + "/" + Id(created), new JsonObject { ["changes"] = new JsonArray() });
        Assert.Equal(400, status);
        AssertFieldError(body, "changes");
    }

    [Fact]
    public async Task Patching_an_unknown_contact_is_404()
    {
        var (status, body, _) = await PatchAsync(Contacts + "/" + Guid.NewGuid(), Changes(Change("Update", "$.firstName", "x")));
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");
    }
}
