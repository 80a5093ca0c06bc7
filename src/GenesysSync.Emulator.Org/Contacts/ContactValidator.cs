using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Sources;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// Checks and normalizes an ExternalContact body with the real limits (names/title ≤1000, emails ≤256 and well formed,
/// address1/2 ≤200, city ≤100, state ≤50, postalCode ≤25, countryCode ≤25, phone display ≤512, externalIds ≤10 with
/// value ≤255 and an existing external source, externalSystemUrl ≤1000). Strings are trimmed; empty strings count as
/// absent. Read-only fields sent back by a client (id, type, dates, selfUri, merge info) are ignored; unknown
/// properties are rejected (invalid.property).
/// </summary>
internal static class ContactValidator
{
    private enum Kind { Text, Email, Phone, Address, Bool, ExternalIds, OpaqueObject, OpaqueArray, Unsupported, Division, Ignored, Organization, Schema, CustomFields }

    private static readonly (string Name, Kind Kind, int Max)[] Fields =
    {
        ("firstName", Kind.Text, 1000),
        ("middleName", Kind.Text, 1000),
        ("lastName", Kind.Text, 1000),
        ("salutation", Kind.Text, 1000),
        ("title", Kind.Text, 1000),
        ("workPhone", Kind.Phone, 512),
        ("cellPhone", Kind.Phone, 512),
        ("homePhone", Kind.Phone, 512),
        ("otherPhone", Kind.Phone, 512),
        ("workEmail", Kind.Email, 256),
        ("personalEmail", Kind.Email, 256),
        ("otherEmail", Kind.Email, 256),
        ("address", Kind.Address, 0),
        ("twitterId", Kind.OpaqueObject, 0),
        ("lineId", Kind.OpaqueObject, 0),
        ("whatsAppId", Kind.OpaqueObject, 0),
        ("facebookId", Kind.OpaqueObject, 0),
        ("instagramId", Kind.OpaqueObject, 0),
        ("appleOpaqueIds", Kind.OpaqueArray, 10),
        ("externalIds", Kind.ExternalIds, 10),
        ("surveyOptOut", Kind.Bool, 0),
        ("externalSystemUrl", Kind.Text, 1000),
        ("externalOrganization", Kind.Organization, 0),
        ("schema", Kind.Schema, 0),
        ("customFields", Kind.CustomFields, 0),
        ("division", Kind.Division, 0),
        // Server-owned or claimed through other APIs: accepted in a body (a GET-modify-PUT sends them back) and ignored.
        ("id", Kind.Ignored, 0),
        ("type", Kind.Ignored, 0),
        ("identifiers", Kind.Ignored, 0),
        ("createDate", Kind.Ignored, 0),
        ("modifyDate", Kind.Ignored, 0),
        ("selfUri", Kind.Ignored, 0),
        ("externalDataSources", Kind.Ignored, 0),
        ("canonicalContact", Kind.Ignored, 0),
        ("mergeSet", Kind.Ignored, 0),
        ("mergedFrom", Kind.Ignored, 0),
        ("mergedTo", Kind.Ignored, 0),
        ("mergeOperation", Kind.Ignored, 0),
    };

    private static readonly Dictionary<string, (Kind Kind, int Max)> ByName =
        Fields.ToDictionary(f => f.Name, f => (f.Kind, f.Max), StringComparer.Ordinal);

    private static readonly (string Name, int Max)[] AddressFields =
    {
        ("address1", 200), ("address2", 200), ("city", 100), ("state", 50), ("postalCode", 25), ("countryCode", 25),
    };

    /// <summary>The writable top-level fields, in output order (used by enrich and PATCH).</summary>
    public static IEnumerable<string> WritableFields
        => Fields.Where(f => f.Kind != Kind.Ignored && f.Kind != Kind.Division && f.Kind != Kind.Unsupported).Select(f => f.Name);

    public static bool IsKnownField(string name) => ByName.ContainsKey(name);

    public static bool IsArrayField(string name) => ByName.TryGetValue(name, out var f) && (f.Kind == Kind.ExternalIds || f.Kind == Kind.OpaqueArray);

    public static int ArrayLimit(string name) => ByName.TryGetValue(name, out var f) ? f.Max : 0;

