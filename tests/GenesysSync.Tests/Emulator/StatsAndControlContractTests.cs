using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.Emulator.Dnc;
using GenesysSync.Emulator.Outbound;

namespace GenesysSync.Tests.Emulator;

public sealed class StatsContractTests : EmulatorTestBase
{
    [Fact]
    public async Task Requests_are_counted_by_route_template_and_status()
    {
        // InitializeAsync already fetched one token.
        var a = await CreateContactAsync(Contact("S", "One"));
        var b = await CreateContactAsync(Contact("S", "Two"));
        await GetAsync(Contacts + "/" + Id(a));
        await GetAsync(Contacts + "/" + Id(b));
        await GetAsync(Contacts + "/" + Guid.NewGuid());
        await GetAsync(Sources, token: null);
        await GetAsync("/api/v2/nowhere");

        var stats = Org.Stats;
        Assert.Equal(8, stats.Total);
        Assert.Equal(1, stats.Count("POST /oauth/token", 200));
        Assert.Equal(2, stats.Count("POST /api/v2/externalcontacts/contacts", 201));
        Assert.Equal(3, stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}"));
        Assert.Equal(2, stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}", 200));
        Assert.Equal(1, stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}", 404));
        Assert.Equal(1, stats.Count("GET /api/v2/externalcontacts/externalsources", 401));
        Assert.Equal(1, stats.Count("GET " + RequestStats.Unmatched, 404));
        Assert.Equal(2, stats.CountStatus(404));
        Assert.Equal(3, stats.ByStatus[200]);
        Assert.Equal(2, stats.ByRoute["POST /api/v2/externalcontacts/contacts"][201]);
        Assert.Equal(0, stats.FaultsInjected);
        Assert.Equal(0, stats.Count("DELETE /api/v2/externalcontacts/contacts/{contactId}"));
    }

    [Fact]
    public async Task The_control_surface_reports_the_same_numbers_and_is_not_counted_itself()
    {
        await CreateContactAsync(Contact("C", "Ount"));
        Org.Faults.Add(FaultRule.Next(1, FaultKind.Status5xx, Sources));
        await GetAsync(Sources);
        var json = JsonNode.Parse(await Http.GetStringAsync("/_emulator/stats"))!;
        Assert.Equal(3, json["total"]!.GetValue<long>());
        Assert.Equal(1, json["byRoute"]!["POST /api/v2/externalcontacts/contacts"]!["201"]!.GetValue<long>());
        Assert.Equal(1, json["byRoute"]!["GET /api/v2/externalcontacts/externalsources"]!["503"]!.GetValue<long>());
        Assert.Equal(1, json["byStatus"]!["503"]!.GetValue<long>());
        Assert.Equal(1, json["faults"]!["Status5xx"]!.GetValue<long>());
        await Http.GetStringAsync("/_emulator/stats");
        Assert.Equal(3, Org.Stats.Total);
    }

    [Fact]
    public async Task Stats_reset_with_the_org()
    {
        await CreateContactAsync(Contact("R", "Eset"));
        Assert.True(Org.Stats.Total > 0);
        Org.Reset();
        Assert.Equal(0, Org.Stats.Total);
        Assert.Empty(Org.Stats.ByRoute);
        Assert.Empty(Org.Stats.Faults);
    }
}

