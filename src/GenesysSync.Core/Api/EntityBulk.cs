using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Api;

/// <summary>The outcome of one input row of a bulk call on any entity; <see cref="Index"/> is the row's position in the input.</summary>
public sealed class BulkEntityResult<T> where T : class
{
    public BulkEntityResult(int index, string? id, bool success, int? status, T? entity, BulkEntityError? error)
    {
        Index = index;
        Id = id;
        Success = success;
        Status = status;
        Entity = entity;
        Error = error;
    }

    public int Index { get; }
    public string? Id { get; }
    public bool Success { get; }
    public int? Status { get; }
    public T? Entity { get; }
    public BulkEntityError? Error { get; }
    public bool IsRetryable => !Success && Error?.Retryable == true;
}

/// <summary>
/// The bulk machinery for organizations, notes and relationships, with the same rules as the contact bulk calls:
/// chunks of at most MaxPerRequest rows and about MaxBytes, halves on 413, resends rows whose error is retryable, and
/// matches results to rows by id, then by a fingerprint, then by position (the API does not promise result order).
/// </summary>
internal sealed class EntityBulk<T> where T : class
{
    public const string MissingResultCode = "bulk.result.missing";

    private readonly GenesysClient _client;
    private readonly Func<T, string?> _idOf;
    private readonly Func<T, string?> _fingerprint;

    public EntityBulk(GenesysClient client, Func<T, string?> idOf, Func<T, string?> fingerprint)
    {
        _client = client;
        _idOf = idOf;
        _fingerprint = fingerprint;
    }

    public int MaxPerRequest { get; set; } = 200;
    public int MaxBytes { get; set; } = 1_000_000;
    public int RetryableRowRetries { get; set; } = 2;

    /// <param name="idsOf">The id of each row (null for adds).</param>
    /// <param name="entitiesOf">Each row as an entity for fingerprinting (null when the row is only an id).</param>
    public async Task<IReadOnlyList<BulkEntityResult<T>>> RunAsync<TRow>(IReadOnlyList<TRow> rows, Func<IReadOnlyList<TRow>, object> body, string path,
        Func<TRow, string?> idsOf, Func<TRow, T?> entitiesOf, CancellationToken cancellationToken)
    {
        var results = new BulkEntityResult<T>[rows.Count];
        var pending = Enumerable.Range(0, rows.Count).ToList();
        for (var round = 0; pending.Count > 0; round++)
        {
            if (round > 0) await _client.TimeProvider.Delay(TimeSpan.FromSeconds(Math.Pow(2, round - 1)), cancellationToken).ConfigureAwait(false);
            foreach (var chunk in Chunk(pending, rows))
            {
                var chunkRows = chunk.Select(i => rows[i]).ToList();
                var chunkResults = await SendSplittingAsync(chunkRows, body, path, idsOf, entitiesOf, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < chunk.Count; k++)
                {
                    var r = chunkResults[k];
                    results[chunk[k]] = new BulkEntityResult<T>(chunk[k], r.Id, r.Success, r.Status, r.Entity, r.Error);
                }
            }
            pending = round < RetryableRowRetries ? pending.Where(i => results[i].IsRetryable).ToList() : new List<int>();
        }
        return results;
    }

