using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;

namespace GenesysSync.Sync;

/// <summary>
/// The API calls the engine makes (an interface so the engine is tested with an in-memory fake, and
/// runs against <see cref="ExternalContactsApiGateway"/> for real).
/// </summary>
public interface IExternalContactGateway
{
    /// <summary>One result per input, Index = position. Throws <see cref="Http.GenesysApiException"/> when the call as a whole fails.</summary>
    Task<IReadOnlyList<BulkItemResult>> BulkAddAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkItemResult>> BulkUpdateAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkItemResult>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkItemResult>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Every contact of the org (scan cursor).</summary>
    IAsyncEnumerable<ExternalContact> ScanContactsAsync(CancellationToken cancellationToken);

    /// <summary>The contact a match key resolves to, or null.</summary>
    Task<ExternalContact?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken cancellationToken);

    /// <summary>Client counters (requests, 429s, retries) so far; zeros when unknown.</summary>
    GatewayStats GetStats();
}

/// <summary>Client-level counters.</summary>
public readonly struct GatewayStats
{
    public GatewayStats(long requests, long throttled, long retries)
    {
        Requests = requests;
        Throttled = throttled;
        Retries = retries;
    }

    public long Requests { get; }
    public long Throttled { get; }
    public long Retries { get; }
}
