using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// Reads and checks a ContactList body (POST and PUT): name, columnNames (1..50, ≤128 chars, unique), phone and e-mail
/// columns that name existing columns, preview/zip-code columns; read-only fields are ignored, unknown ones rejected.
/// </summary>
internal sealed class ContactListBody
{
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
        { "id", "dateCreated", "dateModified", "importStatus", "size", "selfUri", "version", "division" };

    private static readonly HashSet<string> Writable = new(StringComparer.Ordinal)
    {
        "columnNames", "phoneColumns", "emailColumns", "whatsAppColumns", "previewModeColumnName", "previewModeAcceptedValues",
        "attemptLimits", "automaticTimeZoneMapping", "zipCodeColumnName", "columnDataTypeSpecifications", "trimWhitespace",
    };

    private ContactListBody(string name, List<string> columns, JsonObject settings, int? version)
    {
        Name = name;
        Columns = columns;
        Settings = settings;
        Version = version;
    }

    public string Name { get; }
    public List<string> Columns { get; }

    /// <summary>The writable fields except name, as sent (columnNames included).</summary>
    public JsonObject Settings { get; }

    public int? Version { get; }

    public static ContactListBody Read(JsonObject body, OutboundOptions options)
    {
        var errors = new List<FieldError>();
        var settings = new JsonObject();
        foreach (var property in body)
        {
            if (property.Key == "name" || ReadOnly.Contains(property.Key)) continue;
            if (!Writable.Contains(property.Key)) errors.Add(FieldError.UnknownProperty(property.Key, "ContactList"));
            else if (property.Value != null) settings[property.Key] = property.Value.DeepClone();
        }

        var name = JsonUtil.TryGetString(body, "name", out var n) ? n?.Trim() : null;
        if (string.IsNullOrEmpty(name)) errors.Add(FieldError.Required("name"));

        int? version = null;
        if (body["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number)) version = number;

        if (body["division"] is JsonObject division && JsonUtil.GetString(division, "id") is { } divisionId
            && !string.Equals(divisionId, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(FieldError.Invalid("division.id", "no division has this id"));
        }

        var columns = ReadColumns(body, options, errors);
        var known = new HashSet<string>(columns, StringComparer.Ordinal);
        CheckColumnRefs(body, "phoneColumns", options.MaxPhoneColumns, known, errors);
        CheckColumnRefs(body, "emailColumns", options.MaxColumns, known, errors);
        CheckColumnRefs(body, "whatsAppColumns", options.MaxColumns, known, errors);
        CheckNamedColumn(body, "previewModeColumnName", known, errors);
        if (CheckNamedColumn(body, "zipCodeColumnName", known, errors) && body["automaticTimeZoneMapping"]?.GetValueKind() != JsonValueKind.True)
        {
            errors.Add(FieldError.Invalid("zipCodeColumnName", "only allowed when automaticTimeZoneMapping is true"));
        }

        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return new ContactListBody(name!, columns, settings, version);
    }

    private static List<string> ReadColumns(JsonObject body, OutboundOptions options, List<FieldError> errors)
    {
        var columns = new List<string>();
        if (body["columnNames"] is not JsonArray array || array.Count == 0)
        {
            errors.Add(FieldError.Required("columnNames"));
            return columns;
        }
        if (array.Count > options.MaxColumns) errors.Add(FieldError.TooMany("columnNames", options.MaxColumns));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < array.Count; i++)
        {
            var field = "columnNames[" + i + "]";
            if (array[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(FieldError.WrongType(field, "a string"));
                continue;
            }
            var name = value.GetValue<string>();
            if (name.Trim().Length == 0) errors.Add(FieldError.Required(field));
            else if (name.Length > options.MaxColumnNameLength) errors.Add(FieldError.TooLong(field, options.MaxColumnNameLength));
            else if (!seen.Add(name)) errors.Add(FieldError.Invalid(field, "column names must be unique"));
            else columns.Add(name);
        }
        return columns;
    }

    private static void CheckColumnRefs(JsonObject body, string property, int max, HashSet<string> columns, List<FieldError> errors)
    {
        if (body[property] is null) return;
        if (body[property] is not JsonArray array)
        {
            errors.Add(FieldError.WrongType(property, "an array"));
            return;
        }
        if (array.Count > max) errors.Add(FieldError.TooMany(property, max));
        for (var i = 0; i < array.Count; i++)
        {
            var field = property + "[" + i + "]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(FieldError.WrongType(field, "an object"));
                continue;
            }
            var column = JsonUtil.GetString(item, "columnName");
            if (string.IsNullOrEmpty(column)) errors.Add(FieldError.Required(field + ".columnName"));
            else if (!columns.Contains(column!)) errors.Add(FieldError.Invalid(field + ".columnName", "not one of columnNames"));
            if (property != "whatsAppColumns" && string.IsNullOrEmpty(JsonUtil.GetString(item, "type"))) errors.Add(FieldError.Required(field + ".type"));
        }
    }

    private static bool CheckNamedColumn(JsonObject body, string property, HashSet<string> columns, List<FieldError> errors)
    {
        var column = JsonUtil.GetString(body, property);
        if (column == null) return false;
        if (!columns.Contains(column)) errors.Add(FieldError.Invalid(property, "not one of columnNames"));
        return true;
    }
}
