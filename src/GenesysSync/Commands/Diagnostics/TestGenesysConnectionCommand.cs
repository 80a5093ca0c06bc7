using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Diagnostics;
using GenesysSync.Http;
using GenesysSync.Infrastructure;
using GenesysSync.Session;
using GenesysSync.State;

namespace GenesysSync.Commands.Diagnostics;

/// <summary>
/// Test-GenesysConnection: the first thing to run when a scheduled job fails. Checks the session (interactive or
/// not), the module's dependencies, the state folder, then — with a connection — the API host, the credentials, the
/// read permission of every cmdlet family (one small GET each; a 403 names the missing permission) and the request
/// budget. Without a connection it reports what Connect-GenesysCloud would find in the environment. One result per
/// check; -Quiet returns only $true (nothing failed) or $false.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, Nouns.Connection, HelpUri = HelpLinks.Base + "Test-GenesysConnection.md")]
[OutputType(typeof(GenesysConnectionCheck), typeof(bool))]
public sealed class TestGenesysConnectionCommand : GenesysCmdlet
{
    /// <summary>Return $true when no check failed, $false otherwise, instead of the results.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void EndProcessing()
    {
        var failed = false;
        foreach (var check in Checks())
        {
            failed |= check.Status == nameof(CheckStatus.Fail);
            if (!Quiet) WriteObject(check);
        }
        if (Quiet) WriteObject(!failed);
    }

    private IEnumerable<GenesysConnectionCheck> Checks()
    {
        yield return SessionCheck();
        foreach (var dependency in ConnectionProbe.CheckDependencies()) yield return new GenesysConnectionCheck(dependency);
        yield return StateFolderCheck();

        var connection = Connection ?? GenesysSession.Current;
        if (connection is null || !connection.IsConnected)
        {
            yield return EnvironmentCheck();
            yield return new GenesysConnectionCheck("Connection", nameof(CheckStatus.Fail),
                "Not connected. Run Connect-GenesysCloud first (in a scheduled script: -Credential from a SecretManagement vault, or the " +
                "GENESYSCLOUD_REGION / GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET variables), then run Test-GenesysConnection again. " +
                "If Connect-GenesysCloud fails, its error says whether the region, the network or the credentials are at fault.");
            yield break;
        }

        var client = connection.Client;
        yield return new GenesysConnectionCheck("Connection", nameof(CheckStatus.Pass),
            connection.IsSandbox
                ? "The in-process sandbox org (Connect-GenesysCloud -Sandbox): nothing reaches Genesys Cloud."
                : Invariant($"Region {connection.Region}, API {connection.ApiBaseUri.GetLeftPart(UriPartial.Authority)}, {connection.TokenCount} OAuth client(s), connected at {connection.ConnectedAt:u}."));

        var endpoint = Run(ct => ConnectionProbe.CheckEndpointAsync(client, ct));
        foreach (var result in endpoint) yield return new GenesysConnectionCheck(result);
        if (endpoint.Any(r => r.Status == CheckStatus.Fail))
        {
            yield return new GenesysConnectionCheck("Permissions", nameof(CheckStatus.Warn), "Not checked: fix the failure above first.");
        }
        else
        {
            foreach (var family in ConnectionProbe.Families)
                yield return new GenesysConnectionCheck(Run(ct => ConnectionProbe.CheckPermissionAsync(client, family, ct)));
        }
        yield return new GenesysConnectionCheck(ConnectionProbe.CheckBudget(client));
    }

    private GenesysConnectionCheck SessionCheck()
        => IsNonInteractive
            ? new GenesysConnectionCheck("Session", nameof(CheckStatus.Pass),
                $"Non-interactive ({Host.Name}): progress is not written and commands that would ask for confirmation stop with an error instead of waiting. Set {Interactivity.OverrideVariable}=0 to override.")
            : new GenesysConnectionCheck("Session", nameof(CheckStatus.Pass),
                $"Interactive ({Host.Name}, PowerShell {PSVersion()}): progress is shown and confirmations are asked.");

    /// <summary>Scheduled tasks often run as another account, whose profile folder may not exist or be writable.</summary>
    private GenesysConnectionCheck StateFolderCheck()
    {
        string directory;
        try
        {
            directory = SyncStateStore.DefaultDirectory;
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".write-test-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or NotSupportedException)
        {
            return new GenesysConnectionCheck("State folder", nameof(CheckStatus.Fail),
                $"The default state folder cannot be written by {Environment.UserName}: {ex.Message} Give the account write access, or pass -StatePath to a writable file.");
        }
        return new GenesysConnectionCheck("State folder", nameof(CheckStatus.Pass),
            $"{directory} is writable by {Environment.UserName} (used when -StatePath is not given).");
    }

    /// <summary>What Connect-GenesysCloud without -Credential would use; the secret is never shown.</summary>
    private static GenesysConnectionCheck EnvironmentCheck()
    {
        var region = Environment.GetEnvironmentVariable("GENESYSCLOUD_REGION");
        var id = Environment.GetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_ID");
        var hasSecret = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_SECRET"));
        var problems = new List<string>();
        string regionText;
        if (string.IsNullOrWhiteSpace(region))
        {
            regionText = "GENESYSCLOUD_REGION is not set";
            problems.Add(regionText);
        }
        else if (GenesysRegion.TryResolve(region, out var resolved))
        {
            regionText = $"GENESYSCLOUD_REGION={region} ({resolved.ApiBaseUri.Host})";
        }
        else
        {
            regionText = $"GENESYSCLOUD_REGION={region} is not a known region (use one of {string.Join(", ", GenesysRegion.Names)}, or a domain)";
            problems.Add(regionText);
        }
        var idText = string.IsNullOrWhiteSpace(id) ? "GENESYSCLOUD_OAUTHCLIENT_ID is not set" : "GENESYSCLOUD_OAUTHCLIENT_ID=" + id;
        if (string.IsNullOrWhiteSpace(id)) problems.Add(idText);
        var secretText = hasSecret ? "GENESYSCLOUD_OAUTHCLIENT_SECRET is set" : "GENESYSCLOUD_OAUTHCLIENT_SECRET is not set";
        if (!hasSecret) problems.Add(secretText);
        var detail = regionText + "; " + idText + "; " + secretText + ".";
        return problems.Count == 0
            ? new GenesysConnectionCheck("Environment", nameof(CheckStatus.Pass), detail + " Connect-GenesysCloud without -Credential will use them.")
            : new GenesysConnectionCheck("Environment", nameof(CheckStatus.Warn),
                detail + " Without them Connect-GenesysCloud needs -Region and -Credential (for example from Get-Secret).");
    }

    private string PSVersion()
        => SessionState.PSVariable.GetValue("PSVersionTable") is System.Collections.Hashtable table && table["PSVersion"] is { } version ? version.ToString() ?? "" : "";
}
