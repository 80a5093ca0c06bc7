using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Emulator;

/// <summary>Contact identifiers (claim/release), merge, unresolved contacts, promotion, reverse whitepages.</summary>
public class ContactIdentityContractTests : EmulatorTestBase
{
    private static JsonObject Claim(string operation, string type, string value) => new()
    {
        ["operation"] = operation,
        ["identifier"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    [Fact]
    public async Task ClaimReleaseAndLookupFollowTheClaim()
    {
        var ada = Id(await CreateContactAsync(Contact("Ada", "Lovelace")));
        var bob = Id(await CreateContactAsync(Contact("Bob", "Babbage")));
        var (status, claimed, _) = await PatchAsync(Contacts + "/" + ada + "/identifiers", Claim("Claim", "Cookie", "c-123"));
        Assert.Equal(200, status);
        Assert.Equal("Cookie", claimed!["type"]!.GetValue<string>());
        (status, var again, _) = await PatchAsync(Contacts + "/" + ada + "/identifiers", Claim("Claim", "Cookie", "c-123"));
        Assert.Equal(200, status);
        (status, var list, _) = await GetAsync(Contacts + "/" + ada + "/identifiers");
        Assert.Single(list!["entities"]!.AsArray());

        (status, var found, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/contacts", new JsonObject { ["type"] = "Cookie", ["value"] = "c-123" });
        Assert.Equal(ada, Id(found!));
        (status, var error, _) = await PatchAsync(Contacts + "/" + bob + "/identifiers", Claim("Claim", "Cookie", "c-123"));
        AssertError(error, 409, "conflict");
        (status, error, _) = await PatchAsync(Contacts + "/" + bob + "/identifiers", Claim("Release", "Cookie", "c-123"));
        AssertError(error, 404, "not.found");
        (status, error, _) = await PatchAsync(Contacts + "/" + ada + "/identifiers", Claim("Steal", "Cookie", "c-123"));
        AssertFieldError(error, "operation");
        (status, error, _) = await PatchAsync(Contacts + "/" + ada + "/identifiers", Claim("Claim", "Phone", "5550100"));
        AssertFieldError(error, "identifier.value");

        (status, _, _) = await PatchAsync(Contacts + "/" + ada + "/identifiers", Claim("Release", "Cookie", "c-123"));
        Assert.Equal(200, status);
        (status, list, _) = await GetAsync(Contacts + "/" + ada + "/identifiers");
        Assert.Empty(list!["entities"]!.AsArray());
        (status, _, _) = await PostAsync("/api/v2/externalcontacts/identifierlookup/contacts", new JsonObject { ["type"] = "Cookie", ["value"] = "c-123" });
        Assert.Equal(404, status);
        (status, _, _) = await PatchAsync(Contacts + "/" + bob + "/identifiers", Claim("Claim", "Cookie", "c-123"));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task MergeMakesANewContactAndOldIdsResolveToIt()
    {
        var older = await CreateContactAsync(new JsonObject { ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["workEmail"] = "ada@old.example", ["title"] = "Countess" });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await CreateContactAsync(new JsonObject { ["firstName"] = "Ada", ["lastName"] = "King", ["workEmail"] = "ada@new.example" });
        await PatchAsync(Contacts + "/" + Id(older) + "/identifiers", Claim("Claim", "Cookie", "ck-1"));
        var (status, note, _) = await PostAsync(Contacts + "/" + Id(older) + "/notes", new JsonObject { ["noteText"] = "old note" });

        (status, var merged, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject
        {
            ["contactIds"] = new JsonArray(Id(older), Id(newer)),
            ["valueOverride"] = new JsonObject { ["firstName"] = "Augusta" },
        });
        Assert.Equal(200, status);
        var mergedId = Id(merged!);
        Assert.NotEqual(Id(older), mergedId);
        Assert.Equal("Augusta", merged!["firstName"]!.GetValue<string>());
        Assert.Equal("King", merged["lastName"]!.GetValue<string>());          // most recently modified wins
        Assert.Equal("Countess", merged["title"]!.GetValue<string>());         // filled from the other contact
        Assert.Equal("ada@new.example", merged["workEmail"]!.GetValue<string>());
        Assert.Equal("ada@old.example", merged["personalEmail"]!.GetValue<string>()); // the conflicting e-mail moved to a free slot
        Assert.Equal("ck-1", merged["identifiers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(new[] { Id(older), Id(newer) }.OrderBy(x => x), merged["mergedFrom"]!.AsArray().Select(m => Id(m!)).OrderBy(x => x));
        Assert.Equal(3, merged["mergeSet"]!.AsArray().Count);

        Assert.Single(Org.ExternalContacts);
        (status, var resolved, _) = await GetAsync(Contacts + "/" + Id(older));
        Assert.Equal(mergedId, Id(resolved!));
        (status, var unresolved, _) = await GetAsync(Contacts + "/" + Id(older) + "/unresolved");
        Assert.Equal(Id(older), Id(unresolved!));
        Assert.Equal(mergedId, unresolved!["mergedTo"]!["id"]!.GetValue<string>());
        (status, var bulk, _) = await PostAsync("/api/v2/externalcontacts/bulk/contacts/unresolved", new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject { ["id"] = Id(newer) }, new JsonObject { ["id"] = Guid.NewGuid().ToString() }),
        });
        Assert.Equal(1, bulk!["errorCount"]!.GetValue<int>());

        (status, var notes, _) = await GetAsync(Contacts + "/" + mergedId + "/notes");
        Assert.Equal(0, notes!["total"]!.GetValue<int>());
        (status, notes, _) = await GetAsync(Contacts + "/" + mergedId + "/notes?expand=mergeset");
        Assert.Equal(Id(note!), Id(notes!["entities"]![0]!));
    }

    [Fact]
    public async Task MergeLimits()
    {
        var one = Id(await CreateContactAsync(Contact("A", "One")));
        var (status, error, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = new JsonArray(one) });
        AssertFieldError(error, "contactIds");
        (status, error, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject
        {
            ["contactIds"] = new JsonArray(Enumerable.Range(0, 26).Select(_ => (JsonNode)one).ToArray()),
        });
        AssertFieldError(error, "contactIds");
        (status, error, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = new JsonArray(one, one) });
        AssertFieldError(error, "contactIds");
        (status, error, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = new JsonArray(one, Guid.NewGuid().ToString()) });
        AssertError(error, 404, "not.found");

        // Merge sets are capped at 52 contacts.
        var head = one;
        for (var round = 0; round < 2; round++)
        {
            var ids = new JsonArray(head);
            for (var i = 0; i < 24; i++) ids.Add(Id(await CreateContactAsync(Contact("C" + round, "N" + i))));
            (status, var merged, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = ids });
            Assert.Equal(200, status);
            head = Id(merged!);
        }
        var last = Id(await CreateContactAsync(Contact("Last", "One")));
        (status, error, _) = await PostAsync("/api/v2/externalcontacts/contacts/merge", new JsonObject { ["contactIds"] = new JsonArray(head, last) });
        AssertError(error, 400, "bad.request");
    }

