using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Outbound;

/// <summary>
/// Typed Outbound contact-list API over a <see cref="GenesysClient"/>. Reads of one item return null on 404; deletes
/// return false when the item was already gone. Bulk calls are cut to the per-request limits (add ≤1000 contacts and
/// about <see cref="MaxAddBytes"/>, bulk get ≤50, delete ≤250); an add answered 413 is split in halves.
/// </summary>
public sealed class OutboundApi
{
    public const string ListsPath = "/api/v2/outbound/contactlists";
    public const string UploadPath = "/uploads/v2/contactlist";

    private readonly GenesysClient _client;

    public OutboundApi(GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public GenesysClient Client => _client;

    /// <summary>Contacts per add request (community-reported API limit 1000).</summary>
    public int MaxContactsPerAdd { get; set; } = 1000;

    /// <summary>Approximate body size per add request; batches are cut before reaching it.</summary>
    public int MaxAddBytes { get; set; } = 900_000;

    /// <summary>Ids per bulk get (API limit 50).</summary>
    public int MaxBulkGetIds { get; set; } = 50;

    /// <summary>Ids per bulk delete (API limit 250).</summary>
    public int MaxDeleteIds { get; set; } = 250;

    /// <summary>Page size used when listing every list (API maximum 100).</summary>
    public int ListPageSize { get; set; } = 100;

    /// <summary>First wait between export/import status polls; doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan FirstPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an export may take to become ready before giving up.</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Folder of the temporary export files of <see cref="ExportContactsAsync"/>; null = <see cref="Path.GetTempPath"/>.</summary>
    public string? TempFolder { get; set; }

    // ------------------------------------------------------------------ lists

    /// <summary>One page of lists. <paramref name="name"/> filters with <paramref name="filterType"/> (Prefix, Equals, Contains, ...).</summary>
    public Task<ContactListEntityListing> ListContactListsPageAsync(int pageNumber = 1, int pageSize = 100, string? name = null, string filterType = "Prefix",
        bool includeSize = false, bool includeImportStatus = false, CancellationToken cancellationToken = default)
    {
        if (pageNumber < 1) throw new ArgumentOutOfRangeException(nameof(pageNumber));
        if (pageSize < 1 || pageSize > 100) throw new ArgumentOutOfRangeException(nameof(pageSize), "pageSize must be between 1 and 100.");
        var path = $"{ListsPath}?pageSize={pageSize}&pageNumber={pageNumber}&sortBy=name&sortOrder=ascending";
        if (!string.IsNullOrEmpty(name)) path += "&filterType=" + Uri.EscapeDataString(filterType) + "&name=" + Uri.EscapeDataString(name);
        if (includeSize) path += "&includeSize=true";
        if (includeImportStatus) path += "&includeImportStatus=true";
        return _client.GetAsync<ContactListEntityListing>(path, cancellationToken);
    }

    /// <summary>Every list (paging to the end), optionally filtered by name on the server.</summary>
    public async Task<IReadOnlyList<ContactList>> ListContactListsAsync(string? name = null, string filterType = "Prefix", bool includeSize = false,
        CancellationToken cancellationToken = default)
    {
        var lists = new List<ContactList>();
        for (var page = 1; ; page++)
        {
            var listing = await ListContactListsPageAsync(page, ListPageSize, name, filterType, includeSize, false, cancellationToken).ConfigureAwait(false);
            var entities = listing.Entities ?? new List<ContactList>();
            lists.AddRange(entities);
            if (entities.Count == 0 || (listing.PageCount is int count ? page >= count : entities.Count < ListPageSize)) return lists;
        }
    }

    /// <summary>The list, or null (404).</summary>
    public Task<ContactList?> GetContactListAsync(string id, bool includeSize = false, bool includeImportStatus = false, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<ContactList>(ListPath(id) + Query(("includeSize", includeSize), ("includeImportStatus", includeImportStatus)), cancellationToken));

    /// <summary>The list whose name is exactly <paramref name="name"/> (case-insensitive), or null.</summary>
    public async Task<ContactList?> FindContactListByNameAsync(string name, bool includeSize = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("A name is required.", nameof(name));
        var lists = await ListContactListsAsync(name, "Prefix", includeSize, cancellationToken).ConfigureAwait(false);
        return lists.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public Task<ContactList> CreateContactListAsync(ContactList list, CancellationToken cancellationToken = default)
        => _client.PostAsync<ContactList>(ListsPath, list ?? throw new ArgumentNullException(nameof(list)), cancellationToken);

    /// <summary>PUT: <paramref name="list"/>.Version must be the current version (else <see cref="GenesysConflictException"/>).</summary>
    public Task<ContactList> UpdateContactListAsync(ContactList list, CancellationToken cancellationToken = default)
    {
        if (list == null) throw new ArgumentNullException(nameof(list));
        if (list.Version == null) throw new ArgumentException("An update needs the list's current version.", nameof(list));
        return _client.PutAsync<ContactList>(ListPath(list.Id ?? throw new ArgumentException("The list has no id.", nameof(list))), list, cancellationToken);
    }

    /// <summary>True when deleted, false when it did not exist.</summary>
    public Task<bool> DeleteContactListAsync(string id, CancellationToken cancellationToken = default)
        => FalseOn404(() => _client.DeleteAsync(ListPath(id), cancellationToken));

    /// <summary>Empties the list (the server deletes its contacts, possibly in the background).</summary>
    public Task ClearContactListAsync(string id, CancellationToken cancellationToken = default)
        => _client.SendAsync(HttpMethod.Post, ListPath(id) + "/clear", null, cancellationToken);

    // ------------------------------------------------------------------ contacts

    /// <summary>
    /// Adds or updates contacts (upsert by id). Sends ≤ <see cref="MaxContactsPerAdd"/> per request; returns what the
    /// server stored, in input order. A request that fails throws (the API is all-or-nothing per request).
    /// </summary>
    public Task<IReadOnlyList<DialerContact>> AddContactsAsync(string listId, IReadOnlyList<DialerContact> contacts, AddContactsOptions? options = null,
        CancellationToken cancellationToken = default)
        => AddAsync(listId, contacts, options, response => response.ReadJson<List<DialerContact>>() ?? new List<DialerContact>(), cancellationToken);

    /// <summary>
    /// <see cref="AddContactsAsync"/> that keeps only the stored contacts' ids: what a bulk load needs, without
    /// materializing a thousand contacts per response.
    /// </summary>
    public Task<IReadOnlyList<string>> AddContactsForIdsAsync(string listId, IReadOnlyList<DialerContact> contacts, AddContactsOptions? options = null,
        CancellationToken cancellationToken = default)
        => AddAsync(listId, contacts, options, ReadIds, cancellationToken);

    private async Task<IReadOnlyList<T>> AddAsync<T>(string listId, IReadOnlyList<DialerContact> contacts, AddContactsOptions? options,
        Func<GenesysResponse, List<T>> read, CancellationToken cancellationToken)
    {
        if (contacts == null) throw new ArgumentNullException(nameof(contacts));
        var path = ListPath(listId) + "/contacts" + Query(("priority", options?.Priority), ("clearSystemData", options?.ClearSystemData), ("doNotQueue", options?.DoNotQueue));
        var stored = new List<T>(contacts.Count);
        foreach (var chunk in Chunk(contacts))
        {
            stored.AddRange(await AddSplittingAsync(path, chunk, read, cancellationToken).ConfigureAwait(false));
        }
        return stored;
    }

    private static List<string> ReadIds(GenesysResponse response)
    {
        var ids = new List<string>();
        if (response.Body.Length == 0) return ids;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("not an array");
            foreach (var contact in doc.RootElement.EnumerateArray())
            {
                if (contact.ValueKind == JsonValueKind.Object && contact.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) ids.Add(id.GetString()!);
            }
        }
        catch (JsonException ex)
        {
            throw new GenesysApiException($"POST {ListsPath}/{{id}}/contacts returned a body that is not the expected JSON ({ex.Message}).", response.StatusCode, contextId: response.ContextId, innerException: ex);
        }
        return ids;
    }

    /// <summary>The contact, or null (404).</summary>
    public Task<DialerContact?> GetContactAsync(string listId, string contactId, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<DialerContact>(ContactPath(listId, contactId), cancellationToken));

    /// <summary>The contacts that exist among <paramref name="contactIds"/> (≤ 50 per request).</summary>
    public async Task<IReadOnlyList<DialerContact>> GetContactsAsync(string listId, IReadOnlyList<string> contactIds, CancellationToken cancellationToken = default)
    {
        if (contactIds == null) throw new ArgumentNullException(nameof(contactIds));
        var found = new List<DialerContact>();
        for (var i = 0; i < contactIds.Count; i += MaxBulkGetIds)
        {
            var ids = contactIds.Skip(i).Take(MaxBulkGetIds).ToList();
            found.AddRange(await _client.PostAsync<List<DialerContact>>(ListPath(listId) + "/contacts/bulk", ids, cancellationToken).ConfigureAwait(false));
        }
        return found;
    }

    /// <summary>PUT: replaces the contact's data; throws <see cref="GenesysNotFoundException"/> for an unknown id.</summary>
    public Task<DialerContact> UpdateContactAsync(string listId, string contactId, DialerContact contact, CancellationToken cancellationToken = default)
        => _client.PutAsync<DialerContact>(ContactPath(listId, contactId), contact ?? throw new ArgumentNullException(nameof(contact)), cancellationToken);

    /// <summary>True when deleted, false when it did not exist.</summary>
    public Task<bool> DeleteContactAsync(string listId, string contactId, CancellationToken cancellationToken = default)
        => FalseOn404(() => _client.DeleteAsync(ContactPath(listId, contactId), cancellationToken));

    /// <summary>Deletes contacts by id (≤ 250 per request; unknown ids are ignored by the server).</summary>
    public async Task DeleteContactsAsync(string listId, IReadOnlyList<string> contactIds, CancellationToken cancellationToken = default)
    {
        if (contactIds == null) throw new ArgumentNullException(nameof(contactIds));
        for (var i = 0; i < contactIds.Count; i += MaxDeleteIds)
        {
            var query = string.Join("&", contactIds.Skip(i).Take(MaxDeleteIds).Select(id => "contactIds=" + Uri.EscapeDataString(id)));
            await _client.DeleteAsync(ListPath(listId) + "/contacts?" + query, cancellationToken).ConfigureAwait(false);
        }
    }

    // ------------------------------------------------------------------ CSV import

    /// <summary>
    /// Uploads a CSV to the list through the upload service (multipart at apps.{domain}/uploads/v2/contactlist).
    /// <paramref name="contactIdColumn"/> names the column whose value becomes the contact id (upsert by id).
    /// <paramref name="openFile"/> is called once per attempt. The import then runs on the server: poll
    /// <see cref="GetImportStatusAsync"/>.
    /// </summary>
    public async Task UploadContactsCsvAsync(string listId, Func<Stream> openFile, string fileName, string? contactIdColumn, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(listId)) throw new ArgumentException("A list id is required.", nameof(listId));
        if (openFile == null) throw new ArgumentNullException(nameof(openFile));
        var baseUri = _client.Options.AppsBaseUri ?? _client.ApiBaseUri;
        var uri = new Uri(baseUri, UploadPath);
        await _client.SendRawAsync(HttpMethod.Post, uri, () =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(listId), "id" },
                { new StringContent("contactlist"), "fileType" },
            };
            if (!string.IsNullOrEmpty(contactIdColumn)) form.Add(new StringContent(contactIdColumn!), "contact-id-name");
            var file = new StreamContent(openFile());
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", fileName);
            return form;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The list's latest import status, or null when it never had one (404).</summary>
    public Task<ImportStatus?> GetImportStatusAsync(string listId, CancellationToken cancellationToken = default)
        => NullOn404(() => _client.GetAsync<ImportStatus>(ListPath(listId) + "/importstatus", cancellationToken));

