using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Listing;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Journey data of a contact and conversation association:
/// GET /contacts/{id}/journey/segments (limit 1..500, default 25; includeMerged) lists unexpired segment assignments;
/// POST /contacts/{id}/journey/segments {assign:{segments:[{id}]}, unassign:{segments:[{id}]}} takes at most 10 segments
/// in all (else 400), assigns (re-assigning pushes the expiry out) and unassigns, and answers
/// {unprocessedItems:{count:0}} (everything is processed here); GET /contacts/{id}/journey/sessions (pageSize 1..200,
/// default 25, cursor "after", includeMerged) lists sessions; PUT /conversations/{conversationId}
/// {externalContactId?, conversationId, communicationId, mediaType} associates the conversation (without
/// externalContactId: disassociates) and answers 202 with no body.
/// </summary>
internal sealed class JourneyRoutes : IRouteFamily
{
    public const string Segments = "/api/v2/externalcontacts/contacts/{contactId}/journey/segments";
    public const string Sessions = "/api/v2/externalcontacts/contacts/{contactId}/journey/sessions";
    public const string Conversation = "/api/v2/externalcontacts/conversations/{conversationId}";
    public const int MaxSegmentsPerRequest = 10;

    private readonly OrgState _org;
    private readonly ContactService _contacts;

    public JourneyRoutes(OrgState org)
    {
        _org = org;
        _contacts = new ContactService(org);
    }

    public void Register(Router router)
    {
        router.Map("GET", Segments, ListSegments);
        router.Map("POST", Segments, UpdateSegments);
        router.Map("GET", Sessions, ListSessions);
        router.Map("PUT", Conversation, Associate);
    }

    /// <summary>The contact and, with includeMerged=true, the contacts merged into it.</summary>
    private List<string> ContactIds(RouteContext context, out string contactId)
    {
        contactId = _contacts.Get(context.Param("contactId")).Id;
        var ids = new List<string> { contactId };
        if (context.QueryBool("includeMerged")) ids.AddRange(_org.Merges.AncestorsOf(contactId));
        return ids;
    }

    private ApiResponse ListSegments(RouteContext context)
    {
        var limit = context.QueryInt("limit", 25, 1, 500);
        var ids = ContactIds(context, out _);
        var assignments = _org.Journey.Assignments(ids, _org.Clock.UtcNow).Take(limit).ToList();
        return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject { ["entities"] = new JsonArray(assignments.Select(a => (JsonNode)a).ToArray()) }));
    }

    private ApiResponse UpdateSegments(RouteContext context)
    {
        var contactId = _contacts.Get(context.Param("contactId")).Id;
        var body = context.BodyObject();
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("assign" or "unassign")) errors.Add(FieldError.UnknownProperty(property.Key, "UpdateSegmentAssignmentRequest"));
        }
        var assign = ReadSegments(body, "assign", errors);
        var unassign = ReadSegments(body, "unassign", errors);
        if (errors.Count == 0 && assign.Count + unassign.Count == 0) errors.Add(FieldError.Required("assign.segments"));
        if (assign.Count + unassign.Count > MaxSegmentsPerRequest)
        {
            errors.Add(FieldError.Invalid("assign.segments", "at most 10 segments can be assigned or unassigned in one request"));
        }
        if (assign.Intersect(unassign, StringComparer.Ordinal).Any()) errors.Add(FieldError.Invalid("unassign.segments", "a segment cannot be assigned and unassigned at once"));
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);

        var now = _org.Clock.UtcNow;
        foreach (var segment in assign) _org.Journey.Assign(contactId, segment, now);
        foreach (var segment in unassign) _org.Journey.Unassign(contactId, segment);
        return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject { ["unprocessedItems"] = new JsonObject { ["count"] = 0 } }));
    }

    private static List<string> ReadSegments(JsonObject body, string name, List<FieldError> errors)
    {
        var result = new List<string>();
        if (body[name] == null) return result;
        if (body[name] is not JsonObject holder || holder["segments"] is not JsonArray segments)
        {
            errors.Add(FieldError.Required(name + ".segments"));
            return result;
        }
        for (var i = 0; i < segments.Count; i++)
        {
            var path = name + ".segments[" + i.ToString(CultureInfo.InvariantCulture) + "].id";
            var id = JsonUtil.GetString(segments[i] as JsonObject, "id")?.Trim();
            if (string.IsNullOrEmpty(id)) errors.Add(FieldError.Required(path));
            else if (id!.Length > 255) errors.Add(FieldError.TooLong(path, 255));
            else if (!result.Contains(id, StringComparer.Ordinal)) result.Add(id);
        }
        return result;
    }

    private ApiResponse ListSessions(RouteContext context)
    {
        var pageSize = context.QueryInt("pageSize", 25, 1, 200);
        var ids = ContactIds(context, out var contactId);
        var now = _org.Clock.UtcNow;
        var cursor = context.Request.QueryValue("after");
        var afterSeq = ScanCursor.Read("session", cursor, now, "after");
        var page = _org.Journey.Sessions(ids, afterSeq, pageSize + 1);
        var hasMore = page.Count > pageSize;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var path = Sessions.Replace("{contactId}", contactId);
        var query = "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture);
        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var (_, session) in page) session.WriteTo(w, JsonUtil.SerializerOptions);
            w.WriteEndArray();
            if (hasMore) w.WriteString("nextUri", path + query + "&after=" + Uri.EscapeDataString(ScanCursor.Write("session", page[page.Count - 1].Seq, now)));
            w.WriteString("selfUri", path + query + (cursor == null ? "" : "&after=" + Uri.EscapeDataString(cursor)));
            w.WriteEndObject();
        }));
    }

    private ApiResponse Associate(RouteContext context)
    {
        var conversationId = context.Param("conversationId");
        var body = context.BodyObject();
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("externalContactId" or "conversationId" or "communicationId" or "mediaType"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "ConversationAssociation"));
            }
        }
        string Required(string name)
        {
            if (body[name] is { } node && node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Trim().Length > 0) return node.GetValue<string>().Trim();
            errors.Add(FieldError.Required(name));
            return "";
        }
        var bodyConversation = Required("conversationId");
        var communicationId = Required("communicationId");
        var mediaType = Required("mediaType");
        if (bodyConversation.Length > 0 && !string.Equals(bodyConversation, conversationId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(FieldError.Invalid("conversationId", "must be the conversation named in the path"));
        }
        string? contactId = null;
        if (body["externalContactId"] is { } contactNode)
        {
            contactId = contactNode.GetValueKind() == JsonValueKind.String ? contactNode.GetValue<string>().Trim() : null;
            if (string.IsNullOrEmpty(contactId)) errors.Add(FieldError.WrongType("externalContactId", "a contact id"));
            else if (_org.Contacts.Get(contactId!) == null) errors.Add(FieldError.Invalid("externalContactId", "the contact does not exist"));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        _org.Journey.Associate(conversationId, contactId, communicationId, mediaType, _org.Clock.UtcNow);
        return new ApiResponse(202, null);
    }
}
