using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Sync;

/// <summary>External organizations as a sync kind (matching on ExternalId, Composite or Id; not WorkEmail).</summary>
public sealed class OrganizationSyncKind : ISyncEntityKind<ExternalOrganization>
{
    public static OrganizationSyncKind Instance { get; } = new();

    public string Noun => "organization";

    public FieldCatalog Fields => OrganizationFields.Catalog;

    public IEntityPayload<ExternalOrganization> CreatePayload(SyncOptions options, ContactMapping mapping)
    {
        if (options.Keys.MatchOn == MatchOn.WorkEmail) throw new ArgumentException("Organizations have no work e-mail: match them on ExternalId, Composite or Id.");
        return new OrganizationPayload(options.Normalization.DefaultRegion, options.ExternalSourceId);
    }

    public string? IdOf(ExternalOrganization entity) => entity.Id;

    public string? WorkEmailOf(ExternalOrganization entity) => null;

    public IEnumerable<string> ExternalIdValuesOf(ExternalOrganization entity, string? externalSourceId)
        => (entity.ExternalIds ?? new List<ExternalId>()).Where(e => e.ExternalSource?.Id == externalSourceId && e.Value is not null).Select(e => e.Value!)
            .Concat((entity.Identifiers ?? new List<ContactIdentifier>()).Where(i => i.Type == ContactIdentifierTypes.ExternalId && i.ExternalSource?.Id == externalSourceId && i.Value is not null).Select(i => i.Value!))
            .Distinct(StringComparer.Ordinal);
}

/// <summary>The engine's gateway over the typed <see cref="ExternalOrganizationsApi"/>.</summary>
public sealed class ExternalOrganizationsApiGateway : ISyncGateway<ExternalOrganization>
{
    private readonly ExternalOrganizationsApi _api;
    private readonly ClientStats? _stats;

    public ExternalOrganizationsApiGateway(ExternalOrganizationsApi api, ClientStats? stats = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _stats = stats;
    }

    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkAddAsync(IReadOnlyList<ExternalOrganization> entities, CancellationToken cancellationToken) => _api.BulkAddAsync(entities, cancellationToken);
    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkUpdateAsync(IReadOnlyList<ExternalOrganization> entities, CancellationToken cancellationToken) => _api.BulkUpdateAsync(entities, cancellationToken);
    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => _api.BulkFetchAsync(ids, cancellationToken);
    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => _api.BulkRemoveAsync(ids, cancellationToken);
    public IAsyncEnumerable<ExternalOrganization> ScanAsync(CancellationToken cancellationToken) => _api.ScanAsync(200, cancellationToken);

    public Task<ExternalOrganization?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        return key.Kind == MatchOn.Id
            ? _api.GetAsync(key.Value, false, cancellationToken)
            : _api.LookupAsync(externalSourceId ?? throw new ArgumentException("An ExternalId lookup needs the external source.", nameof(externalSourceId)), key.Value, cancellationToken);
    }

    public GatewayStats GetStats() => _stats is null ? default : new GatewayStats(_stats.Requests, _stats.Throttled, _stats.Retries);
}
