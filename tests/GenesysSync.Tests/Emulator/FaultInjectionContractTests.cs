using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Emulator;

public sealed class FaultInjectionContractTests : EmulatorTestBase
{
    private const string BulkAdd = "/api/v2/externalcontacts/bulk/contacts/add";
    private const string BulkAddKey = "POST " + BulkAdd;

    private static JsonObject OneRow(string name) => new() { ["entities"] = new JsonArray(Contact(name, "Fault")) };

    [Fact]
    public async Task The_third_bulk_add_fails_with_503_and_changes_nothing()
    {
        var rule = Org.Faults.Add(FaultRule.OnNth(3, FaultKind.Status5xx, BulkAdd));
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.Add((await PostAsync(BulkAdd, OneRow("Row" + i))).Status);
        Assert.Equal(new[] { 200, 200, 503, 200, 200 }, statuses);
        Assert.Equal(4, Org.ExternalContactCount);
        Assert.DoesNotContain(Org.ExternalContacts, c => c["firstName"]!.GetValue<string>() == "Row2");
        Assert.Equal(5, rule.Matched);
        Assert.Equal(1, rule.Fired);
        Assert.Equal(1, Org.Stats.CountFault(FaultKind.Status5xx));
        Assert.Equal(1, Org.Stats.Count(BulkAddKey, 503));
        Assert.Equal(4, Org.Stats.Count(BulkAddKey, 200));
    }

