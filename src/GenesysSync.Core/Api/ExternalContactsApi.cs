using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Api;

/// <summary>
/// Typed External Contacts API over a <see cref="GenesysClient"/>.
/// Conventions: reads of one item by id or identifier return null on 404; writes on a missing id
/// throw <see cref="GenesysNotFoundException"/>; deletes return false when the item was already gone.
/// Bulk calls return one <see cref="BulkItemResult"/> per input, in input order (Index = input position).
/// </summary>
public sealed class ExternalContactsApi
{
    private readonly GenesysClient _client;

    public ExternalContactsApi(GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Entities per bulk request (add/update/fetch/remove); larger inputs are chunked.</summary>
    public int MaxBulkSize { get; set; } = 200;

    /// <summary>Operations per bulk enrich request (API limit 10).</summary>
    public int MaxBulkEnrichSize { get; set; } = 10;

    /// <summary>How many times rows whose bulk error is marked retryable are sent again.</summary>
    public int RetryableRowRetries { get; set; } = 2;

    public Task<ExternalContact> CreateContactAsync(ExternalContact contact, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>The contact, or null when no contact has this id (404).</summary>
    public Task<ExternalContact?> GetContactAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>PUT: replaces the whole contact; throws <see cref="GenesysNotFoundException"/> for an unknown id.</summary>
    public Task<ExternalContact> UpdateContactAsync(string id, ExternalContact contact, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<ExternalContact> PatchContactAsync(string id, IEnumerable<ContactPatchChange> changes, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>True when deleted, false when it did not exist (404).</summary>
    public Task<bool> DeleteContactAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>One page of full-text search (pageSize × pageNumber ≤ 1000).</summary>
    public Task<ContactListing> SearchContactsAsync(string query, int pageSize = 100, int pageNumber = 1, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>Every reachable search hit, paging until the end or the 1000-result cap (then <see cref="ContactSearchResult.Capped"/> is true).</summary>
    public Task<ContactSearchResult> SearchAllContactsAsync(string query, int pageSize = 100, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>One page of the scan cursor (limit 10..200); pass the previous page's Cursors.After.</summary>
    public Task<CursorListing<ExternalContact>> ScanContactsPageAsync(string? cursor = null, int limit = 200, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>Streams every contact of the org through the scan cursor (constant memory).</summary>
    public async IAsyncEnumerable<ExternalContact> ScanContactsAsync(int limit = 200, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new NotImplementedException();
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }

    /// <summary>The contact an identifier resolves to, or null (404). Type: one of <see cref="ContactIdentifierTypes"/>; ExternalId needs the source id.</summary>
    public Task<ExternalContact?> LookupContactAsync(string type, string value, string? externalSourceId = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<BulkItemResult>> BulkAddAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>Every contact must carry its Id.</summary>
    public Task<IReadOnlyList<BulkItemResult>> BulkUpdateAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<BulkItemResult>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<BulkItemResult>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>The native upsert; <see cref="EnrichResult.Created"/> tells 201 from 200.</summary>
    public Task<EnrichResult> EnrichAsync(ContactEnrichRequest request, bool dryRun = false, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>Enrich many (sent ≤ 10 per request).</summary>
    public Task<IReadOnlyList<BulkItemResult>> BulkEnrichAsync(IReadOnlyList<ContactEnrichRequest> requests, bool dryRun = false, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>All external sources, optionally only those whose name starts with <paramref name="namePrefix"/>.</summary>
    public Task<IReadOnlyList<ExternalSource>> ListExternalSourcesAsync(string? namePrefix = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>The source, or null (404).</summary>
    public Task<ExternalSource?> GetExternalSourceAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<ExternalSource> CreateExternalSourceAsync(ExternalSource source, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<ExternalSource> UpdateExternalSourceAsync(string id, ExternalSource source, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>True when deleted, false when it did not exist.</summary>
    public Task<bool> DeleteExternalSourceAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>The source with exactly this name (case-insensitive), created (active) when missing.</summary>
    public Task<ExternalSource> EnsureExternalSourceAsync(string name, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
