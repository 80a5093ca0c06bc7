using System;
using System.Linq;
using System.Threading;
using GenesysSync.Api;
using GenesysSync.Http;

namespace GenesysSync;

/// <summary>
/// A connection to one Genesys Cloud org (or the sandbox), returned by Connect-GenesysCloud and
/// held by the session. It owns the one shared throttled client that every cmdlet uses. It never
/// exposes the client secret or the access token.
/// </summary>
public sealed class GenesysConnection : IDisposable
{
    // Verbose sink of the cmdlet currently awaiting a call; flows with the async call chain so
    // two cmdlets in one session (or two runspaces) never receive each other's messages.
    private static readonly AsyncLocal<Action<GenesysLogEvent>?> LogSink = new();

    private GenesysClient? _client;
    private ExternalContactsApi? _externalContacts;
    private ExternalOrganizationsApi? _externalOrganizations;
    private ExternalNotesApi? _externalNotes;
    private ExternalRelationshipsApi? _externalRelationships;
    private ContactIdentityApi? _contactIdentity;

    internal GenesysConnection(string region, GenesysClient client, bool isSandbox, object? sandboxOrg)
    {
        Region = region;
        _client = client;
        IsSandbox = isSandbox;
        SandboxOrg = sandboxOrg;
        ConnectedAt = client.TimeProvider.GetUtcNow();
    }

    public string Region { get; }
    public Uri ApiBaseUri => Client.ApiBaseUri;
    public bool IsSandbox { get; }
    public bool IsConnected => _client is not null;
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>OAuth client ids in the token pool (ids only).</summary>
    public string[] ClientIds => Client.Options.Credentials.Select(c => c.ClientId).ToArray();
    public int TokenCount => Client.Options.Credentials.Count;
    /// <summary>Request budget per token per minute.</summary>
    public int RequestsPerMinute => Client.Options.RequestsPerMinute;
    /// <summary>Budget of the whole pool per minute.</summary>
    public int TotalRequestsPerMinute => Client.RequestsPerMinuteTotal;
    /// <summary>The earliest expiry among the pool's tokens (refreshed automatically).</summary>
    public DateTimeOffset? TokenExpiresAt => Client.Tokens.Count == 0 ? null : Client.Tokens.Min(t => t.ExpiresAt);
    public long Requests => Client.Stats.Requests;
    public long Throttled => Client.Stats.Throttled;
    public long Retries => Client.Stats.Retries;

    /// <summary>
    /// The in-process emulator org behind a -Sandbox connection (GenesysSync.Emulator.EmulatorOrg),
    /// for inspecting what the sandbox holds or injecting faults in a demo; null otherwise.
    /// </summary>
    public object? SandboxOrg { get; }

    /// <summary>
    /// Identifies the org in state file names: the API host (and port, so two emulators on one machine differ)
    /// plus the first OAuth client id (hashed), so two orgs never share delta state.
    /// </summary>
    internal string StateKey
    {
        get
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var bytes = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(ApiBaseUri.Authority.ToLowerInvariant() + "|" + ClientIds.FirstOrDefault()));
            return ApiBaseUri.Authority + "-" + System.BitConverter.ToString(bytes, 0, 6).Replace("-", "").ToLowerInvariant();
        }
    }

    /// <summary>A sandbox org lives in memory, so its delta state lives in a folder of its own that dies with it.</summary>
    internal string SandboxStateDirectory => _sandboxState ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), "GenesysSync", "sandbox-" + System.Guid.NewGuid().ToString("N"));

    private string? _sandboxState;

    internal GenesysClient Client => _client ?? throw new InvalidOperationException("This Genesys Cloud connection was closed by Disconnect-GenesysCloud. Run Connect-GenesysCloud again.");

    internal ExternalContactsApi ExternalContacts => _externalContacts ??= new ExternalContactsApi(Client);

    internal ExternalOrganizationsApi ExternalOrganizations => _externalOrganizations ??= new ExternalOrganizationsApi(Client);
    internal ExternalNotesApi ExternalNotes => _externalNotes ??= new ExternalNotesApi(Client);
    internal ExternalRelationshipsApi ExternalRelationships => _externalRelationships ??= new ExternalRelationshipsApi(Client);
    internal ContactIdentityApi ContactIdentity => _contactIdentity ??= new ContactIdentityApi(Client);

    internal global::GenesysSync.Outbound.OutboundApi Outbound => new(Client);

    internal static void Log(GenesysLogEvent e) => LogSink.Value?.Invoke(e);

    internal static IDisposable RouteLogTo(Action<GenesysLogEvent> sink)
    {
        var previous = LogSink.Value;
        LogSink.Value = sink;
        return new Restore(() => LogSink.Value = previous);
    }

    public void Dispose()
    {
        var client = Interlocked.Exchange(ref _client, null);
        client?.Dispose();
        if (_sandboxState is not null)
        {
            try { System.IO.Directory.Delete(_sandboxState, recursive: true); }
            catch (System.IO.IOException) { } // a state file still open: the OS temp cleaner takes it
            catch (System.UnauthorizedAccessException) { }
        }
    }

    public override string ToString() => IsSandbox ? "Genesys Cloud sandbox" : $"Genesys Cloud {Region}";

    private sealed class Restore : IDisposable
    {
        private Action? _undo;
        public Restore(Action undo) => _undo = undo;
        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }
}
