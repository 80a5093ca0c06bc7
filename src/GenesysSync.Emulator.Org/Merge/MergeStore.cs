using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;

namespace GenesysSync.Emulator.Merge;

/// <summary>
/// Contacts that were merged away ("ancestors"): each keeps its last JSON and points to the canonical contact at the
/// head of its merge tree. GET /contacts/{ancestor} resolves to the canonical contact; GET /contacts/{id}/unresolved
/// returns the ancestor as it was. Thread-safe.
/// </summary>
internal sealed class MergeStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Ancestor> _ancestors = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Ancestor
    {
        public Ancestor(JsonObject json, string canonicalId)
        {
            Json = json;
            CanonicalId = canonicalId;
        }

        public JsonObject Json { get; }
        public string CanonicalId { get; set; }
    }

    /// <summary>The live contact an ancestor id resolves to, or null (not an ancestor, or its canonical is gone).</summary>
    public StoredContact? Resolve(string id, ContactStore contacts)
    {
        string canonical;
        lock (_gate)
        {
            if (!_ancestors.TryGetValue(id, out var ancestor)) return null;
            canonical = ancestor.CanonicalId;
        }
        return contacts.Get(canonical);
    }

    /// <summary>An ancestor's own JSON (with mergedTo and the current canonicalContact), or null.</summary>
    public JsonObject? Unresolved(string id)
    {
        lock (_gate)
        {
            if (!_ancestors.TryGetValue(id, out var ancestor)) return null;
            var json = (JsonObject)ancestor.Json.DeepClone();
            json["canonicalContact"] = Reference(ancestor.CanonicalId);
            return json;
        }
    }

    /// <summary>Every ancestor id whose merge tree ends in <paramref name="canonicalId"/>.</summary>
    public List<string> AncestorsOf(string canonicalId)
    {
        lock (_gate)
        {
            return _ancestors.Where(a => string.Equals(a.Value.CanonicalId, canonicalId, StringComparison.OrdinalIgnoreCase)).Select(a => a.Key).ToList();
        }
    }

    /// <summary>The size of a contact's merge set: itself plus its ancestors.</summary>
    public int MergeSetSize(string contactId) => 1 + AncestorsOf(contactId).Count;

    /// <summary>Records that <paramref name="sources"/> were merged into <paramref name="resultId"/> (their ancestors follow).</summary>
    public void Record(IEnumerable<StoredContact> sources, string resultId)
    {
        lock (_gate)
        {
            foreach (var source in sources)
            {
                foreach (var inherited in _ancestors.Values.Where(a => string.Equals(a.CanonicalId, source.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    inherited.CanonicalId = resultId;
                }
                var json = source.ToJsonObject();
                json["mergedTo"] = Reference(resultId);
                _ancestors[source.Id] = new Ancestor(json, resultId);
            }
        }
    }

    public void Clear()
    {
        lock (_gate) _ancestors.Clear();
    }

    public static JsonObject Reference(string id) => new() { ["id"] = id, ["selfUri"] = StoredContact.UriFor(id) };
}