    [Fact]
    public async Task PromotionTurnsObservedContactsCurated()
    {
        var observed = Org.AddObservedContact(new JsonObject { ["firstName"] = "Web", ["lastName"] = "Visitor" }, "Identified");
        Assert.Equal("Identified", observed["type"]!.GetValue<string>());
        var (status, promoted, _) = await PostAsync(Contacts + "/" + Id(observed) + "/promotion", new JsonObject());
        Assert.Equal(200, status);
        Assert.Equal("Curated", promoted!["type"]!.GetValue<string>());
        (status, var error, _) = await PostAsync(Contacts + "/" + Id(observed) + "/promotion", new JsonObject());
        Assert.Equal(400, status);
        AssertFieldError(error, "type");
        (status, _, _) = await PostAsync(Contacts + "/" + Guid.NewGuid() + "/promotion", new JsonObject());
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task ReverseWhitepagesFindsByEmailPhoneAndTwitterUpTo25()
    {
        for (var i = 0; i < 30; i++) await CreateContactAsync(Contact("Dup", "N" + i, phone: "+14155552671"));
        var twitter = Contact("Tweety", "Bird", email: "tweety@example.com");
        twitter["twitterId"] = new JsonObject { ["screenName"] = "tweety" };
        await CreateContactAsync(twitter);

        var (status, byPhone, _) = await GetAsync("/api/v2/externalcontacts/reversewhitepageslookup?lookupVal=%2B14155552671");
        Assert.Equal(200, status);
        Assert.Equal(25, byPhone!["contacts"]!.AsArray().Count);
        (_, var byEmail, _) = await GetAsync("/api/v2/externalcontacts/reversewhitepageslookup?lookupVal=TWEETY@example.com");
        Assert.Equal("Tweety", byEmail!["contacts"]![0]!["firstName"]!.GetValue<string>());
        (_, var byTwitter, _) = await GetAsync("/api/v2/externalcontacts/reversewhitepageslookup?lookupVal=@tweety");
        Assert.Single(byTwitter!["contacts"]!.AsArray());
        (status, var error, _) = await GetAsync("/api/v2/externalcontacts/reversewhitepageslookup");
        AssertError(error, 400, "invalid.query.param.value");
    }
}
