using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Api;

/// <summary>
/// Typed External Contacts API over a <see cref="GenesysClient"/>.
/// Conventions: reads of one item by id or identifier return null on 404; writes on a missing id
/// throw <see cref="GenesysNotFoundException"/>; deletes return false when the item was already gone.
/// Bulk calls return one <see cref="BulkItemResult"/> per input, in input order (Index = input position),
/// split oversized batches (413) in halves, and resend rows whose error is marked retryable.
/// </summary>
public sealed class ExternalContactsApi
{
    private const string Base = "/api/v2/externalcontacts";
    /// <summary>Search can reach only the first 1000 hits (pageSize × pageNumber ≤ 1000).</summary>
    public const int SearchCap = 1000;

    private readonly GenesysClient _client;

    public ExternalContactsApi(GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Entities per bulk request (add/update/fetch/remove); larger inputs are chunked.</summary>
    public int MaxBulkSize { get; set; } = 200;

    /// <summary>Approximate body size per bulk request; chunks are cut before reaching it.</summary>
    public int MaxBulkBytes { get; set; } = 1_000_000;

    /// <summary>Operations per bulk enrich request (API limit 10).</summary>
    public int MaxBulkEnrichSize { get; set; } = 10;

    /// <summary>How many times rows whose bulk error is marked retryable are sent again.</summary>
    public int RetryableRowRetries { get; set; } = 2;

    // ------------------------------------------------------------------ single contact

    public Task<ExternalContact> CreateContactAsync(ExternalContact contact, CancellationToken cancellationToken = default)
        => _client.PostAsync<ExternalContact>(Base + "/contacts", contact ?? throw new ArgumentNullException(nameof(contact)), cancellationToken);

    /// <summary>The contact, or null when no contact has this id (404).</summary>
    public Task<ExternalContact?> GetContactAsync(string id, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<ExternalContact>(ContactPath(id), cancellationToken));

    /// <summary>PUT: replaces the whole contact; throws <see cref="GenesysNotFoundException"/> for an unknown id.</summary>
    public Task<ExternalContact> UpdateContactAsync(string id, ExternalContact contact, CancellationToken cancellationToken = default)
        => _client.PutAsync<ExternalContact>(ContactPath(id), contact ?? throw new ArgumentNullException(nameof(contact)), cancellationToken);

    /// <summary>PATCH with field changes; throws <see cref="GenesysNotFoundException"/> for an unknown id.</summary>
    public Task<ExternalContact> PatchContactAsync(string id, IEnumerable<ContactPatchChange> changes, CancellationToken cancellationToken = default)
        => _client.PatchAsync<ExternalContact>(ContactPath(id), new ContactPatchRequest { Changes = changes.ToList() }, cancellationToken);

    /// <summary>True when deleted, false when it did not exist (404).</summary>
    public Task<bool> DeleteContactAsync(string id, CancellationToken cancellationToken = default)
        => FalseOn404(() => _client.DeleteAsync(ContactPath(id), cancellationToken));

    // ------------------------------------------------------------------ search and scan

    /// <summary>One page of full-text search (pageSize × pageNumber ≤ 1000).</summary>
    public Task<ContactListing> SearchContactsAsync(string query, int pageSize = 100, int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        if (pageSize < 1 || pageNumber < 1 || (long)pageSize * pageNumber > SearchCap)
            throw new ArgumentOutOfRangeException(nameof(pageNumber), $"pageSize × pageNumber must be between 1 and {SearchCap}.");
        return _client.GetAsync<ContactListing>(
            $"{Base}/contacts?q={Uri.EscapeDataString(query)}&pageSize={pageSize}&pageNumber={pageNumber}", cancellationToken);
    }

    /// <summary>Every reachable search hit, paging until the end or the 1000-result cap (then <see cref="ContactSearchResult.Capped"/> is true).</summary>
    public async Task<ContactSearchResult> SearchAllContactsAsync(string query, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        if (pageSize < 1 || pageSize > SearchCap) throw new ArgumentOutOfRangeException(nameof(pageSize));
        var contacts = new List<ExternalContact>();
        long? total = null;
        var lastPageFull = false;
        for (var page = 1; (long)pageSize * page <= SearchCap; page++)
        {
            var listing = await SearchContactsAsync(query, pageSize, page, cancellationToken).ConfigureAwait(false);
            var entities = listing.Entities ?? new List<ExternalContact>();
            total = listing.Total ?? total;
            contacts.AddRange(entities);
            lastPageFull = entities.Count >= pageSize;
            var pageCount = listing.PageCount;
            if (!lastPageFull || (total.HasValue && contacts.Count >= total.Value) || (pageCount.HasValue && page >= pageCount.Value))
                return new ContactSearchResult(contacts, total, capped: false);
        }
        // Stopped by the cap: there are more hits when the server says so (or, without a total, the last page was full).
        var capped = total.HasValue ? total.Value > contacts.Count : lastPageFull;
        return new ContactSearchResult(contacts, total, capped);
    }

    /// <summary>One page of the scan cursor (limit 10..200); pass the previous page's Cursors.After.</summary>
    public Task<CursorListing<ExternalContact>> ScanContactsPageAsync(string? cursor = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        if (limit < 10 || limit > 200) throw new ArgumentOutOfRangeException(nameof(limit), "The scan limit must be between 10 and 200.");
        var path = $"{Base}/scan/contacts?limit={limit}";
        if (!string.IsNullOrEmpty(cursor)) path += "&cursor=" + Uri.EscapeDataString(cursor);
        return _client.GetAsync<CursorListing<ExternalContact>>(path, cancellationToken);
    }

    /// <summary>Streams every contact of the org through the scan cursor (constant memory).</summary>
    public async IAsyncEnumerable<ExternalContact> ScanContactsAsync(int limit = 200, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ScanContactsPageAsync(cursor, limit, cancellationToken).ConfigureAwait(false);
            foreach (var contact in page.Entities ?? Enumerable.Empty<ExternalContact>()) yield return contact;
            var next = page.Cursors?.After;
            // Stop at the end, and never loop on a cursor that does not move.
            if (string.IsNullOrEmpty(next) || next == cursor || page.Entities == null || page.Entities.Count == 0) yield break;
            cursor = next;
        }
    }

