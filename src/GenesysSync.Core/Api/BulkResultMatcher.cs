using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Api;

/// <summary>
/// Matches bulk results to input rows. The API does not promise result order, so results are
/// matched by id where rows have ids, then by a fingerprint of the contact (external ids, e-mails,
/// names), and only the rest by position. A row without any result gets a retryable failure.
/// </summary>
internal static class BulkResultMatcher
{
    public const string MissingResultCode = "bulk.result.missing";

    /// <param name="inputIds">Id of each row, or null (adds).</param>
    /// <param name="inputContacts">Contact of each row for fingerprinting, or null.</param>
    public static BulkItemResult[] Match(
        IReadOnlyList<string?> inputIds,
        IReadOnlyList<ExternalContact?> inputContacts,
        IReadOnlyList<BulkResult<ExternalContact>?> results,
        bool safeToResend = true)
    {
        var count = inputIds.Count;
        var matched = new BulkResult<ExternalContact>?[count];
        var leftover = new List<BulkResult<ExternalContact>>();

        // 1. By id (update, fetch, remove, enrich with id). Duplicate ids are taken in row order.
        var byId = new Dictionary<string, Queue<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            if (string.IsNullOrEmpty(inputIds[i])) continue;
            if (!byId.TryGetValue(inputIds[i]!, out var q)) byId[inputIds[i]!] = q = new Queue<int>();
            q.Enqueue(i);
        }
        foreach (var result in results)
        {
            if (result is null) continue; // a null entry in "results" says nothing about any row
            var id = result.Id ?? result.Entity?.Id ?? IdOf(result.Error?.Entity);
            if (id != null && byId.TryGetValue(id, out var q) && q.Count > 0) matched[q.Dequeue()] = result;
            else leftover.Add(result);
        }

        // 2. By fingerprint, only where it is unique on both sides.
        if (leftover.Count > 0)
        {
            var rowPrints = new Dictionary<string, List<int>>();
            for (var i = 0; i < count; i++)
            {
                if (matched[i] != null) continue;
                var print = Fingerprint(inputContacts[i]);
                if (print == null) continue;
                if (!rowPrints.TryGetValue(print, out var list)) rowPrints[print] = list = new List<int>();
                list.Add(i);
            }
            var resultPrints = leftover.Select(r => Fingerprint(r.Entity ?? ContactOf(r.Error?.Entity))).ToList();
            var stillLeft = new List<BulkResult<ExternalContact>>();
            for (var r = 0; r < leftover.Count; r++)
            {
                var print = resultPrints[r];
                if (print != null && rowPrints.TryGetValue(print, out var rows) && rows.Count == 1
                    && resultPrints.Count(p => p == print) == 1)
                {
                    matched[rows[0]] = leftover[r];
                    rows.Clear();
                }
                else stillLeft.Add(leftover[r]);
            }
            leftover = stillLeft;
        }

        // 3. Whatever remains, by position among the unmatched rows.
        var next = 0;
        for (var i = 0; i < count && next < leftover.Count; i++)
        {
            if (matched[i] == null) matched[i] = leftover[next++];
        }

        var output = new BulkItemResult[count];
        for (var i = 0; i < count; i++)
        {
            var r = matched[i];
            output[i] = r == null
                ? new BulkItemResult(i, inputIds[i], false, null, null, MissingResult(safeToResend))
                : new BulkItemResult(i, r.Id ?? r.Entity?.Id ?? inputIds[i], r.Success, r.Status ?? r.Error?.Status, r.Entity, r.Error);
        }
        return output;
    }

    /// <summary>
    /// The error of a row the response said nothing about. Whether the server applied it is unknown: it is resent only
    /// when sending it twice is harmless (update, remove, fetch, enrich); a create is not, as that could duplicate it.
    /// </summary>
    internal static BulkEntityError MissingResult(bool safeToResend) => new()
    {
        Code = MissingResultCode,
        Message = safeToResend
            ? "The bulk response had no result for this row."
            : "The bulk response had no result for this row; it may have been applied, so it was not sent again (look it up before retrying).",
        Retryable = safeToResend,
    };

    internal static string? Fingerprint(ExternalContact? c)
    {
        if (c == null) return null;
        var parts = new List<string>();
        if (c.ExternalIds != null)
            parts.AddRange(c.ExternalIds.Select(e => "x:" + e.ExternalSource?.Id + "=" + e.Value).OrderBy(s => s, StringComparer.Ordinal));
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add(key + ":" + value!.Trim().ToLowerInvariant());
        }
        Add("we", c.WorkEmail);
        Add("pe", c.PersonalEmail);
        Add("oe", c.OtherEmail);
        Add("fn", c.FirstName);
        Add("ln", c.LastName);
        return parts.Count == 0 ? null : string.Join("|", parts);
    }

    private static string? IdOf(JsonElement? element)
        => element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static ExternalContact? ContactOf(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e) return null;
        try
        {
            return e.Deserialize<ExternalContact>(GenesysJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
