using System.Net;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Emulator;

public sealed class RateLimitContractTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options) => options.RateLimitPerMinute = 5;

    private const string Route = "GET /api/v2/externalcontacts/externalsources";

    [Fact]
    public async Task The_request_past_the_limit_gets_429_with_retry_after_and_the_documented_body()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources)).Status);
        var (status, body, response) = await GetAsync(Sources);
        Assert.Equal(429, status);
        Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
        var error = AssertError(body, 429, "too.many.requests.retry.after");
        Assert.Equal("Rate limit exceeded the maximum. Retry the request in [60] seconds", error["message"]!.GetValue<string>());
        Assert.Equal(5, Org.Stats.Count(Route, 200));
        Assert.Equal(1, Org.Stats.Count(Route, 429));
    }

    [Fact]
    public async Task Retry_after_counts_down_to_when_the_oldest_request_leaves_the_window()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await GetAsync(Sources)).Status);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        // Requests were at t=0..4; now t=5. The slot of t=0 frees at t=60.
        Clock.Advance(TimeSpan.FromSeconds(5)); // t = 10
        var (status, _, response) = await GetAsync(Sources);
        Assert.Equal(429, status);
        Assert.Equal("50", response.Headers.GetValues("Retry-After").Single());

        Clock.Advance(TimeSpan.FromSeconds(49.6)); // t = 59.6 → 0.4 s left, rounded up to 1
        (status, _, response) = await GetAsync(Sources);
        Assert.Equal(429, status);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());

        Clock.Advance(TimeSpan.FromSeconds(0.4)); // t = 60: one slot free
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
        Clock.Advance(TimeSpan.FromSeconds(1)); // t = 61: the t=1 slot is free
        Assert.Equal(200, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task Rejected_requests_do_not_count_toward_the_window()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources)).Status);
        Clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++) Assert.Equal(429, (await GetAsync(Sources)).Status);
        Clock.Advance(TimeSpan.FromSeconds(30));
        // Had the 429s at t=30 counted, the window would still be full now.
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task Each_token_has_its_own_budget()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
        var second = await GetTokenAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources, second)).Status);
        Assert.Equal(429, (await GetAsync(Sources, second)).Status);
    }

    [Fact]
    public async Task Failed_requests_count_toward_the_window()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(404, (await GetAsync(Contacts + "/" + Guid.NewGuid())).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task Unauthenticated_requests_are_rejected_before_the_limit()
    {
        for (var i = 0; i < 8; i++) Assert.Equal(401, (await GetAsync(Sources, token: null)).Status);
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task Raising_the_limit_at_run_time_takes_effect_at_once()
    {
        for (var i = 0; i < 5; i++) await GetAsync(Sources);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
        Org.Options.RateLimitPerMinute = 7;
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task Reset_empties_the_windows_but_keeps_the_token()
    {
        for (var i = 0; i < 5; i++) await GetAsync(Sources);
        Assert.Equal(429, (await GetAsync(Sources)).Status);
        Org.Reset();
        Assert.Equal(200, (await GetAsync(Sources)).Status);
    }
}

public sealed class DefaultRateLimitTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options)
    {
        // Keep the defaults: 300 requests per minute per token.
    }

    [Fact]
    public async Task The_default_budget_is_300_requests_per_minute()
    {
        Assert.Equal(300, new EmulatorOptions().RateLimitPerMinute);
        for (var i = 0; i < 300; i++)
        {
            using var ok = await SendAsync(HttpMethod.Get, Sources);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await SendAsync(HttpMethod.Get, Sources);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Clock.Advance(TimeSpan.FromSeconds(60));
        using var again = await SendAsync(HttpMethod.Get, Sources);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}

public sealed class NoRateLimitTests : EmulatorTestBase
{
    [Fact]
    public async Task A_limit_of_zero_means_no_limit()
    {
        Assert.Equal(0, Org.Options.RateLimitPerMinute);
        for (var i = 0; i < 350; i++)
        {
            using var ok = await SendAsync(HttpMethod.Get, Sources);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.Equal(0, Org.Stats.CountStatus(429));
    }
}