public sealed class ControlSurfaceContractTests : EmulatorTestBase
{
    private async Task<JsonNode> Control(HttpMethod method, string path, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, "/_emulator/" + path);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, path + ": " + response.StatusCode + " " + text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Reset_clears_data_stats_and_faults_but_keeps_clients_and_tokens()
    {
        await CreateSourceAsync("CRM");
        await CreateContactAsync(Contact("Re", "Set"));
        Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, Route = "/nothing" });
        await Control(HttpMethod.Post, "reset");
        Assert.Equal(0, Org.ExternalContactCount);
        Assert.Empty(Org.ExternalSources);
        Assert.Empty(Org.Faults.Rules);
        Assert.Equal(0, Org.Stats.Total);
        Assert.Equal(200, (await GetAsync(Sources)).Status); // the old token still works
        await GetTokenAsync(); // and the client can still log in
    }

    [Fact]
    public async Task Reset_clears_contact_lists_and_dnc_lists_too()
    {
        var list = await PostAsync("/api/v2/outbound/contactlists", new JsonObject { ["name"] = "Leads", ["columnNames"] = new JsonArray("LeadId", "Phone"), ["phoneColumns"] = new JsonArray(new JsonObject { ["columnName"] = "Phone", ["type"] = "cell" }) });
        Assert.Equal(200, list.Status);
        var dnc = await PostAsync("/api/v2/outbound/dnclists", new JsonObject { ["name"] = "opt-outs", ["dncSourceType"] = "rds", ["contactMethod"] = "Phone" });
        Assert.Equal(200, dnc.Status);
        Assert.Equal(1, Org.Outbound().ContactListCount);
        Assert.Single(Org.Dnc().Lists);

        await Control(HttpMethod.Post, "reset");

        Assert.Equal(0, Org.Outbound().ContactListCount);
        Assert.Empty(Org.Dnc().Lists);
        // The names are free again: creating the same lists succeeds instead of answering 409.
        Assert.Equal(200, (await PostAsync("/api/v2/outbound/contactlists", new JsonObject { ["name"] = "Leads", ["columnNames"] = new JsonArray("LeadId", "Phone"), ["phoneColumns"] = new JsonArray(new JsonObject { ["columnName"] = "Phone", ["type"] = "cell" }) })).Status);
    }

    [Fact]
    public async Task Contacts_and_sources_can_be_dumped()
    {
        var source = await CreateSourceAsync("CRM");
        var a = await CreateContactAsync(Contact("Du", "Mp"));
        var dump = (await Control(HttpMethod.Get, "contacts")).AsArray();
        Assert.Equal(Id(a), Id(Assert.Single(dump)!));
        Assert.Equal(1, (await Control(HttpMethod.Get, "contacts/count"))["count"]!.GetValue<int>());
        Assert.Equal(source, Assert.Single((await Control(HttpMethod.Get, "sources")).AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clients_and_tokens_can_be_added()
    {
        await Control(HttpMethod.Post, "clients", "{\"clientId\":\"bench\",\"clientSecret\":\"s3\"}", HttpStatusCode.Created);
        Assert.Equal(200, (await GetAsync(Sources, await GetTokenAsync("bench", "s3"))).Status);
        var token = (await Control(HttpMethod.Post, "tokens", "{\"clientId\":\"whoever\"}", HttpStatusCode.Created))["access_token"]!.GetValue<string>();
        Assert.Equal(200, (await GetAsync(Sources, token)).Status);
        await Control(HttpMethod.Post, "clients", "{\"clientId\":\"half\"}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_clock_can_be_read_and_advanced()
    {
        var before = DateTimeOffset.Parse((await Control(HttpMethod.Get, "clock"))["now"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow(), before);
        var after = DateTimeOffset.Parse((await Control(HttpMethod.Post, "clock", "{\"advanceSeconds\":3600}"))["now"]!.GetValue<string>());
        Assert.Equal(before.AddHours(1), after);
        Assert.Equal(401, (await GetAsync(Sources)).Status); // the 1-hour token expired
        await Control(HttpMethod.Post, "clock", "{\"advanceSeconds\":-5}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Options_can_be_read_and_changed()
    {
        var options = await Control(HttpMethod.Get, "options");
        Assert.Equal(0, options["rateLimitPerMinute"]!.GetValue<int>());
        Assert.Equal(3600, options["tokenLifetimeSeconds"]!.GetValue<long>());
        Assert.Contains(ClientId, options["clients"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain(ClientSecret, options.ToJsonString());

        options = await Control(HttpMethod.Patch, "options", "{\"rateLimitPerMinute\":2,\"maxBulkEntities\":1}");
        Assert.Equal(2, options["rateLimitPerMinute"]!.GetValue<int>());
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
        Assert.Equal(1, Org.Options.MaxBulkEntities);
        await Control(HttpMethod.Patch, "options", "{\"colour\":1}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Routes_are_listed_and_unknown_control_paths_are_404()
    {
        var routes = (await Control(HttpMethod.Get, "routes")).AsArray().Select(r => r!.GetValue<string>()).ToList();
        foreach (var expected in new[]
        {
            "POST /oauth/token",
            "POST /api/v2/externalcontacts/contacts",
            "GET /api/v2/externalcontacts/contacts",
            "GET /api/v2/externalcontacts/contacts/{contactId}",
            "PUT /api/v2/externalcontacts/contacts/{contactId}",
            "PATCH /api/v2/externalcontacts/contacts/{contactId}",
            "DELETE /api/v2/externalcontacts/contacts/{contactId}",
            "GET /api/v2/externalcontacts/scan/contacts",
            "POST /api/v2/externalcontacts/identifierlookup/contacts",
            "POST /api/v2/externalcontacts/bulk/contacts/add",
            "POST /api/v2/externalcontacts/bulk/contacts/update",
            "POST /api/v2/externalcontacts/bulk/contacts",
            "POST /api/v2/externalcontacts/bulk/contacts/remove",
            "POST /api/v2/externalcontacts/contacts/enrich",
            "POST /api/v2/externalcontacts/bulk/contacts/enrich",
            "GET /api/v2/externalcontacts/externalsources",
            "POST /api/v2/externalcontacts/externalsources",
            "GET /api/v2/externalcontacts/externalsources/{externalSourceId}",
            "PUT /api/v2/externalcontacts/externalsources/{externalSourceId}",
            "DELETE /api/v2/externalcontacts/externalsources/{externalSourceId}",
        })
        {
            Assert.Contains(expected, routes);
        }
        Assert.Equal(Org.Routes, routes);
        await Control(HttpMethod.Get, "nothing", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Control_requests_need_no_token_and_are_never_faulted()
    {
        Org.Faults.Add(new FaultRule { Kind = FaultKind.ConnectionReset });
        var stats = await Control(HttpMethod.Get, "stats");
        Assert.Equal(1, stats["total"]!.GetValue<long>()); // only the token request of the set-up
    }
}

/// <summary>The in-process transport: what Connect-GenesysCloud -Sandbox will use.</summary>
public sealed class InProcessHandlerTests
{
    private static EmulatorOrg NewOrg()
    {
        var options = new EmulatorOptions { RateLimitPerMinute = 0 };
        options.Clients["c"] = "s";
        return new EmulatorOrg(options);
    }

    [Fact]
    public async Task Login_and_api_hosts_of_any_region_reach_the_same_org()
    {
        var org = NewOrg();
        var handler = org.CreateHandler();
        using var login = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://login.mypurecloud.de") };
        login.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("c:s")));
        using var tokenResponse = await login.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        using var api = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.mypurecloud.de") };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var created = await api.PostAsync("/api/v2/externalcontacts/contacts", new StringContent("{\"firstName\":\"In\",\"lastName\":\"Proc\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, org.ExternalContactCount);
        handler.Dispose();
    }

    [Fact]
    public async Task The_contact_snapshot_is_a_deep_copy()
    {
        var org = NewOrg();
        using var api = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.mypurecloud.com") };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.IssueToken("c"));
        await api.PostAsync("/api/v2/externalcontacts/contacts", new StringContent("{\"firstName\":\"Deep\"}", Encoding.UTF8, "application/json"));
        var snapshot = org.ExternalContacts;
        snapshot[0]["firstName"] = "Changed";
        Assert.Equal("Deep", org.ExternalContacts[0]["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_writers_are_safe()
    {
        var org = NewOrg();
        using var api = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.mypurecloud.com") };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.IssueToken("c"));
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var entities = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode)new JsonObject
                {
                    ["firstName"] = "W" + worker, ["workEmail"] = "w" + worker + "b" + batch + "i" + i + "@example.com",
                }).ToArray());
                using var response = await api.PostAsync("/api/v2/externalcontacts/bulk/contacts/add",
                    new StringContent(new JsonObject { ["entities"] = entities }.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var contacts = org.ExternalContacts;
        Assert.Equal(4000, contacts.Count);
        Assert.Equal(4000, contacts.Select(c => c["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(80, org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/add", 200));

        using var lookup = await api.PostAsync("/api/v2/externalcontacts/identifierlookup/contacts",
            new StringContent("{\"type\":\"Email\",\"value\":\"w3b7i42@example.com\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [Fact]
    public void Issue_token_needs_a_client_id()
    {
        Assert.Throws<ArgumentException>(() => NewOrg().IssueToken(""));
        Assert.Throws<ArgumentNullException>(() => new EmulatorOrg(null!));
    }
}

public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Every_option_is_parsed()
    {
        var line = EmulatorCommandLine.Parse(new[]
        {
            "--urls", "http://127.0.0.1:5140", "--client-id", "id", "--client-secret", "secret",
            "--rate-limit-per-minute", "120", "--token-lifetime-seconds", "300", "--latency-ms", "15", "--seed", "-9",
            "--max-bulk-entities", "50", "--max-body-bytes", "4096",
        });
        Assert.Equal("http://127.0.0.1:5140", line.Url);
        Assert.False(line.Help);
        Assert.Equal("secret", line.Options.Clients["id"]);
        Assert.Equal(120, line.Options.RateLimitPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(300), line.Options.TokenLifetime);
        Assert.Equal(TimeSpan.FromMilliseconds(15), line.Options.Latency);
        Assert.Equal(-9, line.Options.Seed);
        Assert.Equal(50, line.Options.MaxBulkEntities);
        Assert.Equal(4096, line.Options.MaxBodyBytes);
    }

    [Fact]
    public void Defaults_apply_when_options_are_left_out()
    {
        var line = EmulatorCommandLine.Parse(Array.Empty<string>());
        Assert.Equal("http://127.0.0.1:0", line.Url);
        Assert.Empty(line.Options.Clients);
        Assert.Equal(300, line.Options.RateLimitPerMinute);
        Assert.Equal(TimeSpan.FromHours(1), line.Options.TokenLifetime);
        Assert.Equal(1, line.Options.Seed);
    }

    [Theory]
    [InlineData("--urls")]
    [InlineData("--urls", "http://10.0.0.5:5140")]
    [InlineData("--urls", "https://127.0.0.1:5140")]
    [InlineData("--client-id", "only-id")]
    [InlineData("--rate-limit-per-minute", "lots")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--colour", "blue")]
    public void Bad_command_lines_are_refused(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(args));
    }

    [Fact]
    public async Task Main_prints_usage_for_help_and_fails_on_bad_arguments()
    {
        Assert.True(EmulatorCommandLine.Parse(new[] { "--help" }).Help);
        Assert.Equal(0, await GenesysSync.Emulator.Program.Main(new[] { "--help" }));
        Assert.Equal(2, await GenesysSync.Emulator.Program.Main(new[] { "--nonsense", "1" }));
    }

    [Fact]
    public async Task The_server_binds_port_zero_to_a_real_port()
    {
        var org = new EmulatorOrg(new EmulatorOptions());
        await using var running = await EmulatorServer.StartAsync(org);
        Assert.Equal("127.0.0.1", running.BaseAddress.Host);
        Assert.NotEqual(0, running.BaseAddress.Port);
        Assert.Same(org, running.Org);
        using var http = new HttpClient { BaseAddress = running.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_emulator/stats")).StatusCode);
    }
}
