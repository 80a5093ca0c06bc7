using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;

namespace GenesysSync.Sync;

/// <summary>External contacts as a sync kind: the contact fields and <see cref="ContactPayload"/>.</summary>
public sealed class ContactSyncKind : ISyncEntityKind<ExternalContact>
{
    public static ContactSyncKind Instance { get; } = new();

    public string Noun => "contact";

    public FieldCatalog Fields => FieldCatalog.Contacts;

    public IEntityPayload<ExternalContact> CreatePayload(SyncOptions options, ContactMapping mapping)
        => new Payload(new ContactPayload(options.Normalization.DefaultRegion, mapping.Schema, options.ExternalSourceId));

    public string? IdOf(ExternalContact entity) => entity.Id;

    public string? WorkEmailOf(ExternalContact entity) => entity.WorkEmail;

    public IEnumerable<string> ExternalIdValuesOf(ExternalContact entity, string? externalSourceId)
        => (entity.ExternalIds ?? new List<ExternalId>()).Where(e => e.ExternalSource?.Id == externalSourceId && e.Value is not null).Select(e => e.Value!);

    private sealed class Payload : IEntityPayload<ExternalContact>
    {
        private readonly ContactPayload _payload;

        public Payload(ContactPayload payload) => _payload = payload;

        public ExternalContact BuildNew(NormalizedContact row, MatchKey key) => _payload.BuildNew(row, key);

        public ExternalContact MergeForUpdate(ExternalContact existing, NormalizedContact row, MatchKey key, string id)
        {
            var merged = _payload.Merge(existing, row, key);
            merged.Id = id;
            return merged;
        }

        public IReadOnlyList<string> ChangedFields(ExternalContact existing, NormalizedContact row, MatchKey key) => _payload.ChangedFields(existing, row, key);
    }
}

/// <summary>An <see cref="IExternalContactGateway"/> seen as the engine's generic gateway.</summary>
internal sealed class ContactGatewayAdapter : ISyncGateway<ExternalContact>
{
    private readonly IExternalContactGateway _gateway;

    public ContactGatewayAdapter(IExternalContactGateway gateway) => _gateway = gateway;

    public async Task<IReadOnlyList<BulkEntityResult<ExternalContact>>> BulkAddAsync(IReadOnlyList<ExternalContact> entities, CancellationToken cancellationToken)
        => Convert(await _gateway.BulkAddAsync(entities, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<BulkEntityResult<ExternalContact>>> BulkUpdateAsync(IReadOnlyList<ExternalContact> entities, CancellationToken cancellationToken)
        => Convert(await _gateway.BulkUpdateAsync(entities, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<BulkEntityResult<ExternalContact>>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        => Convert(await _gateway.BulkFetchAsync(ids, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<BulkEntityResult<ExternalContact>>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        => Convert(await _gateway.BulkRemoveAsync(ids, cancellationToken).ConfigureAwait(false));

    public IAsyncEnumerable<ExternalContact> ScanAsync(CancellationToken cancellationToken) => _gateway.ScanContactsAsync(cancellationToken);

    public Task<ExternalContact?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken cancellationToken) => _gateway.LookupAsync(key, externalSourceId, cancellationToken);

    public GatewayStats GetStats() => _gateway.GetStats();

    private static IReadOnlyList<BulkEntityResult<ExternalContact>> Convert(IReadOnlyList<BulkItemResult> results)
        => results.Select(r => new BulkEntityResult<ExternalContact>(r.Index, r.Id, r.Success, r.Status, r.Contact, r.Error)).ToList();
}
