using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenesysSync.Input;
using PhoneNumbers;

namespace GenesysSync.Sync;

/// <summary>
/// Turns a source row into a <see cref="NormalizedContact"/>: reads the mapped values, normalizes them
/// (trim + Unicode NFC, E.164 phones, lower-case e-mail domains, booleans) and checks the API limits.
/// Thread-safe once built.
/// </summary>
public sealed class ContactNormalizer
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private readonly ContactMapping _mapping;
    private readonly NormalizationOptions _options;

    public ContactNormalizer(ContactMapping mapping, NormalizationOptions? options = null)
    {
        _mapping = mapping ?? throw new ArgumentNullException(nameof(mapping));
        _options = options ?? new NormalizationOptions();
        if (!Phones.GetSupportedRegions().Contains(_options.DefaultRegion))
            throw new ArgumentException($"'{_options.DefaultRegion}' is not a region libphonenumber knows; use a two-letter ISO 3166 code such as US, GB or DE.", nameof(options));
    }

    public ContactMapping Mapping => _mapping;
    public NormalizationOptions Options => _options;

    public NormalizedContact Normalize(ISourceRow row)
    {
        if (row is null) throw new ArgumentNullException(nameof(row));
        var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var custom = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var issues = new List<RowIssue>();
        var n = row.RowNumber;

        if (row.ReadError is not null)
        {
            issues.Add(new RowIssue(n, null, RowIssueCodes.RaggedRow, row.ReadError.Message));
            return new NormalizedContact(n, fields, custom, issues);
        }

        foreach (var m in _mapping.Fields)
        {
            if (!TryRead(row, m.Field.Name, m.Field.Name, m.Source, false, issues, out var raw)) continue;
            var text = CleanText(raw);
            if (text.Length == 0)
            {
                if (_options.ClearEmpty) fields[m.Field.Name] = null;
                continue;
            }
            var value = NormalizeField(n, m.Field, text, issues);
            if (value is null) continue;
            if (value.Length > m.Field.MaxLength)
            {
                issues.Add(new RowIssue(n, m.Field.Name, RowIssueCodes.TooLong,
                    $"Row {n}: {m.Field.Name} is {value.Length} characters long; Genesys accepts at most {m.Field.MaxLength}."));
                continue;
            }
            fields[m.Field.Name] = value;
        }

        foreach (var m in _mapping.CustomFields)
        {
            if (!TryRead(row, m.Field.Name, "custom field " + m.Field.Name, m.Source, m.Field.Type == CustomFieldType.Tag, issues, out var raw)) continue;
            var text = CleanText(raw);
            if (text.Length == 0)
            {
                if (_options.ClearEmpty || _options.ClearEmptyCustomFields) custom[m.Field.Name] = null;
                continue;
            }
            // Converted to the field's type with the invariant culture; the message names the row and field, never the value.
            if (!CustomFieldValues.TryCanonical(m.Field, text, out var value, out var problem))
            {
                var code = m.Field.IsText && problem is not null && problem.StartsWith("is ", StringComparison.Ordinal) ? RowIssueCodes.TooLong : RowIssueCodes.InvalidCustomField;
                issues.Add(new RowIssue(n, m.Field.Name, code, $"Row {n}: custom field {m.Field.Name} {problem}."));
                continue;
            }
            custom[m.Field.Name] = value;
        }

        return new NormalizedContact(n, fields, custom, issues);
    }

    /// <param name="what">The field as named in messages ("firstName", "custom field tier").</param>
    /// <param name="takesList">True for a field that takes a list (tag custom fields): a cell holding several plain values is read joined by ';'.</param>
    private static bool TryRead(ISourceRow row, string field, string what, FieldSource source, bool takesList, List<RowIssue> issues, out string? raw)
    {
        var n = row.RowNumber;
        if (source.Column is { } column && row.CellProblem(column) is { } problem)
        {
            raw = takesList ? row.CellList(column) : null;
            if (raw is not null) return true;
            issues.Add(new RowIssue(n, field, RowIssueCodes.NotAValue, SourceRows.NotAValueMessage(n, column, problem, "mapped to " + what)));
            return false;
        }
        try
        {
            raw = source.Read(row);
            return true;
        }
        catch (NotAValueException ex)
        {
            raw = takesList ? ex.ListText : null;
            if (raw is not null) return true;
            issues.Add(new RowIssue(n, field, RowIssueCodes.NotAValue, $"Row {n}: the value of the map expression for {what} {ex.Problem}; give one value."));
            return false;
        }
        catch (Exception ex)
        {
            // The map expression failed. Only a MapExpressionException's message is shown: any other message may quote
            // the value that failed (.NET's "The input string 'bob@x' was not in a correct format"), so only its type is.
            var why = ex is MapExpressionException ? ex.Message : ex.GetType().Name;
            if (why.Length > 200) why = why.Substring(0, 200) + "…";
            issues.Add(new RowIssue(row.RowNumber, field, RowIssueCodes.MapExpressionFailed,
                $"Row {row.RowNumber}: the map expression for {field} failed ({why})."));
            raw = null;
            return false;
        }
    }

    private string? NormalizeField(int n, ContactField field, string text, List<RowIssue> issues)
    {
        switch (field.Kind)
        {
            case ContactFieldKind.Email:
                if (EmailAddress.TryNormalize(text, out var email)) return email;
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidEmail, $"Row {n}: {field.Name} is not a valid e-mail address."));
                return null;

            case ContactFieldKind.Phone:
                return NormalizePhoneField(n, field, text, issues);

            case ContactFieldKind.Boolean:
                if (TryParseBoolean(text, out var b)) return b ? "true" : "false";
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidBoolean, $"Row {n}: {field.Name} must be true/false (also yes/no, 1/0)."));
                return null;

            case ContactFieldKind.Integer:
                // Digits with optional thousands separators ("1,200", "1 200"); stored in invariant form.
                var digits = text.Replace(",", "").Replace(" ", "").Replace("\u00A0", "").Replace("_", "");
                if (long.TryParse(digits, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidNumber, $"Row {n}: {field.Name} must be a whole number."));
                return null;

            case ContactFieldKind.Url:
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    return text;
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidUrl, $"Row {n}: {field.Name} must be an absolute http(s) URL."));
                return null;

            default:
                return text;
        }
    }

    private string? NormalizePhoneField(int n, ContactField field, string text, List<RowIssue> issues)
    {
        if (TryNormalizePhone(text, _options.DefaultRegion, _options.StrictPhoneValidation, out var e164, out var extension, out var extensionDropped, out var problem))
        {
            if (extensionDropped)
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidPhone, $"Row {n}: the extension of {field.Name} is not a number Genesys can store; it was left out.", RowIssueSeverity.Warning));
            // WhatsApp ids take E.164 without the leading plus and no extension.
            if (field == ContactFields.WhatsAppNumber) return e164.Substring(1);
            return PhoneValue.Format(e164, extension);
        }

        var what = $"Row {n}: {field.Name} {problem}, so it cannot be read as an E.164 phone number (default region {_options.DefaultRegion})";
        switch (_options.InvalidPhone)
        {
            case InvalidPhonePolicy.KeepAsIs:
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidPhone, what + "; sent as typed.", RowIssueSeverity.Warning));
                return text;
            case InvalidPhonePolicy.DropField:
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidPhone, what + "; left out.", RowIssueSeverity.Warning));
                return null;
            case InvalidPhonePolicy.Skip:
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidPhone, what + "; row skipped.", RowIssueSeverity.Skip));
                return null;
            default:
                issues.Add(new RowIssue(n, field.Name, RowIssueCodes.InvalidPhone, what + "."));
                return null;
        }
    }

    /// <summary>
    /// Parses a phone number as typed ("(415) 555-2671", "+44 20 7946 0958", "030 123456 ext. 12") into
    /// E.164 and a numeric extension.
    /// </summary>
    public static bool TryNormalizePhone(string text, string defaultRegion, bool strict, out string e164, out string? extension, out bool extensionDropped)
        => TryNormalizePhone(text, defaultRegion, strict, out e164, out extension, out extensionDropped, out _);

    /// <summary>As above; <paramref name="problem"/> says why a number was refused (no digits, too short, a local number…), never quoting it.</summary>
    public static bool TryNormalizePhone(string text, string defaultRegion, bool strict, out string e164, out string? extension, out bool extensionDropped, out string? problem)
    {
        e164 = string.Empty;
        extension = null;
        extensionDropped = false;
        problem = "is empty";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var input = text.Trim();
        // "00" international prefix is read by libphonenumber only for some regions; make it explicit.
        if (input.StartsWith("00", StringComparison.Ordinal) && input.Length > 4) input = "+" + input.Substring(2);
        problem = input.Any(char.IsDigit) ? "is not a phone number" : "has no digits";
        if (input.IndexOf(';') >= 0 || input.IndexOf('|') >= 0) problem = "holds more than one value (separated by ';' or '|')";
        PhoneNumber number;
        try
        {
            number = Phones.Parse(input, defaultRegion);
        }
        catch (NumberParseException ex)
        {
            if (ex.ErrorType == ErrorType.INVALID_COUNTRY_CODE) problem = "has an unknown country code";
            return false;
        }
        // A number that is dialable only locally ("555-1234" without its area code) has no E.164 form.
        var possible = Phones.IsPossibleNumberWithReason(number);
        if (possible != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            problem = possible switch
            {
                PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => "is a local number without its area code",
                PhoneNumberUtil.ValidationResult.TOO_SHORT => "has too few digits",
                PhoneNumberUtil.ValidationResult.TOO_LONG => "has too many digits",
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "has an unknown country code",
                _ => "has a wrong number of digits",
            };
            return false;
        }
        if (strict && !Phones.IsValidNumber(number))
        {
            problem = "is not a valid number of its country";
            return false;
        }
        problem = null;
        e164 = Phones.Format(number, PhoneNumberFormat.E164);
        if (number.HasExtension && !string.IsNullOrEmpty(number.Extension))
        {
            if (number.Extension.Length <= 18 && long.TryParse(number.Extension, out var ext)) extension = ext.ToString(System.Globalization.CultureInfo.InvariantCulture);
            else extensionDropped = true;
        }
        return true;
    }

    /// <summary>
    /// True for a value such as <c>1.23457E+11</c>: how Excel shows a long number (an id, a phone) in a
    /// General-format column and saves it to CSV. The digits are lost, so such a value cannot be used as a key.
    /// </summary>
    public static bool IsSpreadsheetScientificNotation(string value) =>
        value is not null && ScientificNotation.IsMatch(value);

    private static readonly System.Text.RegularExpressions.Regex ScientificNotation =
        new(@"^[0-9]([.,][0-9]+)?[eE]\+[0-9]{1,3}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true": case "yes": case "y": case "1": case "t": case "on": case "x":
                value = true; return true;
            case "false": case "no": case "n": case "0": case "f": case "off":
                value = false; return true;
            default:
                value = false; return false;
        }
    }

    /// <summary>
    /// Trims (including non-breaking and zero-width spaces), removes NUL characters (padding left by some
    /// exports; Genesys cannot store them) and composes Unicode (NFC).
    /// </summary>
    public static string CleanText(string? raw)
    {
        if (raw is null) return string.Empty;
        if (raw.IndexOf('\0') >= 0) raw = raw.Replace("\0", string.Empty);
        var s = raw.Trim().Trim('\u200B', '\uFEFF', '\u00A0').Trim();
        if (s.Length == 0) return s;
        try
        {
            return s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return s; // unpaired surrogates: leave as is
        }
    }
}
