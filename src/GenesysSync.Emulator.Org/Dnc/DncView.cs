using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Emulator.Dnc;
using GenesysSync.Emulator.Routes;

namespace GenesysSync.Emulator;

/// <summary>What an org's DNC lists hold, for tests and the benchmark: <c>org.Dnc().Find("Opt-outs")</c>.</summary>
public static class DncOrgExtensions
{
    public static DncView Dnc(this EmulatorOrg org)
        => new(DncListRoutes.StoreOf(org ?? throw new ArgumentNullException(nameof(org))));
}

/// <summary>Snapshots of the stored DNC lists (copies taken under the store's lock).</summary>
public sealed class DncView
{
    private readonly DncStore _store;

    internal DncView(DncStore store) => _store = store;

    /// <summary>Every list, in creation order.</summary>
    public IReadOnlyList<EmulatedDncList> Lists
    {
        get { lock (_store.Gate) return _store.Lists.Select(Snapshot).ToList(); }
    }

    /// <summary>The list with this name (case-insensitive), or null.</summary>
    public EmulatedDncList? Find(string name)
    {
        lock (_store.Gate)
        {
            var list = _store.FindByName(name);
            return list == null ? null : Snapshot(list);
        }
    }

    /// <summary>Phone numbers across every list (cheap: no copies).</summary>
    public long PhoneNumberCount
    {
        get { lock (_store.Gate) return _store.TotalPhoneNumbers; }
    }

    private static EmulatedDncList Snapshot(StoredDncList list)
        => new(list.Id, list.Name, list.SourceType, list.ContactMethod, list.Version,
            list.PhoneNumbers.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList());
}

public sealed class EmulatedDncList
{
    internal EmulatedDncList(string id, string name, string sourceType, string? contactMethod, int version, IReadOnlyList<string> phoneNumbers)
    {
        Id = id;
        Name = name;
        SourceType = sourceType;
        ContactMethod = contactMethod;
        Version = version;
        PhoneNumbers = phoneNumbers;
    }

    public string Id { get; }
    public string Name { get; }
    /// <summary>rds (internal), rds_custom, dnc.com or gryphon.</summary>
    public string SourceType { get; }
    public string? ContactMethod { get; }
    public int Version { get; }

    /// <summary>The stored numbers ("+digits" as sent in E.164), sorted.</summary>
    public IReadOnlyList<string> PhoneNumbers { get; }

    public int Size => PhoneNumbers.Count;

    public bool Contains(string number) => PhoneNumbers.Contains(number, StringComparer.Ordinal);

    public override string ToString() => Name + " (" + Size + ")";
}
