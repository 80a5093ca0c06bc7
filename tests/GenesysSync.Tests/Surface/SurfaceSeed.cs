using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Surface;

/// <summary>Seeds the emulator straight through its API (not through the module under test), and runs scripts against it.</summary>
internal static class SurfaceSeed
{
    public static async Task<JsonObject> PostAsync(EmulatorHost emulator, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Org.IssueToken(EmulatorHost.ClientId));
        var content = new StringContent(body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "seeding " + path + " failed: " + text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> PutAsync(EmulatorHost emulator, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Org.IssueToken(EmulatorHost.ClientId));
        var response = await http.PutAsync(path, new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "seeding " + path + " failed: " + text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The output as plain values (nulls kept), for whole-sequence assertions.</summary>
    public static object?[] Values(PowerShellResult result) => result.Output.Select(o => o?.BaseObject).ToArray();

    /// <summary>Output and errors as text, for assertion messages.</summary>
    public static string Dump(PowerShellResult result)
        => "output: " + string.Join(" | ", result.Output.Select(o => o?.ToString() ?? "<null>"))
           + "\nerrors: " + string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))
           + (result.Terminating is null ? "" : "\nterminating: " + result.Terminating);

    public static Task<JsonObject> OrganizationAsync(EmulatorHost emulator, object body) => PostAsync(emulator, "/api/v2/externalcontacts/organizations", body);

    public static Task<JsonObject> SourceAsync(EmulatorHost emulator, string name) => PostAsync(emulator, "/api/v2/externalcontacts/externalsources", new { name });

    public static Task<JsonObject> NoteAsync(EmulatorHost emulator, string contactId, string text)
        => PostAsync(emulator, "/api/v2/externalcontacts/contacts/" + contactId + "/notes", new { noteText = text });

    public static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>Runs a script after Connect-GenesysCloud, with $GenesysUri/$GenesysCredential and the given variables.</summary>
    public static PowerShellResult Run(EmulatorHost emulator, string script, IDictionary<string, object?>? variables = null)
    {
        var all = emulator.Variables();
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>()) all[name] = value;
        return PowerShellRun.Invoke(EmulatorHost.Connect + script, all);
    }

    public static object? Prop(System.Management.Automation.PSObject o, string name) => o.Properties[name]?.Value;
}
