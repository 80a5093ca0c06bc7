using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;

namespace GenesysSync.Diagnostics;

public enum CheckStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One line of Test-GenesysConnection: what was checked, how it went, and what to do in plain words.</summary>
public sealed class ConnectionCheckResult
{
    public ConnectionCheckResult(string check, CheckStatus status, string detail, string? permission = null, string? cmdlets = null)
    {
        Check = check;
        Status = status;
        Detail = detail;
        Permission = permission;
        Cmdlets = cmdlets;
    }

    public string Check { get; }
    public CheckStatus Status { get; }
    public string Detail { get; }
    /// <summary>The permission the check needs (or found missing).</summary>
    public string? Permission { get; }
    /// <summary>The cmdlets that depend on this check.</summary>
    public string? Cmdlets { get; }
}

/// <summary>A cmdlet family and the cheap GET that proves its read permission (writes cannot be probed without writing).</summary>
public sealed class PermissionProbe
{
    public PermissionProbe(string family, string cmdlets, string path, string viewPermission, params string[] writePermissions)
    {
        Family = family;
        Cmdlets = cmdlets;
        Path = path;
        ViewPermission = viewPermission;
        WritePermissions = writePermissions;
    }

    public string Family { get; }
    public string Cmdlets { get; }
    public string Path { get; }
    public string ViewPermission { get; }
    public IReadOnlyList<string> WritePermissions { get; }
}

/// <summary>
/// The checks behind Test-GenesysConnection. Every probe is one small GET that reads no contact data (a search for a
/// term nothing matches, a page of one list), so it is safe against production and costs a handful of requests.
/// </summary>
public static class ConnectionProbe
{
    /// <summary>A search term no contact carries, so the probe reads nothing.</summary>
    private const string NoMatch = "genesyssync-connection-test-7f3e";

    private static readonly Regex BracketedPermissions = new(@"\[([A-Za-z]+:[A-Za-z]+:[A-Za-z]+(?:\s*,\s*[A-Za-z]+:[A-Za-z]+:[A-Za-z]+)*)\]", RegexOptions.CultureInvariant);

    public static IReadOnlyList<PermissionProbe> Families { get; } = new[]
    {
        new PermissionProbe("External contacts",
            "Sync-, Get-, New-, Set-, Remove-GenesysExternalContact",
            "/api/v2/externalcontacts/contacts?pageSize=1&q=" + NoMatch,
            "externalContacts:contact:view",
            "externalContacts:contact:add", "externalContacts:contact:edit", "externalContacts:contact:delete"),
        new PermissionProbe("External sources",
            "Get-, New-GenesysExternalSource; Sync-GenesysExternalContact -MatchOn ExternalId",
            "/api/v2/externalcontacts/externalsources?limit=10",
            "externalContacts:externalSource:view",
            "externalContacts:externalSource:add"),
        new PermissionProbe("Contact lists",
            "Get-, New-, Set-, Remove-, Clear-, Import-, Export-GenesysContactList; Add-GenesysContactListContact",
            "/api/v2/outbound/contactlists?pageSize=1",
            "outbound:contactList:view",
            "outbound:contactList:add", "outbound:contactList:edit", "outbound:contactList:delete",
            "outbound:contact:add", "outbound:contact:view", "outbound:contact:edit", "outbound:contact:delete"),
        new PermissionProbe("DNC lists",
            "Get-, New-, Remove-GenesysDncList; Add-, Remove-GenesysDncListEntry",
            "/api/v2/outbound/dnclists?pageSize=1",
            "outbound:dncList:view",
            "outbound:dncList:add", "outbound:dncList:delete", "outbound:dnc:add", "outbound:dnc:edit", "outbound:dnc:delete"),
    };

