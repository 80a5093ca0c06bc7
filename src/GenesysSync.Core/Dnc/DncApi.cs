using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;

namespace GenesysSync.Dnc;

/// <summary>
/// Typed outbound DNC-list API over a <see cref="GenesysClient"/>: lists (CRUD) and the phone numbers of internal
/// lists (POST add, PATCH remove, cut to <see cref="MaxPhoneNumbersPerRequest"/>; DELETE all or expired). Reads of one list
/// return null on 404; a delete returns false when the list was already gone.
/// </summary>
public sealed class DncApi
{
    public const string ListsPath = "/api/v2/outbound/dnclists";

    private readonly GenesysClient _client;

    public DncApi(GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Numbers per PATCH request (not documented; 1000 like the contact add).</summary>
    public int MaxPhoneNumbersPerRequest { get; set; } = 1000;

    /// <summary>Page size used when listing every list (API maximum 100).</summary>
    public int ListPageSize { get; set; } = 100;

    public Task<DncListEntityListing> ListPageAsync(int pageNumber = 1, int pageSize = 100, string? name = null, string filterType = "Prefix",
        bool includeSize = false, CancellationToken cancellationToken = default)
    {
        if (pageNumber < 1) throw new ArgumentOutOfRangeException(nameof(pageNumber));
        if (pageSize < 1 || pageSize > 100) throw new ArgumentOutOfRangeException(nameof(pageSize), "pageSize must be between 1 and 100.");
        var path = ListsPath + "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) + "&pageNumber=" + pageNumber.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(name)) path += "&filterType=" + Uri.EscapeDataString(filterType) + "&name=" + Uri.EscapeDataString(name);
        if (includeSize) path += "&includeSize=true";
        return _client.GetAsync<DncListEntityListing>(path, cancellationToken);
    }

    /// <summary>Every list (paging to the end), optionally filtered by name prefix on the server.</summary>
    public async Task<IReadOnlyList<DncList>> ListAsync(string? name = null, bool includeSize = false, CancellationToken cancellationToken = default)
    {
        var lists = new List<DncList>();
        for (var page = 1; ; page++)
        {
            var listing = await ListPageAsync(page, ListPageSize, name, "Prefix", includeSize, cancellationToken).ConfigureAwait(false);
            var entities = listing.Entities ?? new List<DncList>();
            lists.AddRange(entities);
            if (entities.Count == 0 || (listing.PageCount is int count ? page >= count : entities.Count < ListPageSize)) return lists;
        }
    }

    /// <summary>The list, or null (404).</summary>
    public async Task<DncList?> GetAsync(string id, bool includeSize = false, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _client.GetAsync<DncList>(ListPath(id) + (includeSize ? "?includeSize=true" : ""), cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The list whose name is exactly <paramref name="name"/> (case-insensitive), or null.</summary>
    public async Task<DncList?> FindByNameAsync(string name, bool includeSize = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("A name is required.", nameof(name));
        var lists = await ListAsync(name, includeSize, cancellationToken).ConfigureAwait(false);
        return lists.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public Task<DncList> CreateAsync(DncList list, CancellationToken cancellationToken = default)
        => _client.PostAsync<DncList>(ListsPath, list ?? throw new ArgumentNullException(nameof(list)), cancellationToken);

    /// <summary>PUT: <paramref name="list"/>.Version must be the current version (else <see cref="GenesysConflictException"/>).</summary>
    public Task<DncList> UpdateAsync(DncList list, CancellationToken cancellationToken = default)
    {
        if (list == null) throw new ArgumentNullException(nameof(list));
        if (list.Version == null) throw new ArgumentException("An update needs the list's current version.", nameof(list));
        return _client.PutAsync<DncList>(ListPath(list.Id ?? throw new ArgumentException("The list has no id.", nameof(list))), list, cancellationToken);
    }

    /// <summary>True when deleted, false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DeleteAsync(ListPath(id), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GenesysNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Adds numbers (E.164) to an internal list with POST .../phonenumbers (the long-standing route, outbound:dnc:add),
    /// ≤ <see cref="MaxPhoneNumbersPerRequest"/> per request; adding a number twice is harmless, so retries are safe.
    /// </summary>
    public async Task AddPhoneNumbersAsync(string id, IReadOnlyList<string> phoneNumbers, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        if (phoneNumbers == null) throw new ArgumentNullException(nameof(phoneNumbers));
        var path = ListPath(id) + "/phonenumbers";
        if (expiresAt is DateTimeOffset at) path += "?expirationDateTime=" + Uri.EscapeDataString(Expiry(at));
        for (var i = 0; i < phoneNumbers.Count; i += MaxPhoneNumbersPerRequest)
        {
            var chunk = phoneNumbers.Skip(i).Take(MaxPhoneNumbersPerRequest).ToList();
            await _client.SendAsync(System.Net.Http.HttpMethod.Post, path, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes numbers from an internal list with PATCH {action: Remove} (outbound:dnc:edit); numbers not in it are ignored.</summary>
    public Task RemovePhoneNumbersAsync(string id, IReadOnlyList<string> phoneNumbers, CancellationToken cancellationToken = default)
        => PatchAsync(id, "Remove", phoneNumbers, cancellationToken);

    /// <summary>Removes every number of the list, or only the expired ones.</summary>
    public Task ClearPhoneNumbersAsync(string id, bool expiredOnly = false, CancellationToken cancellationToken = default)
        => _client.DeleteAsync(ListPath(id) + "/phonenumbers" + (expiredOnly ? "?expiredOnly=true" : ""), cancellationToken);

    private static string Expiry(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private async Task PatchAsync(string id, string action, IReadOnlyList<string> phoneNumbers, CancellationToken cancellationToken)
    {
        if (phoneNumbers == null) throw new ArgumentNullException(nameof(phoneNumbers));
        var path = ListPath(id) + "/phonenumbers";
        for (var i = 0; i < phoneNumbers.Count; i += MaxPhoneNumbersPerRequest)
        {
            var body = new DncPhoneNumbersPatch
            {
                Action = action,
                PhoneNumbers = phoneNumbers.Skip(i).Take(MaxPhoneNumbersPerRequest).ToList(),
            };
            await _client.SendAsync(new System.Net.Http.HttpMethod("PATCH"), path, body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ListPath(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The DNC list id is empty.", nameof(id));
        return ListsPath + "/" + Uri.EscapeDataString(id);
    }
}
