using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;
using GenesysSync.Emulator.Sources;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// External sources: GET /externalsources (cursor paging, limit 10..200 default 100, name prefix and active filters),
/// POST (200; name required, unique case-insensitively → 409 conflict, ≤200 chars; active defaults to true;
/// linkConfiguration.uriTemplate ≤400), GET|PUT|DELETE /externalsources/{id} (404 when unknown).
/// Deleting a source leaves contacts' externalIds that reference it untouched, as the real API documents.
/// </summary>
internal sealed class ExternalSourceRoutes : IRouteFamily
{
    public const string Sources = "/api/v2/externalcontacts/externalsources";
    public const string Source = "/api/v2/externalcontacts/externalsources/{externalSourceId}";

    private readonly OrgState _org;

    public ExternalSourceRoutes(OrgState org) => _org = org;

    public void Register(Router router)
    {
        router.Map("GET", Sources, List);
        router.Map("POST", Sources, Create);
        router.Map("GET", Source, c => Json(_org.Sources.Get(c.Param("externalSourceId")) ?? throw Errors.NotFound("external source")));
        router.Map("PUT", Source, Update);
        router.Map("DELETE", Source, c =>
        {
            if (!_org.Sources.Remove(c.Param("externalSourceId"))) throw Errors.NotFound("external source");
            return ApiResponse.Json(200, "{}");
        });
    }

    private ApiResponse Create(RouteContext context)
    {
        var (name, active, uriTemplate) = Read(context.BodyObject());
        var source = _org.Sources.TryAdd(name, active, uriTemplate) ?? throw DuplicateName();
        return Json(source);
    }

    private ApiResponse Update(RouteContext context)
    {
        var id = context.Param("externalSourceId");
        if (_org.Sources.Get(id) == null) throw Errors.NotFound("external source");
        var (name, active, uriTemplate) = Read(context.BodyObject());
        return _org.Sources.TryUpdate(id, name, active, uriTemplate, out var updated) switch
        {
            ExternalSourceStore.UpdateOutcome.NotFound => throw Errors.NotFound("external source"),
            ExternalSourceStore.UpdateOutcome.NameTaken => throw DuplicateName(),
            _ => Json(updated!),
        };
    }

    private static ApiException DuplicateName() => Errors.Conflict("An external source with this name already exists; names must be unique.");

    private static (string Name, bool Active, string? UriTemplate) Read(JsonObject body)
    {
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("id" or "name" or "active" or "linkConfiguration" or "selfUri"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "ExternalSource"));
            }
        }
        var name = JsonUtil.TryGetString(body, "name", out var n) ? n?.Trim() : null;
        if (string.IsNullOrEmpty(name)) errors.Add(FieldError.Required("name"));
        else if (name!.Length > 200) errors.Add(FieldError.TooLong("name", 200));

        var active = true;
        if (body["active"] is { } activeNode)
        {
            if (activeNode.GetValueKind() is JsonValueKind.True or JsonValueKind.False) active = activeNode.GetValue<bool>();
            else errors.Add(FieldError.WrongType("active", "true or false"));
        }

        string? uriTemplate = null;
        if (body["linkConfiguration"] is { } link)
        {
            if (link is not JsonObject linkObject) errors.Add(FieldError.WrongType("linkConfiguration", "a LinkConfiguration object"));
            else
            {
                foreach (var property in linkObject)
                {
                    if (property.Key != "uriTemplate") errors.Add(FieldError.UnknownProperty("linkConfiguration." + property.Key, "LinkConfiguration"));
                }
                uriTemplate = JsonUtil.GetString(linkObject, "uriTemplate")?.Trim();
                if (string.IsNullOrEmpty(uriTemplate)) errors.Add(FieldError.Required("linkConfiguration.uriTemplate"));
                else if (uriTemplate!.Length > 400) errors.Add(FieldError.TooLong("linkConfiguration.uriTemplate", 400));
            }
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return (name!, active, uriTemplate);
    }

    private ApiResponse List(RouteContext context)
    {
        var limit = context.QueryInt("limit", 100, 10, 200);
        var cursor = context.Request.QueryValue("cursor");
        var after = string.IsNullOrEmpty(cursor) ? 0 : ReadCursor(cursor!);
        var name = context.Request.QueryValue("name");
        var active = context.QueryOptionalBool("active");
        var page = _org.Sources.List(after, string.IsNullOrEmpty(name) ? null : name, active, limit + 1);
        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var next = hasMore ? WriteCursor(page[page.Count - 1].Seq) : null;

        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var source in page) source.ToJson().WriteTo(w, JsonUtil.SerializerOptions);
            w.WriteEndArray();
            var query = "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (name == null ? "" : "&name=" + Uri.EscapeDataString(name));
            if (next != null) w.WriteString("nextUri", Sources + query + "&cursor=" + next);
            w.WriteString("selfUri", Sources + query + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            w.WriteStartObject("cursors");
            if (next != null) w.WriteString("after", next);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static string WriteCursor(long seq)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes("src:" + seq.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long ReadCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith("src:", StringComparison.Ordinal)
                && long.TryParse(text.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return seq;
            }
        }
        catch (FormatException)
        {
        }
        throw Errors.InvalidQueryParam("cursor", cursor, "a cursor returned by a previous page");
    }

    private static ApiResponse Json(ExternalSource source) => ApiResponse.Json(200, JsonUtil.ToBytes(source.ToJson()));
}
