using System;
using PhoneNumbers;

namespace GenesysSync.Emulator.Contacts;

/// <summary>The server-side reading of a PhoneNumber.display, as the real API does it with libphonenumber.</summary>
internal sealed class ParsedPhone
{
    public ParsedPhone(string display, string? e164, string? countryCode, long? extension)
    {
        Display = display;
        E164 = e164;
        CountryCode = countryCode;
        Extension = extension;
    }

    /// <summary>International format ("+1 317-555-0100") when readable as E.164, else the input unchanged.</summary>
    public string Display { get; }

    public string? E164 { get; }

    /// <summary>The detected region ("US", "GB"), only when readable as E.164.</summary>
    public string? CountryCode { get; }

    public long? Extension { get; }
}

/// <summary>
/// display → e164/countryCode. A number without a country code is read in the region given by
/// normalizationCountryCode ("GB", "44" or "+44"), else US (+1). A number counts as readable when libphonenumber parses
/// it and it is a *possible* number for its region (length-based check: fictional 555 numbers are accepted); otherwise
/// the display is kept as typed and e164/countryCode stay empty (such numbers are not searchable).
/// </summary>
internal static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public const string DefaultRegion = "US";

    public static ParsedPhone Parse(string display, string? normalizationCountryCode)
    {
        var region = RegionFor(normalizationCountryCode) ?? DefaultRegion;
        try
        {
            var number = Util.Parse(display, region);
            if (!Util.IsPossibleNumber(number)) return Unreadable(display);
            var e164 = Util.Format(number, PhoneNumberFormat.E164);
            var detected = Util.GetRegionCodeForNumber(number);
            if (string.IsNullOrEmpty(detected) || detected == "ZZ") detected = Util.GetRegionCodeForCountryCode(number.CountryCode);
            long? extension = number.HasExtension && long.TryParse(number.Extension, out var ext) ? ext : null;
            var international = Util.Format(number, PhoneNumberFormat.INTERNATIONAL);
            // INTERNATIONAL appends " ext. 123"; the extension lives in its own field.
            var cut = international.IndexOf(" ext.", StringComparison.Ordinal);
            if (cut > 0) international = international.Substring(0, cut);
            return new ParsedPhone(international, e164, detected == "ZZ" ? null : detected, extension);
        }
        catch (NumberParseException)
        {
            return Unreadable(display);
        }
    }

    /// <summary>Reads an identifier value that must carry its own country code ("+1 704 298 4733"); null when it does not.</summary>
    public static string? E164OrNull(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith("+", StringComparison.Ordinal)) return null;
        try
        {
            var number = Util.Parse(trimmed, "ZZ");
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static ParsedPhone Unreadable(string display) => new(display, null, null, null);

    internal static bool IsKnownCountry(string code) => RegionFor(code) != null;

    private static string? RegionFor(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var text = code!.Trim().TrimStart('+');
        if (int.TryParse(text, out var callingCode))
        {
            var region = Util.GetRegionCodeForCountryCode(callingCode);
            return region == "ZZ" ? null : region;
        }
        var upper = text.ToUpperInvariant();
        return Util.GetSupportedRegions().Contains(upper) ? upper : null;
    }
}
