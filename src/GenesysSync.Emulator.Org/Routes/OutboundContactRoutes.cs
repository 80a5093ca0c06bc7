using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Outbound;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Dialer contacts: POST /{id}/contacts (≤1000 per request; upsert by id, server id when absent; priority,
/// clearSystemData and doNotQueue flags; all-or-nothing validation and cap check), POST /{id}/contacts/bulk (≤50 ids;
/// unknown ids are left out), DELETE /{id}/contacts?contactIds= (≤250; 204), GET|PUT|DELETE /{id}/contacts/{contactId}
/// (PUT never creates: 404).
/// </summary>
internal sealed class OutboundContactRoutes : IRouteFamily
{
    public const string Contacts = OutboundContactListRoutes.List + "/contacts";
    public const string Contact = Contacts + "/{contactId}";

    private static readonly HashSet<string> ContactProperties = new(StringComparer.Ordinal)
    {
        "id", "name", "contactListId", "data", "callable", "phoneNumberStatus", "contactableStatus", "callRecords",
        "latestSmsEvaluations", "latestEmailEvaluations", "latestWhatsAppEvaluations", "contactColumnTimeZones",
        "configurationOverrides", "dateCreated", "selfUri",
    };

    private readonly OutboundStore _store;

    public OutboundContactRoutes(OutboundStore store) => _store = store;

    public void Register(Router router)
    {
        router.Map("POST", Contacts, Add);
        router.Map("POST", Contacts + "/bulk", BulkGet);
        router.Map("DELETE", Contacts, DeleteMany);
        router.Map("GET", Contact, c =>
        {
            lock (_store.Gate)
            {
                var list = _store.Get(c.Param("contactListId"));
                var contact = Find(list, c.Param("contactId"));
                return Reply(w => OutboundJson.WriteContact(w, list, contact));
            }
        });
        router.Map("PUT", Contact, Replace);
        router.Map("DELETE", Contact, c =>
        {
            lock (_store.Gate)
            {
                var list = _store.Get(c.Param("contactListId"));
                if (!_store.RemoveContact(list, c.Param("contactId"))) throw Errors.NotFound("contact");
                return new ApiResponse(204, null);
            }
        });
    }

    private ApiResponse Add(RouteContext context)
    {
        var listId = context.Param("contactListId");
        var priority = context.QueryBool("priority");
        var clearSystemData = context.QueryBool("clearSystemData");
        var doNotQueue = context.QueryBool("doNotQueue");
        using var body = ParseBody(context);
        var entries = body.RootElement;
        if (entries.ValueKind != JsonValueKind.Array) throw Errors.BadRequest("The request body must be a JSON array of contacts.");
        var count = entries.GetArrayLength();
        var max = _store.Options.MaxContactsPerAdd;
        if (count > max) throw Errors.BadRequest("At most " + max + " contacts can be added in one request; this one has " + count + ".");

        lock (_store.Gate)
        {
            var list = _store.Get(listId);
            var errors = new List<FieldError>();
            var parsed = new List<ParsedContact>(count);
            var i = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var contact = Parse(entry, "[" + i++ + "]", list, errors, requireListId: true);
                if (contact != null) parsed.Add(contact);
            }
            if (errors.Count > 0) throw Errors.ValidationFailed(errors);

            // The cap counts contacts that do not exist yet (updates never make a list fuller).
            var newIds = new HashSet<string>(StringComparer.Ordinal);
            var generated = 0;
            foreach (var entry in parsed)
            {
                if (entry.Id == null) generated++;
                else if (!list.Contacts.ContainsKey(entry.Id)) newIds.Add(entry.Id);
            }
            _store.CheckRoom(list, newIds.Count + generated);

            var stored = new List<DialerContactRecord>(parsed.Count);
            var front = priority ? list.FrontBlock(parsed.Count) : 0;
            foreach (var entry in parsed)
            {
                // New contacts join the queue; updated ones move too unless doNotQueue. Priority: front, in request order.
                var existed = entry.Id != null && list.Contacts.ContainsKey(entry.Id);
                long? order = existed && doNotQueue ? null : priority ? front++ : list.NextQueueOrder();
                var record = _store.Upsert(list, entry.Id ?? Guid.NewGuid().ToString(), entry.Values, order, clearSystemData);
                entry.ApplyStatus(record);
                stored.Add(record);
            }
            list.DateModified = _store.Org.Clock.UtcNow;
            return Reply(w =>
            {
                w.WriteStartArray();
                foreach (var record in stored) OutboundJson.WriteContact(w, list, record);
                w.WriteEndArray();
            });
        }
    }

    private ApiResponse Replace(RouteContext context)
    {
        using var body = ParseBody(context);
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            var contact = Find(list, context.Param("contactId"));
            var errors = new List<FieldError>();
            var entry = Parse(body.RootElement, "", list, errors, requireListId: false);
            if (errors.Count > 0) throw Errors.ValidationFailed(errors);
            var record = _store.Upsert(list, contact.Id, entry!.Values, queueOrder: null, clearSystemData: false);
            entry.ApplyStatus(record);
            return Reply(w => OutboundJson.WriteContact(w, list, record));
        }
    }

    /// <summary>The body as a JsonDocument (no DOM: an add carries up to 1000 contacts); 400 when missing or malformed.</summary>
    private static JsonDocument ParseBody(RouteContext context)
    {
        if (context.Request.Body.Length == 0) throw Errors.BadRequest("A request body is required.");
        try
        {
            return JsonDocument.Parse(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new ApiException(Errors.MalformedBody());
        }
    }

    private ApiResponse BulkGet(RouteContext context)
    {
        if (context.BodyNode() is not JsonArray ids || ids.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw Errors.BadRequest("The request body must be a JSON array of contact ids.");
        var max = _store.Options.MaxBulkGetIds;
        if (ids.Count > max) throw Errors.BadRequest("At most " + max + " contacts can be fetched in one request; this one asks for " + ids.Count + ".");
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            return Reply(w =>
            {
                w.WriteStartArray();
                foreach (var id in ids)
                {
                    if (list.Contacts.TryGetValue(id!.GetValue<string>(), out var record)) OutboundJson.WriteContact(w, list, record);
                }
                w.WriteEndArray();
            });
        }
    }

    private ApiResponse DeleteMany(RouteContext context)
    {
        var ids = context.Request.QueryValues("contactIds").SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (ids.Count == 0) throw Errors.ValidationFailed(FieldError.Required("contactIds"));
        var max = _store.Options.MaxDeleteIds;
        if (ids.Count > max) throw Errors.BadRequest("At most " + max + " contacts can be deleted in one request; this one names " + ids.Count + ".");
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            foreach (var id in ids) _store.RemoveContact(list, id);
            return new ApiResponse(204, null);
        }
    }

    private static DialerContactRecord Find(StoredContactList list, string id)
        => list.Contacts.TryGetValue(id, out var record) ? record : throw Errors.NotFound("contact");

    private ParsedContact? Parse(JsonElement contact, string path, StoredContactList list, List<FieldError> errors, bool requireListId)
    {
        var before = errors.Count;
        if (contact.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.WrongType(path.Length == 0 ? "body" : path, "a contact object"));
            return null;
        }
        string Field(string name) => path.Length == 0 ? name : path + "." + name;

        string? id = null, listId = null;
        bool? callable = null;
        byte[]? phoneStatus = null, contactable = null;
        var values = new string?[list.Layout.Names.Count];
        var hasData = false;
        foreach (var property in contact.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    if (value.ValueKind == JsonValueKind.String) id = value.GetString();
                    else if (value.ValueKind != JsonValueKind.Null) errors.Add(FieldError.WrongType(Field("id"), "a string"));
                    break;
                case "contactListId":
                    if (value.ValueKind == JsonValueKind.String) listId = value.GetString();
                    else if (value.ValueKind != JsonValueKind.Null) errors.Add(FieldError.WrongType(Field("contactListId"), "a string"));
                    break;
                case "data":
                    if (value.ValueKind != JsonValueKind.Object) break;
                    hasData = true;
                    ReadData(value, Field, list, values, errors);
                    break;
                case "callable":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) callable = value.GetBoolean();
                    else if (value.ValueKind != JsonValueKind.Null) errors.Add(FieldError.WrongType(Field("callable"), "true or false"));
                    break;
                case "phoneNumberStatus":
                    phoneStatus = ObjectOrNull(value, Field("phoneNumberStatus"), errors);
                    break;
                case "contactableStatus":
                    contactable = ObjectOrNull(value, Field("contactableStatus"), errors);
                    break;
                default:
                    if (!ContactProperties.Contains(property.Name)) errors.Add(FieldError.UnknownProperty(Field(property.Name), "WritableDialerContact"));
                    break;
            }
        }
        if (id != null && id.Length == 0) id = null;
        if (!hasData) errors.Add(FieldError.Required(Field("data")));
        if (listId == null && requireListId) errors.Add(FieldError.Required(Field("contactListId")));
        else if (listId != null && !string.Equals(listId, list.Id, StringComparison.OrdinalIgnoreCase))
            errors.Add(FieldError.Invalid(Field("contactListId"), "it must be the id of the list in the path"));
        return errors.Count > before ? null : new ParsedContact(id, values, callable, phoneStatus, contactable);
    }

    private void ReadData(JsonElement data, Func<string, string> field, StoredContactList list, string?[] values, List<FieldError> errors)
    {
        foreach (var cell in data.EnumerateObject())
        {
            var column = list.Layout.IndexOf(cell.Name);
            if (column < 0)
            {
                errors.Add(FieldError.Invalid(field("data." + cell.Name), "the contact list has no such column"));
                continue;
            }
            if (cell.Value.ValueKind == JsonValueKind.Null) continue;
            if (cell.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(FieldError.WrongType(field("data." + cell.Name), "a string"));
                continue;
            }
            var text = cell.Value.GetString()!;
            if (text.Length > _store.Options.MaxCellLength) errors.Add(FieldError.TooLong(field("data." + cell.Name), _store.Options.MaxCellLength));
            else values[column] = text;
        }
    }

    private static byte[]? ObjectOrNull(JsonElement value, string field, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Object) return System.Text.Encoding.UTF8.GetBytes(value.GetRawText());
        errors.Add(FieldError.WrongType(field, "an object"));
        return null;
    }

    private static ApiResponse Reply(Action<Utf8JsonWriter> write) => ApiResponse.Json(200, JsonUtil.Write(write));

    private sealed class ParsedContact
    {
        public ParsedContact(string? id, string?[] values, bool? callable, byte[]? phoneStatus, byte[]? contactable)
        {
            Id = id;
            Values = values;
            Callable = callable;
            PhoneStatus = phoneStatus;
            Contactable = contactable;
        }

        public string? Id { get; }
        public string?[] Values { get; }
        public bool? Callable { get; }
        public byte[]? PhoneStatus { get; }
        public byte[]? Contactable { get; }

        public void ApplyStatus(DialerContactRecord record)
        {
            if (Callable.HasValue) record.Callable = Callable.Value;
            if (PhoneStatus != null) record.PhoneNumberStatusJson = PhoneStatus;
            if (Contactable != null) record.ContactableStatusJson = Contactable;
        }
    }
}
