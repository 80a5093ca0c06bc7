namespace GenesysSync.Emulator;

/// <summary>
/// Limits and behaviour of the emulated outbound contact lists (EmulatorOptions.Outbound). Read on every request, so
/// changes apply at once. Defaults are the documented Genesys limits; the per-request caps (add ≤1000, bulk get ≤50,
/// delete ≤250) are community-reported, hence settable.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>Contacts one list may hold (Genesys default 1,000,000; raisable on request). Tests set it low.</summary>
    public int MaxContactsPerList { get; set; } = 1_000_000;

    /// <summary>Contacts across every list of the org.</summary>
    public long MaxContactsPerOrg { get; set; } = 5_000_000;

    /// <summary>Contact lists per org.</summary>
    public int MaxContactListsPerOrg { get; set; } = 1000;

    /// <summary>Columns per list (and per import file).</summary>
    public int MaxColumns { get; set; } = 50;

    /// <summary>Characters per column name.</summary>
    public int MaxColumnNameLength { get; set; } = 128;

    /// <summary>Characters per cell.</summary>
    public int MaxCellLength { get; set; } = 512;

    /// <summary>Phone columns per list.</summary>
    public int MaxPhoneColumns { get; set; } = 10;

    /// <summary>Contacts per POST .../contacts.</summary>
    public int MaxContactsPerAdd { get; set; } = 1000;

    /// <summary>Ids per POST .../contacts/bulk.</summary>
    public int MaxBulkGetIds { get; set; } = 50;

    /// <summary>Ids per DELETE .../contacts?contactIds=.</summary>
    public int MaxDeleteIds { get; set; } = 250;

    /// <summary>Largest pageSize of the list listing.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Largest CSV upload accepted by the upload service.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Import speed: a job finishes once the org clock has moved rows / ImportRowsPerSecond past its start, or once its
    /// status has been polled <see cref="ImportPollsToComplete"/> times, whichever comes first.
    /// </summary>
    public int ImportRowsPerSecond { get; set; } = 50_000;

    /// <summary>Status polls after which an import is done regardless of the clock (0 = only the clock counts).</summary>
    public int ImportPollsToComplete { get; set; } = 2;

    /// <summary>Fault: the last N valid rows of every import vanish without a trace (the status still says 100%).</summary>
    public int ImportRowsToDrop { get; set; }

    /// <summary>GET .../export answers 404 (not ready) this many times after each POST .../export.</summary>
    public int ExportNotReadyPolls { get; set; } = 1;
}
