namespace GenesysSync.Emulator;

/// <summary>
/// Limits of the emulated outbound DNC lists (EmulatorOptions.Dnc). Read on every request, so changes apply at once.
/// The per-list and per-org record caps are the documented Genesys defaults; the per-request cap is not documented in
/// the sources read (1000, like the contact add), hence settable.
/// </summary>
public sealed class DncOptions
{
    /// <summary>Phone numbers one DNC list may hold (Genesys default 1,000,000).</summary>
    public int MaxPhoneNumbersPerList { get; set; } = 1_000_000;

    /// <summary>Phone numbers across every DNC list of the org (Genesys default 2,000,000).</summary>
    public long MaxPhoneNumbersPerOrg { get; set; } = 2_000_000;

    /// <summary>Phone numbers per POST or PATCH .../phonenumbers request.</summary>
    public int MaxPhoneNumbersPerRequest { get; set; } = 1000;

    /// <summary>Largest pageSize of the DNC list listing.</summary>
    public int MaxPageSize { get; set; } = 100;
}
