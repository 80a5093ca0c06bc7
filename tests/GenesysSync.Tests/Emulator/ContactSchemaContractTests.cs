using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

/// <summary>Contact custom-field schemas and the customFields they validate, over HTTP.</summary>
public sealed class ContactSchemaContractTests : EmulatorTestBase
{
    private const string Schemas = "/api/v2/externalcontacts/contacts/schemas";

    internal static JsonObject CrmSchema(string name = "CRM") => new()
    {
        ["name"] = name,
        ["jsonSchema"] = new JsonObject
        {
            ["title"] = name,
            ["description"] = "Fields from the CRM",
            ["properties"] = new JsonObject
            {
                ["accountTier_enum"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/enum" }),
                    ["title"] = "Account tier",
                    ["enum"] = new JsonArray("Gold", "Silver", "Bronze"),
                },
                ["loyaltyId_identifier"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/identifier" }),
                    ["title"] = "Loyalty id",
                    ["maxLength"] = 12,
                },
                ["segment_text"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/text" }), ["title"] = "Segment" },
                ["seats_integer"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/integer" }),
                    ["title"] = "Seats", ["minimum"] = 0, ["maximum"] = 100000,
                },
                ["score_number"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/number" }), ["title"] = "Score" },
                ["vip_checkbox"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/checkbox" }), ["title"] = "VIP" },
                ["renewal_date"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/date" }), ["title"] = "Renewal" },
                ["interests_tag"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/tag" }),
                    ["title"] = "Interests", ["maxItems"] = 3, ["uniqueItems"] = true,
                },
            },
        },
    };

    private async Task<JsonObject> CreateSchemaAsync(JsonObject? body = null)
    {
        var (status, json, _) = await PostAsync(Schemas, body ?? CrmSchema());
        Assert.True(status == 200, "schema create failed: " + json?.ToJsonString());
        return json!.AsObject();
    }

    private static JsonObject WithCustom(JsonObject contact, JsonObject schema, JsonObject values, int? version = null)
    {
        contact["schema"] = new JsonObject { ["id"] = Id(schema), ["version"] = version ?? schema["version"]!.GetValue<int>() };
        contact["customFields"] = values;
        return contact;
    }

    [Fact]
    public async Task Create_list_get_and_versions()
    {
        var schema = await CreateSchemaAsync();
        Assert.True(Guid.TryParse(Id(schema), out _));
        Assert.Equal(1, schema["version"]!.GetValue<int>());
        Assert.Equal("CONTACT", schema["appliesTo"]![0]!.GetValue<string>());
        Assert.True(schema["enabled"]!.GetValue<bool>());
        Assert.Equal(Schemas + "/" + Id(schema), schema["selfUri"]!.GetValue<string>());
        Assert.NotNull(schema["jsonSchema"]!["properties"]!["accountTier_enum"]);

        var (status, list, _) = await GetAsync(Schemas);
        Assert.Equal(200, status);
        Assert.Equal(1, list!["total"]!.GetValue<int>());
        Assert.Equal(Id(schema), Id(list["entities"]![0]!));

        var update = CrmSchema("CRM fields");
        update["version"] = 1;
        (status, var updated, _) = await PutAsync(Schemas + "/" + Id(schema), update);
        Assert.Equal(200, status);
        Assert.Equal(2, updated!["version"]!.GetValue<int>());
        Assert.Equal("CRM fields", updated["name"]!.GetValue<string>());

        (status, var stale, _) = await PutAsync(Schemas + "/" + Id(schema), update);
        Assert.Equal(409, status);
        AssertError(stale, 409, "conflict");

        (status, var versions, _) = await GetAsync(Schemas + "/" + Id(schema) + "/versions");
        Assert.Equal(200, status);
        Assert.Equal(new[] { 1, 2 }, versions!["entities"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        (status, var v1, _) = await GetAsync(Schemas + "/" + Id(schema) + "/versions/1");
        Assert.Equal(200, status);
        Assert.Equal("CRM", v1!["name"]!.GetValue<string>());
        Assert.Equal(404, (await GetAsync(Schemas + "/" + Id(schema) + "/versions/9")).Status);

        (status, var limits, _) = await GetAsync(Schemas + "/limits");
        Assert.Equal(200, status);
        Assert.True(limits!["maxNumberOfFieldsPerSchema"]!.GetValue<int>() > 0);

        Assert.Equal(204, (await DeleteAsync(Schemas + "/" + Id(schema))).Status);
        (status, var gone, _) = await GetAsync(Schemas + "/" + Id(schema));
        Assert.Equal(404, status);
        AssertError(gone, 404, "not.found");
        Assert.Empty(Org.ContactSchemas);
    }

    [Fact]
    public async Task Schema_definitions_are_checked()
    {
        var (status, body, _) = await PostAsync(Schemas, new JsonObject { ["name"] = "X" });
        Assert.Equal(400, status);
        AssertFieldError(body, "jsonSchema");

        var bad = CrmSchema();
        bad["jsonSchema"]!["properties"]!["tier_enum"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/enum" }) };
        (status, body, _) = await PostAsync(Schemas, bad);
        Assert.Equal(400, status);
        AssertFieldError(body, "jsonSchema.properties.tier_enum.enum");

        bad = CrmSchema();
        bad["jsonSchema"]!["properties"]!["tier_text"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/integer" }) };
        (status, body, _) = await PostAsync(Schemas, bad);
        Assert.Equal(400, status);
        AssertFieldError(body, "jsonSchema.properties.tier_text.allOf");

        bad = CrmSchema();
        bad["jsonSchema"]!["properties"]!["tier_color"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/text" }) };
        (status, body, _) = await PostAsync(Schemas, bad);
        Assert.Equal(400, status);
        AssertFieldError(body, "jsonSchema.properties.tier_color");

        bad = CrmSchema();
        bad["jsonSchema"]!["properties"]!["note_text"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/text" }), ["maxLength"] = 101 };
        (status, body, _) = await PostAsync(Schemas, bad);
        Assert.Equal(400, status);
        AssertFieldError(body, "jsonSchema.properties.note_text.maxLength");

        await CreateSchemaAsync();
        (status, body, _) = await PostAsync(Schemas, CrmSchema("crm"));
        Assert.Equal(409, status);
        AssertError(body, 409, "conflict");
        Assert.Single(Org.ContactSchemas);
    }

    [Fact]
    public async Task Contacts_store_and_return_custom_fields()
    {
        var schema = await CreateSchemaAsync();
        var created = await CreateContactAsync(WithCustom(Contact("Ada", "Lovelace"), schema, new JsonObject
        {
            ["accountTier_enum"] = "Gold", ["loyaltyId_identifier"] = " L-1 ", ["seats_integer"] = 25, ["score_number"] = 4.5,
            ["vip_checkbox"] = true, ["renewal_date"] = "2026-01-31", ["interests_tag"] = new JsonArray("golf", "wine"), ["segment_text"] = "",
        }));
        Assert.Equal(Id(schema), created["schema"]!["id"]!.GetValue<string>());
        Assert.Equal(1, created["schema"]!["version"]!.GetValue<int>());
        var custom = created["customFields"]!.AsObject();
        Assert.Equal("Gold", custom["accountTier_enum"]!.GetValue<string>());
        Assert.Equal("L-1", custom["loyaltyId_identifier"]!.GetValue<string>());
        Assert.Equal(25, custom["seats_integer"]!.GetValue<int>());
        Assert.Equal(4.5, custom["score_number"]!.GetValue<double>());
        Assert.True(custom["vip_checkbox"]!.GetValue<bool>());
        Assert.Equal(2, custom["interests_tag"]!.AsArray().Count);
        Assert.False(custom.ContainsKey("segment_text"));

        var (status, fetched, _) = await GetAsync(Contacts + "/" + Id(created));
        Assert.Equal(200, status);
        Assert.Equal("Gold", fetched!["customFields"]!["accountTier_enum"]!.GetValue<string>());
        Assert.Equal("Gold", Org.ExternalContacts.Single()["customFields"]!["accountTier_enum"]!.GetValue<string>());

        // A GET-modify-PUT round trip keeps the schema reference.
        var put = fetched.AsObject();
        put["customFields"]!["accountTier_enum"] = "Silver";
        (status, var replaced, _) = await PutAsync(Contacts + "/" + Id(created), put);
        Assert.Equal(200, status);
        Assert.Equal("Silver", replaced!["customFields"]!["accountTier_enum"]!.GetValue<string>());

        // PATCH one custom field.
        (status, var patched, _) = await PatchAsync(Contacts + "/" + Id(created), new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["action"] = "Update", ["field"] = "$.customFields.seats_integer", ["value"] = 30 }),
        });
        Assert.Equal(200, status);
        Assert.Equal(30, patched!["customFields"]!["seats_integer"]!.GetValue<int>());
        Assert.Equal("Silver", patched["customFields"]!["accountTier_enum"]!.GetValue<string>());
        (status, var badPatch, _) = await PatchAsync(Contacts + "/" + Id(created), new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["action"] = "Update", ["field"] = "$.customFields.seats_integer", ["value"] = "many" }),
        });
        Assert.Equal(400, status);
        AssertFieldError(badPatch, "customFields.seats_integer");
    }

    [Theory]
    [InlineData("nope_text", "\"x\"", "customFields.nope_text")]
    [InlineData("seats_integer", "\"twelve\"", "customFields.seats_integer")]
    [InlineData("seats_integer", "1.5", "customFields.seats_integer")]
    [InlineData("seats_integer", "100001", "customFields.seats_integer")]
    [InlineData("accountTier_enum", "\"Platinum\"", "customFields.accountTier_enum")]
    [InlineData("loyaltyId_identifier", "\"ABCDEFGHIJKLM\"", "customFields.loyaltyId_identifier")]
    [InlineData("vip_checkbox", "\"yes\"", "customFields.vip_checkbox")]
    [InlineData("renewal_date", "\"31/01/2026\"", "customFields.renewal_date")]
    [InlineData("interests_tag", "[\"a\",\"b\",\"c\",\"d\"]", "customFields.interests_tag")]
    public async Task Bad_custom_values_are_rejected_naming_the_field(string key, string json, string field)
    {
        var schema = await CreateSchemaAsync();
        var (status, body, _) = await PostAsync(Contacts, WithCustom(Contact("Ada", "Lovelace"), schema, new JsonObject { [key] = JsonNode.Parse(json) }));
        Assert.Equal(400, status);
        AssertFieldError(body, field);
        Assert.DoesNotContain("Platinum", body!.ToJsonString());
        Assert.Empty(Org.ExternalContacts);
    }

    [Fact]
    public async Task Schema_reference_and_required_fields_are_checked()
    {
        var (status, body, _) = await PostAsync(Contacts, WithCustom(Contact("A", "B"), new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["version"] = 1 }, new JsonObject()));
        Assert.Equal(400, status);
        AssertFieldError(body, "schema.id");

        var noSchema = Contact("A", "B");
        noSchema["customFields"] = new JsonObject { ["segment_text"] = "x" };
        (status, body, _) = await PostAsync(Contacts, noSchema);
        Assert.Equal(400, status);
        AssertFieldError(body, "schema");

        var definition = CrmSchema();
        definition["jsonSchema"]!["required"] = new JsonArray("loyaltyId_identifier");
        var schema = await CreateSchemaAsync(definition);
        (status, body, _) = await PostAsync(Contacts, WithCustom(Contact("A", "B"), schema, new JsonObject { ["segment_text"] = "x" }));
        Assert.Equal(400, status);
        AssertFieldError(body, "customFields.loyaltyId_identifier");
        (status, body, _) = await PostAsync(Contacts, WithCustom(Contact("A", "B"), schema, new JsonObject(), version: 2));
        Assert.Equal(400, status);
        AssertFieldError(body, "schema.version");
    }

    [Fact]
    public async Task Bulk_add_and_update_validate_each_entity()
    {
        var schema = await CreateSchemaAsync();
        var (status, body, _) = await PostAsync("/api/v2/externalcontacts/bulk/contacts/add", new JsonObject
        {
            ["entities"] = new JsonArray(
                WithCustom(Contact("A", "One"), schema, new JsonObject { ["seats_integer"] = 1 }),
                WithCustom(Contact("B", "Two"), schema, new JsonObject { ["seats_integer"] = "x" })),
        });
        Assert.Equal(200, status);
        var results = body!["results"]!.AsArray();
        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.False(results[1]!["success"]!.GetValue<bool>());
        Assert.Equal(400, results[1]!["error"]!["status"]!.GetValue<int>());
        Assert.Single(Org.ExternalContacts);

        var stored = results[0]!["entity"]!.AsObject();
        stored["customFields"]!["seats_integer"] = 2;
        (status, body, _) = await PostAsync("/api/v2/externalcontacts/bulk/contacts/update", new JsonObject { ["entities"] = new JsonArray(stored.DeepClone()) });
        Assert.Equal(200, status);
        Assert.True(body!["results"]![0]!["success"]!.GetValue<bool>());
        Assert.Equal(2, Org.ExternalContacts.Single()["customFields"]!["seats_integer"]!.GetValue<int>());
    }

    [Fact]
    public async Task Schema_routes_need_the_custom_fields_permission()
    {
        Org.Options.DeniedPermissions.Add("externalContacts:customFields:add");
        var (status, body, _) = await PostAsync(Schemas, CrmSchema());
        Assert.Equal(403, status);
        AssertError(body, 403, "missing.permissions");
        Assert.Equal(200, (await GetAsync(Schemas)).Status);
    }
}
