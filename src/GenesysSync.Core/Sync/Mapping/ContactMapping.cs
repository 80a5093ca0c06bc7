using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysSync.Sync;

/// <summary>What the caller asks of the mapping.</summary>
public sealed class MappingOptions
{
    /// <summary>
    /// Explicit entries: contact field (canonical name or alias, e.g. "workEmail", "Zip"; custom fields as
    /// "custom:name" or "customFields.name") → source. A null source turns auto-mapping off for that field.
    /// </summary>
    public IDictionary<string, FieldSource?> Map { get; } = new Dictionary<string, FieldSource?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Map columns whose names match fields (case/space/underscore/hyphen-insensitive, plus aliases).</summary>
    public bool AutoMap { get; set; } = true;

    /// <summary>Custom fields the input may fill (values are converted to each field's type).</summary>
    public ICustomFieldSchema? Schema { get; set; }

    /// <summary>Columns used for the match key: never reported as unmapped, never auto-mapped to a field.</summary>
    public IList<string> KeyColumns { get; } = new List<string>();
}

/// <summary>A standard field and where its value comes from.</summary>
public sealed class FieldMapping
{
    internal FieldMapping(ContactField field, FieldSource source, bool automatic)
    {
        Field = field;
        Source = source;
        Automatic = automatic;
    }

    public ContactField Field { get; }
    public FieldSource Source { get; }
    /// <summary>True when found by name, false when given in the map.</summary>
    public bool Automatic { get; }
}

/// <summary>A custom field and where its value comes from.</summary>
public sealed class CustomFieldMapping
{
    internal CustomFieldMapping(CustomFieldDefinition field, FieldSource source, bool automatic)
    {
        Field = field;
        Source = source;
        Automatic = automatic;
    }

    public CustomFieldDefinition Field { get; }
    public FieldSource Source { get; }
    public bool Automatic { get; }
}

/// <summary>A column that is not sent, and why.</summary>
public sealed class UnmappedColumn
{
    internal UnmappedColumn(string column, string reason, bool isUnsupportedField)
    {
        Column = column;
        Reason = reason;
        IsUnsupportedField = isUnsupportedField;
    }

    public string Column { get; }
    public string Reason { get; }
    /// <summary>True when the column names data Genesys has no field for (e.g. department).</summary>
    public bool IsUnsupportedField { get; }

    public override string ToString() => Column + ": " + Reason;
}

/// <summary>What the mapping decided, reported once per run (warning + summary).</summary>
public sealed class MappingReport
{
    internal MappingReport(IReadOnlyList<FieldMapping> fields, IReadOnlyList<CustomFieldMapping> custom, IReadOnlyList<UnmappedColumn> unmapped, IReadOnlyList<string> keyColumns)
    {
        Fields = fields;
        CustomFields = custom;
        Unmapped = unmapped;
        KeyColumns = keyColumns;
    }

    public IReadOnlyList<FieldMapping> Fields { get; }
    public IReadOnlyList<CustomFieldMapping> CustomFields { get; }
    public IReadOnlyList<UnmappedColumn> Unmapped { get; }
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>Names of the columns that are not sent.</summary>
    public IReadOnlyList<string> UnmappedColumnNames => Unmapped.Select(u => u.Column).ToList();
}

/// <summary>The mapping configuration is wrong (unknown field, missing column...): the run cannot start.</summary>
public sealed class MappingException : ArgumentException
{
    public MappingException(string message) : base(message) { }
}

/// <summary>
/// Resolved mapping from input columns to contact fields, decided once per run from the column
/// names (the CSV header or the union of pipeline object properties).
/// </summary>
public sealed class ContactMapping
{
    private const string CustomPrefix1 = "custom:";
    private const string CustomPrefix2 = "customFields.";
    private const string CustomPrefix3 = "customFields:";

    private ContactMapping(IReadOnlyList<FieldMapping> fields, IReadOnlyList<CustomFieldMapping> custom, ICustomFieldSchema? schema, MappingReport report)
    {
        Fields = fields;
        CustomFields = custom;
        Schema = schema;
        Report = report;
    }

    /// <summary>Standard fields in catalogue order.</summary>
    public IReadOnlyList<FieldMapping> Fields { get; }
    public IReadOnlyList<CustomFieldMapping> CustomFields { get; }
    public ICustomFieldSchema? Schema { get; }
    public MappingReport Report { get; }

