using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

public sealed class ExternalSourceContractTests : EmulatorTestBase
{
    [Fact]
    public async Task Create_returns_the_source_with_defaults()
    {
        var (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = "  Salesforce  " });
        Assert.Equal(200, status);
        var source = body!.AsObject();
        Assert.True(Guid.TryParse(source["id"]!.GetValue<string>(), out _));
        Assert.Equal("Salesforce", source["name"]!.GetValue<string>());
        Assert.True(source["active"]!.GetValue<bool>());
        Assert.Equal(Sources + "/" + source["id"]!.GetValue<string>(), source["selfUri"]!.GetValue<string>());
        Assert.Null(source["linkConfiguration"]);

        (status, body, _) = await PostAsync(Sources, new JsonObject
        {
            ["name"] = "Dynamics", ["active"] = false, ["linkConfiguration"] = new JsonObject { ["uriTemplate"] = "https://crm.example.com/{{externalId.value}}" },
        });
        Assert.Equal(200, status);
        Assert.False(body!["active"]!.GetValue<bool>());
        Assert.Equal("https://crm.example.com/{{externalId.value}}", body["linkConfiguration"]!["uriTemplate"]!.GetValue<string>());
        Assert.Equal(2, Org.ExternalSources.Count);
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case()
    {
        await CreateSourceAsync("CRM");
        var (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = "crm" });
        Assert.Equal(409, status);
        AssertError(body, 409, "conflict");
        Assert.Single(Org.ExternalSources);
    }

    [Fact]
    public async Task Field_limits_are_enforced()
    {
        Assert.Equal(200, (await PostAsync(Sources, new JsonObject { ["name"] = new string('n', 200) })).Status);
        var (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = new string('m', 201) });
        Assert.Equal(400, status);
        AssertFieldError(body, "name");
        (status, body, _) = await PostAsync(Sources, new JsonObject { ["active"] = true });
        Assert.Equal(400, status);
        AssertFieldError(body, "name");
        (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = "X", ["kind"] = "crm" });
        Assert.Equal(400, status);
        AssertFieldError(body, "kind", "invalid.property");
        Assert.Equal(200, (await PostAsync(Sources, new JsonObject { ["name"] = "Y", ["linkConfiguration"] = new JsonObject { ["uriTemplate"] = new string('u', 400) } })).Status);
        (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = "Z", ["linkConfiguration"] = new JsonObject { ["uriTemplate"] = new string('u', 401) } });
        Assert.Equal(400, status);
        AssertFieldError(body, "linkConfiguration.uriTemplate");
        (status, body, _) = await PostAsync(Sources, new JsonObject { ["name"] = "W", ["active"] = "yes" });
        Assert.Equal(400, status);
        AssertFieldError(body, "active");
    }

    [Fact]
    public async Task Get_put_and_delete_by_id()
    {
        var id = await CreateSourceAsync("Old name");
        await CreateSourceAsync("Taken");
        var (status, body, _) = await GetAsync(Sources + "/" + id);
        Assert.Equal(200, status);
        Assert.Equal("Old name", body!["name"]!.GetValue<string>());

        (status, body, _) = await PutAsync(Sources + "/" + id, new JsonObject { ["name"] = "New name", ["active"] = false });
        Assert.Equal(200, status);
        Assert.Equal("New name", body!["name"]!.GetValue<string>());
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Equal(id, body["id"]!.GetValue<string>());

        (status, body, _) = await PutAsync(Sources + "/" + id, new JsonObject { ["name"] = "TAKEN" });
        Assert.Equal(409, status);
        AssertError(body, 409, "conflict");
        Assert.Equal(200, (await PutAsync(Sources + "/" + id, new JsonObject { ["name"] = "new NAME" })).Status); // renaming itself is fine

        (status, body, _) = await PutAsync(Sources + "/" + Guid.NewGuid(), new JsonObject { ["name"] = "Ghost" });
        Assert.Equal(404, status);
        AssertError(body, 404, "not.found");

        (status, body, _) = await DeleteAsync(Sources + "/" + id);
        Assert.Equal(200, status);
        Assert.Equal(404, (await GetAsync(Sources + "/" + id)).Status);
        Assert.Equal(404, (await DeleteAsync(Sources + "/" + id)).Status);
        // The name is free again.
        await CreateSourceAsync("new name");
    }

    [Fact]
    public async Task Listing_pages_with_cursors_and_filters()
    {
        for (var i = 0; i < 25; i++) await CreateSourceAsync("Src-" + i.ToString("00"), active: i % 5 != 0);
        await CreateSourceAsync("Other");

        var (status, body, _) = await GetAsync(Sources + "?limit=10");
        Assert.Equal(200, status);
        var names = body!["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "Src-" + i.ToString("00")), names);
        var after = body["cursors"]!["after"]!.GetValue<string>();
        var all = new List<string>(names);
        while (after != null)
        {
            (_, body, _) = await GetAsync(Sources + "?limit=10&cursor=" + Uri.EscapeDataString(after));
            all.AddRange(body!["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
            after = body["cursors"]?["after"]?.GetValue<string>();
        }
        Assert.Equal(26, all.Count);
        Assert.Equal(26, all.Distinct().Count());

        (_, body, _) = await GetAsync(Sources + "?name=src-1");
        Assert.Equal(10, body!["entities"]!.AsArray().Count);
        (_, body, _) = await GetAsync(Sources + "?active=false");
        Assert.Equal(5, body!["entities"]!.AsArray().Count);
        (_, body, _) = await GetAsync(Sources + "?name=Oth&active=true");
        Assert.Equal("Other", Assert.Single(body!["entities"]!.AsArray())!["name"]!.GetValue<string>());

        Assert.Equal(400, (await GetAsync(Sources + "?limit=9")).Status);
        Assert.Equal(400, (await GetAsync(Sources + "?limit=201")).Status);
        Assert.Equal(400, (await GetAsync(Sources + "?cursor=garbage")).Status);
        Assert.Equal(400, (await GetAsync(Sources + "?active=maybe")).Status);
    }

    [Fact]
    public async Task Deleting_a_source_leaves_contacts_external_ids_alone()
    {
        var source = await CreateSourceAsync("Doomed");
        var contact = await CreateContactAsync(new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "x-1")) });
        Assert.Equal(200, (await DeleteAsync(Sources + "/" + source)).Status);
        var (status, body, _) = await GetAsync(Contacts + "/" + Id(contact));
        Assert.Equal(200, status);
        Assert.Equal(source, body!["externalIds"]![0]!["externalSource"]!["id"]!.GetValue<string>());
        // New references to it are refused.
        var (refused, error, _) = await PostAsync(Contacts, new JsonObject { ["externalIds"] = new JsonArray(ExternalId(source, "x-2")) });
        Assert.Equal(400, refused);
        AssertFieldError(error, "externalIds[0].externalSource.id");
    }
}
