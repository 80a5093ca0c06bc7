using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Schemas;

/// <summary>One custom field of a schema: its key ("accountTier_text"), its type (the key's suffix) and its limits.</summary>
internal sealed class SchemaField
{
    public SchemaField(string key, string type, int? minLength, int? maxLength, decimal? minimum, decimal? maximum, IReadOnlyList<string>? values,
        int? minItems, int? maxItems, bool uniqueItems)
    {
        Key = key;
        Type = type;
        MinLength = minLength;
        MaxLength = maxLength;
        Minimum = minimum;
        Maximum = maximum;
        Values = values;
        MinItems = minItems;
        MaxItems = maxItems;
        UniqueItems = uniqueItems;
    }

    public string Key { get; }
    public string Type { get; }
    public int? MinLength { get; }
    public int? MaxLength { get; }
    public decimal? Minimum { get; }
    public decimal? Maximum { get; }
    public IReadOnlyList<string>? Values { get; }
    public int? MinItems { get; }
    public int? MaxItems { get; }
    public bool UniqueItems { get; }
}

/// <summary>
/// The custom-field rules: reading a DataSchema's jsonSchema into fields (each property keyed "&lt;name&gt;_&lt;type&gt;" with
/// <c>allOf: [{"$ref": "#/definitions/&lt;type&gt;"}]</c>), and checking a contact's <c>customFields</c> against a version.
/// Types: text, longtext, url, identifier (strings with length caps 100/1000/200/100), enum (one of <c>enum</c>), date
/// (yyyy-MM-dd), datetime (ISO-8601 UTC), integer, number (minimum/maximum), checkbox (true/false), tag (array of
/// strings, items.minLength/maxLength, minItems/maxItems ≤ 10, uniqueItems). Messages name the field, never the value.
/// </summary>
internal static class SchemaRules
{
    public static readonly IReadOnlyDictionary<string, int> StringCaps = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["text"] = 100, ["longtext"] = 1000, ["url"] = 200, ["identifier"] = 100,
    };

    public static readonly string[] Types = { "text", "longtext", "url", "identifier", "enum", "date", "datetime", "integer", "number", "checkbox", "tag" };

    private const int TagItemCap = 100;
    private const int TagCountCap = 10;

    private static readonly Regex FieldName = new(@"^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> FieldKeywords = new(StringComparer.Ordinal)
    {
        "allOf", "title", "description", "minLength", "maxLength", "enum", "_enumProperties", "minimum", "maximum", "items", "minItems", "maxItems", "uniqueItems", "default",
    };

    private static readonly HashSet<string> DocumentKeywords = new(StringComparer.Ordinal)
    {
        "$schema", "id", "title", "description", "type", "required", "properties", "additionalProperties", "definitions",
    };

    /// <summary>Reads and checks a jsonSchema document; errors name "jsonSchema.properties.&lt;key&gt;...".</summary>
    public static (List<SchemaField> Fields, List<string> Required) ReadDocument(JsonObject document, SchemaOptions limits, List<FieldError> errors)
    {
        var fields = new List<SchemaField>();
        var required = new List<string>();
        foreach (var property in document)
        {
            if (!DocumentKeywords.Contains(property.Key)) errors.Add(FieldError.UnknownProperty("jsonSchema." + property.Key, "JsonSchemaDocument"));
        }
        if (document["type"] is { } typeNode && (typeNode.GetValueKind() != JsonValueKind.String || typeNode.GetValue<string>() != "object"))
            errors.Add(FieldError.Invalid("jsonSchema.type", "must be \"object\""));
        if (document["properties"] is not JsonObject properties)
        {
            errors.Add(FieldError.Required("jsonSchema.properties"));
            return (fields, required);
        }
        if (properties.Count > limits.MaxFieldsPerSchema) errors.Add(FieldError.TooMany("jsonSchema.properties", limits.MaxFieldsPerSchema));

        foreach (var property in properties)
        {
            var field = ReadField(property.Key, property.Value, limits, errors);
            if (field != null) fields.Add(field);
        }

        if (document["required"] is { } requiredNode)
        {
            if (requiredNode is not JsonArray names) errors.Add(FieldError.WrongType("jsonSchema.required", "an array of field names"));
            else
            {
                foreach (var name in names)
                {
                    var key = name?.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : null;
                    if (key == null || !properties.ContainsKey(key)) errors.Add(FieldError.Invalid("jsonSchema.required", "names a field the schema does not define"));
                    else if (!required.Contains(key)) required.Add(key);
                }
            }
        }
        return (fields, required);
    }

    private static SchemaField? ReadField(string key, JsonNode? node, SchemaOptions limits, List<FieldError> errors)
    {
        var path = "jsonSchema.properties." + key;
        var underscore = key.LastIndexOf('_');
        var type = underscore > 0 ? key.Substring(underscore + 1) : null;
        var name = underscore > 0 ? key.Substring(0, underscore) : key;
        if (type == null || !Types.Contains(type))
        {
            errors.Add(FieldError.Invalid(path, "a field key is <name>_<type> with a type of " + string.Join(", ", Types)));
            return null;
        }
        if (!FieldName.IsMatch(name) || name.Length < limits.MinFieldNameCharacters || name.Length > limits.MaxFieldNameCharacters)
        {
            errors.Add(FieldError.Invalid(path, "a field name starts with a letter, holds letters, digits and underscores, and is "
                + limits.MinFieldNameCharacters.ToString(CultureInfo.InvariantCulture) + " to " + limits.MaxFieldNameCharacters.ToString(CultureInfo.InvariantCulture) + " characters long"));
            return null;
        }
        if (node is not JsonObject definition)
        {
            errors.Add(FieldError.WrongType(path, "an object"));
            return null;
        }
        var before = errors.Count;
        foreach (var property in definition)
        {
            if (!FieldKeywords.Contains(property.Key)) errors.Add(FieldError.UnknownProperty(path + "." + property.Key, "JsonSchemaDocument property"));
        }
        var reference = definition["allOf"] is JsonArray allOf && allOf.Count == 1 && allOf[0] is JsonObject r && r["$ref"]?.GetValueKind() == JsonValueKind.String
            ? r["$ref"]!.GetValue<string>()
            : null;
        if (reference == null) errors.Add(FieldError.Required(path + ".allOf"));
        else if (reference != "#/definitions/" + type) errors.Add(FieldError.Invalid(path + ".allOf", "the $ref must be #/definitions/" + type + " for a field ending in _" + type));
        CheckText(definition, "title", path, limits.MaxFieldTitleCharacters, errors);
        CheckText(definition, "description", path, limits.MaxFieldDescriptionCharacters, errors);

        int? minLength = null, maxLength = null, minItems = null, maxItems = null;
        decimal? minimum = null, maximum = null;
        List<string>? values = null;
        var unique = false;
        switch (type)
        {
            case "text": case "longtext": case "url": case "identifier":
                var cap = StringCaps[type];
                minLength = ReadInt(definition, "minLength", path, 0, cap, errors) ?? 0;
                maxLength = ReadInt(definition, "maxLength", path, 1, cap, errors) ?? cap;
                if (minLength > maxLength) errors.Add(FieldError.Invalid(path + ".minLength", "must not exceed maxLength"));
                break;
            case "integer": case "number":
                minimum = ReadNumber(definition, "minimum", path, type == "integer", errors);
                maximum = ReadNumber(definition, "maximum", path, type == "integer", errors);
                if (minimum > maximum) errors.Add(FieldError.Invalid(path + ".minimum", "must not exceed maximum"));
                break;
            case "enum":
                values = new List<string>();
                if (definition["enum"] is not JsonArray items || items.Count == 0) errors.Add(FieldError.Required(path + ".enum"));
                else
                {
                    foreach (var item in items)
                    {
                        var text = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : null;
                        if (string.IsNullOrEmpty(text) || text!.Length > StringCaps["text"]) errors.Add(FieldError.Invalid(path + ".enum", "values are non-empty strings of at most 100 characters"));
                        else if (values.Contains(text)) errors.Add(FieldError.Invalid(path + ".enum", "values must be unique"));
                        else values.Add(text);
                    }
                }
                break;
            case "tag":
                var itemDefinition = definition["items"] as JsonObject;
                if (definition["items"] != null && itemDefinition == null) errors.Add(FieldError.WrongType(path + ".items", "an object"));
                minLength = (itemDefinition == null ? null : ReadInt(itemDefinition, "minLength", path + ".items", 1, TagItemCap, errors)) ?? 1;
                maxLength = (itemDefinition == null ? null : ReadInt(itemDefinition, "maxLength", path + ".items", 1, TagItemCap, errors)) ?? TagItemCap;
                minItems = ReadInt(definition, "minItems", path, 0, TagCountCap, errors) ?? 0;
                maxItems = ReadInt(definition, "maxItems", path, 1, TagCountCap, errors) ?? TagCountCap;
                if (definition["uniqueItems"] is { } u)
                {
                    if (u.GetValueKind() is JsonValueKind.True or JsonValueKind.False) unique = u.GetValue<bool>();
                    else errors.Add(FieldError.WrongType(path + ".uniqueItems", "true or false"));
                }
                break;
        }
        return errors.Count != before ? null : new SchemaField(key, type, minLength, maxLength, minimum, maximum, values, minItems, maxItems, unique);
    }

    private static void CheckText(JsonObject obj, string name, string path, int max, List<FieldError> errors)
    {
        if (obj[name] is not { } node) return;
        if (node.GetValueKind() != JsonValueKind.String) errors.Add(FieldError.WrongType(path + "." + name, "a string"));
        else if (node.GetValue<string>().Length > max) errors.Add(FieldError.TooLong(path + "." + name, max));
    }

    private static int? ReadInt(JsonObject obj, string name, string path, int min, int max, List<FieldError> errors)
    {
        if (obj[name] is not { } node) return null;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) && value >= min && value <= max) return value;
        errors.Add(FieldError.Invalid(path + "." + name, "must be a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    private static decimal? ReadNumber(JsonObject obj, string name, string path, bool whole, List<FieldError> errors)
    {
        if (obj[name] is not { } node) return null;
        if (node.GetValueKind() == JsonValueKind.Number && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && (!whole || decimal.Truncate(value) == value))
            return value;
        errors.Add(FieldError.WrongType(path + "." + name, whole ? "a whole number" : "a number"));
        return null;
    }

    /// <summary>
    /// Checks <paramref name="values"/> against a schema version: unknown keys, types, enum values, lengths, ranges,
    /// required fields. Returns the stored form (strings trimmed; empty strings and nulls dropped).
    /// </summary>
    public static JsonObject ValidateValues(JsonObject values, SchemaVersion schema, string path, List<FieldError> errors)
    {
        var output = new JsonObject();
        foreach (var property in values)
        {
            var fieldPath = path + "." + property.Key;
            var field = schema.Field(property.Key);
            if (field == null)
            {
                errors.Add(FieldError.Invalid(fieldPath, "the schema does not define this field"));
                continue;
            }
            if (property.Value == null || property.Value.GetValueKind() == JsonValueKind.Null) continue;
            var value = ReadValue(field, property.Value, fieldPath, errors);
            if (value != null) output[field.Key] = value;
        }
        foreach (var key in schema.Required)
        {
            if (!output.ContainsKey(key)) errors.Add(FieldError.Required(path + "." + key));
        }
        return output;
    }

    private static JsonNode? ReadValue(SchemaField field, JsonNode node, string path, List<FieldError> errors)
    {
        var kind = node.GetValueKind();
        switch (field.Type)
        {
            case "text": case "longtext": case "url": case "identifier": case "enum": case "date": case "datetime":
            {
                if (kind != JsonValueKind.String)
                {
                    errors.Add(FieldError.WrongType(path, "a string"));
                    return null;
                }
                var text = node.GetValue<string>().Trim();
                if (text.Length == 0) return null;
                switch (field.Type)
                {
                    case "enum":
                        if (!field.Values!.Contains(text))
                        {
                            errors.Add(FieldError.Invalid(path, "the value is not one of the field's enum values"));
                            return null;
                        }
                        return text;
                    case "date":
                        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        {
                            errors.Add(FieldError.WrongType(path, "a date as yyyy-MM-dd"));
                            return null;
                        }
                        return text;
                    case "datetime":
                        if (!DateTimeOffset.TryParseExact(text, new[] { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" },
                                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                        {
                            errors.Add(FieldError.WrongType(path, "an ISO-8601 UTC date-time (yyyy-MM-ddTHH:mm:ss.fffZ)"));
                            return null;
                        }
                        return Json.JsonUtil.Timestamp(at);
                }
                if (text.Length > field.MaxLength)
                {
                    errors.Add(FieldError.TooLong(path, field.MaxLength!.Value));
                    return null;
                }
                if (text.Length < field.MinLength)
                {
                    errors.Add(FieldError.Invalid(path, "the value is shorter than the field's minLength"));
                    return null;
                }
                if (field.Type == "url" && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                {
                    errors.Add(FieldError.WrongType(path, "an absolute http(s) URL"));
                    return null;
                }
                return text;
            }
            case "integer": case "number":
            {
                if (kind != JsonValueKind.Number || !decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add(FieldError.WrongType(path, field.Type == "integer" ? "a whole number" : "a number"));
                    return null;
                }
                if (field.Type == "integer" && decimal.Truncate(number) != number)
                {
                    errors.Add(FieldError.WrongType(path, "a whole number"));
                    return null;
                }
                if (number < field.Minimum || number > field.Maximum)
                {
                    errors.Add(FieldError.Invalid(path, "the value is outside the field's minimum and maximum"));
                    return null;
                }
                return node.DeepClone();
            }
            case "checkbox":
                if (kind is JsonValueKind.True or JsonValueKind.False) return node.GetValue<bool>();
                errors.Add(FieldError.WrongType(path, "true or false"));
                return null;
            case "tag":
            {
                if (node is not JsonArray items)
                {
                    errors.Add(FieldError.WrongType(path, "an array of strings"));
                    return null;
                }
                var tags = new JsonArray();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    if (item?.GetValueKind() != JsonValueKind.String)
                    {
                        errors.Add(FieldError.WrongType(path, "an array of strings"));
                        return null;
                    }
                    var tag = item.GetValue<string>().Trim();
                    if (tag.Length < field.MinLength || tag.Length > field.MaxLength)
                    {
                        errors.Add(FieldError.Invalid(path, "a tag is outside the field's item length limits"));
                        return null;
                    }
                    if (!seen.Add(tag) && field.UniqueItems)
                    {
                        errors.Add(FieldError.Invalid(path, "the tags must be unique"));
                        return null;
                    }
                    tags.Add(tag);
                }
                if (tags.Count > field.MaxItems) errors.Add(FieldError.TooMany(path, field.MaxItems!.Value));
                else if (tags.Count < field.MinItems) errors.Add(FieldError.Invalid(path, "fewer tags than the field's minItems"));
                else return tags.Count == 0 ? null : tags;
                return null;
            }
            default:
                errors.Add(FieldError.Invalid(path, "the field type is not supported"));
                return null;
        }
    }
}
