using System;
using GenesysSync.Dnc;

namespace GenesysSync;

/// <summary>An outbound DNC list (Get-/New-GenesysDncList).</summary>
public sealed class GenesysDncList
{
    internal GenesysDncList(DncList list)
    {
        Id = list.Id ?? "";
        Name = list.Name ?? "";
        DncSourceType = list.DncSourceType;
        ContactMethod = list.ContactMethod;
        Size = list.Size;
        Version = list.Version;
        DateCreated = list.DateCreated;
        DateModified = list.DateModified;
    }

    public string Id { get; }
    public string Name { get; }
    /// <summary>rds (the org's own, internal list), rds_custom, dnc.com or gryphon.</summary>
    public string? DncSourceType { get; }
    /// <summary>Phone, Email, Any or WhatsApp.</summary>
    public string? ContactMethod { get; }
    /// <summary>Phone numbers in the list.</summary>
    public long? Size { get; }
    public int? Version { get; }
    public DateTimeOffset? DateCreated { get; }
    public DateTimeOffset? DateModified { get; }

    /// <summary>True for an internal list: the only kind whose numbers Add-/Remove-GenesysDncListEntry can change.</summary>
    public bool IsInternal => string.Equals(DncSourceType, DncList.InternalSourceType, StringComparison.Ordinal);

    public override string ToString() => Name;
}
