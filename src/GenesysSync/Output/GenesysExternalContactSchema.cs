using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync;

/// <summary>A custom-field schema for external contacts (its latest version, or the version asked for).</summary>
public sealed class GenesysExternalContactSchema
{
    internal GenesysExternalContactSchema(DataSchema schema)
    {
        var fields = GenesysSync.Sync.CustomFieldSchema.FromDataSchema(schema).Fields;
        Id = schema.Id ?? "";
        Name = schema.Name ?? "";
        Version = schema.Version ?? 0;
        Enabled = schema.Enabled;
        DateCreated = schema.DateCreated;
        Description = schema.JsonSchema?.Description;
        Fields = fields.Select(f => new GenesysCustomFieldInfo(f.Name, f.Type.ToString(), f.Title, f.Required, f.MaxLength,
            f.EnumValues?.ToArray(), f.Minimum, f.Maximum)).ToArray();
    }

    public string Id { get; }
    public string Name { get; }
    public int Version { get; }
    public bool? Enabled { get; }
    public DateTimeOffset? DateCreated { get; }
    public string? Description { get; }
    /// <summary>The fields, by key ("accountTier_enum"); the key is what -Map and -CustomField name.</summary>
    public GenesysCustomFieldInfo[] Fields { get; }
    public string[] FieldNames => Fields.Select(f => f.Name).ToArray();

    public override string ToString() => Name;
}

/// <summary>One custom field of a schema.</summary>
public sealed class GenesysCustomFieldInfo
{
    internal GenesysCustomFieldInfo(string name, string type, string? title, bool required, int? maxLength, string[]? enumValues, decimal? minimum, decimal? maximum)
    {
        Name = name;
        Type = type;
        Title = title;
        Required = required;
        MaxLength = maxLength;
        EnumValues = enumValues ?? Array.Empty<string>();
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The key in customFields, with its type suffix ("accountTier_enum").</summary>
    public string Name { get; }
    /// <summary>Text, LongText, Url, Identifier, Enum, Date, DateTime, Integer, Number, Checkbox or Tag.</summary>
    public string Type { get; }
    public string? Title { get; }
    public bool Required { get; }
    public int? MaxLength { get; }
    public string[] EnumValues { get; }
    public decimal? Minimum { get; }
    public decimal? Maximum { get; }

    public override string ToString() => Name;
}

/// <summary>Custom-field JSON values as plain PowerShell values.</summary>
internal static class CustomFieldOutput
{
    public static OrderedDictionary ToDictionary(Dictionary<string, JsonElement>? values)
    {
        var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (values ?? new Dictionary<string, JsonElement>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            result[pair.Key] = ToValue(pair.Value);
        return result;
    }

    private static object? ToValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => v.TryGetInt64(out var l) ? l : v.TryGetDecimal(out var d) ? d : v.GetDouble(),
        JsonValueKind.Array => v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()).ToArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };
}
