using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// PATCH /contacts/{id} with {changes:[{action, field: "$.a.b", value}]}. Actions: Update, UpdateIfEmpty,
/// UpdateIfExists, Remove, AppendToCollection, RemoveFromCollection. Only the top-level fields a change touches are
/// re-validated (untouched phones keep their userInput). Patching a field and its parent in one request → 409.
/// </summary>
internal sealed class ContactPatcher
{
    private static readonly Regex FieldPath = new(@"^\$\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant);
    private static readonly string[] Actions = { "UpdateIfEmpty", "UpdateIfExists", "Update", "AppendToCollection", "Remove", "RemoveFromCollection" };

    private readonly OrgState _org;

    public ContactPatcher(OrgState org) => _org = org;

    public StoredContact Patch(string id, JsonObject body)
    {
        var changes = ReadChanges(body);
        var existing = _org.Contacts.Get(id) ?? throw Errors.NotFound("contact");
        var fields = ContactService.WritableFields(existing);

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            Apply(fields, change);
            touched.Add(change.Path[0]);
        }
        // Custom values are checked against the schema reference: re-validate the pair together.
        if (touched.Contains("customFields") || touched.Contains("schema"))
        {
            touched.Add("customFields");
            touched.Add("schema");
        }

        // Re-validate only what changed; keep the rest byte for byte.
        var changed = new JsonObject();
        foreach (var name in touched)
        {
            if (fields.TryGetPropertyValue(name, out var value) && value != null) changed[name] = value.DeepClone();
        }
        var errors = new List<FieldError>();
        var validated = ContactValidator.Validate(changed, _org.Sources, errors, isUpdate: true, organizations: _org.Organizations, schemas: _org.Schemas);
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        foreach (var name in touched)
        {
            if (validated.Fields.TryGetPropertyValue(name, out var value) && value != null) fields[name] = value.DeepClone();
            else fields.Remove(name);
        }
        return _org.Contacts.Replace(id, ContactValidator.Canonical(fields), _org.Clock.UtcNow) ?? throw Errors.NotFound("contact");
    }

    private sealed class Change
    {
        public Change(string action, string[] path, JsonNode? value, int index)
        {
            Action = action;
            Path = path;
            Value = value;
            Index = index;
        }

        public string Action { get; }
        public string[] Path { get; }
        public JsonNode? Value { get; }
        public int Index { get; }
        public string Where => "changes[" + Index.ToString(CultureInfo.InvariantCulture) + "]";
    }

    private static List<Change> ReadChanges(JsonObject body)
    {
        foreach (var property in body)
        {
            if (property.Key != "changes") throw Errors.ValidationFailed(FieldError.UnknownProperty(property.Key, "ExternalContactsPatchRequest"));
        }
        if (body["changes"] is not JsonArray items || items.Count == 0) throw Errors.ValidationFailed(FieldError.Required("changes"));
        var changes = new List<Change>();
        var errors = new List<FieldError>();
        for (var i = 0; i < items.Count; i++)
        {
            var where = "changes[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (items[i] is not JsonObject item)
            {
                errors.Add(FieldError.WrongType(where, "a ContactsPatchChange object"));
                continue;
            }
            var action = item["action"] is { } a && a.GetValueKind() == JsonValueKind.String ? a.GetValue<string>() : null;
            var field = item["field"] is { } f && f.GetValueKind() == JsonValueKind.String ? f.GetValue<string>() : null;
            if (action == null || !Actions.Contains(action)) errors.Add(FieldError.Invalid(where + ".action", "must be one of " + string.Join(", ", Actions)));
            if (field == null || !FieldPath.IsMatch(field))
            {
                errors.Add(FieldError.Invalid(where + ".field", "must be a dot-notation path starting with $."));
                continue;
            }
            var path = field.Substring(2).Split('.');
            if (!ContactValidator.IsKnownField(path[0])) errors.Add(FieldError.UnknownProperty(where + ".field", "ExternalContact"));
            else if (!ContactValidator.WritableFields.Contains(path[0])) errors.Add(FieldError.Invalid(where + ".field", "the field cannot be patched"));
            if (action != null) changes.Add(new Change(action, path, item["value"]?.DeepClone(), i));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);

        // A field and one of its parents in the same request is a conflict (documented 409).
        var paths = changes.Select(c => string.Join(".", c.Path)).ToList();
        foreach (var p in paths)
        {
            if (paths.Any(other => other != p && other.StartsWith(p + ".", StringComparison.Ordinal)))
            {
                throw Errors.Conflict("A field and its parent field cannot be patched in the same request.");
            }
        }
        return changes;
    }

    private static void Apply(JsonObject fields, Change change)
    {
        // Walk to the parent object, creating missing intermediate objects for writes.
        var parent = fields;
        for (var i = 0; i < change.Path.Length - 1; i++)
        {
            var next = parent[change.Path[i]];
            if (next == null)
            {
                if (change.Action is "Remove" or "RemoveFromCollection" or "UpdateIfExists") return;
                next = new JsonObject();
                parent[change.Path[i]] = next;
            }
            parent = next as JsonObject ?? throw Errors.ValidationFailed(FieldError.Invalid(change.Where + ".field", "the path goes through a value that is not an object"));
        }
        var leaf = change.Path[change.Path.Length - 1];
        var current = parent[leaf];
        switch (change.Action)
        {
            case "Update":
                Set(parent, leaf, change.Value);
                break;
            case "UpdateIfEmpty":
                if (IsEmpty(current)) Set(parent, leaf, change.Value);
                break;
            case "UpdateIfExists":
                if (!IsEmpty(current)) Set(parent, leaf, change.Value);
                break;
            case "Remove":
                parent.Remove(leaf);
                break;
            case "AppendToCollection":
                var target = RequireCollection(current, change);
                foreach (var item in Items(change.Value)) target.Add(item);
                parent[leaf] = target;
                break;
            case "RemoveFromCollection":
                if (current == null) return;
                var collection = RequireCollection(current, change);
                foreach (var pattern in Items(change.Value))
                {
                    for (var i = collection.Count - 1; i >= 0; i--)
                    {
                        if (Subsumes(pattern, collection[i])) collection.RemoveAt(i);
                    }
                }
                break;
        }
    }

    private static void Set(JsonObject parent, string leaf, JsonNode? value)
    {
        if (value == null) parent.Remove(leaf);
        else parent[leaf] = value.DeepClone();
    }

    private static bool IsEmpty(JsonNode? node) => node == null
        || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length == 0)
        || (node is JsonArray a && a.Count == 0)
        || (node is JsonObject o && o.Count == 0);

    private static JsonArray RequireCollection(JsonNode? current, Change change)
    {
        if (current == null) return new JsonArray();
        return current as JsonArray
            ?? throw Errors.ValidationFailed(FieldError.Invalid(change.Where + ".field", "the field is not a collection"));
    }

    private static IEnumerable<JsonNode> Items(JsonNode? value)
    {
        if (value is JsonArray array) return array.Where(n => n != null).Select(n => n!.DeepClone()).ToList();
        return value == null ? Enumerable.Empty<JsonNode>() : new[] { value.DeepClone() };
    }

    /// <summary>True when every property given in <paramref name="pattern"/> equals the item's (so {value:"x"} removes an externalId by value).</summary>
    internal static bool Subsumes(JsonNode? pattern, JsonNode? item)
    {
        if (pattern is JsonObject p)
        {
            if (item is not JsonObject o) return false;
            foreach (var property in p)
            {
                if (!Subsumes(property.Value, o[property.Key])) return false;
            }
            return true;
        }
        return JsonNode.DeepEquals(pattern, item);
    }
}
