using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Outbound;

/// <summary>Dialer contacts of the emulator: add/upsert, limits, caps, flags, get/bulk get/put/delete, over HTTP.</summary>
public sealed class DialerContactContractTests : OutboundContractTestBase
{
    [Fact]
    public async Task Add_upserts_by_id_and_generates_ids_when_absent()
    {
        var id = await CreateListAsync();
        var (status, body, _) = await AddContactsAsync(id, new[]
        {
            DialerContact(id, "L1", ("LeadId", "L1"), ("Name", "Ann"), ("Phone", "+14155550101")),
            DialerContact(id, null, ("Name", "No id")),
        });
        Assert.Equal(200, status);
        var added = body!.AsArray();
        Assert.Equal(2, added.Count);
        Assert.Equal("L1", added[0]!["id"]!.GetValue<string>());
        Assert.Equal(id, added[0]!["contactListId"]!.GetValue<string>());
        Assert.True(added[0]!["phoneNumberStatus"]!["Phone"]!["callable"]!.GetValue<bool>());
        var generated = added[1]!["id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(generated, out _));

        (status, _, _) = await AddContactsAsync(id, new[] { DialerContact(id, "L1", ("LeadId", "L1"), ("Name", "Ann B")) });
        Assert.Equal(200, status);
        var list = Outbound.Find("Leads")!;
        Assert.Equal(2, list.Size);
        Assert.Equal("Ann B", list.Contact("L1")!["Name"]);
        Assert.Null(list.Contact("L1")!["Phone"]); // an upsert replaces the data
    }

    [Fact]
    public async Task At_most_1000_contacts_per_request()
    {
        var id = await CreateListAsync();
        var (status, error, _) = await AddContactsAsync(id, Enumerable.Range(1, 1001).Select(i => DialerContact(id, "L" + i, ("Name", "x"))));
        Assert.Equal(400, status);
        AssertError(error, 400, "bad.request");
        Assert.Equal(0, Outbound.ContactCount);

        (status, _, _) = await AddContactsAsync(id, Enumerable.Range(1, 1000).Select(i => DialerContact(id, "L" + i, ("Name", "x"))));
        Assert.Equal(200, status);
        Assert.Equal(1000, Outbound.ContactCount);
    }

    [Theory]
    [InlineData("unknown-column", "[1].data.Mobile")]
    [InlineData("long-cell", "[1].data.Name")]
    [InlineData("other-list", "[1].contactListId")]
    [InlineData("no-data", "[1].data")]
    [InlineData("number-value", "[1].data.Name")]
    public async Task One_bad_contact_refuses_the_whole_request(string fault, string field)
    {
        var id = await CreateListAsync();
        var bad = DialerContact(id, "L2", ("Name", "ok"));
        switch (fault)
        {
            case "unknown-column": bad["data"]!["Mobile"] = "+1"; break;
            case "long-cell": bad["data"]!["Name"] = new string('x', 513); break;
            case "other-list": bad["contactListId"] = Guid.NewGuid().ToString(); break;
            case "no-data": bad.Remove("data"); break;
            case "number-value": bad["data"]!["Name"] = 42; break;
        }
        var (status, error, _) = await AddContactsAsync(id, new[] { DialerContact(id, "L1", ("Name", "fine")), bad });
        Assert.Equal(400, status);
        AssertFieldError(error, field);
        Assert.Equal(0, Outbound.ContactCount);
    }

    [Fact]
    public async Task The_list_cap_refuses_new_contacts_but_not_updates()
    {
        Org.Options.Outbound.MaxContactsPerList = 3;
        var id = await CreateListAsync();
        var (status, _, _) = await AddContactsAsync(id, Enumerable.Range(1, 3).Select(i => DialerContact(id, "L" + i, ("Name", "x"))));
        Assert.Equal(200, status);

        (status, var error, _) = await AddContactsAsync(id, new[] { DialerContact(id, "L1", ("Name", "y")), DialerContact(id, "L4", ("Name", "y")) });
        Assert.Equal(400, status);
        var body = AssertError(error, 400, "contact.list.size.limit.exceeded");
        Assert.Equal("max.contacts.per.contact.list", body["limit"]!["key"]!.GetValue<string>());
        Assert.Equal(3, body["limit"]!["value"]!.GetValue<int>());
        Assert.Equal("x", Outbound.Find("Leads")!.Contact("L1")!["Name"]); // all or nothing

        (status, _, _) = await AddContactsAsync(id, new[] { DialerContact(id, "L1", ("Name", "z")) });
        Assert.Equal(200, status);
        Assert.Equal("z", Outbound.Find("Leads")!.Contact("L1")!["Name"]);
    }

    [Fact]
    public async Task The_org_cap_counts_every_list()
    {
        Org.Options.Outbound.MaxContactsPerOrg = 2;
        var a = await CreateListAsync("A");
        var b = await CreateListAsync("B");
        Assert.Equal(200, (await AddContactsAsync(a, new[] { DialerContact(a, "1", ("Name", "x")), DialerContact(a, "2", ("Name", "x")) })).Status);
        var (status, error, _) = await AddContactsAsync(b, new[] { DialerContact(b, "3", ("Name", "x")) });
        Assert.Equal(400, status);
        Assert.Equal("max.contacts.per.organization", AssertError(error, 400, "organization.contact.limit.exceeded")["limit"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_flags_control_queue_position_and_system_data()
    {
        var id = await CreateListAsync();
        await AddContactsAsync(id, new[] { DialerContact(id, "A", ("Name", "a")), DialerContact(id, "B", ("Name", "b")) });
        var notCallable = DialerContact(id, "C", ("Name", "c"));
        notCallable["callable"] = false;
        await AddContactsAsync(id, new[] { notCallable, DialerContact(id, "D", ("Name", "d")) }, "?priority=true");
        Assert.Equal(new[] { "C", "D", "A", "B" }, Outbound.Find("Leads")!.Contacts.Select(c => c.Id)); // a priority batch keeps its order
        Assert.False(Outbound.Find("Leads")!.Contact("C")!.Callable);

        await AddContactsAsync(id, new[] { DialerContact(id, "A", ("Name", "a2")) }, "?doNotQueue=true");
        Assert.Equal(new[] { "C", "D", "A", "B" }, Outbound.Find("Leads")!.Contacts.Select(c => c.Id));
        await AddContactsAsync(id, new[] { DialerContact(id, "A", ("Name", "a3")) });
        Assert.Equal(new[] { "C", "D", "B", "A" }, Outbound.Find("Leads")!.Contacts.Select(c => c.Id));

        await AddContactsAsync(id, new[] { DialerContact(id, "C", ("Name", "c2")) }, "?clearSystemData=true");
        Assert.True(Outbound.Find("Leads")!.Contact("C")!.Callable);

        var (status, error, _) = await AddContactsAsync(id, new[] { DialerContact(id, "E", ("Name", "e")) }, "?priority=maybe");
        Assert.Equal(400, status);
        AssertError(error, 400, "invalid.query.param.value");
    }

    [Fact]
    public async Task Get_bulk_get_put_and_delete()
    {
        var id = await CreateListAsync();
        await AddContactsAsync(id, Enumerable.Range(1, 60).Select(i => DialerContact(id, "L" + i, ("Name", "n" + i))));
        var contact = ListPath(id) + "/contacts/";

        var (status, body, _) = await GetAsync(contact + "L7");
        Assert.Equal(200, status);
        Assert.Equal("n7", body!["data"]!["Name"]!.GetValue<string>());
        Assert.Equal(404, (await GetAsync(contact + "nope")).Status);

        (status, body, _) = await PostAsync(contact + "bulk", new JsonArray("L1", "L2", "missing"));
        Assert.Equal(200, status);
        Assert.Equal(new[] { "L1", "L2" }, body!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        (status, _, _) = await PostAsync(contact + "bulk", new JsonArray(Enumerable.Range(1, 51).Select(i => (JsonNode)("L" + i)).ToArray()));
        Assert.Equal(400, status);

        (status, body, _) = await PutAsync(contact + "L3", DialerContact(id, null, ("Name", "changed")));
        Assert.Equal(200, status);
        Assert.Equal("changed", Outbound.Find("Leads")!.Contact("L3")!["Name"]);
        Assert.Equal(404, (await PutAsync(contact + "new", DialerContact(id, null, ("Name", "x")))).Status);

        Assert.Equal(204, (await DeleteAsync(contact + "L4")).Status);
        Assert.Equal(404, (await DeleteAsync(contact + "L4")).Status);

        var ids = string.Join("&", Enumerable.Range(5, 10).Select(i => "contactIds=L" + i));
        Assert.Equal(204, (await DeleteAsync(ListPath(id) + "/contacts?" + ids)).Status);
        Assert.Equal(60 - 11, Outbound.Find("Leads")!.Size);
        var tooMany = string.Join("&", Enumerable.Range(1, 251).Select(i => "contactIds=X" + i));
        Assert.Equal(400, (await DeleteAsync(ListPath(id) + "/contacts?" + tooMany)).Status);
    }
}
