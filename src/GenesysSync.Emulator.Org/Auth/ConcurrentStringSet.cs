using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GenesysSync.Emulator.Auth;

/// <summary>A thread-safe, case-insensitive set of strings, so tests can deny permissions while the org serves.</summary>
internal sealed class ConcurrentStringSet : ISet<string>
{
    private readonly ConcurrentDictionary<string, byte> _items = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _items.Count;
    public bool IsReadOnly => false;
    public bool Add(string item) => _items.TryAdd(item ?? throw new ArgumentNullException(nameof(item)), 0);
    void ICollection<string>.Add(string item) => Add(item);
    public void Clear() => _items.Clear();
    public bool Contains(string item) => _items.ContainsKey(item);
    public void CopyTo(string[] array, int arrayIndex) => _items.Keys.CopyTo(array, arrayIndex);
    public bool Remove(string item) => _items.TryRemove(item, out _);
    public IEnumerator<string> GetEnumerator() => _items.Keys.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void ExceptWith(IEnumerable<string> other) { foreach (var item in other) Remove(item); }
    public void UnionWith(IEnumerable<string> other) { foreach (var item in other) Add(item); }
    public void IntersectWith(IEnumerable<string> other) => Replace(s => s.IntersectWith(other));
    public void SymmetricExceptWith(IEnumerable<string> other) => Replace(s => s.SymmetricExceptWith(other));
    public bool IsProperSubsetOf(IEnumerable<string> other) => Copy().IsProperSubsetOf(other);
    public bool IsProperSupersetOf(IEnumerable<string> other) => Copy().IsProperSupersetOf(other);
    public bool IsSubsetOf(IEnumerable<string> other) => Copy().IsSubsetOf(other);
    public bool IsSupersetOf(IEnumerable<string> other) => Copy().IsSupersetOf(other);
    public bool Overlaps(IEnumerable<string> other) => Copy().Overlaps(other);
    public bool SetEquals(IEnumerable<string> other) => Copy().SetEquals(other);

    private HashSet<string> Copy() => new(_items.Keys, StringComparer.OrdinalIgnoreCase);

    private void Replace(Action<HashSet<string>> change)
    {
        var copy = Copy();
        change(copy);
        Clear();
        UnionWith(copy);
    }
}
