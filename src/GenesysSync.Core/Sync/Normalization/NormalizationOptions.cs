using System;

namespace GenesysSync.Sync;

/// <summary>What to do with a phone number that cannot be read as a number.</summary>
public enum InvalidPhonePolicy
{
    /// <summary>The row fails (InvalidPhone) and is not written.</summary>
    Fail,
    /// <summary>The row is skipped (InvalidPhone) and is not written.</summary>
    Skip,
    /// <summary>The value is sent as typed (trimmed); a warning is recorded.</summary>
    KeepAsIs,
    /// <summary>The row is written without that phone; a warning is recorded.</summary>
    DropField,
}

public sealed class NormalizationOptions
{
    private string _defaultRegion = "US";

    /// <summary>ISO 3166 region for numbers written without a country code (US, GB, DE, ...).</summary>
    public string DefaultRegion
    {
        get => _defaultRegion;
        set => _defaultRegion = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A region is required.", nameof(value)) : value.Trim().ToUpperInvariant();
    }

    public InvalidPhonePolicy InvalidPhone { get; set; } = InvalidPhonePolicy.Fail;

    /// <summary>Require numbers that are valid for their region (not only of a possible length).</summary>
    public bool StrictPhoneValidation { get; set; }

    /// <summary>An empty cell erases the field in Genesys (default: an empty cell means "not provided").</summary>
    public bool ClearEmpty { get; set; }

    /// <summary>
    /// An empty custom-field value erases that custom field, whatever <see cref="ClearEmpty"/> says of standard fields
    /// (New-/Set-GenesysExternalContact -CustomField @{ field = $null }).
    /// </summary>
    public bool ClearEmptyCustomFields { get; set; }
}
