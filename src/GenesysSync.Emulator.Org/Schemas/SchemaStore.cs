using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Schemas;

/// <summary>
/// One version of a contact custom-field schema (a DataSchema): immutable, as the API keeps every version.
/// </summary>
internal sealed class SchemaVersion
{
    public SchemaVersion(string id, long seq, string name, int version, bool enabled, JsonObject jsonSchema, IReadOnlyList<SchemaField> fields,
        IReadOnlyList<string> required, DateTimeOffset created)
    {
        Id = id;
        Seq = seq;
        Name = name;
        Version = version;
        Enabled = enabled;
        JsonSchema = jsonSchema;
        Fields = fields;
        Required = required;
        Created = created;
    }

    public string Id { get; }
    public long Seq { get; }
    public string Name { get; }
    public int Version { get; }
    public bool Enabled { get; }
    public JsonObject JsonSchema { get; }
    public IReadOnlyList<SchemaField> Fields { get; }
    public IReadOnlyList<string> Required { get; }
    public DateTimeOffset Created { get; }

    public SchemaField? Field(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));

    public static string UriFor(string id) => "/api/v2/externalcontacts/contacts/schemas/" + id;

    public static string VersionUriFor(string id, int version)
        => UriFor(id) + "/versions/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["version"] = Version,
        ["appliesTo"] = new JsonArray("CONTACT"),
        ["enabled"] = Enabled,
        ["createdBy"] = new JsonObject { ["id"] = OrgState.ApiUserId, ["selfUri"] = "/api/v2/users/" + OrgState.ApiUserId },
        ["dateCreated"] = JsonUtil.Timestamp(Created),
        ["jsonSchema"] = JsonSchema.DeepClone(),
        ["selfUri"] = UriFor(Id),
    };
}

/// <summary>Contact schemas by id, every version kept, names unique (case-insensitive). Thread-safe.</summary>
internal sealed class SchemaStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<SchemaVersion>> _byId = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSeq;

    public int Count
    {
        get { lock (_gate) return _byId.Count; }
    }

    /// <summary>Fields of every schema's latest version (the per-org field budget).</summary>
    public int FieldCount(string? exceptId = null)
    {
        lock (_gate)
        {
            return _byId.Where(p => !string.Equals(p.Key, exceptId, StringComparison.OrdinalIgnoreCase)).Sum(p => p.Value[p.Value.Count - 1].Fields.Count);
        }
    }

    public SchemaVersion? Latest(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var versions) ? versions[versions.Count - 1] : null;
    }

    public SchemaVersion? Version(string id, int version)
    {
        lock (_gate) return _byId.TryGetValue(id, out var versions) ? versions.FirstOrDefault(v => v.Version == version) : null;
    }

    public IReadOnlyList<SchemaVersion>? Versions(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var versions) ? versions.ToList() : null;
    }

    public bool NameTaken(string name, string? exceptId)
    {
        lock (_gate)
        {
            return _byId.Any(p => !string.Equals(p.Key, exceptId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Value[p.Value.Count - 1].Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Stores version 1 of a new schema; null when the name is taken.</summary>
    public SchemaVersion? TryAdd(string name, bool enabled, JsonObject jsonSchema, IReadOnlyList<SchemaField> fields, IReadOnlyList<string> required, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (NameTaken(name, null)) return null;
            var id = Guid.NewGuid().ToString();
            var stored = new SchemaVersion(id, ++_nextSeq, name, 1, enabled, jsonSchema, fields, required, now);
            _byId[id] = new List<SchemaVersion> { stored };
            return stored;
        }
    }

    public enum UpdateOutcome { Updated, NotFound, VersionMismatch, NameTaken }

    /// <summary>Adds version n+1 when <paramref name="expectedVersion"/> is the current n.</summary>
    public UpdateOutcome TryUpdate(string id, int expectedVersion, string name, bool enabled, JsonObject jsonSchema, IReadOnlyList<SchemaField> fields,
        IReadOnlyList<string> required, DateTimeOffset now, out SchemaVersion? updated)
    {
        lock (_gate)
        {
            updated = null;
            if (!_byId.TryGetValue(id, out var versions)) return UpdateOutcome.NotFound;
            var current = versions[versions.Count - 1];
            if (current.Version != expectedVersion) return UpdateOutcome.VersionMismatch;
            if (NameTaken(name, current.Id)) return UpdateOutcome.NameTaken;
            updated = new SchemaVersion(current.Id, current.Seq, name, current.Version + 1, enabled, jsonSchema, fields, required, now);
            versions.Add(updated);
            return UpdateOutcome.Updated;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate) return _byId.Remove(id);
    }

    /// <summary>The latest version of each schema, in creation order.</summary>
    public List<SchemaVersion> List()
    {
        lock (_gate) return _byId.Values.Select(v => v[v.Count - 1]).OrderBy(s => s.Seq).ToList();
    }

    public List<JsonObject> Snapshot() => List().Select(s => s.ToJson()).ToList();

    public void Clear()
    {
        lock (_gate) _byId.Clear();
    }
}
