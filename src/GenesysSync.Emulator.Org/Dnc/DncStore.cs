using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Dnc;

/// <summary>
/// The org's DNC lists. One lock (<see cref="Gate"/>) guards everything; route handlers hold it for the whole request,
/// so each request is atomic (a refused batch adds nothing).
/// </summary>
internal sealed class DncStore
{
    private readonly Dictionary<string, StoredDncList> _lists = new(StringComparer.OrdinalIgnoreCase);
    private long _seq;

    public DncStore(OrgState org) => Org = org;

    public OrgState Org { get; }
    public object Gate { get; } = new();
    public DncOptions Options => Org.Options.Dnc;

    /// <summary>Phone numbers across every list (the org cap counts these).</summary>
    public long TotalPhoneNumbers { get; private set; }

    public IEnumerable<StoredDncList> Lists => _lists.Values.OrderBy(l => l.Seq);

    public StoredDncList Get(string id)
        => _lists.TryGetValue(id, out var list) ? list : throw Errors.NotFound("DNC list");

    public StoredDncList? FindByName(string name)
        => _lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    public StoredDncList Create(DateTimeOffset now)
    {
        var list = new StoredDncList(Guid.NewGuid().ToString(), ++_seq, now);
        _lists.Add(list.Id, list);
        return list;
    }

    /// <summary>Forgets every DNC list (the org's <c>Reset</c>).</summary>
    public void Reset()
    {
        lock (Gate)
        {
            _lists.Clear();
            TotalPhoneNumbers = 0;
        }
    }

    public void Remove(StoredDncList list)
    {
        _lists.Remove(list.Id);
        TotalPhoneNumbers -= list.PhoneNumbers.Count;
    }

    /// <summary>Adds numbers (already canonical); all or nothing against the list and org caps.</summary>
    public void Add(StoredDncList list, IReadOnlyList<string> numbers, DateTimeOffset? expires)
    {
        var fresh = numbers.Distinct(StringComparer.Ordinal).Count(n => !list.PhoneNumbers.ContainsKey(n));
        if (list.PhoneNumbers.Count + fresh > Options.MaxPhoneNumbersPerList) throw DncErrors.ListFull(Options.MaxPhoneNumbersPerList);
        if (TotalPhoneNumbers + fresh > Options.MaxPhoneNumbersPerOrg) throw DncErrors.OrgFull(Options.MaxPhoneNumbersPerOrg);
        foreach (var number in numbers) list.PhoneNumbers[number] = expires;
        TotalPhoneNumbers += fresh;
    }

    /// <summary>Removes numbers; unknown ones are ignored.</summary>
    public void Remove(StoredDncList list, IEnumerable<string> numbers)
    {
        foreach (var number in numbers)
            if (list.PhoneNumbers.Remove(number)) TotalPhoneNumbers--;
    }

    /// <summary>Removes every number, or only those whose expiry has passed.</summary>
    public void Clear(StoredDncList list, bool expiredOnly, DateTimeOffset now)
    {
        var doomed = list.PhoneNumbers.Where(p => !expiredOnly || p.Value is DateTimeOffset at && at <= now).Select(p => p.Key).ToList();
        Remove(list, doomed);
    }
}
