using System;

namespace GenesysSync.Http;

public enum GenesysLogKind
{
    /// <summary>One HTTP attempt finished (any status).</summary>
    Response,
    /// <summary>A failed attempt will be retried after <see cref="GenesysLogEvent.RetryDelay"/>.</summary>
    Retry,
    /// <summary>A failed request is given up (no more retries).</summary>
    GiveUp,
    /// <summary>The request had to wait for rate-limit budget.</summary>
    Throttled,
    TokenAcquired,
    TokenRefreshed,
    CircuitOpened,
    CircuitHalfOpen,
    CircuitClosed,
}

/// <summary>
/// A diagnostic event for -Verbose output. Never carries headers, tokens, secrets or bodies:
/// only method, route template, status, timing and retry decisions.
/// </summary>
public sealed class GenesysLogEvent
{
    public GenesysLogEvent(GenesysLogKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    public GenesysLogKind Kind { get; }
    public string Message { get; }
    public string? Method { get; init; }
    /// <summary>Path with ids replaced by {id}, no query string.</summary>
    public string? Route { get; init; }
    public int? StatusCode { get; init; }
    public TimeSpan? Duration { get; init; }
    /// <summary>1 for the first try.</summary>
    public int Attempt { get; init; }
    public TimeSpan? RetryDelay { get; init; }

    public override string ToString() => Message;
}
