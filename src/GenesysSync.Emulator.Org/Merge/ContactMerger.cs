using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Merge;

/// <summary>
/// POST /contacts/merge {contactIds (2..25, distinct), valueOverride?}: the contacts become one new contact.
/// Each field comes from valueOverride when given, else from the most recently modified contact that has it.
/// E-mails and phones that would be lost in a conflict move to a free slot of the same kind (work/personal/other
/// e-mail; work/cell/home/other phone); externalIds (≤10) and claimed identifiers are united. The result is Curated when
/// any input is. The inputs leave search, scan and lookups; their ids resolve to the new contact (see
/// <see cref="MergeStore"/>). A merge set larger than 52 contacts is refused (400).
/// </summary>
internal sealed class ContactMerger
{
    public const int MinContacts = 2;
    public const int MaxContacts = 25;
    public const int MaxMergeSet = 52;

    private static readonly string[] Emails = ContactKeys.EmailFields;
    private static readonly string[] Phones = ContactKeys.PhoneFields;
    private static readonly string[] UnitedArrays = { "externalIds", "appleOpaqueIds" };

    private readonly OrgState _org;
    private readonly object _gate = new();

    public ContactMerger(OrgState org) => _org = org;

    public StoredContact Merge(JsonObject body)
    {
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("contactIds" or "valueOverride")) errors.Add(FieldError.UnknownProperty(property.Key, "MergeContactsRequest"));
        }
        var ids = new List<string>();
        if (body["contactIds"] is not JsonArray array) errors.Add(FieldError.Required("contactIds"));
        else if (array.Count < MinContacts || array.Count > MaxContacts)
        {
            errors.Add(FieldError.Invalid("contactIds", "must hold between 2 and 25 contact ids"));
        }
        else
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0) ids.Add(v.GetValue<string>().Trim());
                else errors.Add(FieldError.WrongType("contactIds", "an array of contact ids"));
            }
        }
        var overrides = new JsonObject();
        if (body["valueOverride"] is { } node)
        {
            if (node is JsonObject valueOverride) overrides = ContactValidator.Validate(valueOverride, _org.Sources, errors, "valueOverride.", organizations: _org.Organizations, schemas: _org.Schemas).Fields;
            else errors.Add(FieldError.WrongType("valueOverride", "an ExternalContact object"));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);

        lock (_gate)
        {
            var sources = new List<StoredContact>();
            foreach (var id in ids)
            {
                var contact = _org.Contacts.Get(id) ?? throw Errors.NotFound("contact");
                if (sources.Any(s => s.Id == contact.Id)) throw Errors.ValidationFailed(FieldError.Invalid("contactIds", "a contact is named more than once"));
                sources.Add(contact);
            }
            var setSize = 1 + sources.Sum(s => _org.Merges.MergeSetSize(s.Id));
            if (setSize > MaxMergeSet)
            {
                throw Errors.BadRequest("The merge would make a merge set of " + setSize + " contacts; at most " + MaxMergeSet + " are allowed.");
            }

            var recentFirst = sources.OrderByDescending(s => s.ModifyDate).ThenByDescending(s => s.Seq).ToList();
            var data = recentFirst.Select(ContactService.WritableFields).ToList();
            var merged = Combine(data, overrides);
            var claims = UniteClaims(recentFirst);
            var type = sources.Any(s => s.Type == StoredContact.Curated) ? StoredContact.Curated
                : sources.Any(s => s.Type == StoredContact.Identified) ? StoredContact.Identified : StoredContact.Ephemeral;

            var now = _org.Clock.UtcNow;
            var created = _org.Contacts.Add(ContactValidator.Canonical(merged), now, claims, type);
            _org.Merges.Record(sources, created.Id);
            foreach (var source in sources) _org.Contacts.Remove(source.Id);
            var mergeSet = new JsonArray(new[] { created.Id }.Concat(_org.Merges.AncestorsOf(created.Id)).Select(id => (JsonNode)MergeStore.Reference(id)).ToArray());
            var serverFields = new JsonObject
            {
                ["canonicalContact"] = MergeStore.Reference(created.Id),
                ["mergeSet"] = mergeSet,
                ["mergedFrom"] = new JsonArray(sources.Select(s => (JsonNode)MergeStore.Reference(s.Id)).ToArray()),
            };
            return _org.Contacts.Rewrite(created.Id, now, serverFields: serverFields) ?? created;
        }
    }

    private static JsonObject Combine(List<JsonObject> recentFirst, JsonObject overrides)
    {
        var result = new JsonObject();
        foreach (var name in ContactValidator.WritableFields)
        {
            if (Emails.Contains(name) || Phones.Contains(name) || UnitedArrays.Contains(name)) continue;
            var value = overrides[name] ?? recentFirst.Select(d => d[name]).FirstOrDefault(v => v != null);
            if (value != null) result[name] = value.DeepClone();
        }
        FillSlots(result, Emails, recentFirst, overrides, v => v.GetValue<string>().ToLowerInvariant());
        FillSlots(result, Phones, recentFirst, overrides, v => JsonUtil.GetString(v as JsonObject, "e164") ?? JsonUtil.GetString(v as JsonObject, "display") ?? "");
        foreach (var name in UnitedArrays)
        {
            var united = new JsonArray();
            foreach (var source in new[] { overrides }.Concat(recentFirst))
            {
                foreach (var item in JsonUtil.GetArray(source, name) ?? new JsonArray())
                {
                    if (united.Count < ContactValidator.ArrayLimit(name) && !united.Any(u => JsonNode.DeepEquals(u, item))) united.Add(item?.DeepClone());
                }
            }
            if (united.Count > 0) result[name] = united;
        }
        return result;
    }

    /// <summary>Each slot from the override or the most recent contact that has it; other distinct values go to free slots.</summary>
    private static void FillSlots(JsonObject result, string[] slots, List<JsonObject> recentFirst, JsonObject overrides, Func<JsonNode, string> keyOf)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            var value = overrides[slot] ?? recentFirst.Select(d => d[slot]).FirstOrDefault(v => v != null && !placed.Contains(keyOf(v)));
            if (value == null) continue;
            result[slot] = value.DeepClone();
            placed.Add(keyOf(value));
        }
        var leftovers = recentFirst.SelectMany(d => slots.Select(s => d[s])).Where(v => v != null && placed.Add(keyOf(v))).ToList();
        foreach (var slot in slots.Where(s => result[s] == null))
        {
            if (leftovers.Count == 0) break;
            result[slot] = leftovers[0]!.DeepClone();
            leftovers.RemoveAt(0);
        }
    }

    private static JsonArray? UniteClaims(IEnumerable<StoredContact> contacts)
    {
        var result = new JsonArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in contacts.SelectMany(c => c.Claims ?? new JsonArray()).OfType<JsonObject>())
        {
            if (ContactKeys.KeyOfClaim(claim) is { } key && keys.Add(key)) result.Add(claim.DeepClone());
        }
        return result.Count == 0 ? null : result;
    }
}
