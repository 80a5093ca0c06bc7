using System;
using System.Net;

namespace GenesysSync.Http;

/// <summary>
/// A Genesys API call failed. Carries what support needs (status, Genesys code, contextId) and the
/// raw error body (fine for ErrorDetails; error bodies carry no secrets). Messages never contain
/// tokens, secrets or request bodies.
/// </summary>
public class GenesysApiException : Exception
{
    public GenesysApiException(string message, int statusCode = 0, string? code = null, string? contextId = null,
        string? responseBody = null, bool isRetryable = false, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        ContextId = contextId;
        ResponseBody = responseBody;
        IsRetryable = isRetryable;
    }

    /// <summary>HTTP status; 0 when no response was received.</summary>
    public int StatusCode { get; }
    /// <summary>Genesys error code, e.g. "not.found" or "too.many.requests.retry.after".</summary>
    public string? Code { get; }
    /// <summary>Genesys correlation id of the failed request (from the body or the ININ-Correlation-Id header).</summary>
    public string? ContextId { get; }
    /// <summary>Raw JSON error body, if any.</summary>
    public string? ResponseBody { get; }
    /// <summary>True when sending the same request later may succeed (throttling, 5xx, transport).</summary>
    public bool IsRetryable { get; }
    /// <summary>"METHOD /route/{id}" of the failed request, when known.</summary>
    public string? Route { get; internal set; }
    /// <summary>How many HTTP attempts were made before giving up.</summary>
    public int Attempts { get; internal set; }

    public HttpStatusCode? HttpStatus => StatusCode == 0 ? null : (HttpStatusCode)StatusCode;
}

/// <summary>404.</summary>
public sealed class GenesysNotFoundException : GenesysApiException
{
    public GenesysNotFoundException(string message, int statusCode = 404, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, statusCode, code, contextId, responseBody) { }
}

/// <summary>401, or the login host rejected the OAuth client (wrong id/secret or wrong region).</summary>
public sealed class GenesysAuthenticationException : GenesysApiException
{
    public GenesysAuthenticationException(string message, int statusCode = 401, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, statusCode, code, contextId, responseBody) { }

    /// <param name="isRetryable">True when the login host could not be reached or was unavailable (not a rejection of the credentials).</param>
    public GenesysAuthenticationException(string message, int statusCode, string? code, string? contextId, string? responseBody, bool isRetryable, Exception? innerException)
        : base(message, statusCode, code, contextId, responseBody, isRetryable, innerException) { }
}

/// <summary>403: the OAuth client lacks a permission or scope.</summary>
public sealed class GenesysPermissionException : GenesysApiException
{
    public GenesysPermissionException(string message, int statusCode = 403, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, statusCode, code, contextId, responseBody) { }
}

/// <summary>429 still answered after the retries (or Retry-After beyond the maximum wait).</summary>
public sealed class GenesysRateLimitException : GenesysApiException
{
    public GenesysRateLimitException(string message, string? code = null, string? contextId = null, string? responseBody = null, TimeSpan? retryAfter = null)
        : base(message, 429, code, contextId, responseBody, isRetryable: true)
        => RetryAfter = retryAfter;

    public TimeSpan? RetryAfter { get; }
}

/// <summary>400 or 422: the request (often one field) is invalid.</summary>
public sealed class GenesysValidationException : GenesysApiException
{
    public GenesysValidationException(string message, int statusCode = 400, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, statusCode, code, contextId, responseBody) { }
}

/// <summary>409: e.g. a version mismatch or a duplicate name.</summary>
public sealed class GenesysConflictException : GenesysApiException
{
    public GenesysConflictException(string message, int statusCode = 409, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, statusCode, code, contextId, responseBody) { }
}

/// <summary>413: the body is too large (bulk callers split the batch).</summary>
public sealed class GenesysPayloadTooLargeException : GenesysApiException
{
    public GenesysPayloadTooLargeException(string message, string? code = null, string? contextId = null, string? responseBody = null)
        : base(message, 413, code, contextId, responseBody) { }
}

/// <summary>408/504 after the retries, or no response within the request timeout.</summary>
public sealed class GenesysTimeoutException : GenesysApiException
{
    public GenesysTimeoutException(string message, int statusCode = 0, string? code = null, string? contextId = null, string? responseBody = null, Exception? innerException = null)
        : base(message, statusCode, code, contextId, responseBody, isRetryable: true, innerException: innerException) { }
}

/// <summary>The circuit breaker is open after a run of server errors: requests fail fast until it half-opens.</summary>
public sealed class GenesysCircuitOpenException : GenesysApiException
{
    public GenesysCircuitOpenException(string message, TimeSpan retryAfter, int lastStatusCode = 0)
        : base(message, lastStatusCode, "circuit.open", isRetryable: true)
        => RetryAfter = retryAfter;

    /// <summary>Time until the breaker lets a probe request through.</summary>
    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// No usable HTTP answer: the host could not be reached, the connection was reset or the response lost, and
/// the retries did not help; or the TLS connection could not be established (not retryable).
/// </summary>
public sealed class GenesysTransportException : GenesysApiException
{
    public GenesysTransportException(string message, Exception? innerException = null)
        : base(message, 0, null, null, null, isRetryable: true, innerException: innerException) { }

    public GenesysTransportException(string message, Exception? innerException, bool isRetryable)
        : base(message, 0, null, null, null, isRetryable: isRetryable, innerException: innerException) { }
}
