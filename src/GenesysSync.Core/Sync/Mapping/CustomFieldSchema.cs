using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Sync;

/// <summary>
/// A named custom-field schema of the org (the cmdlet loads it with the API, see <see cref="CustomFieldSchema.FromDataSchema"/>,
/// and passes it in). Contacts written with custom fields reference it as <c>schema: {id, version}</c>.
/// </summary>
public interface ICustomFieldSchema
{
    string Id { get; }
    int Version { get; }
    string Name { get; }
    IReadOnlyList<CustomFieldDefinition> Fields { get; }
}

/// <summary>The type of a custom field: the suffix of its key ("accountTier_enum" is an Enum).</summary>
public enum CustomFieldType
{
    Text,
    LongText,
    Url,
    Identifier,
    Enum,
    Date,
    DateTime,
    Integer,
    Number,
    Checkbox,
    Tag,
}

/// <summary>One custom field of a schema.</summary>
public sealed class CustomFieldDefinition
{
    /// <param name="name">The key in <c>customFields</c>, e.g. "segment_text".</param>
    /// <param name="maxLength">The longest text (text-like types) or tag.</param>
    /// <param name="isText">False: the type is read from the key's suffix (e.g. "_number"); true: text unless the suffix says otherwise.</param>
    public CustomFieldDefinition(string name, int? maxLength = null, bool isText = true)
        : this(name, TypeOf(name) ?? CustomFieldType.Text, maxLength)
    {
        _ = isText;
    }

    public CustomFieldDefinition(string name, CustomFieldType type, int? maxLength = null, IEnumerable<string>? enumValues = null,
        decimal? minimum = null, decimal? maximum = null, string? title = null, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A field name is required.", nameof(name));
        Name = name;
        Type = type;
        MaxLength = maxLength;
        EnumValues = enumValues?.ToList();
        Minimum = minimum;
        Maximum = maximum;
        Title = title;
        Required = required;
    }

    /// <summary>Key in <c>customFields</c> (e.g. "department_text").</summary>
    public string Name { get; }
    public CustomFieldType Type { get; }
    public int? MaxLength { get; }
    /// <summary>The allowed values of an Enum field.</summary>
    public IReadOnlyList<string>? EnumValues { get; }
    public decimal? Minimum { get; }
    public decimal? Maximum { get; }
    public string? Title { get; }
    /// <summary>Listed in the schema's <c>required</c>: every contact using the schema must fill it.</summary>
    public bool Required { get; }

    /// <summary>True for the string types (text, longtext, url, identifier).</summary>
    public bool IsText => Type is CustomFieldType.Text or CustomFieldType.LongText or CustomFieldType.Url or CustomFieldType.Identifier;

    /// <summary>The key without its type suffix ("accountTier" for "accountTier_enum").</summary>
    public string BaseName
    {
        get
        {
            var i = Name.LastIndexOf('_');
            return i > 0 && TypeOf(Name) is not null ? Name.Substring(0, i) : Name;
        }
    }

    /// <summary>The type a key's suffix names, or null ("_text" → Text, "_checkbox" → Checkbox...).</summary>
    public static CustomFieldType? TypeOf(string key)
    {
        var i = key?.LastIndexOf('_') ?? -1;
        if (i <= 0) return null;
        return key!.Substring(i + 1).ToLowerInvariant() switch
        {
            "text" => CustomFieldType.Text,
            "longtext" => CustomFieldType.LongText,
            "url" => CustomFieldType.Url,
            "identifier" => CustomFieldType.Identifier,
            "enum" => CustomFieldType.Enum,
            "date" => CustomFieldType.Date,
            "datetime" => CustomFieldType.DateTime,
            "integer" => CustomFieldType.Integer,
            "number" => CustomFieldType.Number,
            "checkbox" => CustomFieldType.Checkbox,
            "tag" => CustomFieldType.Tag,
            _ => null,
        };
    }
}

