using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Listing;

/// <summary>
/// Opaque scan cursors for the scan/* routes of organizations, notes and relationships (and journey sessions):
/// the position (creation sequence) and the issue time, base64url; valid 24 hours, then 400. Pages hold
/// limit 10..200 (default 100) items; the last page has no "after" cursor.
/// </summary>
internal static class ScanCursor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Write(string kind, long seq, DateTimeOffset now)
    {
        var text = kind + ":" + seq.ToString(CultureInfo.InvariantCulture) + ":" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position after which the next page starts; 0 for no cursor. 400 for a foreign, garbage or expired cursor.</summary>
    public static long Read(string kind, string? cursor, DateTimeOffset now, string parameter = "cursor")
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            var base64 = cursor!.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] == kind
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            {
                if (now - DateTimeOffset.FromUnixTimeMilliseconds(issued) > Lifetime)
                {
                    throw Errors.BadRequest("The cursor has expired (cursors live 24 hours). Start the scan again.");
                }
                return seq;
            }
        }
        catch (FormatException)
        {
        }
        throw Errors.InvalidQueryParam(parameter, cursor!, "a cursor returned by a previous page");
    }

    /// <summary>
    /// One scan page: reads limit/cursor (and divisionId), asks <paramref name="page"/> for up to limit+1 items after the
    /// cursor's position, and writes {entities, cursors{after?}, selfUri, nextUri?}.
    /// </summary>
    public static ApiResponse Page<T>(RouteContext context, string kind, string path, Func<long, int, List<T>> page, Func<T, long> seqOf,
        Action<Utf8JsonWriter, T> writeItem)
    {
        var limit = context.QueryInt("limit", 100, 10, 200);
        var cursor = context.Request.QueryValue("cursor");
        var now = context.Org.Clock.UtcNow;
        var afterSeq = Read(kind, cursor, now);
        var division = context.Request.QueryValue("divisionId") ?? "*";
        var inDivision = division == "*" || string.Equals(division, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase);
        var items = inDivision ? page(afterSeq, limit + 1) : new List<T>();
        var hasMore = items.Count > limit;
        if (hasMore) items.RemoveAt(items.Count - 1);
        var after = hasMore ? Write(kind, seqOf(items[items.Count - 1]), now) : null;
        var self = path + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var item in items) writeItem(w, item);
            w.WriteEndArray();
            if (after != null) w.WriteString("nextUri", path + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + "&cursor=" + Uri.EscapeDataString(after));
            w.WriteString("selfUri", self);
            w.WriteStartObject("cursors");
            if (after != null) w.WriteString("after", after);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }
}
