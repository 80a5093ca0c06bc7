using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

public sealed class ContactValidationContractTests : EmulatorTestBase
{
    /// <summary>Builds a contact whose field at <paramref name="path"/> ("address.city") holds <paramref name="value"/>.</summary>
    private static JsonObject With(string path, string value)
    {
        var contact = new JsonObject { ["firstName"] = "Limit" };
        var parts = path.Split('.');
        if (parts.Length == 1) contact[parts[0]] = value;
        else contact[parts[0]] = new JsonObject { [parts[1]] = value };
        return contact;
    }

    private static string Email(int length) => new string('a', length - "@example.com".Length) + "@example.com";

    [Theory]
    [InlineData("firstName", 1000)]
    [InlineData("middleName", 1000)]
    [InlineData("lastName", 1000)]
    [InlineData("salutation", 1000)]
    [InlineData("title", 1000)]
    [InlineData("externalSystemUrl", 1000)]
    [InlineData("address.address1", 200)]
    [InlineData("address.address2", 200)]
    [InlineData("address.city", 100)]
    [InlineData("address.state", 50)]
    [InlineData("address.postalCode", 25)]
    [InlineData("address.countryCode", 25)]
    [InlineData("workPhone.display", 512)]
    [InlineData("homePhone.display", 512)]
    public async Task Text_fields_accept_their_maximum_and_reject_one_more(string path, int max)
    {
        var (status, body, _) = await PostAsync(Contacts, With(path, new string('x', max)));
        Assert.True(status == 201, path + " at max should pass: " + body?.ToJsonString());
        (status, body, _) = await PostAsync(Contacts, With(path, new string('x', max + 1)));
        Assert.Equal(400, status);
        AssertFieldError(body, path);
        Assert.Equal(max.ToString(), body!["messageParams"]!["max"]!.GetValue<string>());
        Assert.Equal(1, Org.ExternalContactCount);
    }