    // ------------------------------------------------------------------ lookup

    /// <summary>The contact an identifier resolves to, or null (404). Type: one of <see cref="ContactIdentifierTypes"/>; ExternalId needs the source id.</summary>
    public Task<ExternalContact?> LookupContactAsync(string type, string value, string? externalSourceId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(type)) throw new ArgumentException("The identifier type is required.", nameof(type));
        if (string.IsNullOrEmpty(value)) throw new ArgumentException("The identifier value is required.", nameof(value));
        if (type == ContactIdentifierTypes.ExternalId && string.IsNullOrEmpty(externalSourceId))
            throw new ArgumentException("An ExternalId lookup needs the external source id.", nameof(externalSourceId));
        var identifier = new ContactIdentifier(type, value, string.IsNullOrEmpty(externalSourceId) ? null : new ExternalSource { Id = externalSourceId });
        return NullOn404(() => _client.PostAsync<ExternalContact>(Base + "/identifierlookup/contacts", identifier, cancellationToken));
    }

    // ------------------------------------------------------------------ bulk

    public Task<IReadOnlyList<BulkItemResult>> BulkAddAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken = default)
        => BulkContactsAsync(Base + "/bulk/contacts/add", contacts, withIds: false, cancellationToken);

    /// <summary>Every contact must carry its Id.</summary>
    public Task<IReadOnlyList<BulkItemResult>> BulkUpdateAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken cancellationToken = default)
    {
        if (contacts.Any(c => string.IsNullOrEmpty(c?.Id)))
            throw new ArgumentException("Every contact of a bulk update needs its Id.", nameof(contacts));
        return BulkContactsAsync(Base + "/bulk/contacts/update", contacts, withIds: true, cancellationToken);
    }

    public Task<IReadOnlyList<BulkItemResult>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
        => BulkIdsAsync(Base + "/bulk/contacts", ids, cancellationToken);

    public Task<IReadOnlyList<BulkItemResult>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
        => BulkIdsAsync(Base + "/bulk/contacts/remove", ids, cancellationToken);

    // ------------------------------------------------------------------ enrich

    /// <summary>The native upsert; <see cref="EnrichResult.Created"/> tells 201 from 200.</summary>
    public async Task<EnrichResult> EnrichAsync(ContactEnrichRequest request, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (request == null) throw new ArgumentNullException(nameof(request));
        var response = await _client.SendAsync(HttpMethod.Post, Base + "/contacts/enrich" + (dryRun ? "?dryRun=true" : ""), request, cancellationToken).ConfigureAwait(false);
        var contact = response.ReadJson<ExternalContact>()
            ?? throw new GenesysApiException("POST /api/v2/externalcontacts/contacts/enrich returned an empty body.", response.StatusCode, contextId: response.ContextId);
        return new EnrichResult(contact, response.StatusCode == 201);
    }

    /// <summary>Enrich many (sent ≤ 10 per request).</summary>
    public Task<IReadOnlyList<BulkItemResult>> BulkEnrichAsync(IReadOnlyList<ContactEnrichRequest> requests, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (requests == null) throw new ArgumentNullException(nameof(requests));
        var path = Base + "/bulk/contacts/enrich" + (dryRun ? "?dryRun=true" : "");
        return RunBulkAsync(
            requests,
            Math.Min(MaxBulkEnrichSize, 10),
            rows => new BulkContactsEnrichRequest { Entities = rows.ToList() },
            path,
            rows => rows.Select(r => r.Id).ToList(),
            rows => rows.Select(r => r.Contact).ToList(),
            cancellationToken);
    }

    // ------------------------------------------------------------------ external sources

    /// <summary>All external sources, optionally only those whose name starts with <paramref name="namePrefix"/> (case-insensitive).</summary>
    public async Task<IReadOnlyList<ExternalSource>> ListExternalSourcesAsync(string? namePrefix = null, CancellationToken cancellationToken = default)
    {
        var sources = new List<ExternalSource>();
        string? cursor = null;
        while (true)
        {
            var path = $"{Base}/externalsources?limit=200";
            if (!string.IsNullOrEmpty(namePrefix)) path += "&name=" + Uri.EscapeDataString(namePrefix);
            if (!string.IsNullOrEmpty(cursor)) path += "&cursor=" + Uri.EscapeDataString(cursor);
            var page = await _client.GetAsync<CursorListing<ExternalSource>>(path, cancellationToken).ConfigureAwait(false);
            sources.AddRange(page.Entities ?? Enumerable.Empty<ExternalSource>());
            var next = page.Cursors?.After;
            if (string.IsNullOrEmpty(next) || next == cursor || page.Entities == null || page.Entities.Count == 0) break;
            cursor = next;
        }
        // The server filters by prefix too; filtering again keeps the contract if it does not.
        return string.IsNullOrEmpty(namePrefix)
            ? sources
            : sources.Where(s => s.Name != null && s.Name.StartsWith(namePrefix, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The source, or null (404).</summary>
    public Task<ExternalSource?> GetExternalSourceAsync(string id, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<ExternalSource>(SourcePath(id), cancellationToken));

    public Task<ExternalSource> CreateExternalSourceAsync(ExternalSource source, CancellationToken cancellationToken = default)
        => _client.PostAsync<ExternalSource>(Base + "/externalsources", source ?? throw new ArgumentNullException(nameof(source)), cancellationToken);

    public Task<ExternalSource> UpdateExternalSourceAsync(string id, ExternalSource source, CancellationToken cancellationToken = default)
        => _client.PutAsync<ExternalSource>(SourcePath(id), source ?? throw new ArgumentNullException(nameof(source)), cancellationToken);

    /// <summary>True when deleted, false when it did not exist.</summary>
    public Task<bool> DeleteExternalSourceAsync(string id, CancellationToken cancellationToken = default)
        => FalseOn404(() => _client.DeleteAsync(SourcePath(id), cancellationToken));

    /// <summary>The source with exactly this name (case-insensitive), created (active) when missing.</summary>
    public async Task<ExternalSource> EnsureExternalSourceAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The external source name is required.", nameof(name));
        var existing = await FindSourceAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing != null) return existing;
        try
        {
            return await CreateExternalSourceAsync(new ExternalSource { Name = name, Active = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysApiException ex) when (ex is GenesysConflictException || ex is GenesysValidationException)
        {
            // Someone created it between our list and create: use theirs.
            return await FindSourceAsync(name, cancellationToken).ConfigureAwait(false) ?? throw ex;
        }
    }

    private async Task<ExternalSource?> FindSourceAsync(string name, CancellationToken cancellationToken)
        => (await ListExternalSourcesAsync(name, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    // ------------------------------------------------------------------ bulk machinery

    private Task<IReadOnlyList<BulkItemResult>> BulkContactsAsync(string path, IReadOnlyList<ExternalContact> contacts, bool withIds, CancellationToken cancellationToken)
    {
        if (contacts == null) throw new ArgumentNullException(nameof(contacts));
        return RunBulkAsync(
            contacts,
            MaxBulkSize,
            rows => new BulkContactsRequest { Entities = rows.ToList() },
            path,
            rows => rows.Select(c => withIds ? c.Id : null).ToList(),
            rows => rows.Select(c => (ExternalContact?)c).ToList(),
            cancellationToken);
    }

    private Task<IReadOnlyList<BulkItemResult>> BulkIdsAsync(string path, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids == null) throw new ArgumentNullException(nameof(ids));
        if (ids.Any(string.IsNullOrEmpty)) throw new ArgumentException("A contact id in the list is empty.", nameof(ids));
        return RunBulkAsync(
            ids,
            MaxBulkSize,
            rows => new BulkIdsRequest { Entities = rows.Select(id => new EntityRef(id)).ToList() },
            path,
            rows => rows.Select(id => (string?)id).ToList(),
            rows => rows.Select(_ => (ExternalContact?)null).ToList(),
            cancellationToken);
    }

    /// <summary>Chunks the rows, sends each chunk (splitting on 413), and resends retryable failed rows.</summary>
    private async Task<IReadOnlyList<BulkItemResult>> RunBulkAsync<TRow>(
        IReadOnlyList<TRow> rows,
        int maxPerRequest,
        Func<IReadOnlyList<TRow>, object> body,
        string path,
        Func<IReadOnlyList<TRow>, IReadOnlyList<string?>> idsOf,
        Func<IReadOnlyList<TRow>, IReadOnlyList<ExternalContact?>> contactsOf,
        CancellationToken cancellationToken)
    {
        var results = new BulkItemResult[rows.Count];
        var pending = Enumerable.Range(0, rows.Count).ToList();
        for (var round = 0; pending.Count > 0; round++)
        {
            if (round > 0)
                await _client.TimeProvider.Delay(TimeSpan.FromSeconds(Math.Pow(2, round - 1)), cancellationToken).ConfigureAwait(false);

            foreach (var chunk in Chunk(pending, rows, maxPerRequest))
            {
                var chunkRows = chunk.Select(i => rows[i]).ToList();
                var chunkResults = await SendSplittingAsync(chunkRows, body, path, idsOf, contactsOf, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < chunk.Count; k++)
                {
                    var r = chunkResults[k];
                    results[chunk[k]] = new BulkItemResult(chunk[k], r.Id, r.Success, r.Status, r.Contact, r.Error);
                }
            }
            pending = round < RetryableRowRetries ? pending.Where(i => results[i].IsRetryable).ToList() : new List<int>();
        }
        return results;
    }

    /// <summary>Sends one chunk; on 413 sends each half (recursively); a single row that is still too large fails alone.</summary>
    private async Task<IReadOnlyList<BulkItemResult>> SendSplittingAsync<TRow>(
        IReadOnlyList<TRow> rows,
        Func<IReadOnlyList<TRow>, object> body,
        string path,
        Func<IReadOnlyList<TRow>, IReadOnlyList<string?>> idsOf,
        Func<IReadOnlyList<TRow>, IReadOnlyList<ExternalContact?>> contactsOf,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.PostAsync<BulkResponse<ExternalContact>>(path, body(rows), cancellationToken).ConfigureAwait(false);
            return BulkResultMatcher.Match(idsOf(rows), contactsOf(rows), response.Results ?? new List<BulkResult<ExternalContact>>(), IsSafeToResend(path));
        }
        catch (GenesysPayloadTooLargeException ex)
        {
            if (rows.Count == 1)
            {
                return new[]
                {
                    new BulkItemResult(0, idsOf(rows)[0], false, 413, null, new BulkEntityError
                    {
                        Code = ex.Code ?? "payload.too.large",
                        Message = "This row alone is larger than the server accepts in one request.",
                        Status = 413,
                        Retryable = false,
                    }),
                };
            }
            var half = rows.Count / 2;
            var first = await SendSplittingAsync(rows.Take(half).ToList(), body, path, idsOf, contactsOf, cancellationToken).ConfigureAwait(false);
            var second = await SendSplittingAsync(rows.Skip(half).ToList(), body, path, idsOf, contactsOf, cancellationToken).ConfigureAwait(false);
            return first.Concat(second).ToList();
        }
    }

    private IEnumerable<List<int>> Chunk<TRow>(List<int> pending, IReadOnlyList<TRow> rows, int maxPerRequest)
        => BulkChunks.Of(pending, rows, maxPerRequest, MaxBulkBytes);

    // ------------------------------------------------------------------ custom-field schemas

    /// <summary>Every contact schema (the latest version of each).</summary>
    public async Task<IReadOnlyList<DataSchema>> ListContactSchemasAsync(CancellationToken cancellationToken = default)
    {
        var listing = await _client.GetAsync<DataSchemaListing>(SchemasPath, cancellationToken).ConfigureAwait(false);
        return listing.Entities ?? new List<DataSchema>();
    }

    /// <summary>The latest version of a schema, or null when the id is unknown.</summary>
    public Task<DataSchema?> GetContactSchemaAsync(string id, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<DataSchema>(SchemaPath(id), cancellationToken));

    /// <summary>One version of a schema, or null when unknown.</summary>
    public Task<DataSchema?> GetContactSchemaVersionAsync(string id, int version, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<DataSchema>(SchemaPath(id) + "/versions/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken));

    /// <summary>Every version of a schema (oldest first), or null when the id is unknown.</summary>
    public async Task<IReadOnlyList<DataSchema>?> ListContactSchemaVersionsAsync(string id, CancellationToken cancellationToken = default)
    {
        var listing = await NullOn404(() => _client.GetAsync<DataSchemaListing>(SchemaPath(id) + "/versions", cancellationToken)).ConfigureAwait(false);
        return listing is null ? null : (IReadOnlyList<DataSchema>)(listing.Entities ?? new List<DataSchema>());
    }

    public Task<DataSchema> CreateContactSchemaAsync(DataSchema schema, CancellationToken cancellationToken = default)
        => _client.PostAsync<DataSchema>(SchemasPath, schema ?? throw new ArgumentNullException(nameof(schema)), cancellationToken);

    /// <summary>Stores a new version; <paramref name="schema"/>.Version must be the current version (else 409).</summary>
    public Task<DataSchema> UpdateContactSchemaAsync(string id, DataSchema schema, CancellationToken cancellationToken = default)
        => _client.PutAsync<DataSchema>(SchemaPath(id), schema ?? throw new ArgumentNullException(nameof(schema)), cancellationToken);

    public Task<bool> DeleteContactSchemaAsync(string id, CancellationToken cancellationToken = default)
        => FalseOn404(() => _client.DeleteAsync(SchemaPath(id), cancellationToken));

    /// <summary>
    /// A schema by id (a GUID) or by name (case-insensitive, exact), latest version; null when none matches.
    /// </summary>
    public async Task<DataSchema?> ResolveContactSchemaAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(idOrName)) throw new ArgumentException("A schema name or id is required.", nameof(idOrName));
        var wanted = idOrName.Trim();
        if (Guid.TryParse(wanted, out _))
        {
            var byId = await GetContactSchemaAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (byId is not null) return byId;
        }
        var all = await ListContactSchemasAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(s => string.Equals(s.Name?.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
    }

    // ------------------------------------------------------------------ helpers

    private const string SchemasPath = Base + "/contacts/schemas";

    private static string SchemaPath(string id) => SchemasPath + "/" + EscapeId(id);

    /// <summary>True when rows of this bulk route may be sent twice (all but adds).</summary>
    internal static bool IsSafeToResend(string path)
    {
        var query = path.IndexOf('?');
        return Idempotency.IsSafeToRepeat("POST " + (query < 0 ? path : path.Substring(0, query)));
    }

    private static string ContactPath(string id) => Base + "/contacts/" + EscapeId(id);

    private static string SourcePath(string id) => Base + "/externalsources/" + EscapeId(id);

    private static string EscapeId(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The id is empty.", nameof(id));
        return Uri.EscapeDataString(id);
    }

    private static async Task<T?> NullOn404<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GenesysNotFoundException)
        {
            return null;
        }
    }

    private static async Task<bool> FalseOn404(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return true;
        }
        catch (GenesysNotFoundException)
        {
            return false;
        }
    }
}
