using System;

namespace GenesysSync.Outbound.Loading;

/// <summary>
/// Every Lead ID a run knows, in about 22 bytes each (open addressing over parallel arrays, no per-entry objects):
/// the list (shard) it lives in, the hash of its stored values, and the input row where this run first saw it.
/// 1.5 million leads take about 46 MB. Not thread-safe: the loader uses it from one thread.
/// </summary>
internal sealed class LeadIndex
{
    public const ushort NoShard = ushort.MaxValue;
    private const double MaxLoad = 0.75;

    private ulong[] _keys;
    private ushort[] _shards;
    private ulong[] _contents;
    private int[] _firstRows;
    private int _mask;

    public LeadIndex(int expected = 1 << 16)
    {
        var capacity = 16;
        while (capacity * MaxLoad < expected) capacity <<= 1;
        Allocate(capacity);
    }

    public int Count { get; private set; }

    /// <summary>The slot of <paramref name="key"/>, adding an empty entry (no shard, not seen) when absent.</summary>
    public int FindOrAdd(LeadKey key, out bool added)
    {
        if (Count + 1 > _keys.Length * MaxLoad) Grow();
        var k = Stored(key);
        var slot = (int)(Mix(k) & (ulong)_mask);
        while (_keys[slot] != 0)
        {
            if (_keys[slot] == k)
            {
                added = false;
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
        _keys[slot] = k;
        _shards[slot] = NoShard;
        Count++;
        added = true;
        return slot;
    }

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    public int Find(LeadKey key)
    {
        var k = Stored(key);
        var slot = (int)(Mix(k) & (ulong)_mask);
        while (_keys[slot] != 0)
        {
            if (_keys[slot] == k) return slot;
            slot = (slot + 1) & _mask;
        }
        return -1;
    }

    public ushort Shard(int slot) => _shards[slot];
    public void SetShard(int slot, ushort shard) => _shards[slot] = shard;
    public ulong Content(int slot) => _contents[slot];
    public void SetContent(int slot, ulong content) => _contents[slot] = content;

    /// <summary>Input row where this run first saw the lead (0 = not seen yet).</summary>
    public int FirstRow(int slot) => _firstRows[slot];
    public void SetFirstRow(int slot, int row) => _firstRows[slot] = row;

    /// <summary>Entries with a list (shard) that no row of this run has named.</summary>
    public System.Collections.Generic.IEnumerable<(LeadKey Key, ushort Shard)> Unseen()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0 && _shards[i] != NoShard && _firstRows[i] == 0) yield return (new LeadKey(_keys[i]), _shards[i]);
        }
    }

    // 0 marks an empty slot; the one key that hashes to 0 is filed as 1 (a harmless extra collision chance).
    private static ulong Stored(LeadKey key) => key.Value == 0 ? 1 : key.Value;

    // The key is already a hash, but its low bits pick the slot: fold the high bits in.
    private static ulong Mix(ulong k) => k ^ (k >> 29) ^ (k >> 41);

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_keys), nameof(_shards), nameof(_contents), nameof(_firstRows))]
    private void Allocate(int capacity)
    {
        _keys = new ulong[capacity];
        _shards = new ushort[capacity];
        _contents = new ulong[capacity];
        _firstRows = new int[capacity];
        _mask = capacity - 1;
    }

    private void Grow()
    {
        var keys = _keys;
        var shards = _shards;
        var contents = _contents;
        var rows = _firstRows;
        Allocate(checked(keys.Length * 2));
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == 0) continue;
            var slot = (int)(Mix(keys[i]) & (ulong)_mask);
            while (_keys[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = keys[i];
            _shards[slot] = shards[i];
            _contents[slot] = contents[i];
            _firstRows[slot] = rows[i];
        }
    }
}