    /// <summary>
    /// Reachability and credentials in one GET (the first family's probe): a transport failure means the host is not
    /// reachable, a 401 after the client's own token refresh means the credentials are wrong. Any other answer — even
    /// a 403 — proves both.
    /// </summary>
    public static async Task<IReadOnlyList<ConnectionCheckResult>> CheckEndpointAsync(GenesysClient client, CancellationToken cancellationToken = default)
    {
        if (client == null) throw new ArgumentNullException(nameof(client));
        var host = client.ApiBaseUri.GetLeftPart(UriPartial.Authority);
        var clients = string.Join(", ", client.Options.Credentials.Select(c => c.ClientId));
        var started = client.TimeProvider.GetTimestamp();
        try
        {
            await client.SendAsync(System.Net.Http.HttpMethod.Get, Families[0].Path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysAuthenticationException ex)
        {
            return new[]
            {
                new ConnectionCheckResult("Endpoint", CheckStatus.Pass, $"{host} answered ({Elapsed(client, started)})."),
                new ConnectionCheckResult("Credentials", CheckStatus.Fail,
                    $"The OAuth client(s) {clients} were refused ({Describe(ex)}). Check the client id and secret, that the client still exists " +
                    "and uses the Client Credentials grant, and that it belongs to this region's org."),
            };
        }
        catch (GenesysApiException ex) when (ex.StatusCode == 0 || ex is GenesysTimeoutException || ex is GenesysCircuitOpenException)
        {
            return new[]
            {
                new ConnectionCheckResult("Endpoint", CheckStatus.Fail,
                    $"{host} could not be reached: {ex.GetType().Name.Replace("Genesys", "").Replace("Exception", "")} ({Describe(ex)}). " +
                    "Check the region, DNS, the proxy and the firewall (outbound HTTPS 443) of this machine."),
                new ConnectionCheckResult("Credentials", CheckStatus.Warn, "Not checked: the API host did not answer."),
            };
        }
        catch (GenesysApiException)
        {
            // Any HTTP answer proves the host is reachable and the token was accepted; the family probe says the rest.
        }
        var expiry = client.Tokens.Count == 0 ? "" : " Token valid until " + client.Tokens.Min(t => t.ExpiresAt).ToString("u", CultureInfo.InvariantCulture) + " (renewed automatically).";
        return new[]
        {
            new ConnectionCheckResult("Endpoint", CheckStatus.Pass, $"{host} answered ({Elapsed(client, started)})."),
            new ConnectionCheckResult("Credentials", CheckStatus.Pass, $"OAuth client(s) {clients} hold a valid token.{expiry}"),
        };
    }

    /// <summary>The family's read permission through its GET; its write permissions are listed, not probed.</summary>
    public static async Task<ConnectionCheckResult> CheckPermissionAsync(GenesysClient client, PermissionProbe probe, CancellationToken cancellationToken = default)
    {
        if (client == null) throw new ArgumentNullException(nameof(client));
        if (probe == null) throw new ArgumentNullException(nameof(probe));
        var name = "Permissions: " + probe.Family;
        var writes = probe.WritePermissions.Count == 0 ? "" : " Writes also need " + string.Join(", ", probe.WritePermissions) + " (not testable without writing).";
        try
        {
            await client.SendAsync(System.Net.Http.HttpMethod.Get, probe.Path, null, cancellationToken).ConfigureAwait(false);
            return new ConnectionCheckResult(name, CheckStatus.Pass, probe.ViewPermission + " granted." + writes, probe.ViewPermission, probe.Cmdlets);
        }
        catch (GenesysPermissionException ex)
        {
            var missing = MissingPermissions(ex) ?? probe.ViewPermission;
            return new ConnectionCheckResult(name, CheckStatus.Fail,
                $"The OAuth client's role lacks {missing}, so {probe.Cmdlets} cannot work. Add it to the role of the OAuth client " +
                $"(Admin > Roles / Permissions), and check the client's scopes include it.{writes}", missing, probe.Cmdlets);
        }
        catch (GenesysNotFoundException ex)
        {
            return new ConnectionCheckResult(name, CheckStatus.Warn,
                $"This org does not offer the {probe.Family} API ({Describe(ex)}); the feature may not be licensed.", probe.ViewPermission, probe.Cmdlets);
        }
        catch (GenesysApiException ex)
        {
            return new ConnectionCheckResult(name, CheckStatus.Warn, $"Could not be checked: {Describe(ex)}.", probe.ViewPermission, probe.Cmdlets);
        }
    }

    /// <summary>The budget in requests per minute, and a warning when this connection has already been throttled.</summary>
    public static ConnectionCheckResult CheckBudget(GenesysClient client)
    {
        if (client == null) throw new ArgumentNullException(nameof(client));
        var perToken = client.Options.RequestsPerMinute;
        var tokens = client.Options.Credentials.Count;
        var total = client.RequestsPerMinuteTotal;
        var detail = $"{perToken} requests/min per token x {tokens} token(s) = {total}/min (about {total * 200:N0} contacts/min through bulk writes of 200).";
        var stats = client.Stats;
        if (perToken > 300)
            return new ConnectionCheckResult("Request budget", CheckStatus.Warn,
                detail + " Genesys allows 300/min per token unless the org's limit was raised: expect 429s, or add OAuth clients instead (Connect-GenesysCloud -Credential $a,$b).");
        if (stats.Throttled > 0)
            return new ConnectionCheckResult("Request budget", CheckStatus.Warn,
                detail + $" This session was throttled {stats.Throttled} time(s) in {stats.Requests} requests: other jobs share the budget, or add OAuth clients.");
        return new ConnectionCheckResult("Request budget", CheckStatus.Pass, detail);
    }

    /// <summary>The module's own dependencies, each exercised for real (see <see cref="DependencyCheck"/>).</summary>
    public static IReadOnlyList<ConnectionCheckResult> CheckDependencies()
        => DependencyCheck.Run().Select(d => new ConnectionCheckResult("Dependency: " + d.Name,
            d.Ok ? CheckStatus.Pass : CheckStatus.Fail,
            d.Ok ? $"{d.Version} works ({d.Detail})." : $"{d.Version} failed: {d.Detail}. Reinstall the module; if it persists, another module may load an incompatible version into this session (start a fresh one).")).ToList();

    /// <summary>The permission(s) a 403 names ("... missing the following permission(s): [a:b:c]"), if any.</summary>
    public static string? MissingPermissions(GenesysApiException exception)
    {
        if (exception == null) throw new ArgumentNullException(nameof(exception));
        foreach (var text in new[] { ServerMessage(exception.ResponseBody), exception.Message })
        {
            if (text == null) continue;
            var match = BracketedPermissions.Match(text);
            if (match.Success) return match.Groups[1].Value;
        }
        return null;
    }

    private static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body!);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(GenesysApiException ex)
    {
        var parts = new List<string>();
        if (ex.StatusCode != 0) parts.Add("HTTP " + ex.StatusCode.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(ex.Code)) parts.Add(ex.Code!);
        if (!string.IsNullOrEmpty(ex.ContextId)) parts.Add("contextId " + ex.ContextId);
        if (parts.Count == 0) parts.Add(ex.InnerException?.Message ?? ex.Message);
        return string.Join(", ", parts);
    }

    private static string Elapsed(GenesysClient client, long started)
        => ((long)client.TimeProvider.GetElapsedTime(started).TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
}
