using System.Net;
using System.Text;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Http;

/// <summary>A successful (2xx) response, body fully read.</summary>
public sealed class GenesysResponse
{
    internal GenesysResponse(int statusCode, byte[] body, string? contextId, int attempts)
    {
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

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body as <typeparamref name="T"/> (default when empty).</summary>
    public T? ReadJson<T>() => Body.Length == 0 ? default : JsonSerializer.Deserialize<T>(Body, GenesysJson.Options);
}
