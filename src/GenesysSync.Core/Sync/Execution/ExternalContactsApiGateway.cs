using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Sync;

/// <summary>The engine's gateway over the typed <see cref="ExternalContactsApi"/>.</summary>
public sealed class ExternalContactsApiGateway : IExternalContactGateway
{
    private readonly ExternalContactsApi _api;
    private readonly ClientStats? _stats;

    public ExternalContactsApiGateway(ExternalContactsApi api, ClientStats? stats = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _stats = stats;
    }

    public Task<IReadOnlyList<BulkItemResult>> BulkAddAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken) => _api.BulkAddAsync(contacts, cancellationToken);
    public Task<IReadOnlyList<BulkItemResult>> BulkUpdateAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken) => _api.BulkUpdateAsync(contacts, cancellationToken);
    public Task<IReadOnlyList<BulkItemResult>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => _api.BulkFetchAsync(ids, cancellationToken);
    public Task<IReadOnlyList<BulkItemResult>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => _api.BulkRemoveAsync(ids, cancellationToken);
    public IAsyncEnumerable<ExternalContact> ScanContactsAsync(CancellationToken cancellationToken) => _api.ScanContactsAsync(200, cancellationToken);

    public async Task<ExternalContact?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        switch (key.Kind)
        {
            case MatchOn.Id:
                return await _api.GetContactAsync(key.Value, cancellationToken).ConfigureAwait(false);
            case MatchOn.WorkEmail:
            {
                var byIdentifier = await _api.LookupContactAsync(ContactIdentifierTypes.Email, key.Value, null, cancellationToken).ConfigureAwait(false);
                if (byIdentifier is not null) return byIdentifier;
                // Identifier lookup only knows claimed identifiers; search finds plain workEmail values.
                var hits = await _api.SearchContactsAsync(key.Value, 25, 1, cancellationToken).ConfigureAwait(false);
                return hits.Entities?.FirstOrDefault(c => c.WorkEmail is not null && string.Equals(c.WorkEmail.Trim(), key.Value, StringComparison.OrdinalIgnoreCase));
            }
            default:
                return await _api.LookupContactAsync(ContactIdentifierTypes.ExternalId, key.Value, externalSourceId, cancellationToken).ConfigureAwait(false);
        }
    }

    public GatewayStats GetStats() => _stats is null ? default : new GatewayStats(_stats.Requests, _stats.Throttled, _stats.Retries);
}