    // ------------------------------------------------------------------ export

    /// <summary>Asks the server to export the list (then poll <see cref="GetExportUriAsync"/>).</summary>
    public Task StartExportAsync(string listId, CancellationToken cancellationToken = default)
        => _client.SendAsync(HttpMethod.Post, ListPath(listId) + "/export", null, cancellationToken);

    /// <summary>The download location of the latest export, or null while it is not ready (404/400).</summary>
    public async Task<ExportUri?> GetExportUriAsync(string listId, CancellationToken cancellationToken = default)
    {
        try
        {
            var uri = await _client.GetAsync<ExportUri>(ListPath(listId) + "/export?download=false", cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(uri.Uri) ? null : uri;
        }
        catch (GenesysApiException ex) when (ex is GenesysNotFoundException || ex is GenesysValidationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Exports the list and downloads the CSV to a temporary file (in <see cref="TempFolder"/>): its columns plus
    /// system columns, "inin-outbound-id" being the contact id. The file is streamed to disk, never held in memory (a
    /// 1M-contact list is on the order of 100-200 MB); the returned <see cref="ExportFile"/> reads it record by record
    /// and deletes it when disposed. A failed download deletes it at once.
    /// </summary>
    public async Task<ExportFile> ExportContactsAsync(string listId, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(TempFolder ?? Path.GetTempPath(), "GenesysSync-export-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await ExportContactsToFileAsync(listId, path, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        return ExportFile.OpenTemporary(path);
    }

    /// <summary>
    /// Exports the list and streams the CSV into the file at <paramref name="path"/> (created or overwritten; deleted
    /// again when the download fails). Returns the bytes written.
    /// </summary>
    public async Task<long> ExportContactsToFileAsync(string listId, string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
        await StartExportAsync(listId, cancellationToken).ConfigureAwait(false);
        var clock = _client.TimeProvider;
        var deadline = clock.GetUtcNow() + ExportTimeout;
        var wait = FirstPollInterval;
        while (true)
        {
            var uri = await GetExportUriAsync(listId, cancellationToken).ConfigureAwait(false);
            if (uri != null) return await DownloadToFileAsync(uri.Uri!, path, cancellationToken).ConfigureAwait(false);
            if (clock.GetUtcNow() >= deadline)
                throw new TimeoutException($"The export of contact list {listId} was not ready after {ExportTimeout.TotalMinutes:0} minutes.");
            await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(MaxPollInterval.Ticks, wait.Ticks * 2));
        }
    }

    /// <summary>
    /// Streams an export file into <paramref name="path"/>: a location that is a path is resolved against the API host;
    /// an absolute URI is fetched as given (the client attaches the bearer token only for the API/apps hosts, never for
    /// a presigned storage URL). A retry starts the file over; a failed download deletes it. Returns the bytes written.
    /// </summary>
    public Task<long> DownloadToFileAsync(string location, string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(location)) throw new ArgumentException("A download location is required.", nameof(location));
        // On Unix "/x" parses as an absolute file URI, hence the explicit relative form for anything not http(s).
        var uri = Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(location, UriKind.Relative);
        return _client.DownloadToFileAsync(uri, path, cancellationToken);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller's error is the one that matters.
        }
    }

    // ------------------------------------------------------------------ errors

    /// <summary>
    /// True when an add was refused because the list (or the org) holds its maximum of contacts. The codes of these
    /// errors are not documented; the platform's "limit" object is checked first, then the code.
    /// </summary>
    public static bool IsContactLimitError(GenesysApiException exception, out bool orgWide)
    {
        orgWide = false;
        if (exception == null || exception.StatusCode != 400) return false;
        var body = ErrorMapper.TryParse(exception.ResponseBody);
        var key = body?.Limit?.Key ?? "";
        var code = exception.Code ?? "";
        if (key.IndexOf("organization", StringComparison.OrdinalIgnoreCase) >= 0 && key.IndexOf("contacts", StringComparison.OrdinalIgnoreCase) >= 0
            || code.IndexOf("organization.contact.limit", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            orgWide = true;
            return true;
        }
        return key.IndexOf("contacts.per.contact.list", StringComparison.OrdinalIgnoreCase) >= 0
               || code.IndexOf("contact.list.size", StringComparison.OrdinalIgnoreCase) >= 0
               || code.IndexOf("EXCEEDED_CONTACT_LIMIT", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    // ------------------------------------------------------------------ helpers

    private async Task<IReadOnlyList<T>> AddSplittingAsync<T>(string path, IReadOnlyList<DialerContact> chunk, Func<GenesysResponse, List<T>> read,
        CancellationToken cancellationToken)
    {
        try
        {
            return read(await _client.SendAsync(HttpMethod.Post, path, chunk, cancellationToken).ConfigureAwait(false));
        }
        catch (GenesysPayloadTooLargeException) when (chunk.Count > 1)
        {
            var half = chunk.Count / 2;
            var first = await AddSplittingAsync(path, chunk.Take(half).ToList(), read, cancellationToken).ConfigureAwait(false);
            var second = await AddSplittingAsync(path, chunk.Skip(half).ToList(), read, cancellationToken).ConfigureAwait(false);
            return first.Concat(second).ToList();
        }
    }

    private IEnumerable<List<DialerContact>> Chunk(IReadOnlyList<DialerContact> contacts)
    {
        var chunk = new List<DialerContact>();
        long bytes = 0;
        foreach (var contact in contacts)
        {
            var size = EstimateSize(contact);
            if (chunk.Count > 0 && (chunk.Count >= MaxContactsPerAdd || bytes + size > MaxAddBytes))
            {
                yield return chunk;
                chunk = new List<DialerContact>();
                bytes = 0;
            }
            chunk.Add(contact);
            bytes += size;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    /// <summary>Upper bound of a contact's JSON size without serializing it (6 bytes per char covers \u escapes).</summary>
    private static long EstimateSize(DialerContact contact)
    {
        long size = 64 + (contact.Id?.Length ?? 0) + (contact.ContactListId?.Length ?? 0);
        if (contact.Data != null)
        {
            foreach (var pair in contact.Data) size += 8 + pair.Key.Length * 2 + (pair.Value?.Length ?? 0) * 3;
        }
        if (contact.PhoneNumberStatus != null) size += contact.PhoneNumberStatus.Count * 64;
        return size;
    }

    private static string ListPath(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The contact list id is empty.", nameof(id));
        return ListsPath + "/" + Uri.EscapeDataString(id);
    }

    private static string ContactPath(string listId, string contactId)
    {
        if (string.IsNullOrWhiteSpace(contactId)) throw new ArgumentException("The contact id is empty.", nameof(contactId));
        return ListPath(listId) + "/contacts/" + Uri.EscapeDataString(contactId);
    }

    private static string Query(params (string Name, bool? Value)[] flags)
    {
        var parts = flags.Where(f => f.Value == true || (f.Value == false && f.Name is "priority" or "clearSystemData" or "doNotQueue"))
            .Select(f => f.Name + "=" + (f.Value == true ? "true" : "false")).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
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
