using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;

namespace GenesysSync.Sync;

/// <summary>
/// What the sync engine needs to know about the kind of record it writes (external contacts, external organizations):
/// its field catalogue, how rows become bodies, how ids and keys are read back. One engine
/// (<see cref="EntitySync{TEntity}"/>) serves every kind.
/// </summary>
public interface ISyncEntityKind<TEntity> where TEntity : class
{
    /// <summary>"contact", "organization": used in prompts ("Create external contact") and messages.</summary>
    string Noun { get; }

    /// <summary>The writable fields columns map to.</summary>
    FieldCatalog Fields { get; }

    /// <summary>The body builder of one run.</summary>
    IEntityPayload<TEntity> CreatePayload(SyncOptions options, ContactMapping mapping);

    string? IdOf(TEntity entity);

    /// <summary>The entity's work e-mail (WorkEmail matching), or null when the kind has none.</summary>
    string? WorkEmailOf(TEntity entity);

    /// <summary>The entity's external id values under <paramref name="externalSourceId"/> (reconcile).</summary>
    IEnumerable<string> ExternalIdValuesOf(TEntity entity, string? externalSourceId);
}

/// <summary>Builds, merges and compares bodies of one kind for one run (see <see cref="ContactPayload"/>).</summary>
public interface IEntityPayload<TEntity> where TEntity : class
{
    TEntity BuildNew(NormalizedContact row, MatchKey key);

    /// <summary>The existing entity with the row's fields applied and its id set (bulk update replaces whole entities).</summary>
    TEntity MergeForUpdate(TEntity existing, NormalizedContact row, MatchKey key, string id);

    IReadOnlyList<string> ChangedFields(TEntity existing, NormalizedContact row, MatchKey key);
}

/// <summary>The API calls the engine makes for one kind (faked in tests).</summary>
public interface ISyncGateway<TEntity> where TEntity : class
{
    Task<IReadOnlyList<BulkEntityResult<TEntity>>> BulkAddAsync(IReadOnlyList<TEntity> entities, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkEntityResult<TEntity>>> BulkUpdateAsync(IReadOnlyList<TEntity> entities, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkEntityResult<TEntity>>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
    Task<IReadOnlyList<BulkEntityResult<TEntity>>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
    IAsyncEnumerable<TEntity> ScanAsync(CancellationToken cancellationToken);
    Task<TEntity?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken cancellationToken);
    GatewayStats GetStats();
}
