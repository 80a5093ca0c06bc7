using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Emulator.Outbound;
using GenesysSync.Emulator.Routes;

namespace GenesysSync.Emulator;

/// <summary>What an org's outbound area holds, for tests and the benchmark: <c>org.Outbound().ContactLists</c>.</summary>
public static class OutboundOrgExtensions
{
    public static OutboundView Outbound(this EmulatorOrg org)
        => new(OutboundRoutes.StoreOf(org ?? throw new ArgumentNullException(nameof(org))));
}

/// <summary>Snapshots of the stored contact lists (deep copies, taken under the store's lock).</summary>
public sealed class OutboundView
{
    private readonly OutboundStore _store;

    internal OutboundView(OutboundStore store) => _store = store;

    /// <summary>Every list with its contacts, in creation order.</summary>
    public IReadOnlyList<EmulatedContactList> ContactLists
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.Lists.OrderBy(l => l.Seq).Select(Snapshot).ToList();
            }
        }
    }

    /// <summary>The list with this name (case-insensitive), or null.</summary>
    public EmulatedContactList? Find(string name)
    {
        lock (_store.Gate)
        {
            var list = _store.FindByName(name);
            return list == null ? null : Snapshot(list);
        }
    }

    /// <summary>Lists and contacts across the org (cheap: no copies).</summary>
    public int ContactListCount
    {
        get { lock (_store.Gate) return _store.ListCount; }
    }

    public long ContactCount
    {
        get { lock (_store.Gate) return _store.TotalContacts; }
    }

    private EmulatedContactList Snapshot(StoredContactList list)
    {
        _store.Settle(list);
        var columns = list.Layout.Names.ToArray();
        var contacts = list.Contacts.Values
            .OrderBy(c => c.QueueOrder)
            .Select(c => new EmulatedDialerContact(c.Id, c.DataFor(columns), c.Callable, c.QueueOrder))
            .ToList();
        return new EmulatedContactList(list.Id, list.Name, list.Version, columns, list.PhoneColumns.ToArray(), list.EmailColumns.ToArray(), contacts);
    }
}

public sealed class EmulatedContactList
{
    internal EmulatedContactList(string id, string name, int version, string[] columns, string[] phoneColumns, string[] emailColumns, IReadOnlyList<EmulatedDialerContact> contacts)
    {
        Id = id;
        Name = name;
        Version = version;
        Columns = columns;
        PhoneColumns = phoneColumns;
        EmailColumns = emailColumns;
        Contacts = contacts;
    }

    public string Id { get; }
    public string Name { get; }
    public int Version { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string> PhoneColumns { get; }
    public IReadOnlyList<string> EmailColumns { get; }

    /// <summary>In dialing order (priority adds first).</summary>
    public IReadOnlyList<EmulatedDialerContact> Contacts { get; }

    public int Size => Contacts.Count;

    public EmulatedDialerContact? Contact(string id) => Contacts.FirstOrDefault(c => c.Id == id);

    public override string ToString() => Name + " (" + Size + ")";
}

public sealed class EmulatedDialerContact
{
    internal EmulatedDialerContact(string id, IReadOnlyDictionary<string, string> data, bool callable, long queueOrder)
    {
        Id = id;
        Data = data;
        Callable = callable;
        QueueOrder = queueOrder;
    }

    public string Id { get; }

    /// <summary>Column → value (columns without a value are absent).</summary>
    public IReadOnlyDictionary<string, string> Data { get; }

    public bool Callable { get; }
    public long QueueOrder { get; }

    public string? this[string column] => Data.TryGetValue(column, out var value) ? value : null;
}