    /// <exception cref="MappingException">an entry names an unknown field or a missing column, or nothing maps at all.</exception>
    public static ContactMapping Resolve(IReadOnlyList<string> columns, MappingOptions options) => Resolve(columns, options, FieldCatalog.Contacts);

    /// <summary>Resolves against another kind's fields (e.g. organizations).</summary>
    public static ContactMapping Resolve(IReadOnlyList<string> columns, MappingOptions options, FieldCatalog catalog)
    {
        if (columns is null) throw new ArgumentNullException(nameof(columns));
        if (catalog is null) throw new ArgumentNullException(nameof(catalog));
        options ??= new MappingOptions();
        var noun = catalog.Noun;
        var title = char.ToUpperInvariant(noun[0]) + noun.Substring(1);

        var byColumn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns) byColumn[c] = c;

        var fields = new Dictionary<ContactField, FieldMapping>();
        var suppressed = new HashSet<ContactField>();
        var custom = new Dictionary<string, CustomFieldMapping>(StringComparer.OrdinalIgnoreCase);
        var suppressedCustom = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keyColumns = new List<string>();

        foreach (var k in options.KeyColumns)
        {
            if (!byColumn.TryGetValue(k, out var actual))
                throw new MappingException($"The key column '{k}' is not in the input. Columns: {List(columns)}.");
            keyColumns.Add(actual);
        }

        // 1. Explicit entries.
        foreach (var entry in options.Map)
        {
            var customName = CustomName(entry.Key);
            CustomFieldDefinition? customDef = null;
            ContactField? field = null;
            if (customName is null) field = catalog.Find(entry.Key);
            if (field is null)
            {
                customName ??= entry.Key;
                customDef = FindCustom(options.Schema, customName);
                if (customDef is null)
                {
                    throw new MappingException(options.Schema is null
                        ? $"The map names '{entry.Key}', which is not a {noun} field. {title} fields: {List(catalog.All.Select(f => f.Name))}. Custom fields need -Schema (the schema that defines them)."
                        : $"The map names '{entry.Key}', which is neither a {noun} field nor a field of the schema '{options.Schema.Name}'. {title} fields: {List(catalog.All.Select(f => f.Name))}; schema fields: {List(options.Schema.Fields.Select(f => f.Name))}.");
                }
            }

            var source = entry.Value;
            if (source?.Column is not null)
            {
                if (!byColumn.TryGetValue(source.Column, out var actual))
                    throw new MappingException($"The map entry '{entry.Key}' names the column '{source.Column}', which is not in the input. Columns: {List(columns)}.");
                source = FieldSource.FromColumn(actual);
                usedColumns.Add(actual);
            }

            if (field is not null)
            {
                if (fields.ContainsKey(field) || suppressed.Contains(field))
                    throw new MappingException($"The map gives the field '{field.Name}' twice.");
                if (source is null) suppressed.Add(field);
                else fields[field] = new FieldMapping(field, source, automatic: false);
            }
            else
            {
                if (custom.ContainsKey(customDef!.Name) || suppressedCustom.Contains(customDef.Name))
                    throw new MappingException($"The map gives the custom field '{customDef.Name}' twice.");
                if (source is null) suppressedCustom.Add(customDef.Name);
                else custom[customDef.Name] = new CustomFieldMapping(customDef, source, automatic: false);
            }
        }

        // 2. Automatic matches by name, then reasons for everything left over.
        var unmapped = new List<UnmappedColumn>();
        var keySet = new HashSet<string>(keyColumns, StringComparer.OrdinalIgnoreCase);
        var autoFrom = new Dictionary<ContactField, string>();
        if (options.AutoMap)
        {
            // Exact canonical names first, so "Email" does not take workEmail from a "Work Email" column.
            foreach (var pass in new[] { true, false })
            {
                foreach (var column in columns)
                {
                    if (usedColumns.Contains(column) || keySet.Contains(column)) continue;
                    var field = pass ? catalog.FindByName(column) : catalog.Find(column);
                    if (field is null || fields.ContainsKey(field) || suppressed.Contains(field)) continue;
                    fields[field] = new FieldMapping(field, FieldSource.FromColumn(column), automatic: true);
                    autoFrom[field] = column;
                    usedColumns.Add(column);
                }
            }
            if (options.Schema is not null)
            {
                foreach (var column in columns)
                {
                    if (usedColumns.Contains(column) || keySet.Contains(column)) continue;
                    var def = FindCustom(options.Schema, column);
                    if (def is null || custom.ContainsKey(def.Name) || suppressedCustom.Contains(def.Name)) continue;
                    custom[def.Name] = new CustomFieldMapping(def, FieldSource.FromColumn(column), automatic: true);
                    usedColumns.Add(column);
                }
            }
        }

