using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using GenesysSync.Http;
using GenesysSync.Infrastructure;
using GenesysSync.Session;

namespace GenesysSync.Commands.Connection;

/// <summary>
/// Connect-GenesysCloud: gets OAuth client-credentials tokens for one or more clients (a token
/// pool multiplies the request budget), builds the shared throttled client and makes it the
/// session default. -Sandbox connects to an in-process emulator org instead.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, Nouns.Cloud, DefaultParameterSetName = EnvironmentSet, HelpUri = HelpLinks.Base + "Connect-GenesysCloud.md")]
[OutputType(typeof(GenesysConnection))]
public sealed class ConnectGenesysCloudCommand : PSCmdlet
{
    private const string CredentialSet = "Credential";
    private const string ClientIdSet = "ClientId";
    private const string EnvironmentSet = "Environment";
    private const string SandboxSet = "Sandbox";

    internal const string SandboxClientId = "sandbox";
    internal const string SandboxClientSecret = "sandbox-secret";

    /// <summary>Short region name (us-east-1, eu-central-1, ...) or domain (mypurecloud.de).</summary>
    [Parameter(ParameterSetName = CredentialSet, Position = 0)]
    [Parameter(ParameterSetName = ClientIdSet, Position = 0)]
    [Parameter(ParameterSetName = EnvironmentSet, Position = 0)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>One or more OAuth clients: user name = client id, password = client secret.</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true, Position = 1)]
    public PSCredential[] Credential { get; set; } = Array.Empty<PSCredential>();

    [Parameter(ParameterSetName = ClientIdSet, Mandatory = true)]
    public string ClientId { get; set; } = "";

    [Parameter(ParameterSetName = ClientIdSet, Mandatory = true)]
    public SecureString? ClientSecret { get; set; }

    [Parameter(ParameterSetName = SandboxSet, Mandatory = true)]
    public SwitchParameter Sandbox { get; set; }

    /// <summary>A custom API endpoint (e.g. the emulator over HTTP); login goes to the same origin.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ClientIdSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public Uri? ApiBaseUri { get; set; }

    [Parameter]
    [ValidateRange(1, 100000)]
    public int RequestsPerMinute { get; set; } = 300;

    [Parameter]
    [ValidateRange(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    protected override void EndProcessing()
    {
        var options = new GenesysClientOptions
        {
            RequestsPerMinute = RequestsPerMinute,
            MaxConcurrency = MaxConcurrency,
            Log = GenesysConnection.Log,
        };
        string regionName;
        object? sandboxOrg = null;

        if (ParameterSetName == SandboxSet)
        {
            var org = SandboxFactory.Create(SandboxClientId, SandboxClientSecret, out var handler);
            sandboxOrg = org;
            options.Transport = handler;
            options.ApiBaseUri = new Uri("https://api.sandbox.genesyssync.local");
            options.LoginBaseUri = new Uri("https://login.sandbox.genesyssync.local");
            options.Credentials = new[] { new OAuthClientCredential(SandboxClientId, SandboxClientSecret) };
            regionName = "sandbox";
        }
        else
        {
            options.Credentials = ResolveCredentials();
            regionName = ResolveEndpoint(options);
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidConnectionSettings", ErrorCategory.InvalidArgument, null));
        }

        WriteVerbose(Invariant($"Connecting to {(options.ApiBaseUri!.GetLeftPart(UriPartial.Authority))} with {options.Credentials.Count} OAuth client(s), {RequestsPerMinute} requests/min each."));
        var cancel = new System.Threading.CancellationTokenSource();
        _cancel = cancel;
        GenesysClient client;
        try
        {
            client = GenesysClient.ConnectAsync(options, cancel.Token).GetAwaiter().GetResult();
        }
        catch (GenesysAuthenticationException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, "AuthenticationFailed", regionName));
            return;
        }
        catch (GenesysApiException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, "ConnectFailed", regionName));
            return;
        }

        var connection = new GenesysConnection(regionName, client, ParameterSetName == SandboxSet, sandboxOrg);
        GenesysSession.Set(connection);
        WriteObject(connection);
    }

    private System.Threading.CancellationTokenSource? _cancel;

    protected override void StopProcessing() => _cancel?.Cancel();

    private IReadOnlyList<OAuthClientCredential> ResolveCredentials()
    {
        try
        {
            switch (ParameterSetName)
            {
                case CredentialSet:
                    return Credential.Select(c => new OAuthClientCredential(c.UserName, c.GetNetworkCredential().Password)).ToList();
                case ClientIdSet:
                    return new[] { new OAuthClientCredential(ClientId, new System.Net.NetworkCredential("", ClientSecret).Password) };
                default:
                    var id = Environment.GetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_ID");
                    var secret = Environment.GetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_SECRET");
                    if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(secret))
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException("No credentials given. Pass -Credential (e.g. -Credential (Get-Secret Genesys)) or -ClientId/-ClientSecret, or set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET. Use -Sandbox to try GenesysSync without an org."),
                            "MissingCredential", ErrorCategory.AuthenticationError, null));
                    }
                    WriteVerbose("Using the OAuth client from GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET.");
                    return new[] { new OAuthClientCredential(id!, secret!) };
            }
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidCredential", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    private string ResolveEndpoint(GenesysClientOptions options)
    {
        var region = Region;
        if (string.IsNullOrWhiteSpace(region)) region = Environment.GetEnvironmentVariable("GENESYSCLOUD_REGION");
        if (ApiBaseUri is not null)
        {
            // One origin serves login and API (the emulator, or a proxy in front of Genesys).
            options.ApiBaseUri = ApiBaseUri;
            options.LoginBaseUri = ApiBaseUri;
            return string.IsNullOrWhiteSpace(region) ? ApiBaseUri.Host : region!;
        }
        if (string.IsNullOrWhiteSpace(region))
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("No region given. Pass -Region (e.g. us-east-1, eu-central-1, or a domain such as mypurecloud.de) or set GENESYSCLOUD_REGION."),
                "MissingRegion", ErrorCategory.InvalidArgument, null));
        }
        if (!GenesysRegion.TryResolve(region, out var resolved))
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"Unknown Genesys Cloud region '{region}'. Use one of: {string.Join(", ", GenesysRegion.Names)}; or a domain such as mypurecloud.com."),
                "UnknownRegion", ErrorCategory.InvalidArgument, region));
        }
        options.UseRegion(resolved);
        return resolved.Name;
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Tab completion of -Region with every known region name.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        => GenesysRegion.All
            .Where(r => r.Name.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, r.Domain));
}
