using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GenesysSync.Tests.Client;

/// <summary>One request the fake saw (headers reduced to what tests assert on).</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? BearerToken, string? Body, DateTimeOffset Time)
{
    public string Path => PathAndQuery.Split('?')[0];
}

/// <summary>
/// A scripted Genesys: /oauth/token issues "token-1", "token-2", ... (or runs <see cref="TokenResponder"/>);
/// API requests take the next scripted reply, else <see cref="Default"/>. Records every API request.
/// </summary>
public sealed class FakeGenesys : HttpMessageHandler
{
    private readonly object _lock = new();
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _script = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly TimeProvider _clock;
    private int _tokenCalls;

    public FakeGenesys(TimeProvider clock) => _clock = clock;

    public int TokenLifetimeSeconds { get; set; } = 3600;
    /// <summary>Replaces the token endpoint (argument: 1-based call number).</summary>
    public Func<int, HttpResponseMessage>? TokenResponder { get; set; }
    public Func<RecordedRequest, HttpResponseMessage> Default { get; set; } = _ => Json(200, new { });
    /// <summary>Basic credentials the token endpoint saw (to check the secret is sent there and only there).</summary>
    public List<string> TokenAuthorizations { get; } = new();

    public int TokenCalls => Volatile.Read(ref _tokenCalls);
    public IReadOnlyList<RecordedRequest> Requests { get { lock (_lock) return _requests.ToArray(); } }

    public FakeGenesys Then(Func<RecordedRequest, HttpResponseMessage> reply)
    {
        lock (_lock) _script.Enqueue(reply);
        return this;
    }

    public FakeGenesys Then(HttpResponseMessage reply) => Then(_ => reply);

    public FakeGenesys Then(int status, object? body = null) => Then(_ => Json(status, body ?? new { }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        if (request.RequestUri!.AbsolutePath == "/oauth/token")
        {
            var n = Interlocked.Increment(ref _tokenCalls);
            lock (_lock) TokenAuthorizations.Add(request.Headers.Authorization?.ToString() ?? "");
            return TokenResponder?.Invoke(n) ?? Json(200, new { access_token = "token-" + n, token_type = "bearer", expires_in = TokenLifetimeSeconds });
        }

        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri.PathAndQuery,
            request.Headers.Authorization?.Scheme == "Bearer" ? request.Headers.Authorization.Parameter : null, body, _clock.GetUtcNow());
        Func<RecordedRequest, HttpResponseMessage> reply;
        lock (_lock)
        {
            _requests.Add(recorded);
            reply = _script.Count > 0 ? _script.Dequeue() : Default;
        }
        return reply(recorded);
    }

    public static HttpResponseMessage Json(int status, object body)
        => new((HttpStatusCode)status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    /// <summary>A Genesys error body, optionally with Retry-After (seconds) and a correlation header.</summary>
    public static HttpResponseMessage Error(int status, string code, string message = "failed", string? contextId = null,
        int? retryAfterSeconds = null, string? correlationHeader = null)
    {
        var response = Json(status, new { message, code, status, contextId, details = Array.Empty<object>(), errors = Array.Empty<object>() });
        if (retryAfterSeconds.HasValue) response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds.Value));
        if (correlationHeader != null) response.Headers.Add("ININ-Correlation-Id", correlationHeader);
        return response;
    }
}
