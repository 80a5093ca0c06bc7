using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// The field-spec hashtable of New-GenesysExternalContactSchema -Field and Set-GenesysExternalContactSchema -AddField
/// (<c>@{ accountTier = @{ Type = 'Enum'; Values = 'Gold','Silver' }; loyaltyId = 'Identifier' }</c>), turned into
/// JSON Schema property definitions keyed "name_type".
/// </summary>
internal static class ContactSchemaFields
{
    public static readonly string[] Types = { "Text", "LongText", "Url", "Identifier", "Enum", "Date", "DateTime", "Integer", "Number", "Checkbox", "Tag" };

    /// <summary>Field key → definition, and the keys marked Required. Throws ArgumentException on a field without a usable type.</summary>
    public static (Dictionary<string, JsonElement> Properties, List<string> Required) Parse(IDictionary fields)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (DictionaryEntry entry in fields)
        {
            var name = entry.Key?.ToString()?.Trim() ?? "";
            var spec = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            var options = spec as IDictionary;
            var typeName = options is null ? spec?.ToString() : Get(options, "Type")?.ToString();
            var suffixType = GenesysSync.Sync.CustomFieldDefinition.TypeOf(name);
            if (string.IsNullOrEmpty(typeName) && suffixType is null)
                throw new ArgumentException($"The field '{name}' has no type. Types: {string.Join(", ", Types)}.");
            var type = string.IsNullOrEmpty(typeName) ? suffixType!.Value.ToString() : Types.FirstOrDefault(t => string.Equals(t, typeName, StringComparison.OrdinalIgnoreCase))
                ?? (string.Equals(typeName, "Boolean", StringComparison.OrdinalIgnoreCase) ? "Checkbox" : null)
                ?? throw new ArgumentException($"The field '{name}' has the type '{typeName}'. Types: {string.Join(", ", Types)}.");
            var suffix = type.ToLowerInvariant();
            var key = suffixType is not null && string.Equals(suffixType.Value.ToString(), type, StringComparison.OrdinalIgnoreCase) ? name : name + "_" + suffix;

            var definition = new Dictionary<string, object?>
            {
                ["allOf"] = new[] { new Dictionary<string, string> { ["$ref"] = "#/definitions/" + suffix } },
                ["title"] = Get(options, "Title")?.ToString() ?? name,
            };
            if (Get(options, "Description") is { } description) definition["description"] = description.ToString();
            if (Get(options, "MaxLength") is { } maxLength)
            {
                if (type == "Tag") definition["items"] = new Dictionary<string, object> { ["maxLength"] = Convert.ToInt32(maxLength, CultureInfo.InvariantCulture) };
                else definition["maxLength"] = Convert.ToInt32(maxLength, CultureInfo.InvariantCulture);
            }
            if (Get(options, "Minimum") is { } minimum) definition["minimum"] = Convert.ToDecimal(minimum, CultureInfo.InvariantCulture);
            if (Get(options, "Maximum") is { } maximum) definition["maximum"] = Convert.ToDecimal(maximum, CultureInfo.InvariantCulture);
            if (type == "Enum")
            {
                var values = Get(options, "Values") ?? Get(options, "Enum");
                var list = values is IEnumerable items and not string ? items.Cast<object?>().Select(v => (v is PSObject p ? p.BaseObject : v)?.ToString() ?? "").ToList()
                    : values is null ? new List<string>() : new List<string> { values.ToString()! };
                if (list.Count == 0) throw new ArgumentException($"The Enum field '{name}' needs Values (e.g. @{{ Type = 'Enum'; Values = 'Gold','Silver' }}).");
                definition["enum"] = list;
            }
            if (type == "Tag") definition["uniqueItems"] = true;
            if (Get(options, "Required") is { } req && LanguagePrimitives.IsTrue(req)) required.Add(key);
            properties[key] = JsonSerializer.SerializeToElement(definition);
        }
        return (properties, required);
    }

    /// <summary>
    /// The key of <paramref name="schemaKeys"/> that <paramref name="name"/> names: the key itself ("seats_integer") or its
    /// name without the type suffix ("seats"), case-insensitive; null when none or several match.
    /// </summary>
    public static string? FindKey(IEnumerable<string> schemaKeys, string name)
    {
        var wanted = name.Trim();
        var keys = schemaKeys.ToList();
        var exact = keys.FirstOrDefault(k => string.Equals(k, wanted, StringComparison.Ordinal))
            ?? keys.FirstOrDefault(k => string.Equals(k, wanted, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var byBase = keys.Where(k => GenesysSync.Sync.CustomFieldDefinition.TypeOf(k) is not null
            && string.Equals(k.Substring(0, k.LastIndexOf('_')), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return byBase.Count == 1 ? byBase[0] : null;
    }

    private static object? Get(IDictionary? options, string name)
    {
        if (options is null) return null;
        foreach (DictionaryEntry e in options)
            if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return e.Value is PSObject p ? p.BaseObject : e.Value;
        return null;
    }
}
