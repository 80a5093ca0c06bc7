using System.Net;
using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

/// <summary>Segment assignments (≤10 per request, expiry), sessions (cursor paging, includeMerged), conversation association.</summary>
public class JourneyContractTests : EmulatorTestBase
{
    // Expiry is tested over weeks of org time: the test's token must outlive them.
    protected override void Configure(GenesysSync.Emulator.EmulatorOptions options)
    {
        base.Configure(options);
        options.TokenLifetime = TimeSpan.FromDays(365);
    }

    private static JsonObject Segments(IEnumerable<string>? assign = null, IEnumerable<string>? unassign = null)
    {
        var body = new JsonObject();
        if (assign != null) body["assign"] = new JsonObject { ["segments"] = new JsonArray(assign.Select(s => (JsonNode)new JsonObject { ["id"] = s }).ToArray()) };
        if (unassign != null) body["unassign"] = new JsonObject { ["segments"] = new JsonArray(unassign.Select(s => (JsonNode)new JsonObject { ["id"] = s }).ToArray()) };
        return body;
    }

    [Fact]
    public async Task SegmentsAssignExpireReassignAndUnassign()
    {
        var contact = Id(await CreateContactAsync(Contact("Ada", "Lovelace")));
        var path = Contacts + "/" + contact + "/journey/segments";
        var (status, result, _) = await PostAsync(path, Segments(new[] { "vip", "churn-risk" }));
        Assert.Equal(200, status);
        Assert.Equal(0, result!["unprocessedItems"]!["count"]!.GetValue<int>());
        (status, var list, _) = await GetAsync(path);
        Assert.Equal(2, list!["entities"]!.AsArray().Count);
        var expiry = DateTimeOffset.Parse(list["entities"]![0]!["dateForUnassignment"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow().AddDays(30), expiry, TimeSpan.FromSeconds(1));

        Clock.Advance(TimeSpan.FromDays(20));
        await PostAsync(path, Segments(new[] { "vip" }, new[] { "churn-risk" }));
        (_, list, _) = await GetAsync(path);
        var vip = Assert.Single(list!["entities"]!.AsArray());
        Assert.Equal("vip", vip!["segment"]!["id"]!.GetValue<string>());
        Clock.Advance(TimeSpan.FromDays(20));
        (_, list, _) = await GetAsync(path);
        Assert.Single(list!["entities"]!.AsArray()); // re-assigned 20 days ago: still within 30 days
        Clock.Advance(TimeSpan.FromDays(11));
        (_, list, _) = await GetAsync(path);
        Assert.Empty(list!["entities"]!.AsArray());

        (status, var error, _) = await PostAsync(path, Segments(Enumerable.Range(0, 6).Select(i => "a" + i), Enumerable.Range(0, 5).Select(i => "u" + i)));
        AssertFieldError(error, "assign.segments");
        (status, error, _) = await GetAsync(path + "?limit=501");
        AssertError(error, 400, "invalid.query.param.value");
        (status, _, _) = await PostAsync(Contacts + "/" + Guid.NewGuid() + "/journey/segments", Segments(new[] { "vip" }));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task SessionsPageWithACursorAndFollowMerges()
    {
        var a = Id(await CreateContactAsync(Contact("A", "One")));
        var b = Id(await CreateContactAsync(Contact("B", "Two")));
        for (var i = 0; i < 3; i++) Org.AddJourneySession(a, new JsonObject { ["type"] = "web", ["shortId"] = "a" + i });
        Org.AddJourneySession(b, new JsonObject { ["type"] = "app" });

        var (status, page, _) = await GetAsync(Contacts + "/" + a + "/journey/sessions?pageSize=2");
        Assert.Equal(200, status);
        Assert.Equal(2, page!["entities"]!.AsArray().Count);
        var next = page["nextUri"]!.GetValue<string>();
        (_, var second, _) = await GetAsync(next);
        Assert.Single(second!["entities"]!.AsArray());
        Assert.Null(second["nextUri"]);
        (status, var error, _) = await GetAsync(Contacts + "/" + a + "/journey/sessions?after=garbage");
        Assert.Equal(400, status);

        var (_, merged, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = new JsonArray(a, b) });
        (_, page, _) = await GetAsync(Contacts + "/" + Id(merged!) + "/journey/sessions");
        Assert.Empty(page!["entities"]!.AsArray());
        (_, page, _) = await GetAsync(Contacts + "/" + Id(merged!) + "/journey/sessions?includeMerged=true");
        Assert.Equal(4, page!["entities"]!.AsArray().Count);
    }

    [Fact]
    public async Task ConversationAssociationAndDisassociation()
    {
        var contact = Id(await CreateContactAsync(Contact("Ada", "Lovelace")));
        var conversation = Guid.NewGuid().ToString();
        var body = new JsonObject { ["externalContactId"] = contact, ["conversationId"] = conversation, ["communicationId"] = "comm-1", ["mediaType"] = "CALL" };
        var response = await SendAsync(HttpMethod.Put, "/api/v2/externalcontacts/conversations/" + conversation, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var association = Assert.Single(Org.ConversationAssociations);
        Assert.Equal(contact, association["externalContactId"]!.GetValue<string>());

        body.Remove("externalContactId");
        response = await SendAsync(HttpMethod.Put, "/api/v2/externalcontacts/conversations/" + conversation, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(Org.ConversationAssociations);

        var (status, error, _) = await PutAsync("/api/v2/externalcontacts/conversations/" + conversation, new JsonObject { ["externalContactId"] = Guid.NewGuid().ToString(), ["conversationId"] = "other" });
        Assert.Equal(400, status);
        var fields = AssertError(error, 400, "invalid.value")["details"]!.AsArray().Select(d => d!["fieldName"]!.GetValue<string>()).ToList();
        Assert.Contains("externalContactId", fields);
        Assert.Contains("conversationId", fields);
        Assert.Contains("communicationId", fields);
        Assert.Contains("mediaType", fields);
    }
}
