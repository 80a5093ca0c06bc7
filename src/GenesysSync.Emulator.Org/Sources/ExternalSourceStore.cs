using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Sources;

/// <summary>A stored external source. Immutable: updates swap the whole record.</summary>
internal sealed class ExternalSource
{
    public ExternalSource(string id, long seq, string name, bool active, string? uriTemplate)
    {
        Id = id;
        Seq = seq;
        Name = name;
        Active = active;
        UriTemplate = uriTemplate;
    }

    public string Id { get; }
    public long Seq { get; }
    public string Name { get; }
    public bool Active { get; }
    public string? UriTemplate { get; }

    public static string UriFor(string id) => "/api/v2/externalcontacts/externalsources/" + id;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["active"] = Active,
        };
        if (UriTemplate != null) json["linkConfiguration"] = new JsonObject { ["uriTemplate"] = UriTemplate };
        json["selfUri"] = UriFor(Id);
        return json;
    }
}

/// <summary>External sources by id, with names unique (case-insensitive). Thread-safe.</summary>
internal sealed class ExternalSourceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ExternalSource> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _idByName = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSeq;

    public bool Exists(string id)
    {
        lock (_gate) return _byId.ContainsKey(id);
    }

    public ExternalSource? Get(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var source) ? source : null;
    }

    /// <summary>Adds a source; null when the name is taken.</summary>
    public ExternalSource? TryAdd(string name, bool active, string? uriTemplate)
    {
        lock (_gate)
        {
            if (_idByName.ContainsKey(name)) return null;
            var source = new ExternalSource(Guid.NewGuid().ToString(), ++_nextSeq, name, active, uriTemplate);
            _byId[source.Id] = source;
            _idByName[name] = source.Id;
            return source;
        }
    }

    public enum UpdateOutcome { Updated, NotFound, NameTaken }

    public UpdateOutcome TryUpdate(string id, string name, bool active, string? uriTemplate, out ExternalSource? updated)
    {
        lock (_gate)
        {
            updated = null;
            if (!_byId.TryGetValue(id, out var existing)) return UpdateOutcome.NotFound;
            if (_idByName.TryGetValue(name, out var owner) && !string.Equals(owner, existing.Id, StringComparison.OrdinalIgnoreCase)) return UpdateOutcome.NameTaken;
            _idByName.Remove(existing.Name);
            updated = new ExternalSource(existing.Id, existing.Seq, name, active, uriTemplate);
            _byId[existing.Id] = updated;
            _idByName[name] = existing.Id;
            return UpdateOutcome.Updated;
        }
    }

    /// <summary>Deletes a source. Contacts that reference it keep their externalIds (as the real API documents).</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var existing)) return false;
            _byId.Remove(existing.Id);
            _idByName.Remove(existing.Name);
            return true;
        }
    }

    /// <summary>Sources in creation order after <paramref name="afterSeq"/>, filtered by name prefix and active flag.</summary>
    public List<ExternalSource> List(long afterSeq, string? namePrefix, bool? active, int take)
    {
        lock (_gate)
        {
            return _byId.Values
                .Where(s => s.Seq > afterSeq)
                .Where(s => namePrefix == null || s.Name.StartsWith(namePrefix, StringComparison.OrdinalIgnoreCase))
                .Where(s => active == null || s.Active == active)
                .OrderBy(s => s.Seq)
                .Take(take)
                .ToList();
        }
    }

    public List<JsonObject> Snapshot()
    {
        lock (_gate) return _byId.Values.OrderBy(s => s.Seq).Select(s => s.ToJson()).ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _idByName.Clear();
        }
    }
}
