using System;
using System.Collections.Generic;

namespace GenesysSync.Sync;

/// <summary>
/// A named custom-field schema of the org (extension point: the cmdlet loads it with the API and
/// passes it in). Only string custom fields are written by the sync.
/// </summary>
public interface ICustomFieldSchema
{
    string Id { get; }
    int Version { get; }
    string Name { get; }
    IReadOnlyList<CustomFieldDefinition> Fields { get; }
}

/// <summary>One custom field of a schema.</summary>
public sealed class CustomFieldDefinition
{
    public CustomFieldDefinition(string name, int? maxLength = null, bool isText = true)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A field name is required.", nameof(name));
        Name = name;
        MaxLength = maxLength;
        IsText = isText;
    }

    /// <summary>Key in <c>customFields</c> (e.g. "department_text").</summary>
    public string Name { get; }
    public int? MaxLength { get; }
    /// <summary>False for non-string fields (numbers, dates, lists), which the sync refuses to map.</summary>
    public bool IsText { get; }
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
}
