using System.Net.Http;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class BreakerAndCancellationTests
{
    private const string Path = "/api/v2/externalcontacts/contacts/abc123";

    [Fact]
    public async Task Breaker_opens_after_a_run_of_5xx_fails_fast_then_half_opens()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.CircuitBreakerThreshold = 3;
        f.Options.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        f.Fake.Default = _ => FakeGenesys.Error(500, "internal.server.error"); // 500 is not retried
        var client = await f.ConnectAsync();

        for (var i = 0; i < 3; i++) await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        var open = await Assert.ThrowsAsync<GenesysCircuitOpenException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(3, f.Fake.Requests.Count); // the 4th never reached the server
        Assert.Contains("circuit breaker is open", open.Message);
        Assert.Contains("last HTTP 500", open.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);
        Assert.Equal(1, client.Stats.CircuitRejections);
        Assert.Contains(f.Events, e => e.Kind == GenesysLogKind.CircuitOpened);

        // Half-open: one probe goes; its failure re-opens the circuit.
        f.Clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        Assert.Equal(4, f.Fake.Requests.Count);
        await Assert.ThrowsAsync<GenesysCircuitOpenException>(() => client.SendAsync(HttpMethod.Get, Path));

        // Next probe succeeds: closed again, traffic flows.
        f.Clock.Advance(TimeSpan.FromSeconds(31));
        f.Fake.Default = _ => FakeGenesys.Json(200, new { });
        await client.SendAsync(HttpMethod.Get, Path);
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.Equal(6, f.Fake.Requests.Count);
        Assert.Contains(f.Events, e => e.Kind == GenesysLogKind.CircuitClosed);
    }

    [Fact]
    public async Task A_success_resets_the_run()
    {
        using var f = new ClientFixture();
        f.Options.CircuitBreakerThreshold = 2;
        f.Fake.Then(FakeGenesys.Error(500, "x")).Then(200).Then(FakeGenesys.Error(500, "x")).Then(200);
        var client = await f.ConnectAsync();

        await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        await client.SendAsync(HttpMethod.Get, Path);
        await Assert.ThrowsAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Get, Path));
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.Equal(0, client.Stats.CircuitRejections);
    }

    [Fact]
    public async Task Retries_stop_when_the_breaker_opens_mid_request()
    {
        using var f = new ClientFixture();
        f.Options.CircuitBreakerThreshold = 3;
        f.Options.MaxRetries = 10;
        f.Fake.Default = _ => FakeGenesys.Error(503, "service.unavailable");
        var client = await f.ConnectAsync();

        await Assert.ThrowsAsync<GenesysCircuitOpenException>(() => client.SendAsync(HttpMethod.Get, Path));
        Assert.Equal(3, f.Fake.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_during_a_Retry_After_wait_stops_at_once_and_leaves_the_client_usable()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.MaxConcurrency = 1;
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 60));
        var client = await f.ConnectAsync();
        using var cts = new CancellationTokenSource();

        var call = client.SendAsync(HttpMethod.Get, Path, null, cts.Token);
        await f.Clock.WaitForPendingTimersAsync(1); // waiting out Retry-After
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(f.Fake.Requests);

        // The concurrency slot was given back: another request goes (once the paused token is free).
        var next = client.SendAsync(HttpMethod.Get, Path);
        await f.Clock.WaitForPendingTimersAsync(1);
        f.Clock.Advance(TimeSpan.FromSeconds(61));
        var response = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_budget_releases_the_reservation()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.RequestsPerMinute = 1;
        f.Options.MaxConcurrency = 1;
        f.Options.RateWindowMargin = TimeSpan.Zero;
        var client = await f.ConnectAsync();
        await client.SendAsync(HttpMethod.Get, Path);
        using var cts = new CancellationTokenSource();

        var waiting = client.SendAsync(HttpMethod.Get, Path, null, cts.Token);
        await f.Clock.WaitForPendingTimersAsync(1);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        // The cancelled request's slot (t+60) was released, so the next one gets it, not t+120.
        var next = client.SendAsync(HttpMethod.Get, Path);
        await f.Clock.WaitForPendingTimersAsync(1);
        f.Clock.Advance(TimeSpan.FromSeconds(60));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(60), f.Fake.Requests[1].Time - f.Fake.Requests[0].Time);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var f = new ClientFixture();
        var client = await f.ConnectAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(HttpMethod.Get, Path, null, new CancellationToken(true)));
        Assert.Empty(f.Fake.Requests);
    }

    [Fact]
    public async Task Disposed_client_refuses_requests()
    {
        using var f = new ClientFixture();
        var client = await f.ConnectAsync();
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SendAsync(HttpMethod.Get, Path));
    }
}
