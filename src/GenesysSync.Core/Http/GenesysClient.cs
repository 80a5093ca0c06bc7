using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysSync.Http;

/// <summary>
/// The one throttled, retrying client of a connection (one HttpClient). Safe for concurrent use.
/// </summary>
public sealed class GenesysClient : IDisposable
{
    private GenesysClient(GenesysClientOptions options)
    {
        Options = options;
        Stats = new ClientStats();
    }

    public GenesysClientOptions Options { get; }
    public ClientStats Stats { get; }
    public Uri ApiBaseUri => Options.ApiBaseUri!;
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>Tokens of the pool (client id and expiry; never the token).</summary>
    public IReadOnlyList<GenesysTokenInfo> Tokens => throw new NotImplementedException();

    /// <summary>Total request budget per minute (per-token budget × tokens).</summary>
    public int RequestsPerMinuteTotal => Options.RequestsPerMinute * Options.Credentials.Count;

    /// <summary>Validates the options and gets a token for every credential.</summary>
    public static Task<GenesysClient> ConnectAsync(GenesysClientOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Sends a JSON request to the API host; returns the 2xx response or throws a <see cref="GenesysApiException"/>.</summary>
    public Task<GenesysResponse> SendAsync(HttpMethod method, string pathAndQuery, object? jsonBody = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Sends a request whose body is built by <paramref name="contentFactory"/> (called once per attempt), e.g. multipart uploads. The URI may be absolute (apps host).</summary>
    public Task<GenesysResponse> SendRawAsync(HttpMethod method, Uri uri, Func<HttpContent>? contentFactory, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<T> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<T> PostAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<T> PutAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<T> PatchAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task DeleteAsync(string pathAndQuery, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void Dispose() { }
}

/// <summary>What a connection may show about a token: never the token itself.</summary>
public sealed class GenesysTokenInfo
{
    internal GenesysTokenInfo(string clientId, DateTimeOffset expiresAt, int requestsPerMinute)
    {
        ClientId = clientId;
        ExpiresAt = expiresAt;
        RequestsPerMinute = requestsPerMinute;
    }

    public string ClientId { get; }
    public DateTimeOffset ExpiresAt { get; }
    public int RequestsPerMinute { get; }
}