    [Theory]
    [InlineData("workEmail")]
    [InlineData("personalEmail")]
    [InlineData("otherEmail")]
    public async Task Emails_accept_256_characters_and_reject_257(string field)
    {
        Assert.Equal(201, (await PostAsync(Contacts, With(field, Email(256)))).Status);
        var (status, body, _) = await PostAsync(Contacts, With(field, Email(257)));
        Assert.Equal(400, status);
        AssertFieldError(body, field);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    [InlineData("a@@example.com")]
    public async Task Malformed_emails_are_400(string email)
    {
        var (status, body, _) = await PostAsync(Contacts, With("workEmail", email));
        Assert.Equal(400, status);
        AssertFieldError(body, "workEmail");
    }

    [Fact]
    public async Task External_ids_are_capped_at_ten_and_values_at_255()
    {
        var source = await CreateSourceAsync("CRM");
        var ten = new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)ExternalId(source, "id-" + i)).ToArray());
        Assert.Equal(201, (await PostAsync(Contacts, new JsonObject { ["externalIds"] = ten })).Status);
        var eleven = new JsonArray(Enumerable.Range(0, 11).Select(i => (JsonNode)ExternalId(source, "id-" + i)).ToArray());
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = eleven });
        Assert.Equal(400, status);
        AssertFieldError(body, "externalIds");

        Assert.Equal(201, (await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, new string('v', 255))) })).Status);
        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, new string('v', 256))) });
        Assert.Equal(400, status);
        AssertFieldError(body, "externalIds[0].value");
    }

    [Fact]
    public async Task External_ids_must_name_an_existing_source_and_a_value()
    {
        var source = await CreateSourceAsync("CRM");
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(ExternalId(Guid.NewGuid().ToString(), "x")) });
        Assert.Equal(400, status);
        AssertFieldError(body, "externalIds[0].externalSource.id");

        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(new JsonObject { ["externalSource"] = new JsonObject { ["id"] = source } }) });
        Assert.Equal(400, status);
        AssertFieldError(body, "externalIds[0].value");

        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(new JsonObject { ["value"] = "x" }) });
        Assert.Equal(400, status);
        AssertFieldError(body, "externalIds[0].externalSource");

        var created = await CreateContactAsync(new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, " crm-1 ")) });
        var stored = created["externalIds"]![0]!;
        Assert.Equal("crm-1", stored["value"]!.GetValue<string>());
        Assert.Equal(source, stored["externalSource"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_properties_are_rejected_by_name()
    {
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { ["firstName"] = "x", ["department"] = "Sales" });
        Assert.Equal(400, status);
        AssertFieldError(body, "department", "invalid.property");
        Assert.Equal("invalid.property", body!["code"]!.GetValue<string>());

        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["workPhone"] = new JsonObject { ["display"] = "+13175550100", ["type"] = "mobile" } });
        Assert.Equal(400, status);
        AssertFieldError(body, "workPhone.type", "invalid.property");

        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["address"] = new JsonObject { ["zip"] = "46202" } });
        Assert.Equal(400, status);
        AssertFieldError(body, "address.zip", "invalid.property");
    }

    [Fact]
    public async Task Wrong_json_types_are_400()
    {
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { ["firstName"] = 12 });
        Assert.Equal(400, status);
        AssertFieldError(body, "firstName");
        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["surveyOptOut"] = "yes" });
        Assert.Equal(400, status);
        AssertFieldError(body, "surveyOptOut");
        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["workPhone"] = "+13175550100" });
        Assert.Equal(400, status);
        AssertFieldError(body, "workPhone");
        (status, body, _) = await PostAsync(Contacts, new JsonObject { ["workPhone"] = new JsonObject { ["extension"] = "12" } });
        Assert.Equal(400, status);
        AssertFieldError(body, "workPhone.extension");
    }

    [Theory]
    [InlineData("externalOrganization", "externalOrganization")]
    [InlineData("schema", "schema.id")]
    [InlineData("customFields", "schema")]
    public async Task References_to_entities_the_org_does_not_hold_are_400(string field, string named)
    {
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { [field] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["version"] = 1 } });
        Assert.Equal(400, status);
        AssertFieldError(body, named);
    }

    [Fact]
    public async Task Every_rejected_field_is_listed_and_values_are_never_echoed()
    {
        var secretish = "PII-" + new string('z', 1000);
        var (status, body, _) = await PostAsync(Contacts, new JsonObject
        {
            ["firstName"] = secretish, ["lastName"] = secretish, ["workEmail"] = "not-an-email",
        });
        Assert.Equal(400, status);
        var error = AssertError(body, 400, "invalid.value");
        Assert.Equal(3, error["details"]!.AsArray().Count);
        Assert.Equal(3, error["errors"]!.AsArray().Count);
        Assert.Equal(new[] { "firstName", "lastName", "workEmail" }, error["details"]!.AsArray().Select(d => d!["fieldName"]!.GetValue<string>()));
        Assert.DoesNotContain("PII-", body!.ToJsonString());
        Assert.DoesNotContain("not-an-email", body.ToJsonString());
        Assert.Contains("and 2 more", error["message"]!.GetValue<string>());
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task Social_ids_and_other_optional_objects_are_kept_as_sent()
    {
        var created = await CreateContactAsync(new JsonObject
        {
            ["twitterId"] = new JsonObject { ["screenName"] = "ann" },
            ["whatsAppId"] = new JsonObject { ["displayName"] = "Ann" },
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "Cookie", ["value"] = "ignored" }),
        });
        Assert.Equal("ann", created["twitterId"]!["screenName"]!.GetValue<string>());
        Assert.Equal("Ann", created["whatsAppId"]!["displayName"]!.GetValue<string>());
        Assert.Null(created["identifiers"]);
    }
}

public sealed class PhoneParsingContractTests : EmulatorTestBase
{
    private async Task<JsonObject> Phone(JsonObject phone)
    {
        var created = await CreateContactAsync(new JsonObject { ["workPhone"] = phone });
        return created["workPhone"]!.AsObject();
    }