    private async Task<IReadOnlyList<BulkEntityResult<T>>> SendSplittingAsync<TRow>(IReadOnlyList<TRow> rows, Func<IReadOnlyList<TRow>, object> body, string path,
        Func<TRow, string?> idsOf, Func<TRow, T?> entitiesOf, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.PostAsync<BulkResponse<T>>(path, body(rows), cancellationToken).ConfigureAwait(false);
            return Match(rows.Select(idsOf).ToList(), rows.Select(entitiesOf).ToList(), response.Results ?? new List<BulkResult<T>>(),
                ExternalContactsApi.IsSafeToResend(path));
        }
        catch (GenesysPayloadTooLargeException ex)
        {
            if (rows.Count == 1)
            {
                return new[]
                {
                    new BulkEntityResult<T>(0, idsOf(rows[0]), false, 413, null, new BulkEntityError
                    {
                        Code = ex.Code ?? "payload.too.large",
                        Message = "This row alone is larger than the server accepts in one request.",
                        Status = 413,
                        Retryable = false,
                    }),
                };
            }
            var half = rows.Count / 2;
            var first = await SendSplittingAsync(rows.Take(half).ToList(), body, path, idsOf, entitiesOf, cancellationToken).ConfigureAwait(false);
            var second = await SendSplittingAsync(rows.Skip(half).ToList(), body, path, idsOf, entitiesOf, cancellationToken).ConfigureAwait(false);
            return first.Concat(second).ToList();
        }
    }

    private IEnumerable<List<int>> Chunk<TRow>(List<int> pending, IReadOnlyList<TRow> rows)
        => BulkChunks.Of(pending, rows, MaxPerRequest, MaxBytes);

    private BulkEntityResult<T>[] Match(IReadOnlyList<string?> ids, IReadOnlyList<T?> entities, IReadOnlyList<BulkResult<T>?> results, bool safeToResend)
    {
        var count = ids.Count;
        var matched = new BulkResult<T>?[count];
        var leftover = new List<BulkResult<T>>();
        var byId = new Dictionary<string, Queue<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            if (string.IsNullOrEmpty(ids[i])) continue;
            if (!byId.TryGetValue(ids[i]!, out var q)) byId[ids[i]!] = q = new Queue<int>();
            q.Enqueue(i);
        }
        foreach (var result in results)
        {
            if (result is null) continue; // a null entry in "results" says nothing about any row
            var id = result.Id ?? (result.Entity is null ? null : _idOf(result.Entity)) ?? IdOf(result.Error?.Entity);
            if (id != null && byId.TryGetValue(id, out var q) && q.Count > 0) matched[q.Dequeue()] = result;
            else leftover.Add(result);
        }
        if (leftover.Count > 0)
        {
            var rowPrints = new Dictionary<string, List<int>>();
            for (var i = 0; i < count; i++)
            {
                if (matched[i] != null || entities[i] is null) continue;
                var print = _fingerprint(entities[i]!);
                if (print == null) continue;
                if (!rowPrints.TryGetValue(print, out var list)) rowPrints[print] = list = new List<int>();
                list.Add(i);
            }
            var resultPrints = leftover.Select(r => r.Entity is null ? EntityOf(r.Error?.Entity) is { } e ? _fingerprint(e) : null : _fingerprint(r.Entity)).ToList();
            var stillLeft = new List<BulkResult<T>>();
            for (var r = 0; r < leftover.Count; r++)
            {
                var print = resultPrints[r];
                if (print != null && rowPrints.TryGetValue(print, out var rowsWithPrint) && rowsWithPrint.Count == 1 && resultPrints.Count(p => p == print) == 1)
                {
                    matched[rowsWithPrint[0]] = leftover[r];
                    rowsWithPrint.Clear();
                }
                else stillLeft.Add(leftover[r]);
            }
            leftover = stillLeft;
        }
        var next = 0;
        for (var i = 0; i < count && next < leftover.Count; i++)
        {
            if (matched[i] == null) matched[i] = leftover[next++];
        }
        var output = new BulkEntityResult<T>[count];
        for (var i = 0; i < count; i++)
        {
            var r = matched[i];
            output[i] = r == null
                ? new BulkEntityResult<T>(i, ids[i], false, null, null, BulkResultMatcher.MissingResult(safeToResend))
                : new BulkEntityResult<T>(i, r.Id ?? (r.Entity is null ? null : _idOf(r.Entity)) ?? ids[i], r.Success, r.Status ?? r.Error?.Status, r.Entity, r.Error);
        }
        return output;
    }

    private static string? IdOf(JsonElement? element)
        => element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static T? EntityOf(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e) return null;
        try
        {
            return e.Deserialize<T>(GenesysJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>How bulk routes cut their rows: shared by every bulk caller so they agree on the limits' arithmetic.</summary>
internal static class BulkChunks
{
    /// <summary>Cuts pending row indexes into chunks of at most <paramref name="maxPerRequest"/> rows and about <paramref name="maxBytes"/> of JSON.</summary>
    public static IEnumerable<List<int>> Of<TRow>(List<int> pending, IReadOnlyList<TRow> rows, int maxPerRequest, long maxBytes)
    {
        var chunk = new List<int>();
        long bytes = 0;
        foreach (var i in pending)
        {
            var size = rows[i] is string s ? s.Length + 16 : JsonSerializer.SerializeToUtf8Bytes(rows[i], GenesysJson.Options).Length + 1;
            if (chunk.Count > 0 && (chunk.Count >= maxPerRequest || bytes + size > maxBytes))
            {
                yield return chunk;
                chunk = new List<int>();
                bytes = 0;
            }
            chunk.Add(i);
            bytes += size;
        }
        if (chunk.Count > 0) yield return chunk;
    }
}
