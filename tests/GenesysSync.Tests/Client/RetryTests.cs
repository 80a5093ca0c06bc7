using System.Net.Http;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class RetryTests
{
    private const string Path = "/api/v2/externalcontacts/contacts/6a1b9f4e-4d2c-4e8a-9b61-2f0a5c3d7e11";

    [Fact]
    public async Task A_429_waits_Retry_After_then_succeeds()
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 7)).Then(200, new { id = "x" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, response.Attempts);
        var requests = f.Fake.Requests;
        Assert.Equal(2, requests.Count);
        var waited = requests[1].Time - requests[0].Time;
        Assert.InRange(waited.TotalSeconds, 7.0, 8.0); // Retry-After + small jitter
        Assert.Equal(1, client.Stats.Throttled);
        Assert.Equal(1, client.Stats.Retries);
        Assert.Equal(1, client.Stats.ByStatus[429]);
        Assert.Equal(2, client.Stats.ByRoute["GET /api/v2/externalcontacts/contacts/{id}"]);
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_then_succeed()
    {
        using var f = new ClientFixture();
        f.Options.RetryBaseDelay = TimeSpan.FromSeconds(2);
        f.Fake.Then(FakeGenesys.Error(503, "service.unavailable")).Then(FakeGenesys.Error(502, "bad.gateway"))
              .Then(FakeGenesys.Error(504, "gateway.timeout")).Then(200);
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);

        var times = f.Fake.Requests.Select(r => r.Time).ToList();
        Assert.Equal(4, times.Count);
        // Equal jitter: retry n waits between half and all of base × 2^n.
        Assert.InRange((times[1] - times[0]).TotalSeconds, 1.0, 2.0);
        Assert.InRange((times[2] - times[1]).TotalSeconds, 2.0, 4.0);
        Assert.InRange((times[3] - times[2]).TotalSeconds, 4.0, 8.0);
        Assert.Equal(3, client.Stats.Retries);
    }

    [Fact]
    public async Task Backoff_is_capped_at_RetryMaxDelay()
    {
        using var f = new ClientFixture();
        f.Options.RetryMaxDelay = TimeSpan.FromSeconds(5);
        f.Options.MaxRetries = 6;
        for (var i = 0; i < 6; i++) f.Fake.Then(FakeGenesys.Error(503, "service.unavailable"));
        f.Fake.Then(200);
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);

        var times = f.Fake.Requests.Select(r => r.Time).ToList();
        for (var i = 1; i < times.Count; i++) Assert.True((times[i] - times[i - 1]).TotalSeconds <= 5.0);
    }

    [Fact]
    public async Task Giving_up_carries_status_code_contextId_and_attempts()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 3;
        f.Fake.Default = _ => FakeGenesys.Error(503, "service.unavailable", "Try later", contextId: "ctx-123");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("service.unavailable", ex.Code);
        Assert.Equal("ctx-123", ex.ContextId);
        Assert.Equal(4, ex.Attempts);
        Assert.True(ex.IsRetryable);
        Assert.Equal("GET /api/v2/externalcontacts/contacts/{id}", ex.Route);
        Assert.Contains("HTTP 503", ex.Message);
        Assert.Contains("ctx-123", ex.Message);
        Assert.Contains("gave up after 4 attempts", ex.Message);
        Assert.Contains("\"code\":\"service.unavailable\"", ex.ResponseBody);
        Assert.Equal(4, f.Fake.Requests.Count);
    }

    [Fact]
    public async Task Rate_limit_that_never_clears_becomes_a_GenesysRateLimitException_once_the_waits_pass_MaxRetryWait()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        f.Options.MaxRetryWait = TimeSpan.FromSeconds(10);
        f.Fake.Default = _ => FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 2);
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysRateLimitException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        // 4 waits of 2 s (+ jitter) fit in 10 s, a fifth would not: 5 requests, whatever MaxRetries says.
        Assert.Equal(5, f.Fake.Requests.Count);
        Assert.Equal(5, client.Stats.Throttled);
        Assert.Contains("still rate limited after 5 attempts", ex.Message);
    }

    [Fact]
    public async Task A_429_storm_longer_than_MaxRetries_is_waited_out()
    {
        // Another integration is using the org's budget: 15 429s in a row, each with Retry-After. The server says
        // when to come back, so these retries are bounded by time (MaxRetryWait), not by MaxRetries.
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        for (var i = 0; i < 15; i++) f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 3));
        f.Fake.Then(200, new { id = "x" });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(16, f.Fake.Requests.Count);
        Assert.Equal(15, client.Stats.Throttled);
        Assert.InRange((f.Fake.Requests[15].Time - f.Fake.Requests[0].Time).TotalSeconds, 45.0, 50.0);
    }

    [Fact]
    public async Task Server_errors_still_count_against_MaxRetries_between_429s()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        f.Fake.Then(FakeGenesys.Error(503, "service.unavailable"))
              .Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 1))
              .Then(FakeGenesys.Error(503, "service.unavailable"))
              .Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 1))
              .Then(FakeGenesys.Error(503, "service.unavailable"))
              .Then(200);
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(5, f.Fake.Requests.Count); // the third 503 is one retry too many; the 429s did not use any
        Assert.Contains("gave up after 5 attempts", ex.Message);
    }

    [Fact]
    public async Task Retry_After_beyond_the_maximum_wait_gives_up_at_once()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetryWait = TimeSpan.FromMinutes(3);
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 600));
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysRateLimitException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Single(f.Fake.Requests);
        Assert.Contains("exceeds the maximum wait", ex.Message);
        Assert.Contains(f.Events, e => e.Kind == GenesysLogKind.GiveUp);
    }

    [Theory]
    [InlineData(400, typeof(GenesysValidationException))]
    [InlineData(422, typeof(GenesysValidationException))]
    [InlineData(403, typeof(GenesysPermissionException))]
    [InlineData(404, typeof(GenesysNotFoundException))]
    [InlineData(409, typeof(GenesysConflictException))]
    [InlineData(413, typeof(GenesysPayloadTooLargeException))]
    [InlineData(500, typeof(GenesysApiException))]
    public async Task Non_retryable_statuses_map_to_typed_exceptions_without_retry(int status, Type expected)
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(status, "some.code", "Nope", contextId: "ctx-9"));
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAnyAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Post, "/api/v2/externalcontacts/contacts", new { firstName = "A" }));

        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("some.code", ex.Code);
        Assert.Equal("ctx-9", ex.ContextId);
        Assert.Single(f.Fake.Requests);
    }

    [Theory]
    [InlineData(408, typeof(GenesysTimeoutException))]
    [InlineData(504, typeof(GenesysTimeoutException))]
    [InlineData(502, typeof(GenesysApiException))]
    public async Task Retryable_statuses_are_retried_then_typed(int status, Type expected)
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 1;
        f.Fake.Default = _ => FakeGenesys.Error(status, "x");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAnyAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.IsType(expected, ex);
        Assert.Equal(2, f.Fake.Requests.Count);
    }

    [Fact]
    public async Task ContextId_falls_back_to_the_correlation_header()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ =>
        {
            var r = FakeGenesys.Json(404, new { message = "gone", code = "not.found", status = 404 });
            r.Headers.Add("ININ-Correlation-Id", "corr-77");
            return r;
        });
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysNotFoundException>(() => client.SendAsync(HttpMethod.Get, Path));
        Assert.Equal("corr-77", ex.ContextId);
    }

    [Fact]
    public async Task Transport_errors_are_retried()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => throw new HttpRequestException("Connection reset by peer", new IOException("reset")))
              .Then(_ => throw new IOException("Unable to read data from the transport connection"))
              .Then(200, new { ok = true });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(3, response.Attempts);
        Assert.Equal(2, client.Stats.TransportErrors);
        Assert.Equal(2, client.Stats.ByStatus[0]);
    }

    [Fact]
    public async Task Persistent_transport_errors_become_a_GenesysTransportException()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 2;
        f.Fake.Default = _ => throw new HttpRequestException("Connection reset by peer");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(3, ex.Attempts);
        Assert.Equal(0, ex.StatusCode);
        Assert.Contains("the connection to api.mypurecloud.de was lost", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task A_response_that_never_comes_times_out_on_the_clock_and_is_retried()
    {
        var clock = new ManualTimeProvider();
        var handler = new HangingThenOk();
        using var hangingClient = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.de"), LoginBaseUri = new Uri("https://login.mypurecloud.de"),
            Credentials = new[] { new OAuthClientCredential("id", "secret") },
            TimeProvider = clock, Transport = handler, RequestTimeout = TimeSpan.FromSeconds(30),
        });

        var call = hangingClient.SendAsync(HttpMethod.Get, Path);
        await handler.FirstAttemptStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(31));   // the attempt times out
        await clock.WaitForPendingTimersAsync(1);   // the client now waits its backoff
        clock.Advance(TimeSpan.FromSeconds(2));     // the backoff passes
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, handler.Attempts);
        Assert.Equal(1, hangingClient.Stats.TransportErrors);
    }

    private sealed class HangingThenOk : HttpMessageHandler
    {
        private int _attempts;
        public int Attempts => _attempts;
        public TaskCompletionSource FirstAttemptStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
                return FakeGenesys.Json(200, new { access_token = "t", expires_in = 3600 });
            if (Interlocked.Increment(ref _attempts) == 1)
            {
                FirstAttemptStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return FakeGenesys.Json(200, new { });
        }
    }
}
