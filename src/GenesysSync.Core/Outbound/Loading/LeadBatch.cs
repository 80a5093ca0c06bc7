using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenesysSync.Outbound.Loading;

/// <summary>A lead waiting to be sent: where it came from and what will be stored.</summary>
internal sealed class PendingLead
{
    public PendingLead(int rowNumber, string leadId, string?[] values, bool? callable, bool isUpdate, object? original)
    {
        RowNumber = rowNumber;
        LeadId = leadId;
        Values = values;
        Callable = callable;
        IsUpdate = isUpdate;
        Original = original;
    }

    public int RowNumber { get; }
    public string LeadId { get; }
    public string?[] Values { get; }
    public bool? Callable { get; }
    /// <summary>The lead is already a contact of this list.</summary>
    public bool IsUpdate { get; }
    public object? Original { get; }
}

/// <summary>Up to one request's worth of leads for one list, ready to be confirmed (ShouldProcess) and sent.</summary>
public sealed class LeadBatch
{
    internal LeadBatch(ContactListShard shard, List<PendingLead> leads)
    {
        Shard = shard;
        Leads = leads;
    }

    public ContactListShard Shard { get; }
    internal List<PendingLead> Leads { get; }

    public int Count => Leads.Count;
    public int NewContacts => Leads.Count(l => !l.IsUpdate);
    public int FirstRow => Leads.Count == 0 ? 0 : Leads.Min(l => l.RowNumber);
    public int LastRow => Leads.Count == 0 ? 0 : Leads.Max(l => l.RowNumber);

    /// <summary>The list does not exist yet: sending the batch creates it.</summary>
    public bool CreatesList => Shard.Id == null;

    /// <summary>A ShouldProcess target, e.g. "contact list 'Leads-001' (new): 1,000 contacts, rows 1-1,000".</summary>
    public string Describe()
        => string.Format(CultureInfo.InvariantCulture, "contact list '{0}'{1}: {2:N0} contact(s), rows {3:N0}-{4:N0}",
            Shard.Name, CreatesList ? " (new)" : "", Count, FirstRow, LastRow);
}
