using System.Net.Http;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class SecretAndLoggingTests
{
    [Fact]
    public void Credential_ToString_hides_the_secret()
    {
        var credential = new OAuthClientCredential("my-client", ClientFixture.Secret);
        Assert.DoesNotContain(ClientFixture.Secret, credential.ToString());
        Assert.Contains("my-client", credential.ToString());
        var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(OAuthClientCredential), typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
        Assert.Equal("{ToString(),nq}", display.Value);
    }

    [Fact]
    public async Task No_secret_or_token_in_log_events_messages_or_stats()
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(401, "bad.credentials"))
              .Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 1))
              .Then(_ => throw new HttpRequestException("reset"))
              .Then(FakeGenesys.Error(503, "x"))
              .Then(200, new { id = "c1" })
              .Then(FakeGenesys.Error(404, "not.found", "Contact not found"));
        var client = await f.ConnectAsync();

        // PUT: safe to repeat, so the reset is retried (a create would not be re-sent; see IdempotencyTests).
        await client.SendAsync(HttpMethod.Put, "/api/v2/externalcontacts/contacts/c1", new { workEmail = "pii@example.com" });
        var ex = await Assert.ThrowsAsync<GenesysNotFoundException>(() => client.GetAsync<object>("/api/v2/externalcontacts/contacts/c1"));

        var texts = f.Events.Select(e => e.Message + "|" + e.Route + "|" + e.Method).Append(ex.ToString()).Append(client.Stats.ToString())
            .Concat(client.Stats.ByRoute.Keys).Concat(client.Tokens.Select(t => t.ClientId + t.ExpiresAt)).ToList();
        foreach (var text in texts)
        {
            Assert.DoesNotContain(ClientFixture.Secret, text);
            Assert.DoesNotContain("token-1", text);
            Assert.DoesNotContain("token-2", text);
            Assert.DoesNotContain("Bearer", text);
            Assert.DoesNotContain("pii@example.com", text);
        }
    }

    [Fact]
    public async Task Log_events_describe_method_route_status_duration_and_retries()
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(503, "x")).Then(200);
        var client = await f.ConnectAsync();

        await client.SendAsync(HttpMethod.Get, "/api/v2/externalcontacts/contacts/0b8e1d2c-aaaa-bbbb-cccc-123456789012?expand=division");

        var responses = f.Events.Where(e => e.Kind == GenesysLogKind.Response && e.Route != "POST /oauth/token").ToList();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, e =>
        {
            Assert.Equal("GET", e.Method);
            Assert.Equal("GET /api/v2/externalcontacts/contacts/{id}", e.Route);
            Assert.NotNull(e.Duration);
        });
        Assert.Equal(new int?[] { 503, 200 }, responses.Select(e => e.StatusCode));
        Assert.Equal(new[] { 1, 2 }, responses.Select(e => e.Attempt));
        var retry = Assert.Single(f.Events, e => e.Kind == GenesysLogKind.Retry);
        Assert.NotNull(retry.RetryDelay);
        Assert.Contains("after HTTP 503", retry.Message);
        Assert.DoesNotContain("0b8e1d2c", string.Join("\n", f.Events.Select(e => e.Message)));
    }

    [Fact]
    public async Task The_token_goes_only_to_the_api_and_apps_hosts()
    {
        using var f = new ClientFixture();
        f.Options.AppsBaseUri = new Uri("https://apps.mypurecloud.de");
        var client = await f.ConnectAsync();

        await client.SendRawAsync(HttpMethod.Post, new Uri("https://apps.mypurecloud.de/uploads/v2/contactlist"), () => new StringContent("x"));
        await client.SendRawAsync(HttpMethod.Put, new Uri("https://uploads.example-bucket.com/presigned?sig=1"), () => new StringContent("x"));
        await client.SendRawAsync(HttpMethod.Get, new Uri("/api/v2/externalcontacts/contacts?q=a", UriKind.Relative), null);

        Assert.Equal(new[] { "token-1", null, "token-1" }, f.Fake.Requests.Select(r => r.BearerToken));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendRawAsync(HttpMethod.Get, new Uri("http://evil.example.com/x"), null));
    }

    [Fact]
    public async Task A_throwing_log_sink_does_not_break_requests()
    {
        using var f = new ClientFixture();
        f.Options.Log = _ => throw new InvalidOperationException("sink broke");
        var client = await f.ConnectAsync();
        var response = await client.SendAsync(HttpMethod.Get, "/api/v2/externalcontacts/contacts?q=a");
        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v2/externalcontacts/contacts/5f1c0a3e-2b4d-4c6e-8f10-1a2b3c4d5e6f", "/api/v2/externalcontacts/contacts/{id}")]
    [InlineData("/api/v2/externalcontacts/bulk/contacts/add", "/api/v2/externalcontacts/bulk/contacts/add")]
    [InlineData("/api/v2/externalcontacts/contacts?q=jane%40x.com&pageSize=100", "/api/v2/externalcontacts/contacts")]
    [InlineData("/api/v2/outbound/contactlists/abc-123/contacts/LEAD0001", "/api/v2/outbound/contactlists/{id}/contacts/{id}")]
    [InlineData("https://apps.mypurecloud.de/uploads/v2/contactlist", "/uploads/v2/contactlist")]
    public void Route_templates_hide_ids_and_queries(string path, string expected)
        => Assert.Equal(expected, RouteTemplate.FromPath(path));
}