    [Theory]
    [InlineData(500, "internal.server.error")]
    [InlineData(502, "bad.gateway")]
    [InlineData(503, "service.unavailable")]
    [InlineData(504, "request.timeout")]
    public async Task Server_errors_carry_the_platform_error_body(int code, string errorCode)
    {
        Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = code, Times = 1 });
        var (status, body, _) = await GetAsync(Sources);
        Assert.Equal(code, status);
        AssertError(body, code, errorCode);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task An_html_error_is_a_load_balancer_page_and_changes_nothing()
    {
        Org.Faults.Add(new FaultRule { Kind = FaultKind.HtmlError, StatusCode = 502, Route = BulkAdd, Times = 1 });
        var response = await SendAsync(HttpMethod.Post, BulkAdd, OneRow("Html"));
        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, Org.ExternalContactCount);
        Assert.Equal(1, Org.Stats.CountFault(FaultKind.HtmlError));
        Assert.Equal(200, (await PostAsync(BulkAdd, OneRow("Html"))).Status);
    }

    [Fact]
    public async Task A_truncated_body_is_applied_and_its_reply_is_cut_in_half()
    {
        Org.Faults.Add(FaultRule.OnNth(1, FaultKind.TruncatedBody, BulkAdd));
        var response = await SendAsync(HttpMethod.Post, BulkAdd, OneRow("Cut"));
        Assert.Equal(200, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
        Assert.Equal(1, Org.ExternalContactCount); // applied
    }

    [Fact]
    public async Task Shuffled_bulk_results_come_in_reverse_order()
    {
        Org.Faults.Add(FaultRule.OnNth(1, FaultKind.ShuffledBulkResults, BulkAdd));
        var rows = new JsonObject { ["entities"] = new JsonArray(Contact("A", "X"), Contact("B", "X"), Contact("C", "X")) };
        var (status, body, _) = await PostAsync(BulkAdd, rows);
        Assert.Equal(200, status);
        Assert.Equal(new[] { "C", "B", "A" }, body!["results"]!.AsArray().Select(r => (string?)r!["entity"]!["firstName"]));
        Assert.Equal(3, Org.ExternalContactCount);
    }

    [Fact]
    public async Task A_429_storm_answers_the_next_n_requests_with_retry_after()
    {
        Org.Faults.Add(FaultRule.Next(3, FaultKind.Status429, "/api/v2/externalcontacts/*"));
        Org.Faults.Rules[0].RetryAfterSeconds = 7;
        for (var i = 0; i < 3; i++)
        {
            var (status, body, response) = await GetAsync(Sources);
            Assert.Equal(429, status);
            Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
            AssertError(body, 429, "too.many.requests.retry.after");
        }
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(3, Org.Stats.CountFault(FaultKind.Status429));
    }

    [Fact]
    public async Task Method_and_route_filters_limit_a_rule()
    {
        Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 500, Method = "GET", Route = "/api/v2/externalcontacts/contacts/{contactId}" });
        var created = await CreateContactAsync(Contact("Filter", "Me"));
        Assert.Equal(500, (await GetAsync(Contacts + "/" + Id(created))).Status);
        Assert.Equal(200, (await PutAsync(Contacts + "/" + Id(created), Contact("Filter", "You"))).Status);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(500, (await GetAsync(Contacts + "/" + Id(created))).Status);
    }

    [Fact]
    public async Task Skip_and_times_script_a_burst()
    {
        var rule = Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 502, Route = Sources, Method = "GET", Skip = 2, Times = 2 });
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++) statuses.Add((await GetAsync(Sources)).Status);
        Assert.Equal(new[] { 200, 200, 502, 502, 200, 200 }, statuses);
        Assert.Equal(2, rule.Fired);
    }

    [Fact]
    public async Task A_connection_reset_never_reaches_the_org()
    {
        Org.Faults.Add(FaultRule.Next(1, FaultKind.ConnectionReset, "/api/v2/externalcontacts/contacts", "POST"));
        using var fresh = new HttpClient { BaseAddress = Server.BaseAddress };
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Post, Contacts, Contact("Reset", "Me"), client: fresh));
        Assert.Equal(1, Org.Stats.Count("POST /api/v2/externalcontacts/contacts"));
        Assert.Equal(0, Org.ExternalContactCount);
        Assert.Equal(1, Org.Stats.Count("POST /api/v2/externalcontacts/contacts", 0));
        Assert.Equal(1, Org.Stats.CountFault(FaultKind.ConnectionReset));
        Assert.NotNull(error);
        Assert.Equal(201, (await PostAsync(Contacts, Contact("After", "Reset"))).Status);
    }

    [Fact]
    public async Task A_lost_response_applies_the_write_but_the_client_sees_a_transport_failure()
    {
        Org.Faults.Add(FaultRule.OnNth(1, FaultKind.LostResponse, BulkAdd));
        // On the pooled connection that fetched the token: the client stack must not silently re-send the POST.
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Post, BulkAdd, OneRow("Lost")));
        Assert.Equal(1, Org.Stats.Count(BulkAddKey));
        var stored = Assert.Single(Org.ExternalContacts);
        Assert.Equal("Lost", stored["firstName"]!.GetValue<string>());
        Assert.Equal(1, Org.Stats.Count(BulkAddKey, 200));
        Assert.Equal(1, Org.Stats.CountFault(FaultKind.LostResponse));

        // A careful client reconciles (here: scan) instead of blindly re-sending the create.
        var (_, page, _) = await GetAsync("/api/v2/externalcontacts/scan/contacts");
        Assert.Single(page!["entities"]!.AsArray());
    }

    [Fact]
    public async Task A_413_fault_answers_with_the_size_error()
    {
        Org.Faults.Add(FaultRule.Next(1, FaultKind.Status413, BulkAdd));
        var (status, body, _) = await PostAsync(BulkAdd, OneRow("Big"));
        Assert.Equal(413, status);
        AssertError(body, 413, "request.entity.too.large");
        Assert.Equal(0, Org.ExternalContactCount);
    }

    [Fact]
    public async Task The_login_route_can_be_faulted_too()
    {
        Org.Faults.Add(FaultRule.Next(1, FaultKind.Status5xx, "/oauth/token"));
        using (var failed = await RequestTokenAsync(ClientId, ClientSecret)) Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        await GetTokenAsync();
    }

    [Fact]
    public async Task Rules_can_be_removed_and_cleared()
    {
        var a = Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 500, Route = Sources });
        Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 503, Route = Sources });
        Assert.Equal(500, (await GetAsync(Sources)).Status); // the first rule wins
        Assert.True(Org.Faults.Remove(a.Id));
        Assert.False(Org.Faults.Remove(a.Id));
        Assert.Equal(503, (await GetAsync(Sources)).Status);
        Org.Faults.Clear();
        Assert.Empty(Org.Faults.Rules);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public void Nonsense_rules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Org.Faults.Add(new FaultRule { Probability = 1.5 }));
        Assert.Throws<ArgumentException>(() => Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 404 }));
        Assert.Throws<ArgumentException>(() => Org.Faults.Add(new FaultRule { Skip = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultRule.OnNth(0, FaultKind.Status429));
        Assert.Empty(Org.Faults.Rules);
    }

    [Fact]
    public async Task The_control_surface_adds_lists_and_clears_rules()
    {
        var add = new StringContent("{\"kind\":\"Status5xx\",\"statusCode\":502,\"route\":\"" + Sources + "\",\"nth\":2}", Encoding.UTF8, "application/json");
        using var created = await Http.PostAsync("/_emulator/faults", add);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("Status5xx", rule["kind"]!.GetValue<string>());
        Assert.Equal(1, rule["skip"]!.GetValue<int>());
        Assert.Equal(1, rule["times"]!.GetValue<int>());

        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(502, (await GetAsync(Sources)).Status);
        Assert.Equal(200, (await GetAsync(Sources)).Status);

        var listed = JsonNode.Parse(await Http.GetStringAsync("/_emulator/faults"))!.AsArray();
        Assert.Equal(1, Assert.Single(listed)!["fired"]!.GetValue<int>());
        Assert.Equal(3, listed[0]!["matched"]!.GetValue<int>());

        using var bad = await Http.PostAsync("/_emulator/faults", new StringContent("{\"kind\":\"Explode\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var cleared = await Http.DeleteAsync("/_emulator/faults");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty(Org.Faults.Rules);
    }

    [Fact]
    public async Task One_rule_can_be_deleted_through_the_control_surface()
    {
        var rule = Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, Route = Sources });
        using var deleted = await Http.DeleteAsync("/_emulator/faults/" + rule.Id);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var again = await Http.DeleteAsync("/_emulator/faults/" + rule.Id);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
    }
}