/// <summary>A plain in-memory schema.</summary>
public sealed class CustomFieldSchema : ICustomFieldSchema
{
    public CustomFieldSchema(string id, int version, string name, IEnumerable<CustomFieldDefinition> fields)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Version = version;
        Name = name ?? id;
        Fields = new List<CustomFieldDefinition>(fields ?? throw new ArgumentNullException(nameof(fields)));
    }

    public string Id { get; }
    public int Version { get; }
    public string Name { get; }
    public IReadOnlyList<CustomFieldDefinition> Fields { get; }

    private static readonly Dictionary<CustomFieldType, int> DefaultMaxLength = new()
    {
        [CustomFieldType.Text] = 100, [CustomFieldType.LongText] = 1000, [CustomFieldType.Url] = 200, [CustomFieldType.Identifier] = 100, [CustomFieldType.Tag] = 100,
    };

    /// <summary>
    /// Reads the fields of a schema as the API returns it. Keys whose suffix is not a known type are left out (the sync
    /// cannot convert values for them).
    /// </summary>
    public static CustomFieldSchema FromDataSchema(DataSchema schema)
    {
        if (schema is null) throw new ArgumentNullException(nameof(schema));
        if (string.IsNullOrEmpty(schema.Id)) throw new ArgumentException("The schema has no id.", nameof(schema));
        var required = new HashSet<string>(schema.JsonSchema?.Required ?? new List<string>(), StringComparer.Ordinal);
        var fields = new List<CustomFieldDefinition>();
        foreach (var property in schema.JsonSchema?.Properties ?? new Dictionary<string, JsonElement>())
        {
            if (CustomFieldDefinition.TypeOf(property.Key) is not CustomFieldType type) continue;
            var d = property.Value;
            int? maxLength = null;
            if (type == CustomFieldType.Tag && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("items", out var items)) maxLength = Int(items, "maxLength");
            else maxLength = Int(d, "maxLength");
            if (maxLength is null && DefaultMaxLength.TryGetValue(type, out var cap)) maxLength = cap;
            List<string>? values = null;
            if (d.ValueKind == JsonValueKind.Object && d.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
                values = e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            var title = d.ValueKind == JsonValueKind.Object && d.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            fields.Add(new CustomFieldDefinition(property.Key, type, maxLength, values, Dec(d, "minimum"), Dec(d, "maximum"), title, required.Contains(property.Key)));
        }
        return new CustomFieldSchema(schema.Id!, schema.Version ?? 1, schema.Name ?? schema.Id!, fields.OrderBy(f => f.Name, StringComparer.Ordinal));
    }

    private static int? Int(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static decimal? Dec(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
}

/// <summary>
/// Converts custom-field values between what a row holds (text), the canonical text form that is compared and hashed,
/// and the JSON the API takes. Numbers, booleans and dates are read with the invariant culture.
/// </summary>
public static class CustomFieldValues
{
    /// <summary>Separator of tags in a cell and in the canonical form ("golf;wine").</summary>
    public const char TagSeparator = ';';

    private static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd" };

    /// <summary>
    /// Reads <paramref name="text"/> (trimmed, not empty) as a value of <paramref name="field"/>. On failure,
    /// <paramref name="problem"/> says what was expected (it never repeats the value).
    /// </summary>
    public static bool TryCanonical(CustomFieldDefinition field, string text, out string value, out string? problem)
    {
        value = text;
        problem = null;
        var inv = CultureInfo.InvariantCulture;
        switch (field.Type)
        {
            case CustomFieldType.Enum:
                var match = field.EnumValues?.FirstOrDefault(v => string.Equals(v, text, StringComparison.Ordinal))
                    ?? field.EnumValues?.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
                if (field.EnumValues is null || field.EnumValues.Count == 0) return true;
                if (match is null)
                {
                    problem = "must be one of: " + string.Join(", ", field.EnumValues.Take(20)) + (field.EnumValues.Count > 20 ? ", …" : "");
                    return false;
                }
                value = match;
                return true;

            case CustomFieldType.Integer:
                var digits = text.Replace(",", "").Replace(" ", "").Replace("\u00A0", "").Replace("_", "");
                if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var whole))
                {
                    problem = "must be a whole number";
                    return false;
                }
                if (!InRange(field, whole, out problem)) return false;
                value = whole.ToString(inv);
                return true;

            case CustomFieldType.Number:
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, inv, out var number))
                {
                    problem = "must be a number with a '.' decimal point (e.g. 1234.5)";
                    return false;
                }
                if (!InRange(field, number, out problem)) return false;
                value = Number(number);
                return true;

            case CustomFieldType.Checkbox:
                if (!ContactNormalizer.TryParseBoolean(text, out var flag))
                {
                    problem = "must be true/false (also yes/no, 1/0)";
                    return false;
                }
                value = flag ? "true" : "false";
                return true;

            case CustomFieldType.Date:
                if (DateTime.TryParseExact(text, DateFormats, inv, DateTimeStyles.None, out var date)
                    || (LooksIso(text) && DateTime.TryParse(text, inv, DateTimeStyles.None, out date)))
                {
                    value = date.ToString("yyyy-MM-dd", inv);
                    return true;
                }
                problem = "must be a date as yyyy-MM-dd";
                return false;

            case CustomFieldType.DateTime:
                if (LooksIso(text) && DateTimeOffset.TryParse(text, inv, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                {
                    value = Timestamp(at);
                    return true;
                }
                problem = "must be an ISO-8601 date and time (e.g. 2026-01-31T09:30:00Z; without an offset, UTC is assumed)";
                return false;

            case CustomFieldType.Tag:
                var tags = Tags(text);
                if (tags.Any(t => field.MaxLength is int max && t.Length > max))
                {
                    problem = $"has a tag longer than {field.MaxLength} characters";
                    return false;
                }
                value = string.Join(TagSeparator.ToString(), tags);
                return true;

            case CustomFieldType.Url:
                if (!(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                {
                    problem = "must be an absolute http(s) URL";
                    return false;
                }
                return CheckLength(field, text, out problem);

            default:
                return CheckLength(field, text, out problem);
        }
    }

    /// <summary>The JSON the API takes for a canonical value.</summary>
    public static JsonElement ToJson(CustomFieldDefinition? field, string canonical)
    {
        switch (field?.Type)
        {
            case CustomFieldType.Integer:
            case CustomFieldType.Number:
                using (var doc = JsonDocument.Parse(canonical)) return doc.RootElement.Clone();
            case CustomFieldType.Checkbox:
                return JsonSerializer.SerializeToElement(canonical == "true");
            case CustomFieldType.Tag:
                return JsonSerializer.SerializeToElement(Tags(canonical));
            default:
                return JsonSerializer.SerializeToElement(canonical);
        }
    }

    /// <summary>The canonical text of a value read from the org (null when empty), so it compares equal to the row's.</summary>
    public static string? FromJson(CustomFieldDefinition? field, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return v.TryGetDecimal(out var d) ? Number(d) : v.GetRawText();
            case JsonValueKind.Array:
                var tags = v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? ContactNormalizer.CleanText(e.GetString()) : e.GetRawText()).Where(t => t.Length > 0).ToList();
                return tags.Count == 0 ? null : string.Join(TagSeparator.ToString(), tags);
            case JsonValueKind.String:
                var text = ContactNormalizer.CleanText(v.GetString());
                if (text.Length == 0) return null;
                if (field?.Type == CustomFieldType.DateTime
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                    return Timestamp(at);
                return text;
            default:
                return v.GetRawText();
        }
    }

    private static List<string> Tags(string text)
        => text.Split(TagSeparator).Select(t => ContactNormalizer.CleanText(t)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static string Number(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool LooksIso(string text) => text.Length >= 10 && char.IsDigit(text[0]) && char.IsDigit(text[3]) && text[4] == '-' && text[7] == '-';

    private static bool InRange(CustomFieldDefinition field, decimal n, out string? problem)
    {
        problem = null;
        if ((field.Minimum is decimal min && n < min) || (field.Maximum is decimal max && n > max))
        {
            var inv = CultureInfo.InvariantCulture;
            problem = field.Minimum is decimal low && field.Maximum is decimal high ? $"must be between {low.ToString(inv)} and {high.ToString(inv)}"
                : field.Minimum is decimal least ? "must be at least " + least.ToString(inv)
                : "must be at most " + field.Maximum!.Value.ToString(inv);
            return false;
        }
        return true;
    }

    private static bool CheckLength(CustomFieldDefinition field, string text, out string? problem)
    {
        problem = null;
        if (field.MaxLength is int max && text.Length > max)
        {
            problem = $"is {text.Length} characters long; the schema allows at most {max}";
            return false;
        }
        return true;
    }
}
