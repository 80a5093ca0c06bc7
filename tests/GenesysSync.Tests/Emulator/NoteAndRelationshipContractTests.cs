using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

/// <summary>Notes on contacts and organizations, relationships: CRUD, limits, paging, bulk, scan.</summary>
public class NoteAndRelationshipContractTests : EmulatorTestBase
{
    private const string Organizations = "/api/v2/externalcontacts/organizations";
    private const string Relationships = "/api/v2/externalcontacts/relationships";

    private async Task<string> CreateOrganizationAsync(string name)
    {
        var (status, json, _) = await PostAsync(Organizations, new JsonObject { ["name"] = name });
        Assert.Equal(200, status);
        return Id(json!);
    }

    [Fact]
    public async Task ContactNotesCrudWithTextLimits()
    {
        var contact = Id(await CreateContactAsync(Contact("Ada", "Lovelace")));
        var notes = Contacts + "/" + contact + "/notes";
        var (status, note, _) = await PostAsync(notes, new JsonObject { ["noteText"] = "Prefers e-mail." });
        Assert.Equal(200, status);
        Assert.Equal("contact", note!["entityType"]!.GetValue<string>());
        Assert.Equal(contact, note["entityId"]!.GetValue<string>());
        Assert.Equal(ClientId, note["createdBy"]!["id"]!.GetValue<string>());
        var noteId = Id(note);

        (status, var error, _) = await PostAsync(notes, new JsonObject { ["noteText"] = new string('x', 32001) });
        AssertFieldError(error, "noteText");
        (status, error, _) = await PostAsync(notes, new JsonObject { ["noteText"] = "   " });
        AssertFieldError(error, "noteText");
        (status, var longest, _) = await PostAsync(notes, new JsonObject { ["noteText"] = new string('y', 32000), ["createdBy"] = new JsonObject { ["id"] = "user-1" } });
        Assert.Equal(200, status);
        Assert.Equal("user-1", longest!["createdBy"]!["id"]!.GetValue<string>());

        (status, var put, _) = await PutAsync(notes + "/" + noteId, new JsonObject { ["noteText"] = "Prefers phone." });
        Assert.Equal("Prefers phone.", put!["noteText"]!.GetValue<string>());
        (status, var patched, _) = await PatchAsync(notes + "/" + noteId, new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["action"] = "Update", ["field"] = "$.noteText", ["value"] = "Call after 5." }),
        });
        Assert.Equal("Call after 5.", patched!["noteText"]!.GetValue<string>());

        (status, var page, _) = await GetAsync(notes + "?sortOrder=createDate:desc&pageSize=1");
        Assert.Equal(2, page!["total"]!.GetValue<int>());
        Assert.Equal(Id(longest), Id(page["entities"]![0]!));
        (status, error, _) = await GetAsync(notes + "?pageSize=101");
        AssertError(error, 400, "invalid.query.param.value");

        // A note id under another contact is not found.
        var other = Id(await CreateContactAsync(Contact("Other", "One")));
        (status, error, _) = await GetAsync(Contacts + "/" + other + "/notes/" + noteId);
        AssertError(error, 404, "not.found");
        (status, _, _) = await DeleteAsync(notes + "/" + noteId);
        Assert.Equal(200, status);
        (status, error, _) = await GetAsync(notes + "/" + noteId);
        Assert.Equal(404, status);
        (status, error, _) = await GetAsync(Contacts + "/" + Guid.NewGuid() + "/notes");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task OrganizationNotesBulkAndScan()
    {
        var org = await CreateOrganizationAsync("Acme");
        var contact = Id(await CreateContactAsync(Contact("Ada", "Lovelace")));
        var (status, note, _) = await PostAsync(Organizations + "/" + org + "/notes", new JsonObject { ["noteText"] = "Key account" });
        Assert.Equal("organization", note!["entityType"]!.GetValue<string>());

        (status, var bulk, _) = await PostAsync("/api/v2/externalcontacts/bulk/notes/add", new JsonObject
        {
            ["entities"] = new JsonArray(
                new JsonObject { ["entityType"] = "contact", ["entityId"] = contact, ["noteText"] = "bulk 1" },
                new JsonObject { ["entityType"] = "organization", ["entityId"] = org, ["noteText"] = "bulk 2" },
                new JsonObject { ["entityType"] = "user", ["entityId"] = org, ["noteText"] = "bad" }),
        });
        Assert.Equal(200, status);
        Assert.Equal(1, bulk!["errorCount"]!.GetValue<int>());
        (status, var scan, _) = await GetAsync("/api/v2/externalcontacts/scan/notes?limit=10");
        Assert.Equal(3, scan!["entities"]!.AsArray().Count);
        Assert.Null(scan["cursors"]!["after"]);

        // Deleting the organization deletes its notes.
        await DeleteAsync(Organizations + "/" + org);
        Assert.Single(Org.ExternalNotes);
    }

    [Fact]
    public async Task RelationshipsCrudListAndLimits()
    {
        var org = await CreateOrganizationAsync("Acme");
        JsonObject Body(string relationship, string user = "user-1") => new()
        {
            ["user"] = new JsonObject { ["id"] = user },
            ["externalOrganization"] = new JsonObject { ["id"] = org },
            ["relationship"] = relationship,
        };
        var (status, created, _) = await PostAsync(Relationships, Body("Account Manager"));
        Assert.Equal(200, status);
        var id = Id(created!);
        Assert.Equal(org, created!["externalOrganization"]!["id"]!.GetValue<string>());
        await PostAsync(Relationships, Body("Architect", "user-2"));

        (status, var error, _) = await PostAsync(Relationships, Body(new string('r', 101)));
        AssertFieldError(error, "relationship");
        (status, error, _) = await PostAsync(Relationships, new JsonObject { ["relationship"] = "x" });
        var details = AssertError(error, 400, "invalid.value")["details"]!.AsArray().Select(d => d!["fieldName"]!.GetValue<string>()).ToList();
        Assert.Contains("user.id", details);
        Assert.Contains("externalOrganization.id", details);

        (status, var list, _) = await GetAsync(Organizations + "/" + org + "/relationships?sortOrder=relationship:asc");
        Assert.Equal(new[] { "Account Manager", "Architect" }, list!["entities"]!.AsArray().Select(e => e!["relationship"]!.GetValue<string>()).ToArray());

        (status, var patched, _) = await PatchAsync(Relationships + "/" + id, new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["action"] = "Update", ["field"] = "$.relationship", ["value"] = "Sponsor" }),
        });
        Assert.Equal("Sponsor", patched!["relationship"]!.GetValue<string>());
        (status, var put, _) = await PutAsync(Relationships + "/" + id, Body("Champion"));
        Assert.Equal("Champion", put!["relationship"]!.GetValue<string>());
        (status, _, _) = await DeleteAsync(Relationships + "/" + id);
        Assert.Equal(200, status);
        (status, error, _) = await GetAsync(Relationships + "/" + id);
        AssertError(error, 404, "not.found");

        (status, var scan, _) = await GetAsync("/api/v2/externalcontacts/scan/relationships");
        Assert.Single(scan!["entities"]!.AsArray());
        (status, var bulk, _) = await PostAsync("/api/v2/externalcontacts/bulk/relationships", new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject { ["id"] = Id(scan["entities"]![0]!) }),
        });
        Assert.Equal(0, bulk!["errorCount"]!.GetValue<int>());
        await DeleteAsync(Organizations + "/" + org);
        Assert.Empty(Org.ExternalRelationships);
    }
}
