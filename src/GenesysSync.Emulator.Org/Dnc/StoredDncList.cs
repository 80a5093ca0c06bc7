using System;
using System.Collections.Generic;

namespace GenesysSync.Emulator.Dnc;

/// <summary>One DNC list: its settings and, for internal (rds) lists, its phone numbers with optional expiry.</summary>
internal sealed class StoredDncList
{
    public StoredDncList(string id, long seq, DateTimeOffset created)
    {
        Id = id;
        Seq = seq;
        DateCreated = created;
        DateModified = created;
    }

    public string Id { get; }
    public long Seq { get; }
    public string Name { get; set; } = "";
    public string SourceType { get; set; } = DncSourceTypes.Internal;
    public string? ContactMethod { get; set; }
    public string? LoginId { get; set; }
    public string? CampaignId { get; set; }
    public List<string>? DncCodes { get; set; }
    public string? LicenseId { get; set; }
    public string? CustomExclusionColumn { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset DateCreated { get; }
    public DateTimeOffset DateModified { get; set; }

    /// <summary>Canonical number → expiry (null = never expires).</summary>
    public Dictionary<string, DateTimeOffset?> PhoneNumbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Only internal lists take numbers through the API; the others are fed by their providers.</summary>
    public bool AcceptsPhoneNumbers =>
        SourceType == DncSourceTypes.Internal && (ContactMethod is null || ContactMethod is "Phone" or "Any");
}

/// <summary>The dncSourceType values: rds is the org's own (internal) list.</summary>
internal static class DncSourceTypes
{
    public const string Internal = "rds";
    public const string InternalCustom = "rds_custom";
    public const string DncCom = "dnc.com";
    public const string Gryphon = "gryphon";

    public static readonly string[] All = { Internal, InternalCustom, DncCom, Gryphon };
}
