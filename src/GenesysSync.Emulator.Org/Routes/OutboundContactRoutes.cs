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
        if (context.BodyNode() is not JsonArray entries) throw Errors.BadRequest("The request body must be a JSON array of contacts.");
        var max = _store.Options.MaxContactsPerAdd;
        if (entries.Count > max) throw Errors.BadRequest("At most " + max + " contacts can be added in one request; this one has " + entries.Count + ".");

        lock (_store.Gate)
        {
            var list = _store.Get(listId);
            var errors = new List<FieldError>();
            var parsed = new List<ParsedContact>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = Parse(entries[i], "[" + i + "]", list, errors, requireListId: true);
                if (entry != null) parsed.Add(entry);
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
            foreach (var entry in parsed)
            {
                var existed = entry.Id != null && list.Contacts.ContainsKey(entry.Id);
                var record = _store.Upsert(list, entry.Id ?? Guid.NewGuid().ToString(), entry.Values, priority,
                    requeue: !existed || !doNotQueue, clearSystemData);
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
        var body = context.BodyObject();
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            var contact = Find(list, context.Param("contactId"));
            var errors = new List<FieldError>();
            var entry = Parse(body, "", list, errors, requireListId: false);
            if (errors.Count > 0) throw Errors.ValidationFailed(errors);
            var record = _store.Upsert(list, contact.Id, entry!.Values, priority: false, requeue: false, clearSystemData: false);
            entry.ApplyStatus(record);
            return Reply(w => OutboundJson.WriteContact(w, list, record));
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

    private ParsedContact? Parse(JsonNode? node, string path, StoredContactList list, List<FieldError> errors, bool requireListId)
    {
        var before = errors.Count;
        if (node is not JsonObject contact)
        {
            errors.Add(FieldError.WrongType(path.Length == 0 ? "body" : path, "a contact object"));
            return null;
        }
        string Field(string name) => path.Length == 0 ? name : path + "." + name;
        foreach (var property in contact)
        {
            if (!ContactProperties.Contains(property.Key)) errors.Add(FieldError.UnknownProperty(Field(property.Key), "WritableDialerContact"));
        }

        string? id = null;
        if (!JsonUtil.TryGetString(contact, "id", out id)) errors.Add(FieldError.WrongType(Field("id"), "a string"));
        if (id != null && id.Length == 0) id = null;

        if (!JsonUtil.TryGetString(contact, "contactListId", out var listId)) errors.Add(FieldError.WrongType(Field("contactListId"), "a string"));
        else if (listId == null && requireListId) errors.Add(FieldError.Required(Field("contactListId")));
        else if (listId != null && !string.Equals(listId, list.Id, StringComparison.OrdinalIgnoreCase))
            errors.Add(FieldError.Invalid(Field("contactListId"), "it must be the id of the list in the path"));

        var values = new string?[list.Layout.Names.Count];
        if (contact["data"] is not JsonObject data)
        {
            errors.Add(FieldError.Required(Field("data")));
        }
        else
        {
            foreach (var cell in data)
            {
                var column = list.Layout.IndexOf(cell.Key);
                var cellField = Field("data." + cell.Key);
                if (column < 0)
                {
                    errors.Add(FieldError.Invalid(cellField, "the contact list has no such column"));
                    continue;
                }
                if (cell.Value == null) continue;
                if (cell.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add(FieldError.WrongType(cellField, "a string"));
                    continue;
                }
                var text = v.GetValue<string>();
                if (text.Length > _store.Options.MaxCellLength) errors.Add(FieldError.TooLong(cellField, _store.Options.MaxCellLength));
                else values[column] = text;
            }
        }

        bool? callable = null;
        if (contact["callable"] is { } c)
        {
            if (c.GetValueKind() is JsonValueKind.True or JsonValueKind.False) callable = c.GetValue<bool>();
            else errors.Add(FieldError.WrongType(Field("callable"), "true or false"));
        }
        var phoneStatus = ObjectOrNull(contact, "phoneNumberStatus", Field, errors);
        var contactable = ObjectOrNull(contact, "contactableStatus", Field, errors);
        return errors.Count > before ? null : new ParsedContact(id, values, callable, phoneStatus, contactable);
    }

    private static byte[]? ObjectOrNull(JsonObject contact, string name, Func<string, string> field, List<FieldError> errors)
    {
        var node = contact[name];
        if (node == null) return null;
        if (node is JsonObject o) return JsonUtil.ToBytes(o);
        errors.Add(FieldError.WrongType(field(name), "an object"));
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
