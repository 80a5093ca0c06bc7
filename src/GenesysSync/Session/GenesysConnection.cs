using System;

namespace GenesysSync;

/// <summary>
/// A connection to one Genesys Cloud org (or the sandbox), returned by Connect-GenesysCloud.
/// Holds the shared throttled client; never exposes the secret or the token.
/// </summary>
public sealed class GenesysConnection : IDisposable
{
    public string Region { get; internal set; } = "";
    public Uri? ApiBaseUri { get; internal set; }
    public bool IsSandbox { get; internal set; }
    public bool IsConnected { get; internal set; }

    public void Dispose() => IsConnected = false;

    public override string ToString() => IsSandbox ? "Genesys Cloud sandbox" : $"Genesys Cloud {Region} ({ApiBaseUri})";
}
