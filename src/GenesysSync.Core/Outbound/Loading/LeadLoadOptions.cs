using System;

namespace GenesysSync.Outbound.Loading;

/// <summary>How leads are loaded into a family of contact lists (see <see cref="ContactListLoader"/>).</summary>
public sealed class LeadLoadOptions
{
    /// <summary>The input column holding the Lead ID; it becomes the contact id.</summary>
    public string IdColumn { get; set; } = "";

    /// <summary>Contacts per list before the next shard (&lt;Name&gt;-001, -002, ...) is used. Genesys default cap: 1,000,000.</summary>
    public int MaxContactsPerList { get; set; } = 1_000_000;

    /// <summary>Region for phone numbers written without a country code (ISO 3166, e.g. US, GB, DE).</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>Require numbers that are valid, not just possible, for their region.</summary>
    public bool StrictPhoneValidation { get; set; }

    /// <summary>Input column saying the lead agreed to be called (true/false, yes/no, 1/0).</summary>
    public string? ConsentColumn { get; set; }

    /// <summary>Input column saying the lead must not be called. True together with consent true is a conflict (the row fails).</summary>
    public string? DoNotCallColumn { get; set; }

    /// <summary>Query flags of every add request.</summary>
    public AddContactsOptions? AddOptions { get; set; }

    /// <summary>Contacts per add request (API limit 1000).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Add requests in flight at once (the client's rate limit still applies).</summary>
    public int MaxParallelRequests { get; set; } = 4;

    /// <summary>Longest cell (and Lead ID) the API accepts.</summary>
    public int MaxCellLength { get; set; } = 512;

    /// <summary>Send every valid lead, also those whose stored values are unchanged (a complete reload).</summary>
    public bool Full { get; set; }

    /// <summary>Plan only: nothing is created or written; results say what would happen (WhatIf = true).</summary>
    public bool WhatIf { get; set; }

    /// <summary>
    /// Where the leads already in the lists come from (to update them in place and to leave unchanged ones alone).
    /// Default: an export of each list that holds contacts. A state store can supply them instead (the delta step).
    /// </summary>
    public IKnownLeadSource? KnownLeads { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(IdColumn)) throw new ArgumentException("The Lead ID column (IdColumn) is required.", nameof(IdColumn));
        if (MaxContactsPerList < 1) throw new ArgumentException("MaxContactsPerList must be at least 1.", nameof(MaxContactsPerList));
        if (BatchSize < 1 || BatchSize > 1000) throw new ArgumentException("BatchSize must be between 1 and 1000.", nameof(BatchSize));
        if (MaxParallelRequests < 1) throw new ArgumentException("MaxParallelRequests must be at least 1.", nameof(MaxParallelRequests));
    }
}
