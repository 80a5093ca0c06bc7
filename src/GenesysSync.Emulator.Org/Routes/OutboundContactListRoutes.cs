using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Outbound;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Contact lists: GET /contactlists (pageSize 1..100 default 25, pageNumber, name + filterType, id, sortBy, sortOrder,
/// includeSize, includeImportStatus), POST (200; name unique → 409; ≤1000 lists per org), GET|PUT|DELETE /{id}
/// (PUT needs the current version, 409 otherwise; DELETE 204), POST /{id}/clear (202), GET /{id}/importstatus
/// (404 before the first import; each poll moves a running import on).
/// </summary>
internal sealed class OutboundContactListRoutes : IRouteFamily
{
    public const string Lists = OutboundJson.ListsPath;
    public const string List = Lists + "/{contactListId}";

    private readonly OutboundStore _store;

    public OutboundContactListRoutes(OutboundStore store) => _store = store;

    public void Register(Router router)
    {
        router.Map("GET", Lists, Query);
        router.Map("POST", Lists, Create);
        router.Map("GET", List, c => Locked(() =>
        {
            var list = _store.Get(c.Param("contactListId"));
            return Json(OutboundJson.ContactList(list, c.QueryBool("includeSize"), c.QueryBool("includeImportStatus")));
        }));
        router.Map("PUT", List, Update);
        router.Map("DELETE", List, c => Locked(() =>
        {
            _store.Remove(_store.Get(c.Param("contactListId")));
            return new ApiResponse(204, null);
        }));
        router.Map("POST", List + "/clear", c => Locked(() =>
        {
            var list = _store.Get(c.Param("contactListId"));
            _store.Clear(list);
            list.DateModified = _store.Org.Clock.UtcNow;
            return new ApiResponse(202, null);
        }));
        router.Map("GET", List + "/importstatus", c => Locked(() =>
        {
            var list = _store.Get(c.Param("contactListId"));
            _store.Poll(list);
            var status = OutboundStore.ImportStatusJson(list) ?? throw Errors.NotFound("import status");
            return Json(status);
        }));
    }

    private ApiResponse Locked(Func<ApiResponse> action)
    {
        lock (_store.Gate) return action();
    }

    private static ApiResponse Json(JsonNode node) => ApiResponse.Json(200, JsonUtil.ToBytes(node));

    private ApiResponse Create(RouteContext context)
    {
        var body = ContactListBody.Read(context.BodyObject(), _store.Options);
        lock (_store.Gate)
        {
            if (_store.ListCount >= _store.Options.MaxContactListsPerOrg) throw OutboundErrors.OrgListsFull(_store.Options.MaxContactListsPerOrg);
            if (_store.FindByName(body.Name) != null) throw OutboundErrors.DuplicateName();
            var list = new StoredContactList(Guid.NewGuid().ToString(), body.Name, body.Settings, body.Columns, _store.Org.Clock.UtcNow);
            _store.Add(list);
            return Json(OutboundJson.ContactList(list, includeSize: false, includeImportStatus: false));
        }
    }

    private ApiResponse Update(RouteContext context)
    {
        var body = ContactListBody.Read(context.BodyObject(), _store.Options);
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            if (body.Version == null) throw Errors.ValidationFailed(FieldError.Required("version"));
            if (body.Version != list.Version) throw OutboundErrors.VersionMismatch(list.Version);
            var other = _store.FindByName(body.Name);
            if (other != null && other != list) throw OutboundErrors.DuplicateName();
            list.Name = body.Name;
            list.Settings = body.Settings;
            if (!body.Columns.SequenceEqual(list.Layout.Names, StringComparer.Ordinal)) list.Layout = new ColumnLayout(body.Columns);
            list.Version++;
            list.DateModified = _store.Org.Clock.UtcNow;
            return Json(OutboundJson.ContactList(list, includeSize: false, includeImportStatus: false));
        }
    }

    private ApiResponse Query(RouteContext context)
    {
        var request = context.Request;
        // "The max that will be returned is 100": larger sizes are served as 100, not refused.
        var pageSize = Math.Min(context.QueryInt("pageSize", 25, 1, int.MaxValue), _store.Options.MaxPageSize);
        var pageNumber = context.QueryInt("pageNumber", 1, 1, int.MaxValue);
        var includeSize = context.QueryBool("includeSize");
        var includeImportStatus = context.QueryBool("includeImportStatus");
        var nameFilter = NameFilter(request.QueryValue("name"), request.QueryValue("filterType") ?? "Prefix");
        var ids = request.QueryValues("id").SelectMany(v => v.Split(',')).Where(v => v.Length > 0).ToList();
        var sortBy = request.QueryValue("sortBy");
        var descending = request.QueryValue("sortOrder") switch
        {
            null or "" or "ascending" or "a" => false,
            "descending" => true,
            var other => throw Errors.InvalidQueryParam("sortOrder", other!, "ascending, descending"),
        };

        lock (_store.Gate)
        {
            IEnumerable<StoredContactList> lists = _store.Lists;
            if (nameFilter != null) lists = lists.Where(l => nameFilter(l.Name));
            if (ids.Count > 0) lists = lists.Where(l => ids.Contains(l.Id, StringComparer.OrdinalIgnoreCase));
            lists = sortBy switch
            {
                null or "" => lists.OrderBy(l => l.Seq),
                "name" => lists.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase),
                "dateCreated" => lists.OrderBy(l => l.DateCreated).ThenBy(l => l.Seq),
                "dateModified" => lists.OrderBy(l => l.DateModified),
                _ => throw Errors.InvalidQueryParam("sortBy", sortBy!, "name, dateCreated, dateModified"),
            };
            var all = lists.ToList();
            if (descending) all.Reverse();
            var total = all.Count;
            var pageCount = (int)Math.Ceiling(total / (double)pageSize);
            var page = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
            foreach (var list in page) _store.Settle(list);

            string Uri(int number) => Lists + "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) + "&pageNumber=" + number.ToString(CultureInfo.InvariantCulture);
            var json = new JsonObject
            {
                ["entities"] = new JsonArray(page.Select(l => (JsonNode)OutboundJson.ContactList(l, includeSize, includeImportStatus)).ToArray()),
                ["pageSize"] = pageSize,
                ["pageNumber"] = pageNumber,
                ["total"] = total,
                ["firstUri"] = Uri(1),
                ["selfUri"] = Uri(pageNumber),
                ["lastUri"] = Uri(Math.Max(1, pageCount)),
                ["pageCount"] = pageCount,
            };
            if (pageNumber < pageCount) json["nextUri"] = Uri(pageNumber + 1);
            if (pageNumber > 1) json["previousUri"] = Uri(pageNumber - 1);
            return Json(json);
        }
    }

    private static Func<string, bool>? NameFilter(string? name, string filterType)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var value = name!;
        return filterType switch
        {
            "Equals" => n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase),
            "Contains" => n => n.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0,
            "Prefix" or "BeginsWith" => n => n.StartsWith(value, StringComparison.OrdinalIgnoreCase),
            "EndsWith" => n => n.EndsWith(value, StringComparison.OrdinalIgnoreCase),
            "RegEx" => RegexFilter(value),
            _ => throw Errors.InvalidQueryParam("filterType", filterType, "Equals, Contains, Prefix, BeginsWith, EndsWith, RegEx"),
        };
    }

    private static Func<string, bool> RegexFilter(string pattern)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            return n => regex.IsMatch(n);
        }
        catch (ArgumentException)
        {
            throw Errors.InvalidQueryParam("name", pattern, "a valid regular expression");
        }
    }
}
