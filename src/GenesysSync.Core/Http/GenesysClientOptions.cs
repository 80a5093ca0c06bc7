using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace GenesysSync.Http;

/// <summary>Settings of one <see cref="GenesysClient"/> (one connection to one org).</summary>
public sealed class GenesysClientOptions
{
    /// <summary>Base of the API host, e.g. https://api.mypurecloud.de (plain http only for loopback).</summary>
    public Uri? ApiBaseUri { get; set; }

    /// <summary>Base of the login host for /oauth/token, e.g. https://login.mypurecloud.de.</summary>
    public Uri? LoginBaseUri { get; set; }

    /// <summary>Host of multipart uploads (apps.{domain}); defaults to <see cref="ApiBaseUri"/> when null.</summary>
    public Uri? AppsBaseUri { get; set; }

    /// <summary>One or more OAuth clients; each adds a token with its own request budget.</summary>
    public IReadOnlyList<OAuthClientCredential> Credentials { get; set; } = Array.Empty<OAuthClientCredential>();

    /// <summary>Request budget per token (Genesys default: 300 per minute per client-credentials token).</summary>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Requests in flight at once, per token.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Retries after the first attempt before giving up (5xx, timeouts, lost connections). 429s with Retry-After do not
    /// count: they are retried as the server says while their waits stay within <see cref="MaxRetryWait"/> in total.
    /// </summary>
    public int MaxRetries { get; set; } = 10;

    /// <summary>
    /// Give up rather than wait longer than this for one retry (e.g. a huge Retry-After), or in total on 429s for one
    /// request.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>First backoff delay for retries without Retry-After (doubles each time, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay for retries without Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Refresh a token this long before it expires.</summary>
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive 5xx answers that open the circuit breaker.</summary>
    public int CircuitBreakerThreshold { get; set; } = 10;

    /// <summary>How long the open breaker fails fast before letting one probe through.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time allowed for one HTTP attempt (measured on <see cref="TimeProvider"/>); infinite disables it. A download gets it
    /// for the headers and then for each read of the body, so a big export that keeps arriving is never cut off.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Extra time a request stays counted in the client's 60 s window beyond the server's, as a
    /// safety margin (requests already count from when their answer arrived; 0.5 s costs ~0.8% of the budget).
    /// </summary>
    public TimeSpan RateWindowMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Clock for every delay, expiry and window (fake or scaled in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// HTTP transport; null = an HttpClientHandler (with TLS 1.2 allowed and enough connections per host on .NET Framework).
    /// Tests and -Sandbox pass the emulator's handler.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Receives diagnostic events (never secrets, tokens, headers or bodies).</summary>
    public Action<GenesysLogEvent>? Log { get; set; }

    /// <summary>Sets the API, login and apps hosts of a region.</summary>
    public GenesysClientOptions UseRegion(GenesysRegion region)
    {
        ApiBaseUri = region.ApiBaseUri;
        LoginBaseUri = region.LoginBaseUri;
        AppsBaseUri = region.AppsBaseUri;
        return this;
    }

    /// <summary>Checks every setting; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public void Validate()
    {
        ValidateBaseUri(ApiBaseUri, nameof(ApiBaseUri));
        ValidateBaseUri(LoginBaseUri, nameof(LoginBaseUri));
        if (AppsBaseUri != null) ValidateBaseUri(AppsBaseUri, nameof(AppsBaseUri));
        if (Credentials == null || Credentials.Count == 0)
            throw new ArgumentException("At least one OAuth client credential is required.", nameof(Credentials));
        if (Credentials.Any(c => c == null))
            throw new ArgumentException("A credential in the list is null.", nameof(Credentials));
        if (RequestsPerMinute < 1) throw new ArgumentException("RequestsPerMinute must be at least 1.", nameof(RequestsPerMinute));
        if (MaxConcurrency < 1) throw new ArgumentException("MaxConcurrency must be at least 1.", nameof(MaxConcurrency));
        if (MaxRetries < 0) throw new ArgumentException("MaxRetries cannot be negative.", nameof(MaxRetries));
        if (MaxRetryWait < TimeSpan.Zero) throw new ArgumentException("MaxRetryWait cannot be negative.", nameof(MaxRetryWait));
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            throw new ArgumentException("RetryBaseDelay must be positive and not above RetryMaxDelay.", nameof(RetryBaseDelay));
        if (TokenRefreshBuffer < TimeSpan.Zero) throw new ArgumentException("TokenRefreshBuffer cannot be negative.", nameof(TokenRefreshBuffer));
        if (CircuitBreakerThreshold < 1) throw new ArgumentException("CircuitBreakerThreshold must be at least 1.", nameof(CircuitBreakerThreshold));
        if (CircuitBreakDuration <= TimeSpan.Zero) throw new ArgumentException("CircuitBreakDuration must be positive.", nameof(CircuitBreakDuration));
        if (RateWindowMargin < TimeSpan.Zero) throw new ArgumentException("RateWindowMargin cannot be negative.", nameof(RateWindowMargin));
        if (TimeProvider == null) throw new ArgumentException("TimeProvider is required.", nameof(TimeProvider));
    }

    private static void ValidateBaseUri(Uri? uri, string name)
    {
        if (uri == null) throw new ArgumentException($"{name} is required.", name);
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"{name} '{uri}' must be an absolute URL.", name);
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return;
        throw new ArgumentException(
            $"{name} '{uri.GetLeftPart(UriPartial.Authority)}' must use https (plain http is allowed only for loopback hosts such as 127.0.0.1, localhost or [::1]).",
            name);
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
}
