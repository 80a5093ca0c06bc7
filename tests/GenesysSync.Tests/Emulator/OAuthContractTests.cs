using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Emulator;

public sealed class OAuthContractTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options)
    {
        base.Configure(options);
        options.TokenLifetime = TimeSpan.FromSeconds(600);
    }

    [Fact]
    public async Task Client_credentials_returns_a_bearer_token_with_the_configured_lifetime()
    {
        using var response = await RequestTokenAsync(ClientId, ClientSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(600, json["expires_in"]!.GetValue<int>());
        var token = json["access_token"]!.GetValue<string>();
        Assert.True(token.Length >= 32);
        Assert.NotEqual(Token, token);
        Assert.Equal(3, json.Count);
    }

    [Theory]
    [InlineData("test-client", "wrong-secret")]
    [InlineData("unknown-client", "test-secret")]
    [InlineData("", "test-secret")]
    public async Task Bad_credentials_get_401_invalid_client_in_the_login_shape(string clientId, string secret)
    {
        using var response = await RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("invalid_client", json["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["description"]!.GetValue<string>()));
        Assert.Equal(json["description"]!.GetValue<string>(), json["error_description"]!.GetValue<string>());
        Assert.DoesNotContain(secret, json["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(json["access_token"]);
    }

    [Fact]
    public async Task Missing_basic_auth_gets_401()
    {
        using var response = await RequestTokenAsync(null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_basic_auth_gets_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic !!!not-base64!!!");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_grant_type_gets_400_unsupported_grant_type()
    {
        using var response = await RequestTokenAsync(ClientId, ClientSecret, "password");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_grant_type_or_json_body_gets_400_invalid_request()
    {
        using var empty = await RequestTokenAsync(ClientId, ClientSecret, "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)));
        using var json = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await json.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_call_without_a_token_gets_401_authentication_required()
    {
        var (status, body, _) = await GetAsync(Sources, token: null);
        Assert.Equal(401, status);
        AssertError(body, 401, "authentication.required");
    }

    [Fact]
    public async Task Api_call_with_an_unknown_token_gets_401_bad_credentials()
    {
        var (status, body, _) = await GetAsync(Sources, token: "not-a-real-token");
        Assert.Equal(401, status);
        AssertError(body, 401, "bad.credentials");
    }

    [Fact]
    public async Task Api_call_with_a_basic_header_gets_401_authentication_required()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Sources);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)));
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 401, "authentication.required");
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(200, (await GetAsync(Sources)).Status);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var (status, body, _) = await GetAsync(Sources);
        Assert.Equal(401, status);
        AssertError(body, 401, "bad.credentials");

        // A new token works again.
        var fresh = await GetTokenAsync();
        Assert.Equal(200, (await GetAsync(Sources, fresh)).Status);
    }

    [Fact]
    public async Task Advancing_the_org_clock_expires_tokens_too()
    {
        Org.AdvanceClock(TimeSpan.FromSeconds(601));
        Assert.Equal(401, (await GetAsync(Sources)).Status);
    }

    [Fact]
    public async Task A_token_issued_directly_works_like_an_oauth_one()
    {
        var token = Org.IssueToken("any-client");
        Assert.Equal(200, (await GetAsync(Sources, token)).Status);
    }

    [Fact]
    public async Task A_client_added_at_run_time_can_log_in()
    {
        using (var before = await RequestTokenAsync("late-client", "late-secret")) Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Org.Options.Clients["late-client"] = "late-secret";
        var token = await GetTokenAsync("late-client", "late-secret");
        Assert.Equal(200, (await GetAsync(Sources, token)).Status);
    }
}

public sealed class OAuthRateLimitTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options) => options.RateLimitPerMinute = 2;

    [Fact]
    public async Task The_login_route_is_not_rate_limited()
    {
        for (var i = 0; i < 6; i++) await GetTokenAsync();
        Assert.Equal(7, Org.Stats.Count("POST /oauth/token", 200));
        Assert.Equal(0, Org.Stats.CountStatus(429));
    }
}
