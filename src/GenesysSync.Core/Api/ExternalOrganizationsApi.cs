using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Api;

/// <summary>
/// Typed External Organizations API over a <see cref="GenesysClient"/>, with the conventions of
/// <see cref="ExternalContactsApi"/>: reads by id return null on 404, writes on a missing id throw
/// <see cref="GenesysNotFoundException"/>, deletes return false when the organization was already gone.
/// </summary>
public sealed class ExternalOrganizationsApi
{
    private const string Base = "/api/v2/externalcontacts";
    private const string Organizations = Base + "/organizations";

    /// <summary>Search reaches only the first 1000 hits (pageSize × pageNumber ≤ 1000).</summary>
    public const int SearchCap = 1000;

    private readonly GenesysClient _client;
    private readonly EntityBulk<ExternalOrganization> _bulk;

    public ExternalOrganizationsApi(GenesysClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _bulk = new EntityBulk<ExternalOrganization>(client, o => o.Id, Fingerprint);
    }

    /// <summary>Entities per bulk request (add/update/fetch/remove); larger inputs are chunked.</summary>
    public int MaxBulkSize
    {
        get => _bulk.MaxPerRequest;
        set => _bulk.MaxPerRequest = value;
    }

    // ------------------------------------------------------------------ single organization

    public Task<ExternalOrganization> CreateAsync(ExternalOrganization organization, CancellationToken cancellationToken = default)
        => _client.PostAsync<ExternalOrganization>(Organizations, organization ?? throw new ArgumentNullException(nameof(organization)), cancellationToken);

    /// <summary>The organization, or null (404). <paramref name="includeTrustor"/> embeds the linked trustor.</summary>
    public Task<ExternalOrganization?> GetAsync(string id, bool includeTrustor = false, CancellationToken cancellationToken = default)
        => Calls.NullOn404(() => _client.GetAsync<ExternalOrganization>(PathOf(id) + (includeTrustor ? "?includeTrustors=true" : ""), cancellationToken));

    /// <summary>PUT: replaces the whole organization.</summary>
    public Task<ExternalOrganization> UpdateAsync(string id, ExternalOrganization organization, CancellationToken cancellationToken = default)
        => _client.PutAsync<ExternalOrganization>(PathOf(id), organization ?? throw new ArgumentNullException(nameof(organization)), cancellationToken);

    /// <summary>PATCH with field changes ("$.industry" paths).</summary>
    public Task<ExternalOrganization> PatchAsync(string id, IEnumerable<ContactPatchChange> changes, CancellationToken cancellationToken = default)
        => _client.PatchAsync<ExternalOrganization>(PathOf(id), new ContactPatchRequest { Changes = changes.ToList() }, cancellationToken);

    /// <summary>True when deleted, false when it did not exist.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
        => Calls.FalseOn404(() => _client.DeleteAsync(PathOf(id), cancellationToken));

    // ------------------------------------------------------------------ search, scan, lookup

    /// <summary>One page of search over organization names (pageSize × pageNumber ≤ 1000); sortOrder e.g. "name:asc".</summary>
    public Task<PagedListing<ExternalOrganization>> SearchAsync(string? query, int pageSize = 100, int pageNumber = 1, string? sortOrder = null,
        bool includeTrustors = false, CancellationToken cancellationToken = default)
    {
        Calls.CheckWindow(pageSize, pageNumber, SearchCap);
        var path = $"{Organizations}?pageSize={pageSize}&pageNumber={pageNumber}";
        if (!string.IsNullOrEmpty(query)) path += "&q=" + Uri.EscapeDataString(query);
        if (!string.IsNullOrEmpty(sortOrder)) path += "&sortOrder=" + Uri.EscapeDataString(sortOrder);
        if (includeTrustors) path += "&includeTrustors=true";
        return _client.GetAsync<PagedListing<ExternalOrganization>>(path, cancellationToken);
    }

