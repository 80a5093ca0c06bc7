using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Sources;

namespace GenesysSync.Emulator.Organizations;

/// <summary>
/// Checks and normalizes an ExternalOrganization body: name required (≤1000, trimmed), companyType/industry strings,
/// address (the contact address limits), phoneNumber/faxNumber (parsed like contact phones), employeeCount/revenue
/// whole numbers, tags/websites string arrays, tickers {symbol, exchange} (both required), twitterId object,
/// externalSystemUrl ≤1000, externalIds ≤10 with an existing source. schema/customFields are refused (no schemas here).
/// Read-only fields sent back after a GET (id, dates, selfUri, identifiers, trustor, division Home) are ignored.
/// </summary>
internal static class OrganizationValidator
{
    private enum Kind { Text, Address, Phone, Integer, StringArray, Tickers, OpaqueObject, ExternalIds, Unsupported, Division, Ignored }

    private static readonly (string Name, Kind Kind, int Max)[] Fields =
    {
        ("name", Kind.Text, 1000),
        ("companyType", Kind.Text, 0),
        ("industry", Kind.Text, 0),
        ("address", Kind.Address, 0),
        ("phoneNumber", Kind.Phone, 0),
        ("faxNumber", Kind.Phone, 0),
        ("employeeCount", Kind.Integer, 0),
        ("revenue", Kind.Integer, 0),
        ("tags", Kind.StringArray, 0),
        ("websites", Kind.StringArray, 0),
        ("tickers", Kind.Tickers, 0),
        ("twitterId", Kind.OpaqueObject, 0),
        ("externalSystemUrl", Kind.Text, 1000),
        ("externalIds", Kind.ExternalIds, 10),
        ("schema", Kind.Unsupported, 0),
        ("customFields", Kind.Unsupported, 0),
        ("division", Kind.Division, 0),
        ("id", Kind.Ignored, 0),
        ("createDate", Kind.Ignored, 0),
        ("modifyDate", Kind.Ignored, 0),
        ("selfUri", Kind.Ignored, 0),
        ("identifiers", Kind.Ignored, 0),
        ("trustor", Kind.Ignored, 0),
        ("externalDataSources", Kind.Ignored, 0),
    };

    /// <summary>The writable fields in output order (enrich combines them; PATCH may touch them).</summary>
    public static IEnumerable<string> WritableFields
        => Fields.Where(f => f.Kind is not (Kind.Ignored or Kind.Division or Kind.Unsupported)).Select(f => f.Name);

    public static bool IsKnownField(string name) => Fields.Any(f => f.Name == name);

    public static bool IsArrayField(string name) => Fields.Any(f => f.Name == name && f.Kind is Kind.StringArray or Kind.Tickers or Kind.ExternalIds);

