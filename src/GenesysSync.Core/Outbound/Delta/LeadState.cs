using System;
using System.Globalization;
using GenesysSync.Outbound.Loading;
using GenesysSync.Sync;

namespace GenesysSync.Outbound.Delta;

/// <summary>
/// How a lead family's delta lives in a <see cref="State.SyncStateStore"/> (object type "contactlists", one database per
/// family): each record is keyed by <c>KeyHash("leadid", Lead ID)</c>, its ContactId holds the id of the contact list
/// the lead is in (the contact id itself is the Lead ID, which is not kept), and its ContentHash is the hex
/// <see cref="ContentHash"/> of the values last sent. No Lead IDs, names or numbers are stored.
/// </summary>
public static class LeadState
{
    public const string ObjectType = "contactlists";

    public static KeyHash KeyOf(string leadId) => KeyHash.Compute(LeadKey.Scope, leadId);

    /// <summary>The loader's 64-bit key of a stored key hash (its first 8 bytes, as <see cref="LeadKey.Of"/> takes them).</summary>
    public static LeadKey ToLeadKey(KeyHash key)
    {
        var bytes = key.ToBytes();
        ulong value = 0;
        for (var i = 0; i < 8; i++) value = (value << 8) | bytes[i];
        return new LeadKey(value);
    }

    public static string FormatContent(ulong content) => content.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParseContent(string? text, out ulong content)
        => ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out content);
}
