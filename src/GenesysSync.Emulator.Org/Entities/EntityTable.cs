using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysSync.Emulator.Entities;

/// <summary>A stored record with a server-assigned id and its creation sequence (scan order).</summary>
internal interface IEntityRecord
{
    string Id { get; }
    long Seq { get; }
}

/// <summary>
/// Immutable records by id (case-insensitive), in creation order, with optional index keys (identity lookups).
/// One lock; writes swap whole records. Sized for organizations, notes and relationships (thousands, not millions).
/// </summary>
internal sealed class EntityTable<T> where T : class, IEntityRecord
{
    private readonly object _gate = new();
    private readonly Dictionary<string, T> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _index = new(StringComparer.Ordinal);
    private readonly Func<T, IEnumerable<string>> _keysOf;
    private long _nextSeq;

    public EntityTable(Func<T, IEnumerable<string>>? keysOf = null) => _keysOf = keysOf ?? (_ => Enumerable.Empty<string>());

    public object Gate => _gate;

    public int Count
    {
        get { lock (_gate) return _byId.Count; }
    }

    public long NextSeq()
    {
        lock (_gate) return ++_nextSeq;
    }

    public T? Get(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var record) ? record : null;
    }

    /// <summary>Adds or replaces (same id) a record and re-indexes it.</summary>
    public void Put(T record)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(record.Id, out var existing)) Unindex(existing);
            _byId[record.Id] = record;
            Index(record);
        }
    }

    public T? Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var existing)) return null;
            _byId.Remove(existing.Id);
            Unindex(existing);
            return existing;
        }
    }

    /// <summary>Records filed under an index key, oldest first.</summary>
    public List<T> Find(string key)
    {
        lock (_gate)
        {
            if (!_index.TryGetValue(key, out var ids)) return new List<T>();
            return ids.Select(id => _byId[id]).OrderBy(r => r.Seq).ToList();
        }
    }

    /// <summary>Every record in creation order (a copy of the list).</summary>
    public List<T> All()
    {
        lock (_gate) return _byId.Values.OrderBy(r => r.Seq).ToList();
    }

    /// <summary>Up to <paramref name="take"/> records created after <paramref name="afterSeq"/> that pass <paramref name="filter"/>.</summary>
    public List<T> After(long afterSeq, int take, Func<T, bool>? filter = null)
    {
        lock (_gate)
        {
            return _byId.Values.Where(r => r.Seq > afterSeq && (filter == null || filter(r))).OrderBy(r => r.Seq).Take(take).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _index.Clear();
        }
    }

    private void Index(T record)
    {
        foreach (var key in _keysOf(record))
        {
            if (!_index.TryGetValue(key, out var ids)) _index[key] = ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ids.Add(record.Id);
        }
    }

    private void Unindex(T record)
    {
        foreach (var key in _keysOf(record))
        {
            if (!_index.TryGetValue(key, out var ids)) continue;
            ids.Remove(record.Id);
            if (ids.Count == 0) _index.Remove(key);
        }
    }
}
