using System.Net.Http;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class PoolAndRateLimitTests
{
    private const string Path = "/api/v2/externalcontacts/contacts?q=x";

    [Fact]
    public void Limiter_lets_limit_requests_through_then_waits_for_the_oldest_to_leave_the_window()
    {
        var t0 = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var limiter = new SlidingWindowRateLimiter(3, TimeSpan.FromSeconds(60));

        var times = Enumerable.Range(0, 7).Select(_ => limiter.Reserve(t0).Time).ToList();

        Assert.Equal(new[] { t0, t0, t0, t0.AddSeconds(60), t0.AddSeconds(60), t0.AddSeconds(60), t0.AddSeconds(120) }, times);
    }

    [Fact]
    public void Limiter_counts_real_send_times_and_pauses()
    {
        var t0 = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var limiter = new SlidingWindowRateLimiter(2, TimeSpan.FromSeconds(60));
        var a = limiter.Reserve(t0);
        limiter.MarkSent(a, t0.AddSeconds(5)); // sent late
        limiter.Reserve(t0.AddSeconds(5));
        Assert.Equal(t0.AddSeconds(65), limiter.NextAvailable(t0.AddSeconds(10)));

        limiter.PauseUntil(t0.AddSeconds(100));
        Assert.Equal(t0.AddSeconds(100), limiter.NextAvailable(t0.AddSeconds(70)));
    }

    [Fact]
    public void Released_reservations_give_the_budget_back()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var limiter = new SlidingWindowRateLimiter(1, TimeSpan.FromSeconds(60));
        var slot = limiter.Reserve(t0);
        limiter.Release(slot);
        Assert.Equal(t0, limiter.NextAvailable(t0));
    }

    [Fact]
    public async Task Two_tokens_share_the_load_round_robin_and_double_the_budget()
    {
        using var f = new ClientFixture(credentials: 2);
        f.Options.RequestsPerMinute = 5;
        var client = await f.ConnectAsync();

        for (var i = 0; i < 10; i++) await client.SendAsync(HttpMethod.Get, Path);

        var tokens = f.Fake.Requests.Select(r => r.BearerToken).ToList();
        Assert.Equal(new[] { "token-1", "token-2", "token-1", "token-2" }, tokens.Take(4));
        Assert.Equal(5, tokens.Count(t => t == "token-1"));
        Assert.Equal(5, tokens.Count(t => t == "token-2"));
        Assert.Empty(f.Clock.Waits); // ten requests fit the two budgets without waiting
        Assert.All(f.Fake.Requests, r => Assert.Equal(f.Fake.Requests[0].Time, r.Time));

        await client.SendAsync(HttpMethod.Get, Path); // the 11th must wait for a window to move
        var waited = f.Fake.Requests[^1].Time - f.Fake.Requests[0].Time;
        Assert.InRange(waited.TotalSeconds, 60, 62);
        Assert.Equal(0, client.Stats.Throttled);
    }

    [Fact]
    public async Task A_token_paused_by_429_yields_to_the_other_token()
    {
        using var f = new ClientFixture(credentials: 2);
        f.Fake.Then(r => FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 30)).Then(200);
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);

        var requests = f.Fake.Requests;
        Assert.Equal("token-1", requests[0].BearerToken);
        Assert.Equal("token-2", requests[1].BearerToken); // retry goes through the token with budget
    }

    [Fact]
    public async Task Concurrent_burst_is_spread_over_the_window_without_429s()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.RequestsPerMinute = 10;
        f.Options.MaxConcurrency = 4;
        f.Options.RateWindowMargin = TimeSpan.Zero;
        var client = await f.ConnectAsync();

        var calls = Enumerable.Range(0, 25).Select(_ => client.SendAsync(HttpMethod.Get, Path)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (calls.Any(c => !c.IsCompleted) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
            if (f.Clock.PendingTimers > 0) f.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await Task.WhenAll(calls);

        var t0 = f.Fake.Requests.Min(r => r.Time);
        var perWindow = f.Fake.Requests.GroupBy(r => (int)((r.Time - t0).TotalSeconds / 60)).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        Assert.Equal(new[] { 10, 10, 5 }, perWindow);
    }
}