/// <summary>Probabilistic faults and timing faults, in-process (no sockets needed to reason about determinism).</summary>
public sealed class FaultDeterminismTests
{
    private static async Task<List<int>> Run(int seed, double probability, int requests)
    {
        var options = new EmulatorOptions { Seed = seed, RateLimitPerMinute = 0 };
        var org = new EmulatorOrg(options);
        org.Faults.Add(FaultRule.WithProbability(probability, FaultKind.Status5xx, "/api/v2/externalcontacts/externalsources"));
        using var http = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.mypurecloud.com") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.IssueToken("c"));
        var statuses = new List<int>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await http.GetAsync("/api/v2/externalcontacts/externalsources");
            statuses.Add((int)response.StatusCode);
        }
        Assert.Equal(statuses.Count(s => s == 503), org.Stats.CountFault(FaultKind.Status5xx));
        return statuses;
    }

    [Fact]
    public async Task The_same_seed_faults_the_same_requests()
    {
        var first = await Run(seed: 42, probability: 0.3, requests: 200);
        var second = await Run(seed: 42, probability: 0.3, requests: 200);
        Assert.Equal(first, second);
        var failures = first.Count(s => s == 503);
        Assert.InRange(failures, 30, 90);
        Assert.All(first, s => Assert.True(s is 200 or 503));
    }

    [Fact]
    public async Task A_different_seed_faults_different_requests()
    {
        Assert.NotEqual(await Run(seed: 1, probability: 0.3, requests: 200), await Run(seed: 2, probability: 0.3, requests: 200));
    }

    [Fact]
    public async Task Probabilities_zero_and_one_are_never_and_always()
    {
        Assert.All(await Run(seed: 7, probability: 0, requests: 50), s => Assert.Equal(200, s));
        Assert.All(await Run(seed: 7, probability: 1, requests: 50), s => Assert.Equal(503, s));
    }

    [Fact]
    public async Task In_process_transport_failures_are_http_request_exceptions_over_io_exceptions()
    {
        var org = new EmulatorOrg(new EmulatorOptions());
        org.Faults.Add(FaultRule.Next(1, FaultKind.LostResponse));
        org.Faults.Add(FaultRule.Next(1, FaultKind.ConnectionReset));
        using var http = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.usw2.pure.cloud") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.IssueToken("c"));
        var body = new StringContent("{\"firstName\":\"Lost\"}", Encoding.UTF8, "application/json");

        var lost = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("/api/v2/externalcontacts/contacts", body));
        Assert.IsType<IOException>(lost.InnerException);
        Assert.Equal(1, org.ExternalContactCount); // applied

        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("/api/v2/externalcontacts/contacts", new StringContent("{\"firstName\":\"Reset\"}", Encoding.UTF8, "application/json")));
        Assert.IsType<IOException>(reset.InnerException);
        Assert.Equal(1, org.ExternalContactCount); // not applied
        Assert.Equal(1, org.Stats.Count("POST /api/v2/externalcontacts/contacts", 201));
        Assert.Equal(1, org.Stats.Count("POST /api/v2/externalcontacts/contacts", 0));
    }

    [Fact]
    public async Task A_slow_reply_waits_on_the_org_clock()
    {
        var clock = new ManualTimeProvider();
        var org = new EmulatorOrg(new EmulatorOptions { TimeProvider = clock });
        org.Faults.Add(new FaultRule { Kind = FaultKind.SlowReply, Delay = TimeSpan.FromSeconds(30), Times = 1 });
        using var http = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://api.mypurecloud.com") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.IssueToken("c"));

        var pending = http.PostAsync("/api/v2/externalcontacts/contacts", new StringContent("{\"firstName\":\"Slow\"}", Encoding.UTF8, "application/json"));
        await WaitUntil(() => clock.PendingTimers > 0);
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, org.ExternalContactCount); // served, reply held back
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, org.Stats.CountFault(FaultKind.SlowReply));
    }

    [Fact]
    public async Task Latency_is_added_to_every_reply()
    {
        var clock = new ManualTimeProvider();
        var org = new EmulatorOrg(new EmulatorOptions { TimeProvider = clock, Latency = TimeSpan.FromMilliseconds(250) });
        using var http = new HttpClient(org.CreateHandler()) { BaseAddress = new Uri("https://login.mypurecloud.com") };
        var pending = http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        await WaitUntil(() => clock.PendingTimers > 0);
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // no clients configured
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 - started < 5000, "timed out waiting for the reply delay to be scheduled");
            await Task.Yield();
        }
    }
}
