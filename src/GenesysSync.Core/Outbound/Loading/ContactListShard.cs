using System;
using System.Globalization;
using System.Threading.Tasks;

namespace GenesysSync.Outbound.Loading;

/// <summary>
/// One list of a family: the named list is shard 0, its overflow lists are &lt;Name&gt;-001, &lt;Name&gt;-002, …
/// (shards 1, 2, …), created with the same columns when the previous ones are full.
/// </summary>
public sealed class ContactListShard
{
    internal ContactListShard(int index, string name, string? id, long size)
    {
        Index = index;
        Name = name;
        Id = id;
        Size = size;
        InitialSize = size;
    }

    public int Index { get; }
    public string Name { get; }

    /// <summary>Null until the list exists.</summary>
    public string? Id { get; internal set; }

    /// <summary>Contacts in the list plus those this run has assigned to it.</summary>
    public long Size { get; internal set; }

    /// <summary>Contacts the list held when the run started.</summary>
    public long InitialSize { get; }

    /// <summary>Genesys refused new contacts for this list (its real cap is lower than the configured one).</summary>
    public bool Full { get; internal set; }

    /// <summary>Lead IDs this run sent to the list as new contacts.</summary>
    public long Added { get; internal set; }

    internal Task<string>? Creation { get; set; }

    /// <summary>"Leads" for shard 0, "Leads-001" for shard 1, ...</summary>
    public static string NameFor(string baseName, int index)
        => index == 0 ? baseName : baseName + "-" + index.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="name"/> is an overflow list of <paramref name="baseName"/> ("-" and 3+ digits).</summary>
    public static bool TryParseIndex(string baseName, string? name, out int index)
    {
        index = 0;
        if (name == null || name.Length < baseName.Length + 4 || !name.StartsWith(baseName + "-", StringComparison.OrdinalIgnoreCase)) return false;
        var digits = name.Substring(baseName.Length + 1);
        foreach (var c in digits) if (c < '0' || c > '9') return false;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index >= 1 && index < ushort.MaxValue;
    }

    public override string ToString() => Name;
}