    /// <summary>Already-normalized fields re-ordered into canonical output order (unknown names dropped).</summary>
    public static ContactDraft Canonical(JsonObject fields)
    {
        var output = new JsonObject();
        foreach (var (name, _, _) in Fields)
        {
            if (fields.TryGetPropertyValue(name, out var value) && value != null) output[name] = value.DeepClone();
        }
        return new ContactDraft(output);
    }

    /// <summary>Validates <paramref name="input"/>; errors are appended (paths prefixed with <paramref name="prefix"/>).</summary>
    /// <param name="organizations">The org's external organizations, to check an externalOrganization reference (refused without it).</param>
    /// <param name="schemas">The org's contact schemas, to check schema + customFields (refused without it).</param>
    public static ContactDraft Validate(JsonObject input, ExternalSourceStore sources, List<FieldError> errors, string prefix = "", bool isUpdate = false,
        Organizations.OrganizationStore? organizations = null, Schemas.SchemaStore? schemas = null)
    {
        foreach (var property in input)
        {
            if (!ByName.ContainsKey(property.Key)) errors.Add(FieldError.UnknownProperty(prefix + property.Key, "ExternalContact"));
        }

        var output = new JsonObject();
        foreach (var (name, kind, max) in Fields)
        {
            if (!input.TryGetPropertyValue(name, out var node) || node == null) continue;
            var path = prefix + name;
            switch (kind)
            {
                case Kind.Text:
                    var text = ReadText(node, path, max, errors);
                    if (text != null) output[name] = text;
                    break;
                case Kind.Email:
                    var email = ReadText(node, path, max, errors);
                    if (email != null && !LooksLikeEmail(email)) errors.Add(FieldError.Invalid(path, "not a valid email address"));
                    else if (email != null) output[name] = email;
                    break;
                case Kind.Phone:
                    var phone = ReadPhone(node, path, errors);
                    if (phone != null) output[name] = phone;
                    break;
                case Kind.Address:
                    var address = ReadAddress(node, path, errors);
                    if (address != null) output[name] = address;
                    break;
                case Kind.Bool:
                    if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False) output[name] = node.GetValue<bool>();
                    else errors.Add(FieldError.WrongType(path, "true or false"));
                    break;
                case Kind.ExternalIds:
                    var ids = ReadExternalIds(node, path, max, sources, errors);
                    if (ids != null) output[name] = ids;
                    break;
                case Kind.OpaqueObject:
                    if (node is JsonObject social) output[name] = social.DeepClone();
                    else errors.Add(FieldError.WrongType(path, "an object"));
                    break;
                case Kind.OpaqueArray:
                    if (node is not JsonArray items) errors.Add(FieldError.WrongType(path, "an array"));
                    else if (items.Count > max) errors.Add(FieldError.TooMany(path, max));
                    else if (items.Count > 0) output[name] = items.DeepClone();
                    break;
                case Kind.Unsupported:
                    errors.Add(FieldError.Invalid(path, "the referenced entity does not exist in this org"));
                    break;
                case Kind.Organization:
                    var organization = ReadOrganizationReference(node, path, organizations, errors);
                    if (organization != null) output[name] = organization;
                    break;
                case Kind.Division:
                    CheckDivision(node, path, errors, isUpdate);
                    break;
                case Kind.Schema:
                    ReadCustomFields(input, prefix, schemas, output, errors);
                    break;
                case Kind.CustomFields:
                    // Checked together with "schema"; custom values without a schema reference are refused.
                    if (input["schema"] == null && !(node is JsonObject o && o.Count == 0)) errors.Add(FieldError.Required(prefix + "schema"));
                    break;
            }
        }
        return new ContactDraft(output);
    }

    /// <summary>
    /// schema {id, version} (other DataSchema properties sent back after a GET are ignored) must name a stored version of
    /// an enabled schema; customFields are checked against that version. Stored as schema {id, version, selfUri} and
    /// customFields (only the fields given, empty strings and nulls dropped).
    /// </summary>
    private static void ReadCustomFields(JsonObject input, string prefix, Schemas.SchemaStore? schemas, JsonObject output, List<FieldError> errors)
    {
        var path = prefix + "schema";
        if (input["schema"] is not JsonObject reference || reference["id"] is not { } idNode || idNode.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(FieldError.Required(path + ".id"));
            return;
        }
        if (reference["version"] is not { } versionNode || versionNode.GetValueKind() != JsonValueKind.Number
            || !versionNode.AsValue().TryGetValue<int>(out var version))
        {
            errors.Add(FieldError.Required(path + ".version"));
            return;
        }
        var id = idNode.GetValue<string>().Trim();
        var latest = schemas?.Latest(id);
        if (latest == null)
        {
            errors.Add(FieldError.Invalid(path + ".id", "the schema does not exist"));
            return;
        }
        var schema = schemas!.Version(id, version);
        if (schema == null)
        {
            errors.Add(FieldError.Invalid(path + ".version", "the schema has no such version"));
            return;
        }
        if (!latest.Enabled)
        {
            errors.Add(FieldError.Invalid(path + ".id", "the schema is disabled"));
            return;
        }
        var values = input["customFields"];
        if (values != null && values is not JsonObject)
        {
            errors.Add(FieldError.WrongType(prefix + "customFields", "an object"));
            return;
        }
        var stored = Schemas.SchemaRules.ValidateValues(values as JsonObject ?? new JsonObject(), schema, prefix + "customFields", errors);
        output["schema"] = new JsonObject { ["id"] = schema.Id, ["version"] = schema.Version, ["selfUri"] = Schemas.SchemaVersion.UriFor(schema.Id) };
        if (stored.Count > 0) output["customFields"] = stored;
    }

    /// <summary>A division reference must name the org's (only) division; a contact can never move.</summary>
    private static void CheckDivision(JsonNode node, string path, List<FieldError> errors, bool isUpdate)
    {
        if (node is not JsonObject division)
        {
            errors.Add(FieldError.WrongType(path, "an object"));
            return;
        }
        var id = division["id"];
        if (id == null) return;
        if (id.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(FieldError.WrongType(path + ".id", "a string"));
            return;
        }
        if (!string.Equals(id.GetValue<string>(), OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(isUpdate
                ? FieldError.Invalid(path + ".id", "the division of an existing contact cannot be changed")
                : FieldError.Invalid(path + ".id", "the division does not exist"));
        }
    }

    private static string? ReadText(JsonNode node, string path, int max, List<FieldError> errors)
    {
        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(FieldError.WrongType(path, "a string"));
            return null;
        }
        var text = node.GetValue<string>().Trim();
        if (text.Length == 0) return null;
        if (text.Length > max)
        {
            errors.Add(FieldError.TooLong(path, max));
            return null;
        }
        return text;
    }

    /// <summary>local@domain.tld with no spaces: the shape the API insists on, not full RFC 5322.</summary>
    internal static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1) return false;
        if (email.Any(char.IsWhiteSpace)) return false;
        var domain = email.Substring(at + 1);
        var dot = domain.IndexOf('.');
        return dot > 0 && !domain.EndsWith(".", StringComparison.Ordinal) && !domain.Contains("..");
    }

    private static JsonObject? ReadPhone(JsonNode node, string path, List<FieldError> errors)
    {
        if (node is not JsonObject phone)
        {
            errors.Add(FieldError.WrongType(path, "a PhoneNumber object"));
            return null;
        }
        foreach (var property in phone)
        {
            if (property.Key is not ("display" or "extension" or "acceptsSMS" or "normalizationCountryCode" or "userInput" or "e164" or "countryCode"))
            {
                errors.Add(FieldError.UnknownProperty(path + "." + property.Key, "PhoneNumber"));
            }
        }
        var before = errors.Count;
        string? display = null, normalization = null;
        long? extension = null;
        bool? acceptsSms = null;
        if (phone["display"] is { } d) display = ReadText(d, path + ".display", 512, errors);
        if (phone["normalizationCountryCode"] is { } n)
        {
            normalization = ReadText(n, path + ".normalizationCountryCode", 25, errors);
            if (normalization != null && !PhoneNormalizer.IsKnownCountry(normalization))
            {
                errors.Add(FieldError.Invalid(path + ".normalizationCountryCode", "not a known country code"));
            }
        }
        if (phone["extension"] is { } e)
        {
            if (e.GetValueKind() == JsonValueKind.Number && e.AsValue().TryGetValue<long>(out var ext) && ext >= 0) extension = ext;
            else errors.Add(FieldError.WrongType(path + ".extension", "a whole number"));
        }
        if (phone["acceptsSMS"] is { } s)
        {
            if (s.GetValueKind() is JsonValueKind.True or JsonValueKind.False) acceptsSms = s.GetValue<bool>();
            else errors.Add(FieldError.WrongType(path + ".acceptsSMS", "true or false"));
        }
        if (errors.Count != before) return null;

        var output = new JsonObject();
        ParsedPhone? parsed = display == null ? null : PhoneNormalizer.Parse(display, normalization);
        if (parsed != null) output["display"] = parsed.Display;
        var finalExtension = extension ?? parsed?.Extension;
        if (finalExtension != null) output["extension"] = finalExtension.Value;
        if (acceptsSms != null) output["acceptsSMS"] = acceptsSms.Value;
        if (normalization != null) output["normalizationCountryCode"] = normalization;
        if (parsed != null)
        {
            output["userInput"] = display;
            if (parsed.E164 != null) output["e164"] = parsed.E164;
            if (parsed.CountryCode != null) output["countryCode"] = parsed.CountryCode;
        }
        return output.Count == 0 ? null : output;
    }

    private static JsonObject? ReadAddress(JsonNode node, string path, List<FieldError> errors)
    {
        if (node is not JsonObject address)
        {
            errors.Add(FieldError.WrongType(path, "a ContactAddress object"));
            return null;
        }
        foreach (var property in address)
        {
            if (!AddressFields.Any(f => f.Name == property.Key)) errors.Add(FieldError.UnknownProperty(path + "." + property.Key, "ContactAddress"));
        }
        var output = new JsonObject();
        foreach (var (name, max) in AddressFields)
        {
            if (address[name] is not { } value) continue;
            var text = ReadText(value, path + "." + name, max, errors);
            if (text != null) output[name] = text;
        }
        return output.Count == 0 ? null : output;
    }

    private static JsonArray? ReadExternalIds(JsonNode node, string path, int max, ExternalSourceStore sources, List<FieldError> errors)
    {
        if (node is not JsonArray items)
        {
            errors.Add(FieldError.WrongType(path, "an array"));
            return null;
        }
        if (items.Count > max)
        {
            errors.Add(FieldError.TooMany(path, max));
            return null;
        }
        var output = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            if (items[i] is not JsonObject item)
            {
                errors.Add(FieldError.WrongType(itemPath, "an ExternalId object"));
                continue;
            }
            foreach (var property in item)
            {
                if (property.Key is not ("externalSource" or "value")) errors.Add(FieldError.UnknownProperty(itemPath + "." + property.Key, "ExternalId"));
            }
            var value = item["value"] is { } v ? ReadText(v, itemPath + ".value", 255, errors) : null;
            if (value == null && item["value"] == null) errors.Add(FieldError.Required(itemPath + ".value"));
            var sourceId = ReadSourceReference(item["externalSource"], itemPath + ".externalSource", sources, errors);
            if (value != null && sourceId != null)
            {
                output.Add(new JsonObject
                {
                    ["externalSource"] = new JsonObject { ["id"] = sourceId, ["selfUri"] = ExternalSource.UriFor(sourceId) },
                    ["value"] = value,
                });
            }
        }
        return output.Count == 0 ? null : output;
    }

    /// <summary>
    /// An externalOrganization reference: {id} (other properties of a full organization sent back after a GET are ignored);
    /// the organization must exist. Stored as {id, selfUri}.
    /// </summary>
    private static JsonObject? ReadOrganizationReference(JsonNode node, string path, Organizations.OrganizationStore? organizations, List<FieldError> errors)
    {
        if (node is not JsonObject reference || reference["id"] is not { } idNode || idNode.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(FieldError.Required(path + ".id"));
            return null;
        }
        var stored = organizations?.Get(idNode.GetValue<string>().Trim());
        if (stored == null)
        {
            errors.Add(FieldError.Invalid(path, "the external organization does not exist"));
            return null;
        }
        return new JsonObject { ["id"] = stored.Id, ["selfUri"] = Organizations.StoredOrganization.UriFor(stored.Id) };
    }

    /// <summary>Reads {id} of an external source reference and checks the source exists; returns the id or null.</summary>
    internal static string? ReadSourceReference(JsonNode? node, string path, ExternalSourceStore sources, List<FieldError> errors)
    {
        if (node == null)
        {
            errors.Add(FieldError.Required(path));
            return null;
        }
        if (node is not JsonObject source || source["id"] is not { } idNode || idNode.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(FieldError.Required(path + ".id"));
            return null;
        }
        var id = idNode.GetValue<string>().Trim();
        var stored = sources.Get(id);
        if (stored == null)
        {
            errors.Add(FieldError.Invalid(path + ".id", "the external source does not exist"));
            return null;
        }
        return stored.Id;
    }
}
