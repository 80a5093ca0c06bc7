using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GenesysSync.Http;

/// <summary>Thread-safe counters of what a <see cref="GenesysClient"/> did (every HTTP attempt counts).</summary>
public sealed class ClientStats
{
    private readonly ConcurrentDictionary<string, long> _byRoute = new();
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _requests, _throttled, _retries, _transportErrors, _tokenRefreshes, _circuitRejections;

    /// <summary>HTTP attempts sent to the API host (retries included, token calls excluded).</summary>
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Attempts answered 429.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Retries => Interlocked.Read(ref _retries);
    /// <summary>Attempts that got no HTTP response (reset, lost response, timeout).</summary>
    public long TransportErrors => Interlocked.Read(ref _transportErrors);
    /// <summary>Tokens fetched after the first one per credential (expiry or 401).</summary>
    public long TokenRefreshes => Interlocked.Read(ref _tokenRefreshes);
    /// <summary>Requests refused without sending because the circuit breaker was open.</summary>
    public long CircuitRejections => Interlocked.Read(ref _circuitRejections);

    /// <summary>Attempts by "METHOD /route/{id}".</summary>
    public IReadOnlyDictionary<string, long> ByRoute => _byRoute.ToDictionary(p => p.Key, p => p.Value);
    /// <summary>Attempts by HTTP status (0 = no response).</summary>
    public IReadOnlyDictionary<int, long> ByStatus => _byStatus.ToDictionary(p => p.Key, p => p.Value);

    internal void RecordAttempt(string methodAndRoute, int status)
    {
        Interlocked.Increment(ref _requests);
        _byRoute.AddOrUpdate(methodAndRoute, 1, (_, n) => n + 1);
        _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == 429) Interlocked.Increment(ref _throttled);
        if (status == 0) Interlocked.Increment(ref _transportErrors);
    }

    internal void RecordRetry() => Interlocked.Increment(ref _retries);
    internal void RecordTokenRefresh() => Interlocked.Increment(ref _tokenRefreshes);
    internal void RecordCircuitRejection() => Interlocked.Increment(ref _circuitRejections);

    public override string ToString()
        => $"Requests={Requests}, 429={Throttled}, Retries={Retries}, TransportErrors={TransportErrors}, TokenRefreshes={TokenRefreshes}, CircuitRejections={CircuitRejections}";
}