    [Fact]
    public async Task A_national_us_number_gets_e164_country_and_international_display()
    {
        var phone = await Phone(new JsonObject { ["display"] = "(317) 555-0100" });
        Assert.Equal("+13175550100", phone["e164"]!.GetValue<string>());
        Assert.Equal("US", phone["countryCode"]!.GetValue<string>());
        Assert.Equal("+1 317-555-0100", phone["display"]!.GetValue<string>());
        Assert.Equal("(317) 555-0100", phone["userInput"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_e164_number_keeps_its_own_country()
    {
        var phone = await Phone(new JsonObject { ["display"] = "+44 20 7946 0958" });
        Assert.Equal("+442079460958", phone["e164"]!.GetValue<string>());
        Assert.Equal("GB", phone["countryCode"]!.GetValue<string>());
        Assert.Equal("+44 20 7946 0958", phone["display"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("44")]
    [InlineData("+44")]
    public async Task The_normalization_country_code_sets_the_region_for_national_numbers(string code)
    {
        var phone = await Phone(new JsonObject { ["display"] = "020 7946 0958", ["normalizationCountryCode"] = code });
        Assert.Equal("+442079460958", phone["e164"]!.GetValue<string>());
        Assert.Equal("GB", phone["countryCode"]!.GetValue<string>());
        Assert.Equal(code, phone["normalizationCountryCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_normalization_country_code_is_400()
    {
        var (status, body, _) = await PostAsync(Contacts, new JsonObject { ["workPhone"] = new JsonObject { ["display"] = "317 555 0100", ["normalizationCountryCode"] = "QQ" } });
        Assert.Equal(400, status);
        AssertFieldError(body, "workPhone.normalizationCountryCode");
    }

    [Theory]
    [InlineData("call me maybe")]
    [InlineData("12")]
    public async Task An_unreadable_number_is_kept_as_typed_without_e164(string display)
    {
        var phone = await Phone(new JsonObject { ["display"] = display });
        Assert.Equal(display, phone["display"]!.GetValue<string>());
        Assert.Equal(display, phone["userInput"]!.GetValue<string>());
        Assert.Null(phone["e164"]);
        Assert.Null(phone["countryCode"]);
    }

    [Fact]
    public async Task Extensions_are_split_off_and_flags_kept()
    {
        var phone = await Phone(new JsonObject { ["display"] = "+1 317 555 0100 ext. 42", ["acceptsSMS"] = true });
        Assert.Equal("+13175550100", phone["e164"]!.GetValue<string>());
        Assert.Equal(42, phone["extension"]!.GetValue<long>());
        Assert.Equal("+1 317-555-0100", phone["display"]!.GetValue<string>());
        Assert.True(phone["acceptsSMS"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Server_filled_fields_sent_by_a_client_are_recomputed()
    {
        var phone = await Phone(new JsonObject { ["display"] = "+13175550100", ["e164"] = "+19999999999", ["countryCode"] = "ZZ", ["userInput"] = "forged" });
        Assert.Equal("+13175550100", phone["e164"]!.GetValue<string>());
        Assert.Equal("US", phone["countryCode"]!.GetValue<string>());
        Assert.Equal("+13175550100", phone["userInput"]!.GetValue<string>());
    }

    [Fact]
    public async Task Round_tripping_a_stored_phone_is_stable()
    {
        var created = await CreateContactAsync(new JsonObject { ["workPhone"] = new JsonObject { ["display"] = "+1 (317) 555 0100" } });
        var (status, body, _) = await PutAsync(Contacts + "/" + Id(created), created);
        Assert.Equal(200, status);
        Assert.Equal(created["workPhone"]!["e164"]!.GetValue<string>(), body!["workPhone"]!["e164"]!.GetValue<string>());
        Assert.Equal(created["workPhone"]!["display"]!.GetValue<string>(), body["workPhone"]!["display"]!.GetValue<string>());
    }
}
