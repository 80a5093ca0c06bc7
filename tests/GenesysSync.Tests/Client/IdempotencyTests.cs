using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

/// <summary>Requests whose outcome is unknown are re-sent only when sending them twice is harmless.</summary>
public class IdempotencyTests
{
    [Theory]
    [InlineData("POST /api/v2/externalcontacts/contacts", false)]
    [InlineData("POST /api/v2/externalcontacts/bulk/contacts/add", false)]
    [InlineData("POST /api/v2/externalcontacts/externalsources", false)]
    [InlineData("POST /api/v2/outbound/contactlists", false)]
    [InlineData("POST /api/v2/externalcontacts/bulk/contacts/update", true)]
    [InlineData("POST /api/v2/externalcontacts/bulk/contacts/remove", true)]
    [InlineData("POST /api/v2/externalcontacts/bulk/contacts", true)]
    [InlineData("POST /api/v2/externalcontacts/identifierlookup/contacts", true)]
    [InlineData("POST /api/v2/outbound/contactlists/{id}/contacts", true)]
    [InlineData("PUT /api/v2/externalcontacts/contacts/{id}", true)]
    [InlineData("DELETE /api/v2/externalcontacts/contacts/{id}", true)]
    [InlineData("GET /api/v2/externalcontacts/scan/contacts", true)]
    public void KnowsWhichRequestsAreSafeToRepeat(string route, bool safe)
        => Assert.Equal(safe, Idempotency.IsSafeToRepeat(route));

    [Fact]
    public async Task LostReplyOnACreateIsNotResent()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => throw new HttpRequestException("reset")).Then(200, new { id = "c1" });
        var client = await f.ConnectAsync();
        var ex = await Assert.ThrowsAsync<GenesysTransportException>(() => client.SendAsync(HttpMethod.Post, "/api/v2/externalcontacts/bulk/contacts/add", new { entities = new[] { new { firstName = "A" } } }));
        Assert.Single(f.Fake.Requests, r => r.Path.EndsWith("/bulk/contacts/add", StringComparison.Ordinal));
        Assert.Contains("not safe to repeat", ex.Message);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task GatewayErrorsOnACreateAreNotResent(int status)
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(status, "gateway")).Then(201, new { id = "c1" });
        var client = await f.ConnectAsync();
        await Assert.ThrowsAnyAsync<GenesysApiException>(() => client.SendAsync(HttpMethod.Post, "/api/v2/externalcontacts/contacts", new { firstName = "A" }));
        Assert.Single(f.Fake.Requests, r => r.Path == "/api/v2/externalcontacts/contacts");
    }

    [Fact]
    public async Task ThrottledCreatesAreStillRetried()
    {
        using var f = new ClientFixture();
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests.retry.after", retryAfterSeconds: 1)).Then(FakeGenesys.Error(503, "busy")).Then(201, new { id = "c1" });
        var client = await f.ConnectAsync();
        var response = await client.SendAsync(HttpMethod.Post, "/api/v2/externalcontacts/contacts", new { firstName = "A" });
        Assert.Equal(201, response.StatusCode);
        Assert.Equal(3, f.Fake.Requests.Count(r => r.Path == "/api/v2/externalcontacts/contacts"));
    }

    [Fact]
    public async Task LostReplyOnABulkUpdateIsResent()
    {
        using var f = new ClientFixture();
        f.Fake.Then(_ => throw new HttpRequestException("reset")).Then(200, new { results = Array.Empty<object>() });
        var client = await f.ConnectAsync();
        await client.SendAsync(HttpMethod.Post, "/api/v2/externalcontacts/bulk/contacts/update", new { entities = Array.Empty<object>() });
        Assert.Equal(2, f.Fake.Requests.Count(r => r.Path.EndsWith("/bulk/contacts/update", StringComparison.Ordinal)));
    }
}