    /// <summary>Every reachable hit (stops at 1000; <see cref="SearchPage{T}.Capped"/> says when more matched).</summary>
    public Task<SearchPage<ExternalOrganization>> SearchAllAsync(string? query, string? sortOrder = null, bool includeTrustors = false, CancellationToken cancellationToken = default)
        => Calls.PageAllAsync((size, number, ct) => SearchAsync(query, size, number, sortOrder, includeTrustors, ct), SearchCap, cancellationToken);

    /// <summary>The organizations linked to the given trustor orgs (≤ 25), in that order.</summary>
    public async Task<IReadOnlyList<ExternalOrganization>> FindByTrustorsAsync(IReadOnlyList<string> trustorIds, CancellationToken cancellationToken = default)
    {
        if (trustorIds is null || trustorIds.Count == 0 || trustorIds.Count > 25) throw new ArgumentException("Give 1 to 25 trustor ids.", nameof(trustorIds));
        var path = $"{Organizations}?pageSize=25&includeTrustors=true&" + string.Join("&", trustorIds.Select(t => "trustorId=" + Uri.EscapeDataString(t)));
        var page = await _client.GetAsync<PagedListing<ExternalOrganization>>(path, cancellationToken).ConfigureAwait(false);
        return page.Entities ?? new List<ExternalOrganization>();
    }

