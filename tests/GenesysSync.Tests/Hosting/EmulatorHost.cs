using System.Management.Automation;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;

namespace GenesysSync.Tests.Hosting;

/// <summary>
/// An emulator org over real HTTP on 127.0.0.1 for one test, plus what a script needs to connect
/// to it ($GenesysUri, $GenesysCredential) and a plain HttpClient to seed or inspect it.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "s3cr3t-Value-That-Must-Never-Leak";

    private RunningEmulator? _running;

    public EmulatorOrg Org { get; }
    public Uri BaseAddress => _running!.BaseAddress;

    private EmulatorHost(EmulatorOrg org) => Org = org;

    public static async Task<EmulatorHost> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions();
        options.Clients[ClientId] = ClientSecret;
        configure?.Invoke(options);
        var host = new EmulatorHost(new EmulatorOrg(options));
        host._running = await EmulatorServer.StartAsync(host.Org);
        return host;
    }

    /// <summary>Variables for PowerShellRun: $GenesysUri and $GenesysCredential.</summary>
    public Dictionary<string, object?> Variables(string? secret = null) => new()
    {
        ["GenesysUri"] = BaseAddress,
        ["GenesysCredential"] = new PSCredential(ClientId, ToSecure(secret ?? ClientSecret)),
    };

    public const string Connect = "$null = Connect-GenesysCloud -ApiBaseUri $GenesysUri -Credential $GenesysCredential\n";

    /// <summary>Creates a contact straight through the API (not through the module under test).</summary>
    public async Task<JsonObject> SeedContactAsync(object contact)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Org.IssueToken(ClientId));
        var body = new StringContent(System.Text.Json.JsonSerializer.Serialize(contact), Encoding.UTF8, "application/json");
        var response = await http.PostAsync("/api/v2/externalcontacts/contacts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "seeding failed: " + text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static System.Security.SecureString ToSecure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is not null) await _running.DisposeAsync();
    }
}
