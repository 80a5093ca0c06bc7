using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Emulator;

/// <summary>
/// One fresh org per test, served over real HTTP on 127.0.0.1 with a manual clock, and a plain HttpClient that
/// already holds a token from the real OAuth round trip. Rate limiting is off unless a test turns it on.
/// </summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    protected const string ClientId = "test-client";
    protected const string ClientSecret = "test-secret";
    protected const string Contacts = "/api/v2/externalcontacts/contacts";
    protected const string Sources = "/api/v2/externalcontacts/externalsources";

    protected ManualTimeProvider Clock { get; } = new();
    protected EmulatorOrg Org { get; private set; } = null!;
    protected RunningEmulator Server { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;
    protected string Token { get; private set; } = null!;

    protected virtual void Configure(EmulatorOptions options) => options.RateLimitPerMinute = 0;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { TimeProvider = Clock };
        options.Clients[ClientId] = ClientSecret;
        Configure(options);
        Org = new EmulatorOrg(options);
        Server = await EmulatorServer.StartAsync(Org);
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
        Token = await GetTokenAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected async Task<string> GetTokenAsync(string clientId = ClientId, string secret = ClientSecret)
    {
        using var response = await RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["access_token"]!.GetValue<string>();
    }

    protected Task<HttpResponseMessage> RequestTokenAsync(string? clientId, string? secret, string grantType = "client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = grantType }),
        };
        if (clientId != null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        return Http.SendAsync(request);
    }

    /// <summary>Sends a request with a JSON body (when given) and the default token (unless another, or none, is given).</summary>
    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? token = "", HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body != null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var bearer = token == "" ? Token : token;
        if (bearer != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return (client ?? Http).SendAsync(request);
    }

    /// <summary>Sends and returns status + parsed JSON body (null when empty).</summary>
    protected async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> CallAsync(HttpMethod method, string path, JsonNode? body = null, string? token = "")
    {
        var response = await SendAsync(method, path, body, token);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path, string? token = "") => CallAsync(HttpMethod.Get, path, null, token);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, JsonNode body, string? token = "") => CallAsync(HttpMethod.Post, path, body, token);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PutAsync(string path, JsonNode body) => CallAsync(HttpMethod.Put, path, body);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PatchAsync(string path, JsonNode body) => CallAsync(HttpMethod.Patch, path, body);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> DeleteAsync(string path) => CallAsync(HttpMethod.Delete, path);

    protected async Task<JsonObject> CreateContactAsync(JsonObject body)
    {
        var (status, json, _) = await PostAsync(Contacts, body);
        Assert.True(status == 201, "create failed: " + json?.ToJsonString());
        return json!.AsObject();
    }

    protected async Task<string> CreateSourceAsync(string name, bool? active = null)
    {
        var body = new JsonObject { ["name"] = name };
        if (active != null) body["active"] = active.Value;
        var (status, json, _) = await PostAsync(Sources, body);
        Assert.True(status == 200, "source create failed: " + json?.ToJsonString());
        return json!["id"]!.GetValue<string>();
    }

    protected static JsonObject Contact(string first, string last, string? email = null, string? phone = null)
    {
        var contact = new JsonObject { ["firstName"] = first, ["lastName"] = last };
        if (email != null) contact["workEmail"] = email;
        if (phone != null) contact["cellPhone"] = new JsonObject { ["display"] = phone };
        return contact;
    }

    protected static JsonObject ExternalId(string sourceId, string value)
        => new() { ["externalSource"] = new JsonObject { ["id"] = sourceId }, ["value"] = value };

    /// <summary>Checks the platform error body: every documented key, the status and code, a fresh GUID contextId.</summary>
    protected static JsonObject AssertError(JsonNode? body, int status, string code)
    {
        Assert.NotNull(body);
        var error = body!.AsObject();
        Assert.Equal(status, error["status"]!.GetValue<int>());
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.NotNull(error["messageWithParams"]);
        Assert.IsType<JsonObject>(error["messageParams"]);
        Assert.True(Guid.TryParse(error["contextId"]!.GetValue<string>(), out _), "contextId must be a GUID");
        Assert.IsType<JsonArray>(error["details"]);
        Assert.IsType<JsonArray>(error["errors"]);
        return error;
    }

    /// <summary>A 400 that names <paramref name="field"/> in messageParams.field or in details[].fieldName.</summary>
    protected static void AssertFieldError(JsonNode? body, string field, string code = "invalid.value")
    {
        var error = AssertError(body, 400, body?["code"]?.GetValue<string>() ?? code);
        var named = error["messageParams"]?["field"]?.GetValue<string>() == field
            || error["details"]!.AsArray().Any(d => d!["fieldName"]?.GetValue<string>() == field);
        Assert.True(named, "error does not name " + field + ": " + error.ToJsonString());
        Assert.Contains(error["details"]!.AsArray(), d => d!["fieldName"]?.GetValue<string>() == field && d["errorCode"]?.GetValue<string>() == code);
    }

    protected static string Id(JsonNode contact) => contact["id"]!.GetValue<string>();
}
