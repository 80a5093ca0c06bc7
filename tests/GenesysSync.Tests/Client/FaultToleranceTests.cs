using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

/// <summary>
/// Faults the real service or the network may throw at the client that the happy-path tests do not:
/// odd Retry-After values, a sick login host, broken bodies, transport failures of every kind.
/// Each test asserts on the outcome (result, request counts, exception type and message).
/// </summary>
public sealed class FaultToleranceTests
{
    private const string Path = "/api/v2/externalcontacts/contacts/6a1b9f4e-4d2c-4e8a-9b61-2f0a5c3d7e11";
    private const string CreatePath = "/api/v2/externalcontacts/contacts";

    private static HttpResponseMessage TooMany(string retryAfter)
    {
        var r = FakeGenesys.Error(429, "too.many.requests.retry.after");
        r.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return r;
    }

    private static HttpResponseMessage Raw(int status, string body, string mediaType = "application/json")
        => new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    // ------------------------------------------------------------ Retry-After

    [Fact]
    public async Task Retry_After_as_an_http_date_is_waited_until_that_time()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => TooMany(f.Clock.GetUtcNow().AddSeconds(20).ToString("r"))).Then(200, new { id = "x" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, response.Attempts);
        Assert.InRange((f.Fake.Requests[1].Time - f.Fake.Requests[0].Time).TotalSeconds, 20.0, 21.0);
    }

    [Fact]
    public async Task Retry_After_with_a_fraction_is_honoured_not_ignored()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => TooMany("12.5")).Then(200, new { id = "x" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, response.Attempts);
        Assert.InRange((f.Fake.Requests[1].Time - f.Fake.Requests[0].Time).TotalSeconds, 12.5, 14.0);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData(null)]
    public async Task A_429_with_a_negative_unreadable_or_missing_Retry_After_backs_off_and_recovers(string? retryAfter)
    {
        using var f = new ClientFixture();
        f.Options.RetryBaseDelay = TimeSpan.FromSeconds(2);
        f.Fake.Then(_ => retryAfter is null ? FakeGenesys.Error(429, "too.many.requests.retry.after") : TooMany(retryAfter))
              .Then(200, new { id = "x" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, response.Attempts);
        var waited = f.Fake.Requests[1].Time - f.Fake.Requests[0].Time;
        Assert.InRange(waited.TotalSeconds, 1.0, 4.0); // own backoff, never a negative or zero-length loop
    }

    [Fact]
    public async Task A_Retry_After_of_a_day_gives_up_at_once_and_does_not_stall_the_next_request()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetryWait = TimeSpan.FromMinutes(3);
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 86400));
        var client = await f.ConnectAsync();
        var start = f.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<GenesysRateLimitException>(() => client.SendAsync(HttpMethod.Get, Path));
        Assert.Contains("exceeds the maximum wait", ex.Message);
        Assert.Equal(TimeSpan.FromDays(1), ex.RetryAfter);
        Assert.Single(f.Fake.Requests);

        // The token is paused at most MaxRetryWait, not a whole day.
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.InRange((f.Fake.Requests[1].Time - start).TotalMinutes, 0, 3.01);
    }

    // ------------------------------------------------------------ login host

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task A_sick_login_host_is_retried_then_a_clear_error_that_does_not_blame_the_credentials(int status)
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        f.Fake.TokenResponder = _ => Raw(status, "<html><body>Service Unavailable</body></html>", "text/html");

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(f.ConnectAsync);

        Assert.Equal(3, f.Fake.TokenCalls);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("login.mypurecloud.de", ex.Message);
        Assert.Contains("HTTP " + status, ex.Message);
        Assert.DoesNotContain("rejected", ex.Message);
        Assert.True(ex.IsRetryable);
        Assert.DoesNotContain(ClientFixture.Secret, ex.ToString());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task Invalid_client_at_the_login_host_is_not_retried(int status)
    {
        using var f = new ClientFixture();
        f.Fake.TokenResponder = _ => FakeGenesys.Json(status, new { error = "invalid_client", error_description = "Invalid client credentials" });

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(f.ConnectAsync);

        Assert.Equal(1, f.Fake.TokenCalls);
        Assert.Equal("invalid_client", ex.Code);
        Assert.False(ex.IsRetryable);
        Assert.Contains("client-1", ex.Message);
        Assert.DoesNotContain(ClientFixture.Secret, ex.ToString());
    }

    [Fact]
    public async Task An_unreachable_login_host_names_the_host_and_keeps_the_cause()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 1;
        f.Fake.TokenResponder = _ => throw new HttpRequestException("No such host is known. (login.mypurecloud.de:443)", new SocketException((int)SocketError.HostNotFound));

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(f.ConnectAsync);

        Assert.Equal(2, f.Fake.TokenCalls);
        Assert.Contains("login.mypurecloud.de", ex.Message);
        Assert.True(ex.IsRetryable);
        Assert.IsType<GenesysTransportException>(ex.InnerException);
    }

    [Theory]
    [InlineData("{\"access_token\":\"t\",\"expires_in\":0}")]
    [InlineData("{\"access_token\":\"t\",\"expires_in\":-30}")]
    [InlineData("{\"access_token\":\"t\"}")]
    [InlineData("{\"access_token\":\"t\",\"expires_in\":\"3600\"}")]
    [InlineData("{\"access_token\":\"t\",\"expires_in\":1e300}")]
    public async Task Odd_expires_in_values_do_not_refresh_on_every_request_or_crash(string body)
    {
        using var f = new ClientFixture();
        f.Fake.TokenResponder = _ => Raw(200, body);
        var client = await f.ConnectAsync();

        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(HttpMethod.Get, Path);
            f.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, f.Fake.TokenCalls);
        Assert.InRange(client.Tokens.Single().ExpiresAt - f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5), TimeSpan.FromHours(48));
    }

    [Theory]
    [InlineData("<html>Gateway</html>", "text/html")]
    [InlineData("{\"access_token\":", "application/json")]
    [InlineData("", "application/json")]
    public async Task A_token_reply_without_a_token_is_a_clear_error(string body, string mediaType)
    {
        using var f = new ClientFixture();
        f.Fake.TokenResponder = _ => Raw(200, body, mediaType);

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(f.ConnectAsync);

        Assert.Contains("without an access token", ex.Message);
        Assert.DoesNotContain(ClientFixture.Secret, ex.ToString());
    }

    // ------------------------------------------------------------ broken bodies

    [Theory]
    [InlineData(503, "<html><body>503 Service Temporarily Unavailable</body></html>", "text/html")]
    [InlineData(502, "", "text/plain")]
    public async Task A_load_balancer_error_page_or_empty_5xx_is_retried_and_reported_by_status(int status, string body, string mediaType)
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 1;
        f.Fake.Default = _ => Raw(status, body, mediaType);
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Equal(status, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.True(ex.IsRetryable);
        Assert.Contains("HTTP " + status, ex.Message);
        Assert.DoesNotContain("<html>", ex.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"abc\",\"firstName\":\"Ann")]        // cut mid-body
    [InlineData("<html>proxy login</html>")]                   // not JSON at all
    [InlineData("[1,2,3]")]                                     // JSON, wrong shape
    public async Task A_2xx_with_a_broken_body_is_a_clear_GenesysApiException_not_a_JsonException(string body)
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Raw(201, body, "text/plain");
        var client = await f.ConnectAsync();
        var api = new ExternalContactsApi(client);

        var ex = await Assert.ThrowsAsync<GenesysApiException>(() => api.CreateContactAsync(new ExternalContact { FirstName = "Ann" }));
        Assert.Contains("POST /api/v2/externalcontacts/contacts", ex.Message);
        Assert.Contains("not the expected JSON", ex.Message);
        Assert.Equal("response.malformed", ex.Code);
        Assert.True(ex.IsRetryable); // outcome unknown: the engine looks the keys up rather than failing for good
        Assert.Single(f.Fake.Requests); // but the client itself never re-sends a create
        Assert.DoesNotContain("Ann", ex.Message); // no body content (PII) in the message

        // Enrich reads the body itself: same typed error, not a raw JsonException.
        var enrich = await Assert.ThrowsAsync<GenesysApiException>(() => api.EnrichAsync(new ContactEnrichRequest()));
        Assert.Contains("not the expected JSON", enrich.Message);
        Assert.Single(f.Fake.Requests, r => r.Path.EndsWith("/enrich", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_plain_content_type_with_a_json_body_is_read()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Raw(200, "{\"id\":\"abc\",\"firstName\":\"Ann\"}", "text/plain");
        var client = await f.ConnectAsync();

        var contact = await new ExternalContactsApi(client).GetContactAsync("abc");

        Assert.Equal("Ann", contact!.FirstName);
    }

    [Fact]
    public async Task A_listing_with_null_entities_and_no_cursor_ends_the_scan()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Raw(200, "{\"entities\":null}");
        var client = await f.ConnectAsync();

        var all = new List<ExternalContact>();
        await foreach (var c in new ExternalContactsApi(client).ScanContactsAsync()) all.Add(c);

        Assert.Empty(all);
        Assert.Single(f.Fake.Requests);
    }

    // ------------------------------------------------------------ bulk replies

    [Fact]
    public async Task A_bulk_add_reply_missing_a_row_does_not_resend_that_create()
    {
        using var f = new ClientFixture();
        f.Fake.Default = r => Raw(200, "{\"results\":[{\"id\":\"id-1\",\"success\":true,\"entity\":{\"id\":\"id-1\",\"firstName\":\"A\"}}]}");
        var client = await f.ConnectAsync();

        var results = await new ExternalContactsApi(client).BulkAddAsync(new[]
        {
            new ExternalContact { FirstName = "A" }, new ExternalContact { FirstName = "B" },
        });

        Assert.Single(f.Fake.Requests); // B may have been created: sending it again could duplicate it
        Assert.True(results[0].Success);
        Assert.False(results[1].Success);
        Assert.Equal(BulkResultMatcher.MissingResultCode, results[1].Error!.Code);
        Assert.False(results[1].IsRetryable);
    }

    [Fact]
    public async Task A_bulk_update_reply_missing_a_row_resends_only_that_row()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => Raw(200, "{\"results\":[{\"id\":\"id-2\",\"success\":true,\"entity\":{\"id\":\"id-2\"}}]}"))
              .Then(_ => Raw(200, "{\"results\":[{\"id\":\"id-1\",\"success\":true,\"entity\":{\"id\":\"id-1\"}}]}"));
        var client = await f.ConnectAsync();

        var results = await new ExternalContactsApi(client).BulkUpdateAsync(new[]
        {
            new ExternalContact { Id = "id-1", FirstName = "A" }, new ExternalContact { Id = "id-2", FirstName = "B" },
        });

        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Contains("id-1", f.Fake.Requests[1].Body);
        Assert.DoesNotContain("id-2", f.Fake.Requests[1].Body);
        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal(new[] { "id-1", "id-2" }, results.Select(r => r.Id));
    }

    [Fact]
    public async Task Bulk_results_out_of_order_null_or_extra_are_matched_by_id_without_crashing()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Raw(200,
            "{\"results\":[null,{\"id\":\"id-3\",\"success\":true},{\"id\":\"id-1\",\"success\":false,\"error\":{\"code\":\"not.found\",\"status\":404}}," +
            "{\"id\":\"id-2\",\"success\":true},{\"id\":\"id-9\",\"success\":true}]}");
        var client = await f.ConnectAsync();

        var results = await new ExternalContactsApi(client).BulkRemoveAsync(new[] { "id-1", "id-2", "id-3" });

        Assert.Equal(new[] { "id-1", "id-2", "id-3" }, results.Select(r => r.Id));
        Assert.Equal(new[] { false, true, true }, results.Select(r => r.Success));
        Assert.Equal("not.found", results[0].Error!.Code);
    }

    [Fact]
    public async Task A_bulk_reply_that_is_not_json_fails_the_batch_with_a_typed_error()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Raw(200, "{\"results\":[{\"id\":\"id-1\",\"succ");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysApiException>(() => new ExternalContactsApi(client).BulkAddAsync(new[] { new ExternalContact { FirstName = "A" } }));
        Assert.Contains("POST /api/v2/externalcontacts/bulk/contacts/add", ex.Message);
        Assert.Single(f.Fake.Requests);
    }

    [Fact]
    public async Task A_404_on_a_bulk_route_is_a_not_found_error_for_the_batch()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => FakeGenesys.Error(404, "not.found", "No route");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysNotFoundException>(() => new ExternalContactsApi(client).BulkAddAsync(new[] { new ExternalContact { FirstName = "A" } }));
        Assert.Contains("POST /api/v2/externalcontacts/bulk/contacts/add", ex.Message);
        Assert.Single(f.Fake.Requests);
    }

    // ------------------------------------------------------------ transport

    private sealed class CutStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ == 0)
            {
                var head = Encoding.UTF8.GetBytes("{\"id\":\"ab");
                Array.Copy(head, 0, buffer, offset, head.Length);
                return head.Length;
            }
            throw new IOException("The response ended prematurely.");
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static HttpResponseMessage CutReply() => new(HttpStatusCode.OK) { Content = new StreamContent(new CutStream()) };

    [Fact]
    public async Task A_reply_cut_mid_body_is_retried_for_a_read()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => CutReply()).Then(200, new { id = "abc" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, response.Attempts);
        Assert.Equal(1, client.Stats.TransportErrors);
    }

    [Fact]
    public async Task A_reply_cut_mid_body_is_not_resent_for_a_create()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => CutReply();
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Post, CreatePath, new { firstName = "A" }));

        Assert.Single(f.Fake.Requests);
        Assert.Contains("not safe to repeat", ex.Message);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, "could not reach")]
    [InlineData(SocketError.ConnectionRefused, "could not reach")]
    public async Task A_connection_that_cannot_be_made_is_retried_even_for_a_create_then_names_the_host(SocketError error, string expected)
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        f.Fake.Default = _ => throw new HttpRequestException("Connection failed (api.mypurecloud.de:443)", new SocketException((int)error));
        var client = await f.ConnectAsync();

        // Nothing reached the server, so even a create may be sent again.
        var ex = await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Post, CreatePath, new { firstName = "A" }));

        Assert.Equal(3, f.Fake.Requests.Count);
        Assert.Equal(3, ex.Attempts);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("api.mypurecloud.de", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task A_tls_failure_is_not_retried_and_says_tls()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => throw new HttpRequestException("The SSL connection could not be established, see inner exception.",
            new AuthenticationException("Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'."));
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Single(f.Fake.Requests);
        Assert.Contains("TLS", ex.Message);
        Assert.Contains("api.mypurecloud.de", ex.Message);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task An_HttpClient_timeout_is_a_timeout_not_a_user_cancellation()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 1;
        f.Fake.Default = _ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
            new TimeoutException("The operation was canceled."));
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysTimeoutException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Equal(2, ex.Attempts);
        Assert.True(ex.IsRetryable);
    }

    // ------------------------------------------------------------ auth and permission

    [Fact]
    public async Task Credentials_revoked_mid_run_stop_with_an_authentication_error_not_a_retry_storm()
    {
        using var f = new ClientFixture();
        var client = await f.ConnectAsync();
        f.Fake.Default = _ => FakeGenesys.Error(401, "bad.credentials", "Invalid login credentials.");
        f.Fake.TokenResponder = _ => FakeGenesys.Json(401, new { error = "invalid_client", error_description = "Invalid client credentials" });

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Single(f.Fake.Requests);
        Assert.Equal(2, f.Fake.TokenCalls); // connect + one refresh
        Assert.Equal("invalid_client", ex.Code);
        Assert.DoesNotContain(ClientFixture.Secret, ex.ToString());
    }

    [Fact]
    public async Task A_403_names_the_missing_permission()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => FakeGenesys.Error(403, "missing.permissions",
            "Unable to perform the requested action. You are missing the following permission(s): [externalContacts:contact:add]", contextId: "ctx-403");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysPermissionException>(() => client.SendAsync(HttpMethod.Post, CreatePath, new { firstName = "A" }));

        Assert.Single(f.Fake.Requests);
        Assert.Contains("externalContacts:contact:add", ex.Message);
        Assert.Contains("ctx-403", ex.Message);
    }

    // ------------------------------------------------------------ limiter and breaker

    [Fact]
    public async Task Cancelled_queued_requests_give_their_budget_back_so_the_next_request_does_not_wait_behind_them()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.RequestsPerMinute = 2;
        f.Options.MaxConcurrency = 10;
        f.Options.RateWindowMargin = TimeSpan.Zero;
        var client = await f.ConnectAsync();
        await client.SendAsync(HttpMethod.Get, Path);
        await client.SendAsync(HttpMethod.Get, Path);
        var start = f.Clock.GetUtcNow();

        using var cts = new CancellationTokenSource();
        var queued = Enumerable.Range(0, 6).Select(_ => client.SendAsync(HttpMethod.Get, Path, null, cts.Token)).ToList();
        await f.Clock.WaitForPendingTimersAsync(6);
        cts.Cancel();
        foreach (var q in queued) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => q.WaitAsync(TimeSpan.FromSeconds(10)));

        var next = client.SendAsync(HttpMethod.Get, Path);
        await f.Clock.WaitForPendingTimersAsync(1);
        f.Clock.Advance(TimeSpan.FromSeconds(60));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, f.Fake.Requests.Count);
        Assert.Equal(start + TimeSpan.FromSeconds(60), f.Fake.Requests[2].Time);
    }

    [Fact]
    public async Task A_half_open_probe_that_fails_reopens_and_a_later_probe_closes()
    {
        using var f = new ClientFixture();
        f.Options.CircuitBreakerThreshold = 2;
        f.Options.MaxRetries = 0;
        f.Options.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        f.Fake.Then(FakeGenesys.Error(500, "internal.server.error")).Then(FakeGenesys.Error(500, "internal.server.error"))
              .Then(_ => throw new HttpRequestException("reset", new IOException("reset")));
        var client = await f.ConnectAsync();

        await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        await Assert.ThrowsAsync<GenesysCircuitOpenException>(() => client.SendAsync(HttpMethod.Get, Path));
        f.Clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Get, Path)); // the probe fails
        await Assert.ThrowsAsync<GenesysCircuitOpenException>(() => client.SendAsync(HttpMethod.Get, Path)); // open again
        f.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, Path)).StatusCode); // the next probe closes it
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, Path)).StatusCode);
        Assert.Equal(5, f.Fake.Requests.Count);
    }
}
