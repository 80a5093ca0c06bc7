using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Dnc;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Outbound DNC lists: GET /dnclists (pageSize 1..100 default 25, pageNumber, name + filterType Prefix|Equals|Contains,
/// dncSourceType, includeSize), POST (200; name unique → 409), GET|PUT|DELETE /{id} (PUT needs the current version, 409
/// otherwise; DELETE 204); phone numbers of internal (rds) lists: POST /{id}/phonenumbers (a JSON array; ?expirationDateTime=; 204), PATCH
/// /{id}/phonenumbers {action Add|Remove, phoneNumbers, expirationDateTime?} (204), DELETE /{id}/phonenumbers
/// [?expiredOnly=true] (204). Limits: DncOptions (per request, per list, per org).
/// </summary>
internal sealed class DncListRoutes : IRouteFamily
{
    public const string Lists = "/api/v2/outbound/dnclists";
    public const string List = Lists + "/{dncListId}";
    public const string PhoneNumbers = List + "/phonenumbers";

    private static readonly ConditionalWeakTable<EmulatorOrg, DncStore> Stores = new();
    private readonly DncStore _store;

    public DncListRoutes(EmulatorOrg org, OrgState state)
    {
        _store = new DncStore(state);
        Stores.Add(org, _store);
    }

    internal static DncStore StoreOf(EmulatorOrg org)
        => Stores.TryGetValue(org, out var store) ? store : throw new InvalidOperationException("This org has no DNC routes.");

    public void Register(Router router)
    {
        router.Map("GET", Lists, Query);
        router.Map("POST", Lists, Create);
        router.Map("GET", List, c => Locked(() => Json(ListJson(_store.Get(c.Param("dncListId")), c.QueryBool("includeSize")))));
        router.Map("PUT", List, Update);
        router.Map("DELETE", List, c => Locked(() =>
        {
            _store.Remove(_store.Get(c.Param("dncListId")));
            return new ApiResponse(204, null);
        }));
        router.Map("POST", PhoneNumbers, c =>
        {
            var numbers = DncPhoneNumbers.Read(c.BodyNode() as JsonArray ?? throw Errors.BadRequest("The request body must be a JSON array of phone numbers."),
                "phoneNumbers", _store.Options.MaxPhoneNumbersPerRequest);
            var expires = Expiry(c.Request.QueryValue("expirationDateTime"), "expirationDateTime");
            return Locked(() =>
            {
                var list = Writable(c);
                _store.Add(list, numbers, expires);
                Touch(list);
                return new ApiResponse(204, null);
            });
        });
        router.Map("PATCH", PhoneNumbers, Patch);
        router.Map("DELETE", PhoneNumbers, c =>
        {
            var expiredOnly = c.QueryBool("expiredOnly");
            return Locked(() =>
            {
                var list = Writable(c);
                _store.Clear(list, expiredOnly, _store.Org.Clock.UtcNow);
                Touch(list);
                return new ApiResponse(204, null);
            });
        });
    }

    private ApiResponse Patch(RouteContext context)
    {
        var body = context.BodyObject();
        var action = JsonUtil.GetString(body, "action");
        if (action is not ("Add" or "Remove"))
            throw Errors.ValidationFailed(action == null ? FieldError.Required("action") : FieldError.Invalid("action", "use Add or Remove"));
        var numbers = DncPhoneNumbers.Read(JsonUtil.GetArray(body, "phoneNumbers"), "phoneNumbers", _store.Options.MaxPhoneNumbersPerRequest);
        var expires = Expiry(JsonUtil.GetString(body, "expirationDateTime"), "expirationDateTime");
        return Locked(() =>
        {
            var list = Writable(context);
            if (action == "Add") _store.Add(list, numbers, expires);
            else _store.Remove(list, numbers);
            Touch(list);
            return new ApiResponse(204, null);
        });
    }

    /// <summary>An optional expiry (yyyy-MM-ddTHH:mmZ or any ISO-8601 time); 400 invalid.date otherwise.</summary>
    private static DateTimeOffset? Expiry(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw DncErrors.InvalidDate(field);
        return at;
    }

    private StoredDncList Writable(RouteContext context)
    {
        var list = _store.Get(context.Param("dncListId"));
        if (!list.AcceptsPhoneNumbers) throw DncErrors.NotInternal();
        return list;
    }

    private void Touch(StoredDncList list) => list.DateModified = _store.Org.Clock.UtcNow;

    private ApiResponse Create(RouteContext context)
    {
        var body = DncListBody.Read(context.BodyObject());
        lock (_store.Gate)
        {
            if (_store.FindByName(body.Name) != null) throw DncErrors.DuplicateName();
            var list = _store.Create(_store.Org.Clock.UtcNow);
            body.ApplyTo(list);
            return Json(ListJson(list, includeSize: false));
        }
    }

    private ApiResponse Update(RouteContext context)
    {
        var body = DncListBody.Read(context.BodyObject());
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("dncListId"));
            if (body.Version == null) throw Errors.ValidationFailed(FieldError.Required("version"));
            if (body.Version != list.Version) throw DncErrors.VersionMismatch(list.Version);
            var other = _store.FindByName(body.Name);
            if (other != null && other != list) throw DncErrors.DuplicateName();
            if (body.SourceType != list.SourceType) throw Errors.ValidationFailed(FieldError.Invalid("dncSourceType", "the type of a DNC list cannot change"));
            body.ApplyTo(list);
            list.Version++;
            Touch(list);
            return Json(ListJson(list, includeSize: false));
        }
    }

    private ApiResponse Query(RouteContext context)
    {
        var request = context.Request;
        // "The max that will be returned is 100": larger sizes are served as 100, not refused.
        var pageSize = Math.Min(context.QueryInt("pageSize", 25, 1, int.MaxValue), _store.Options.MaxPageSize);
        var pageNumber = context.QueryInt("pageNumber", 1, 1, int.MaxValue);
        var includeSize = context.QueryBool("includeSize");
        var name = request.QueryValue("name");
        var filterType = request.QueryValue("filterType") ?? "Prefix";
        Func<string, bool>? nameFilter = string.IsNullOrEmpty(name) ? null : filterType switch
        {
            "Equals" => n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase),
            "Contains" => n => n.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0,
            "Prefix" or "BeginsWith" => n => n.StartsWith(name, StringComparison.OrdinalIgnoreCase),
            _ => throw Errors.InvalidQueryParam("filterType", filterType, "Equals, Contains, Prefix, BeginsWith"),
        };
        var sourceType = request.QueryValue("dncSourceType");

        lock (_store.Gate)
        {
            var all = _store.Lists
                .Where(l => nameFilter == null || nameFilter(l.Name))
                .Where(l => string.IsNullOrEmpty(sourceType) || l.SourceType == sourceType)
                .ToList();
            var total = all.Count;
            var pageCount = (int)Math.Ceiling(total / (double)pageSize);
            var page = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
            string Uri(int number) => Lists + "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) + "&pageNumber=" + number.ToString(CultureInfo.InvariantCulture);
            var json = new JsonObject
            {
                ["entities"] = new JsonArray(page.Select(l => (JsonNode)ListJson(l, includeSize)).ToArray()),
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

    private static JsonObject ListJson(StoredDncList list, bool includeSize)
    {
        var json = new JsonObject
        {
            ["id"] = list.Id,
            ["name"] = list.Name,
            ["dateCreated"] = JsonUtil.Timestamp(list.DateCreated),
            ["dateModified"] = JsonUtil.Timestamp(list.DateModified),
            ["version"] = list.Version,
            ["dncSourceType"] = list.SourceType,
        };
        if (list.ContactMethod != null) json["contactMethod"] = list.ContactMethod;
        if (list.LoginId != null) json["loginId"] = list.LoginId;
        if (list.CampaignId != null) json["campaignId"] = list.CampaignId;
        if (list.DncCodes != null) json["dncCodes"] = new JsonArray(list.DncCodes.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        if (list.LicenseId != null) json["licenseId"] = list.LicenseId;
        if (list.CustomExclusionColumn != null) json["customExclusionColumn"] = list.CustomExclusionColumn;
        if (includeSize) json["size"] = list.PhoneNumbers.Count;
        json["division"] = new JsonObject
        {
            ["id"] = OrgState.HomeDivisionId,
            ["name"] = OrgState.HomeDivisionName,
            ["selfUri"] = OrgState.DivisionUri,
        };
        json["selfUri"] = Lists + "/" + list.Id;
        return json;
    }

    private ApiResponse Locked(Func<ApiResponse> action)
    {
        lock (_store.Gate) return action();
    }

    private static ApiResponse Json(JsonNode node) => ApiResponse.Json(200, JsonUtil.ToBytes(node));
}