    /// <summary>Streams every organization through the scan cursor.</summary>
    public async IAsyncEnumerable<ExternalOrganization> ScanAsync(int limit = 200, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var organization in Calls.ScanAsync<ExternalOrganization>(_client, Base + "/scan/organizations", limit, cancellationToken).ConfigureAwait(false))
            yield return organization;
    }

    /// <summary>The organization holding an ExternalId (in externalIds or claimed), or null.</summary>
    public Task<ExternalOrganization?> LookupAsync(string externalSourceId, string value, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(externalSourceId)) throw new ArgumentException("The external source id is required.", nameof(externalSourceId));
        if (string.IsNullOrEmpty(value)) throw new ArgumentException("The external id value is required.", nameof(value));
        var identifier = new ContactIdentifier(ContactIdentifierTypes.ExternalId, value, new ExternalSource { Id = externalSourceId });
        return Calls.NullOn404(() => _client.PostAsync<ExternalOrganization>(Base + "/identifierlookup/organizations", identifier, cancellationToken));
    }

    /// <summary>The contacts of an organization (optionally filtered by <paramref name="query"/>), up to the 1000-result window.</summary>
    public Task<SearchPage<ExternalContact>> ListContactsAsync(string organizationId, string? query = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(organizationId) + "/contacts";
        return Calls.PageAllAsync((size, number, ct) =>
            _client.GetAsync<PagedListing<ExternalContact>>($"{path}?pageSize={size}&pageNumber={number}" + (string.IsNullOrEmpty(query) ? "" : "&q=" + Uri.EscapeDataString(query)), ct),
            SearchCap, cancellationToken);
    }

    // ------------------------------------------------------------------ identifiers and trustor

    public async Task<IReadOnlyList<ContactIdentifier>> GetIdentifiersAsync(string organizationId, CancellationToken cancellationToken = default)
        => (await _client.GetAsync<EntityList<ContactIdentifier>>(PathOf(organizationId) + "/identifiers", cancellationToken).ConfigureAwait(false)).Entities
           ?? new List<ContactIdentifier>();

    /// <summary>Claims (<see cref="IdentifierClaimRequest.Claim"/>) or releases an ExternalId identifier.</summary>
    public Task<ContactIdentifier> ChangeIdentifierAsync(string organizationId, string operation, string externalSourceId, string value, CancellationToken cancellationToken = default)
        => _client.PatchAsync<ContactIdentifier>(PathOf(organizationId) + "/identifiers", new IdentifierClaimRequest
        {
            Operation = operation,
            Identifier = new ContactIdentifier(ContactIdentifierTypes.ExternalId, value, new ExternalSource { Id = externalSourceId }),
        }, cancellationToken);

    public Task<ExternalOrganizationTrustorLink> LinkTrustorAsync(string organizationId, string trustorId, CancellationToken cancellationToken = default)
        => _client.PutAsync<ExternalOrganizationTrustorLink>(PathOf(organizationId) + "/trustor/" + Calls.Escape(trustorId), null, cancellationToken);

    /// <summary>True when unlinked, false when no trustor was linked (404).</summary>
    public Task<bool> UnlinkTrustorAsync(string organizationId, CancellationToken cancellationToken = default)
        => Calls.FalseOn404(() => _client.DeleteAsync(PathOf(organizationId) + "/trustor", cancellationToken));

    // ------------------------------------------------------------------ enrich and bulk

    /// <summary>The organization upsert; Created tells 201 from 200.</summary>
    public async Task<(ExternalOrganization Organization, bool Created)> EnrichAsync(OrganizationEnrichRequest request, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var response = await _client.SendAsync(HttpMethod.Post, Organizations + "/enrich" + (dryRun ? "?dryRun=true" : ""), request, cancellationToken).ConfigureAwait(false);
        var organization = response.ReadJson<ExternalOrganization>()
            ?? throw new GenesysApiException("POST /api/v2/externalcontacts/organizations/enrich returned an empty body.", response.StatusCode, contextId: response.ContextId);
        return (organization, response.StatusCode == 201);
    }

    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkAddAsync(IReadOnlyList<ExternalOrganization> organizations, CancellationToken cancellationToken = default)
        => _bulk.RunAsync(organizations, rows => new BulkOrganizationsRequest { Entities = rows.ToList() }, Base + "/bulk/organizations/add", _ => null, o => o, cancellationToken);

    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkUpdateAsync(IReadOnlyList<ExternalOrganization> organizations, CancellationToken cancellationToken = default)
    {
        if (organizations.Any(o => string.IsNullOrEmpty(o?.Id))) throw new ArgumentException("Every organization of a bulk update needs its Id.", nameof(organizations));
        return _bulk.RunAsync(organizations, rows => new BulkOrganizationsRequest { Entities = rows.ToList() }, Base + "/bulk/organizations/update", o => o.Id, o => o, cancellationToken);
    }

    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
        => BulkIdsAsync(Base + "/bulk/organizations", ids, cancellationToken);

    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
        => BulkIdsAsync(Base + "/bulk/organizations/remove", ids, cancellationToken);

    /// <summary>Enrich many (≤ 10 per request).</summary>
    public Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkEnrichAsync(IReadOnlyList<OrganizationEnrichRequest> requests, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var runner = new EntityBulk<ExternalOrganization>(_client, o => o.Id, Fingerprint) { MaxPerRequest = 10 };
        return runner.RunAsync(requests, rows => new BulkOrganizationsEnrichRequest { Entities = rows.ToList() },
            Base + "/bulk/organizations/enrich" + (dryRun ? "?dryRun=true" : ""), r => r.Id, r => r.ExternalOrganization, cancellationToken);
    }

    private Task<IReadOnlyList<BulkEntityResult<ExternalOrganization>>> BulkIdsAsync(string path, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Any(string.IsNullOrEmpty)) throw new ArgumentException("An organization id in the list is empty.", nameof(ids));
        return _bulk.RunAsync(ids, rows => new BulkIdsRequest { Entities = rows.Select(id => new EntityRef(id)).ToList() }, path, id => id, _ => null, cancellationToken);
    }

    private static string? Fingerprint(ExternalOrganization o)
    {
        var parts = new List<string>();
        if (o.ExternalIds != null) parts.AddRange(o.ExternalIds.Select(e => "x:" + e.ExternalSource?.Id + "=" + e.Value).OrderBy(s => s, StringComparer.Ordinal));
        if (!string.IsNullOrWhiteSpace(o.Name)) parts.Add("n:" + o.Name!.Trim().ToLowerInvariant());
        return parts.Count == 0 ? null : string.Join("|", parts);
    }

    private static string PathOf(string id) => Organizations + "/" + Calls.Escape(id);
}
