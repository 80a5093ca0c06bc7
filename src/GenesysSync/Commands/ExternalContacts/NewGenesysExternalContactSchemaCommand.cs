using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// New-GenesysExternalContactSchema: creates a custom-field schema for contacts from a field list, e.g.
/// <c>-Field @{ accountTier = @{ Type = 'Enum'; Values = 'Gold','Silver' }; loyaltyId = 'Identifier'; seats = 'Integer' }</c>.
/// </summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalContactSchema, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalContactSchema.md")]
[OutputType(typeof(GenesysExternalContactSchema))]
public sealed class NewGenesysExternalContactSchemaCommand : GenesysCmdlet
{
    private static readonly string[] Types = { "Text", "LongText", "Url", "Identifier", "Enum", "Date", "DateTime", "Integer", "Number", "Checkbox", "Tag" };

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateLength(1, 100)]
    public string Name { get; set; } = "";

    /// <summary>
    /// Field name → type name (Text, LongText, Url, Identifier, Enum, Date, DateTime, Integer, Number, Checkbox, Tag), or
    /// → a hashtable with Type and optional Title, Description, MaxLength, Values (Enum), Minimum, Maximum, Required.
    /// A name that already ends in a type suffix ("seats_integer") keeps it.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public Hashtable Field { get; set; } = new();

    [Parameter]
    [ValidateLength(0, 500)]
    public string? Description { get; set; }

    protected override void EndProcessing()
    {
        DataSchema schema;
        try
        {
            schema = Build();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new PSArgumentException(ex.Message, ex), "InvalidSchemaField", Field);
            return;
        }
        var keys = string.Join(", ", schema.JsonSchema!.Properties!.Keys);
        if (!ShouldProcess(Name, "Create external contact schema (" + keys + ")")) return;
        try
        {
            WriteObject(new GenesysExternalContactSchema(Run(ct => ActiveConnection.ExternalContacts.CreateContactSchemaAsync(schema, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSchemaCreateFailed", Name);
        }
    }

    private DataSchema Build()
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (DictionaryEntry entry in Field)
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
        if (properties.Count == 0) throw new ArgumentException("Give at least one field.");
        return new DataSchema
        {
            Name = Name,
            Enabled = true,
            JsonSchema = new JsonSchemaDocument
            {
                Title = Name,
                Description = Description,
                Type = "object",
                Required = required.Count == 0 ? null : required,
                Properties = properties,
            },
        };
    }

    private static object? Get(IDictionary? options, string name)
    {
        if (options is null) return null;
        foreach (DictionaryEntry e in options)
            if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return e.Value is PSObject p ? p.BaseObject : e.Value;
        return null;
    }
}
