using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Api;

/// <summary>Every reachable hit of a paged listing; <see cref="Capped"/> is true when more matched than the window allows.</summary>
public sealed class SearchPage<T>
{
    public SearchPage(IReadOnlyList<T> items, long? total, bool capped)
    {
        Items = items;
        Total = total;
        Capped = capped;
    }

    public IReadOnlyList<T> Items { get; }
    public long? Total { get; }
    public bool Capped { get; }
}

/// <summary>Small shared helpers of the typed API classes for organizations, notes, relationships and journey.</summary>
internal static class Calls
{
    public static string Escape(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The id is empty.", nameof(id));
        return Uri.EscapeDataString(id);
    }

    public static void CheckWindow(int pageSize, int pageNumber, int window)
    {
        if (pageSize < 1 || pageNumber < 1 || (long)pageSize * pageNumber > window)
            throw new ArgumentOutOfRangeException(nameof(pageNumber), $"pageSize × pageNumber must be between 1 and {window}.");
    }

    public static async Task<T?> NullOn404<T>(Func<Task<T>> call) where T : class
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

    public static async Task<bool> FalseOn404(Func<Task> call)
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

    /// <summary>Pages a pageSize/pageNumber listing until the end or the window (100 per page, or the window if smaller).</summary>
    public static async Task<SearchPage<T>> PageAllAsync<T>(Func<int, int, CancellationToken, Task<PagedListing<T>>> page, int window, CancellationToken cancellationToken, int pageSize = 100)
    {
        pageSize = Math.Min(pageSize, window);
        var items = new List<T>();
        long? total = null;
        var lastFull = false;
        for (var number = 1; (long)pageSize * number <= window; number++)
        {
            var listing = await page(pageSize, number, cancellationToken).ConfigureAwait(false);
            var entities = listing.Entities ?? new List<T>();
            total = listing.Total ?? total;
            items.AddRange(entities);
            lastFull = entities.Count >= pageSize;
            if (!lastFull || (total.HasValue && items.Count >= total.Value) || (listing.PageCount is int count && number >= count))
                return new SearchPage<T>(items, total, capped: false);
        }
        return new SearchPage<T>(items, total, total.HasValue ? total.Value > items.Count : lastFull);
    }

    /// <summary>Streams a scan/* cursor listing (limit 10..200) to its end.</summary>
    public static async IAsyncEnumerable<T> ScanAsync<T>(GenesysClient client, string path, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (limit < 10 || limit > 200) throw new ArgumentOutOfRangeException(nameof(limit), "The scan limit must be between 10 and 200.");
        string? cursor = null;
        while (true)
        {
            var page = await client.GetAsync<CursorListing<T>>($"{path}?limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Entities ?? Enumerable.Empty<T>()) yield return item;
            var next = page.Cursors?.After;
            if (string.IsNullOrEmpty(next) || next == cursor || page.Entities is null || page.Entities.Count == 0) yield break;
            cursor = next;
        }
    }
}
