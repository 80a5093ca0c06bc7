using System.Net.Http;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class TokenTests
{
    private const string Path = "/api/v2/externalcontacts/contacts?q=x";

    [Fact]
    public async Task Connect_gets_one_token_per_credential_with_basic_auth()
    {
        using var f = new ClientFixture(credentials: 2);
        var client = await f.ConnectAsync();

        Assert.Equal(2, f.Fake.TokenCalls);
        var expected = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client-1:" + ClientFixture.Secret + "1"));
        Assert.Contains("Basic " + expected, f.Fake.TokenAuthorizations);
        Assert.Equal(new[] { "client-1", "client-2" }, client.Tokens.Select(t => t.ClientId));
        Assert.All(client.Tokens, t => Assert.Equal(f.Clock.GetUtcNow().AddHours(1), t.ExpiresAt));
        Assert.Equal(600, client.RequestsPerMinuteTotal);
    }

    [Fact]
    public async Task A_401_refreshes_exactly_once_and_replays()
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(401, "bad.credentials")).Then(200, new { ok = 1 });
        var client = await f.ConnectAsync();

        var response = await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, f.Fake.TokenCalls);
        Assert.Equal(new[] { "token-1", "token-2" }, f.Fake.Requests.Select(r => r.BearerToken));
        Assert.Equal(1, client.Stats.TokenRefreshes);
    }

    [Fact]
    public async Task A_second_401_is_an_authentication_error_not_a_loop()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => FakeGenesys.Error(401, "bad.credentials", "Invalid login credentials.", contextId: "ctx-401");
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(() => client.SendAsync(HttpMethod.Get, Path));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("bad.credentials", ex.Code);
        Assert.Equal("ctx-401", ex.ContextId);
        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Equal(2, f.Fake.TokenCalls);
    }

    [Fact]
    public async Task Many_concurrent_401s_refresh_the_token_once()
    {
        using var f = new ClientFixture();
        f.Fake.Default = r => r.BearerToken == "token-1" ? FakeGenesys.Error(401, "bad.credentials") : FakeGenesys.Json(200, new { });
        var client = await f.ConnectAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(HttpMethod.Get, Path)));

        Assert.Equal(2, f.Fake.TokenCalls);
        Assert.All(f.Fake.Requests.Where(r => r.BearerToken != "token-1"), r => Assert.Equal("token-2", r.BearerToken));
    }

    [Fact]
    public async Task The_token_is_refreshed_before_it_expires()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.TokenRefreshBuffer = TimeSpan.FromMinutes(5);
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);
        f.Clock.Advance(TimeSpan.FromMinutes(54));
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.Equal(1, f.Fake.TokenCalls);

        f.Clock.Advance(TimeSpan.FromMinutes(2)); // 56 min: inside the 5-minute buffer of a 60-minute token
        await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, f.Fake.TokenCalls);
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, f.Fake.Requests.Select(r => r.BearerToken));
        Assert.Equal(f.Clock.GetUtcNow().AddHours(1), client.Tokens[0].ExpiresAt);
        Assert.Contains(f.Events, e => e.Kind == GenesysLogKind.TokenRefreshed);
    }

    [Fact]
    public async Task Short_lived_tokens_are_not_refreshed_on_every_request()
    {
        using var f = new ClientFixture(autoAdvance: false);
        f.Fake.TokenLifetimeSeconds = 120; // shorter than the 5-minute buffer
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.Equal(1, f.Fake.TokenCalls);

        f.Clock.Advance(TimeSpan.FromSeconds(40)); // past half the lifetime
        await client.SendAsync(HttpMethod.Get, Path);
        Assert.Equal(2, f.Fake.TokenCalls);
    }

    [Fact]
    public async Task Rejected_credentials_fail_connect_with_a_clear_message_and_no_secret()
    {
        using var f = new ClientFixture();
        f.Fake.TokenResponder = _ => FakeGenesys.Json(401, new { error = "invalid_client", description = "client not found", error_description = "client not found" });

        var ex = await Assert.ThrowsAsync<GenesysAuthenticationException>(f.ConnectAsync);

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("invalid_client", ex.Code);
        Assert.Contains("rejected OAuth client client-1", ex.Message);
        Assert.Contains("login.mypurecloud.de", ex.Message);
        Assert.Contains("region", ex.Message);
        Assert.DoesNotContain(ClientFixture.Secret, ex.ToString());
        Assert.Null(f.Client);
    }

    [Fact]
    public async Task Token_endpoint_throttling_is_retried()
    {
        using var f = new ClientFixture();
        f.Fake.TokenResponder = n => n == 1
            ? FakeGenesys.Error(429, "too.many.requests", retryAfterSeconds: 1)
            : FakeGenesys.Json(200, new { access_token = "late-token", expires_in = 3600 });
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(2, f.Fake.TokenCalls);
        Assert.Equal("late-token", f.Fake.Requests.Single().BearerToken);
    }
}
