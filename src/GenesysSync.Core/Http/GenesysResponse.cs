using System.Net;
using System.Text;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Http;

/// <summary>A successful (2xx) response, body fully read.</summary>
public sealed class GenesysResponse
{
    internal GenesysResponse(int statusCode, byte[] body, string? contextId, int attempts, string? route = null)
    {
        Route = route;
        StatusCode = statusCode;
        Body = body;
        ContextId = contextId;
        Attempts = attempts;
    }

    public int StatusCode { get; }
    public HttpStatusCode HttpStatus => (HttpStatusCode)StatusCode;
    /// <summary>Raw body bytes (empty for 204).</summary>
    public byte[] Body { get; }
    /// <summary>ININ-Correlation-Id of the response, if any.</summary>
    public string? ContextId { get; }
    /// <summary>HTTP attempts it took (1 = no retry).</summary>
    public int Attempts { get; }

    /// <summary>"METHOD /route/{id}" of the request, when known.</summary>
    public string? Route { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body as <typeparamref name="T"/> (default when empty).</summary>
    /// <exception cref="GenesysApiException">The body is not JSON of the expected shape (e.g. cut short, or an HTML page from a proxy).</exception>
    public T? ReadJson<T>()
    {
        if (Body.Length == 0) return default;
        try
        {
            return JsonSerializer.Deserialize<T>(Body, GenesysJson.Options);
        }
        catch (JsonException ex)
        {
            // The parser's message names a JSON path and position, never the content (which may hold PII).
            // Retryable in the sense that matters to callers: a 2xx means a write was applied, but what it produced is
            // unknown, so the sync engine looks its keys up (creates) or sends it again (idempotent writes).
            throw new GenesysApiException($"{Route ?? "The request"} returned HTTP {StatusCode} with a body that is not the expected JSON ({ex.Message}); " +
                "a write may have been applied.", StatusCode, "response.malformed", ContextId, isRetryable: true, innerException: ex);
        }
    }
}