    /// <summary>Validates a body; errors are appended with <paramref name="prefix"/>. <paramref name="requireName"/> is false only for enrich data.</summary>
    public static JsonObject Validate(JsonObject input, ExternalSourceStore sources, List<FieldError> errors, string prefix = "", bool requireName = true)
    {
        foreach (var property in input)
        {
            if (!IsKnownField(property.Key)) errors.Add(FieldError.UnknownProperty(prefix + property.Key, "ExternalOrganization"));
        }
        var output = new JsonObject();
        foreach (var (name, kind, max) in Fields)
        {
            if (!input.TryGetPropertyValue(name, out var node) || node == null) continue;
            var path = prefix + name;
            switch (kind)
            {
                case Kind.Text:
                    if (node.GetValueKind() != JsonValueKind.String)
                    {
                        errors.Add(FieldError.WrongType(path, "a string"));
                        break;
                    }
                    var text = node.GetValue<string>().Trim();
                    if (text.Length == 0) break;
                    if (max > 0 && text.Length > max) errors.Add(FieldError.TooLong(path, max));
                    else output[name] = text;
                    break;
                case Kind.Address:
                    if (ThroughContact("address", node, path, sources, errors) is { } address) output[name] = address;
                    break;
                case Kind.Phone:
                    if (ThroughContact("workPhone", node, path, sources, errors) is { } phone) output[name] = phone;
                    break;
                case Kind.ExternalIds:
                    if (ThroughContact("externalIds", node, path, sources, errors) is { } ids) output[name] = ids;
                    break;
                case Kind.Integer:
                    if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out var number)) output[name] = number;
                    else errors.Add(FieldError.WrongType(path, "a whole number"));
                    break;
                case Kind.StringArray:
                    if (node is not JsonArray strings || strings.Any(s => s == null || s.GetValueKind() != JsonValueKind.String))
                    {
                        errors.Add(FieldError.WrongType(path, "an array of strings"));
                        break;
                    }
                    var values = strings.Select(s => s!.GetValue<string>().Trim()).Where(s => s.Length > 0).ToList();
                    if (values.Count > 0) output[name] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
                    break;
                case Kind.Tickers:
                    if (ReadTickers(node, path, errors) is { } tickers) output[name] = tickers;
                    break;
                case Kind.OpaqueObject:
                    if (node is JsonObject social) output[name] = social.DeepClone();
                    else errors.Add(FieldError.WrongType(path, "an object"));
                    break;
                case Kind.Unsupported:
                    errors.Add(FieldError.Invalid(path, "the referenced entity does not exist in this org"));
                    break;
                case Kind.Division:
                    var divisionId = node is JsonObject division ? division["id"] : null;
                    if (node is not JsonObject) errors.Add(FieldError.WrongType(path, "an object"));
                    else if (divisionId != null && (divisionId.GetValueKind() != JsonValueKind.String
                        || !string.Equals(divisionId.GetValue<string>(), OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase)))
                    {
                        errors.Add(FieldError.Invalid(path + ".id", "the division does not exist"));
                    }
                    break;
            }
        }
        if (requireName && output["name"] == null && !errors.Any(e => e.Field == prefix + "name")) errors.Add(FieldError.Required(prefix + "name"));
        return output;
    }

    /// <summary>Output order for already-normalized fields (unknown names dropped).</summary>
    public static JsonObject Canonical(JsonObject fields)
    {
        var output = new JsonObject();
        foreach (var name in WritableFields)
        {
            if (fields.TryGetPropertyValue(name, out var value) && value != null) output[name] = value.DeepClone();
        }
        return output;
    }

    private static JsonArray? ReadTickers(JsonNode node, string path, List<FieldError> errors)
    {
        if (node is not JsonArray items)
        {
            errors.Add(FieldError.WrongType(path, "an array of Ticker objects"));
            return null;
        }
        var output = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (items[i] is not JsonObject ticker)
            {
                errors.Add(FieldError.WrongType(itemPath, "a Ticker object"));
                continue;
            }
            var entry = new JsonObject();
            foreach (var name in new[] { "symbol", "exchange" })
            {
                var value = ticker[name] is { } v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : "";
                if (value.Length == 0) errors.Add(FieldError.Required(itemPath + "." + name));
                else entry[name] = value;
            }
            foreach (var property in ticker)
            {
                if (property.Key is not ("symbol" or "exchange")) errors.Add(FieldError.UnknownProperty(itemPath + "." + property.Key, "Ticker"));
            }
            if (entry.Count == 2) output.Add(entry);
        }
        return output.Count == 0 ? null : output;
    }

    /// <summary>
    /// Validates a sub-value with the contact rules for the same shape (address, PhoneNumber, externalIds), so the
    /// limits and phone parsing are one implementation; error paths are renamed to the organization's field.
    /// </summary>
    private static JsonNode? ThroughContact(string contactField, JsonNode node, string path, ExternalSourceStore sources, List<FieldError> errors)
    {
        var inner = new List<FieldError>();
        var draft = ContactValidator.Validate(new JsonObject { [contactField] = node.DeepClone() }, sources, inner);
        foreach (var error in inner) errors.Add(Renamed(error, contactField, path));
        return inner.Count == 0 && draft.Fields[contactField] is { } value ? value.DeepClone() : null;
    }

    internal static FieldError Renamed(FieldError error, string from, string to)
    {
        var field = error.Field == from ? to : error.Field.StartsWith(from, StringComparison.Ordinal) ? to + error.Field.Substring(from.Length) : error.Field;
        var extra = error.Params.Where(p => p.Key != "field").ToDictionary(p => p.Key, p => p.Value);
        return new FieldError(field, error.Code, error.MessageWithParams, extra);
    }
}