        foreach (var column in columns)
        {
            if (usedColumns.Contains(column) || keySet.Contains(column)) continue;
            var key = ContactFields.NameKey(column);
            var field = catalog.Find(column);
            if (field is not null && autoFrom.TryGetValue(field, out var winner))
                unmapped.Add(new UnmappedColumn(column, $"Also matches the field '{field.Name}', which is taken from the column '{winner}'; use the map to choose.", false));
            else if (field is not null && fields.ContainsKey(field))
                unmapped.Add(new UnmappedColumn(column, $"Matches the field '{field.Name}', which the map fills from '{fields[field].Source}'.", false));
            else if (field is not null && suppressed.Contains(field))
                unmapped.Add(new UnmappedColumn(column, $"Matches the field '{field.Name}', which the map excludes.", false));
            else if (catalog.Unsupported.TryGetValue(key, out var reason))
                unmapped.Add(new UnmappedColumn(column, reason + CustomHint(catalog, options.Schema, column, reason), true));
            else if (!options.AutoMap && field is not null)
                unmapped.Add(new UnmappedColumn(column, $"Would match the field '{field.Name}', but automatic mapping is off.", false));
            else if (options.Schema is not null && ReferenceEquals(catalog, FieldCatalog.Contacts))
                unmapped.Add(new UnmappedColumn(column, $"Neither a {noun} field nor a field of the schema '{options.Schema.Name}' has this name;"
                    + $" map it to a custom field (-Map @{{ 'customFields.<key>' = '{column}' }}) or add the field to the schema (Set-GenesysExternalContactSchema -AddField).", false));
            else if (ReferenceEquals(catalog, FieldCatalog.Contacts))
                unmapped.Add(new UnmappedColumn(column, $"No {noun} field has this name; add it to the map to send it, or send it to a custom field with -Schema (see 'Custom fields' in docs/concepts/sync.md).", false));
            else
                unmapped.Add(new UnmappedColumn(column, $"No {noun} field has this name; add it to the map to send it.", false));
        }

        var orderedFields = catalog.All.Where(fields.ContainsKey).Select(f => fields[f]).ToList();
        var orderedCustom = custom.Values.OrderBy(c => c.Field.Name, StringComparer.Ordinal).ToList();
        if (orderedFields.Count == 0 && orderedCustom.Count == 0)
            throw new MappingException($"No input column maps to a {noun} field. Columns: {List(columns)}. Rename the columns or give a map (e.g. {catalog.All[0].Name} → 'First').");

        var report = new MappingReport(orderedFields, orderedCustom, unmapped, keyColumns);
        return new ContactMapping(orderedFields, orderedCustom, options.Schema, report);
    }

    // An unsupported column whose reason suggests a custom field: with -Schema, say the schema has no such field and how to
    // fix it (the reason alone reads as if -Schema were missing).
    private static string CustomHint(FieldCatalog catalog, ICustomFieldSchema? schema, string column, string reason)
    {
        if (schema is null || !ReferenceEquals(catalog, FieldCatalog.Contacts) || reason.IndexOf("custom field", StringComparison.OrdinalIgnoreCase) < 0) return "";
        return $" The schema '{schema.Name}' has no field of this name: add one (Set-GenesysExternalContactSchema -AddField)"
            + $" or map the column to another custom field (-Map @{{ 'customFields.<key>' = '{column}' }}).";
    }

    private static string? CustomName(string key)
    {
        foreach (var p in new[] { CustomPrefix1, CustomPrefix2, CustomPrefix3 })
            if (key.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return key.Substring(p.Length).Trim();
        return null;
    }

    private static CustomFieldDefinition? FindCustom(ICustomFieldSchema? schema, string name)
    {
        if (schema is null) return null;
        foreach (var f in schema.Fields) if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
        var key = ContactFields.NameKey(name);
        foreach (var f in schema.Fields) if (ContactFields.NameKey(f.Name) == key) return f;
        // "AccountTier" finds "accountTier_enum": the key without its type suffix, when only one field has that name.
        var byBase = schema.Fields.Where(f => ContactFields.NameKey(f.BaseName) == key).ToList();
        return byBase.Count == 1 ? byBase[0] : null;
    }

    private static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        var shown = string.Join(", ", all.Take(30));
        return all.Count > 30 ? shown + $", … ({all.Count} in all)" : shown;
    }
}
