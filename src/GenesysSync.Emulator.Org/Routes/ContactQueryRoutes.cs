using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Reading many contacts: search (GET /contacts?q, pageSize default 20, pageSize × pageNumber ≤ 1000),
/// scan (GET /scan/contacts, limit 10..200 default 100, opaque cursors valid 24 h, creation order) and
/// identifier lookup (POST /identifierlookup/contacts → the first contact holding the identifier, else 404).
/// </summary>
internal sealed class ContactQueryRoutes : IRouteFamily
{
    public const string Search = "/api/v2/externalcontacts/contacts";
    public const string Scan = "/api/v2/externalcontacts/scan/contacts";
    public const string Lookup = "/api/v2/externalcontacts/identifierlookup/contacts";

    public const int SearchWindow = 1000;
    private static readonly TimeSpan CursorLifetime = TimeSpan.FromHours(24);

    private readonly OrgState _org;

    public ContactQueryRoutes(OrgState org) => _org = org;

    public void Register(Router router)
    {
        router.Map("GET", Search, SearchContacts);
        router.Map("GET", Scan, ScanContacts);
        router.Map("POST", Lookup, LookupContact);
    }

    private ApiResponse SearchContacts(RouteContext context)
    {
        var pageSize = context.QueryInt("pageSize", 20, 1, SearchWindow);
        var pageNumber = context.QueryInt("pageNumber", 1, 1, int.MaxValue);
        if ((long)pageSize * pageNumber > SearchWindow)
        {
            throw Errors.BadRequest("pageSize × pageNumber must be at most 1000: search only reaches the first 1000 results (use scan to read everything).");
        }
        var (sortField, descending) = ReadSortOrder(context.Request.QueryValue("sortOrder"));
        var divisions = context.Request.QueryValues("divisionIds").SelectMany(v => v.Split(',')).Where(v => v.Length > 0).ToList();
        if (divisions.Count > 50) throw Errors.InvalidQueryParam("divisionIds", divisions.Count.ToString(CultureInfo.InvariantCulture) + " values", "at most 50 division ids");
        var q = context.Request.QueryValue("q");

        var inDivision = divisions.Count == 0 || divisions.Any(d => d == "*" || string.Equals(d, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase));
        var matches = inDivision ? ContactSearch.Find(_org.Contacts.All(), q, sortField, descending) : new List<StoredContact>();
        var page = matches.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        var pageCount = (matches.Count + pageSize - 1) / pageSize;

        string Uri(int number) => Search + "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture)
            + "&pageNumber=" + number.ToString(CultureInfo.InvariantCulture)
            + (q == null ? "" : "&q=" + System.Uri.EscapeDataString(q));

        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var contact in page) contact.WriteTo(w);
            w.WriteEndArray();
            w.WriteNumber("pageSize", pageSize);
            w.WriteNumber("pageNumber", pageNumber);
            w.WriteNumber("total", matches.Count);
            w.WriteBoolean("partialResults", false);
            w.WriteString("firstUri", Uri(1));
            w.WriteString("selfUri", Uri(pageNumber));
            if (pageNumber < pageCount) w.WriteString("nextUri", Uri(pageNumber + 1));
            if (pageNumber > 1) w.WriteString("previousUri", Uri(pageNumber - 1));
            w.WriteString("lastUri", Uri(Math.Max(1, pageCount)));
            w.WriteNumber("pageCount", pageCount);
            w.WriteEndObject();
        }));
    }

    private static (string? Field, bool Descending) ReadSortOrder(string? sortOrder)
    {
        if (string.IsNullOrEmpty(sortOrder)) return (null, false);
        var parts = sortOrder!.Split(':');
        var field = ContactSearch.SortFields.FirstOrDefault(f => string.Equals(f, parts[0], StringComparison.OrdinalIgnoreCase));
        var direction = parts.Length > 1 ? parts[1].ToLowerInvariant() : "asc";
        if (field == null || parts.Length > 2 || (direction != "asc" && direction != "desc"))
        {
            throw Errors.InvalidQueryParam("sortOrder", sortOrder, "firstName, lastName, middleName or title, optionally followed by :asc or :desc");
        }
        return (field, direction == "desc");
    }

    private ApiResponse ScanContacts(RouteContext context)
    {
        var limit = context.QueryInt("limit", 100, 10, 200);
        var cursor = context.Request.QueryValue("cursor");
        var afterSeq = cursor == null || cursor.Length == 0 ? 0 : ReadCursor(cursor);
        var division = context.Request.QueryValue("divisionId") ?? "*";
        var inDivision = division == "*" || string.Equals(division, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase);

        // One more than asked tells whether another page exists: no "after" cursor on the last page.
        var page = inDivision ? _org.Contacts.ScanAfter(afterSeq, limit + 1) : new List<StoredContact>();
        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var after = hasMore ? WriteCursor(page[page.Count - 1].Seq) : null;
        var self = Scan + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));

        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var contact in page) contact.WriteTo(w);
            w.WriteEndArray();
            if (after != null)
            {
                w.WriteString("nextUri", Scan + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + "&cursor=" + Uri.EscapeDataString(after));
            }
            w.WriteString("selfUri", self);
            w.WriteStartObject("cursors");
            if (after != null) w.WriteString("after", after);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary>An opaque cursor: the position (creation sequence) and when it was issued, base64url-encoded.</summary>
    private string WriteCursor(long seq)
    {
        var text = "scan:" + seq.ToString(CultureInfo.InvariantCulture) + ":" + _org.Clock.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private long ReadCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] == "scan"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            {
                if (_org.Clock.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(issued) > CursorLifetime)
                {
                    throw Errors.BadRequest("The cursor has expired (cursors live 24 hours). Start the scan again.");
                }
                return seq;
            }
        }
        catch (FormatException)
        {
        }
        throw Errors.InvalidQueryParam("cursor", cursor, "a cursor returned by a previous scan page");
    }

    private ApiResponse LookupContact(RouteContext context)
    {
        var errors = new List<FieldError>();
        var identifier = Identifier.Read(context.BodyObject(), "", _org.Sources, errors);
        if (errors.Count > 0 || identifier == null) throw Errors.ValidationFailed(errors);
        var match = _org.Contacts.Find(identifier.Key).FirstOrDefault() ?? throw Errors.NotFound("contact");
        return ApiResponse.Json(200, match.Json);
    }
}
