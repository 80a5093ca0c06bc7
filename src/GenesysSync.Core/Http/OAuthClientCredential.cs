using System;
using System.Diagnostics;

namespace GenesysSync.Http;

/// <summary>
/// An OAuth client-credentials pair. The secret is only readable through <see cref="ClientSecret"/>;
/// ToString and the debugger view show the client id alone.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OAuthClientCredential
{
    public OAuthClientCredential(string clientId, string clientSecret)
    {
        if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The OAuth client id is empty.", nameof(clientId));
        if (string.IsNullOrEmpty(clientSecret)) throw new ArgumentException("The OAuth client secret is empty.", nameof(clientSecret));
        ClientId = clientId.Trim();
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string ClientSecret { get; }

    public override string ToString() => $"OAuthClientCredential(ClientId={ClientId}, ClientSecret=***)";
}
