using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Entities;

/// <summary>
/// ExternalContactsPatchRequest {changes:[{action, field:"$.a.b", value}]} for organizations, notes and relationships:
/// the same actions as the contact PATCH (Update, UpdateIfEmpty, UpdateIfExists, Remove, AppendToCollection,
/// RemoveFromCollection) applied to a copy of the writable fields; the caller validates the result like a PUT.
/// A field and its parent in one request → 409.
/// </summary>
internal static class EntityPatcher
{
    private static readonly Regex FieldPath = new(@"^\$\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant);
    private static readonly string[] Actions = { "UpdateIfEmpty", "UpdateIfExists", "Update", "AppendToCollection", "Remove", "RemoveFromCollection" };

    /// <summary>Applies the request to a copy of <paramref name="fields"/>; only top-level names in <paramref name="writable"/> may be touched.</summary>
    public static JsonObject Apply(JsonObject body, JsonObject fields, ICollection<string> writable, string entityName)
    {
        foreach (var property in body)
        {
            if (property.Key != "changes") throw Errors.ValidationFailed(FieldError.UnknownProperty(property.Key, "ExternalContactsPatchRequest"));
        }
        if (body["changes"] is not JsonArray items || items.Count == 0) throw Errors.ValidationFailed(FieldError.Required("changes"));
        var errors = new List<FieldError>();
        var changes = new List<(string Action, string[] Path, JsonNode? Value, string Where)>();
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
            if (!writable.Contains(path[0])) errors.Add(FieldError.UnknownProperty(where + ".field", entityName));
            else if (action != null) changes.Add((action, path, item["value"]?.DeepClone(), where));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        var joined = changes.Select(c => string.Join(".", c.Path)).ToList();
        if (joined.Any(p => joined.Any(o => o != p && o.StartsWith(p + ".", StringComparison.Ordinal))))
        {
            throw Errors.Conflict("A field and its parent field cannot be patched in the same request.");
        }

        var result = (JsonObject)fields.DeepClone();
        foreach (var (action, path, value, where) in changes) ApplyOne(result, action, path, value, where);
        return result;
    }

    private static void ApplyOne(JsonObject fields, string action, string[] path, JsonNode? value, string where)
    {
        var parent = fields;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var next = parent[path[i]];
            if (next == null)
            {
                if (action is "Remove" or "RemoveFromCollection" or "UpdateIfExists") return;
                next = new JsonObject();
                parent[path[i]] = next;
            }
            parent = next as JsonObject ?? throw Errors.ValidationFailed(FieldError.Invalid(where + ".field", "the path goes through a value that is not an object"));
        }
        var leaf = path[path.Length - 1];
        var current = parent[leaf];
        switch (action)
        {
            case "Update":
                Set(parent, leaf, value);
                break;
            case "UpdateIfEmpty":
                if (IsEmpty(current)) Set(parent, leaf, value);
                break;
            case "UpdateIfExists":
                if (!IsEmpty(current)) Set(parent, leaf, value);
                break;
            case "Remove":
                parent.Remove(leaf);
                break;
            case "AppendToCollection":
                var target = current == null ? new JsonArray() : current as JsonArray
                    ?? throw Errors.ValidationFailed(FieldError.Invalid(where + ".field", "the field is not a collection"));
                foreach (var item in Items(value)) target.Add(item);
                parent[leaf] = target;
                break;
            case "RemoveFromCollection":
                if (current is not JsonArray collection)
                {
                    if (current != null) throw Errors.ValidationFailed(FieldError.Invalid(where + ".field", "the field is not a collection"));
                    return;
                }
                foreach (var pattern in Items(value))
                {
                    for (var i = collection.Count - 1; i >= 0; i--)
                    {
                        if (ContactPatcher.Subsumes(pattern, collection[i])) collection.RemoveAt(i);
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

    private static IEnumerable<JsonNode> Items(JsonNode? value)
    {
        if (value is JsonArray array) return array.Where(n => n != null).Select(n => n!.DeepClone()).ToList();
        return value == null ? Enumerable.Empty<JsonNode>() : new[] { value.DeepClone() };
    }
}
