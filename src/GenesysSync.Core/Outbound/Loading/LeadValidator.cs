using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Input;
using GenesysSync.Sync;
using PhoneNumbers;

namespace GenesysSync.Outbound.Loading;

/// <summary>Stable codes of per-row problems (ErrorCode of a Failed or Skipped lead).</summary>
public static class LeadErrorCodes
{
    public const string RaggedRow = RowReadErrorCodes.RaggedRow;
    public const string MissingLeadId = "MissingLeadId";
    public const string DuplicateLeadId = "DuplicateLeadId";
    /// <summary>The Lead ID is a number Excel saved in scientific notation (1.23E+11): its digits are lost.</summary>
    public const string InvalidLeadId = "InvalidLeadId";
    /// <summary>A used column of a pipeline object (the Lead ID, a list column, consent, do-not-call) holds several values or an object.</summary>
    public const string NotAValue = RowIssueCodes.NotAValue;
    public const string InvalidPhone = "InvalidPhone";
    public const string InvalidEmail = "InvalidEmail";
    public const string CellTooLong = "CellTooLong";
    public const string InvalidBoolean = "InvalidBoolean";
    public const string ConsentConflict = "ConsentConflict";
    /// <summary>The org holds its maximum of outbound contacts: no list can take the lead.</summary>
    public const string OrgContactLimit = "OrgContactLimit";
    /// <summary>An import reported success but the lead is not in the list.</summary>
    public const string NotImported = "NotImported";
    /// <summary>The user answered No to a confirmation prompt.</summary>
    public const string Declined = "Declined";
    public const string Cancelled = "Cancelled";
}

/// <summary>A checked row: the lead's id and values in list-column order, or why it cannot be loaded.</summary>
public sealed class LeadCheck
{
    internal LeadCheck(string? leadId, string?[]? values, bool? callable, string? errorCode, string? message, string? column)
    {
        LeadId = leadId;
        Values = values;
        Callable = callable;
        ErrorCode = errorCode;
        Message = message;
        Column = column;
    }

    public bool IsValid => ErrorCode == null;
    public string? LeadId { get; }
    /// <summary>Normalized values, one per list column (null = no value).</summary>
    public string?[]? Values { get; }
    /// <summary>False for do-not-call or no-consent leads; null when the input says nothing about it.</summary>
    public bool? Callable { get; }
    public string? ErrorCode { get; }
    /// <summary>What is wrong; names the row and column, never the value.</summary>
    public string? Message { get; }
    public string? Column { get; }
}

/// <summary>
/// Checks and normalizes one input row for a list: Lead ID present and ≤ 512 characters, the row read whole, phone
/// columns to E.164 (default region), e-mail columns well-formed, every cell ≤ 512 characters, consent vs do-not-call.
/// Thread-safe once built.
/// </summary>
public sealed class LeadValidator
{
    private readonly string[] _columns;
    private readonly bool[] _isPhone;
    private readonly bool[] _isEmail;
    private readonly int _idIndex;
    private readonly LeadLoadOptions _options;

    public LeadValidator(ContactList list, LeadLoadOptions options)
    {
        if (list == null) throw new ArgumentNullException(nameof(list));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultRegion))
            throw new ArgumentException($"'{options.DefaultRegion}' is not a region libphonenumber knows; use a two-letter ISO 3166 code such as US, GB or DE.", nameof(options));
        _columns = (list.ColumnNames ?? new List<string>()).ToArray();
        if (_columns.Length == 0) throw new ArgumentException($"The contact list '{list.Name}' has no columns.", nameof(list));
        var phones = new HashSet<string>((list.PhoneColumns ?? new List<ContactPhoneNumberColumn>()).Select(p => p.ColumnName ?? ""), StringComparer.Ordinal);
        var emails = new HashSet<string>((list.EmailColumns ?? new List<EmailColumn>()).Select(e => e.ColumnName ?? ""), StringComparer.Ordinal);
        _isPhone = _columns.Select(phones.Contains).ToArray();
        _isEmail = _columns.Select(emails.Contains).ToArray();
        _idIndex = Array.FindIndex(_columns, c => string.Equals(c, options.IdColumn, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The list's columns, in the order of <see cref="LeadCheck.Values"/>.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Position of the Lead ID column among the list's columns, or -1 when it is not a list column.</summary>
    public int IdColumnIndex => _idIndex;

    /// <summary>Input columns that feed nothing (not a list column, the Lead ID, consent or do-not-call column).</summary>
    public IReadOnlyList<string> UnusedColumns(IReadOnlyList<string> inputColumns)
        => inputColumns.Where(c => !_columns.Contains(c, StringComparer.OrdinalIgnoreCase)
                                   && !Same(c, _options.IdColumn) && !Same(c, _options.ConsentColumn) && !Same(c, _options.DoNotCallColumn)).ToList();

    /// <summary>List columns the input does not have (sent without a value).</summary>
    public IReadOnlyList<string> MissingColumns(IReadOnlyList<string> inputColumns)
        => _columns.Where(c => !inputColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();

    public LeadCheck Check(ISourceRow row)
    {
        if (row == null) throw new ArgumentNullException(nameof(row));
        var n = row.RowNumber;
        var leadId = ContactNormalizer.CleanText(row[_options.IdColumn]);
        if (row.ReadError != null) return Fail(leadId, LeadErrorCodes.RaggedRow, row.ReadError.Message, null);
        if (row.CellProblem(_options.IdColumn) is { } idProblem)
            return Fail(null, LeadErrorCodes.NotAValue, SourceRows.NotAValueMessage(n, _options.IdColumn, idProblem, "the Lead ID"), _options.IdColumn);
        if (leadId.Length == 0) return Fail(null, LeadErrorCodes.MissingLeadId, $"Row {n}: the Lead ID column '{_options.IdColumn}' is empty.", _options.IdColumn);
        if (ContactNormalizer.IsSpreadsheetScientificNotation(leadId))
            return Fail(null, LeadErrorCodes.InvalidLeadId, $"Row {n}: the Lead ID in column '{_options.IdColumn}' is a number in scientific notation (such as 1.23E+11), which is how Excel saves long numbers: the real id is lost. Format the column as Text in the spreadsheet, or export it again from the source.", _options.IdColumn);
        if (leadId.Length > _options.MaxCellLength)
            return Fail(null, LeadErrorCodes.CellTooLong, $"Row {n}: the Lead ID is {leadId.Length} characters long; Genesys accepts at most {_options.MaxCellLength}.", _options.IdColumn);

        var values = new string?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (i != _idIndex && NotAValue(row, column, leadId) is { } cellProblem) return cellProblem;
            var text = i == _idIndex ? leadId : ContactNormalizer.CleanText(row[column]);
            if (text.Length == 0) continue;
            if (_isPhone[i])
            {
                if (!ContactNormalizer.TryNormalizePhone(text, _options.DefaultRegion, _options.StrictPhoneValidation, out var e164, out _, out _, out var problem))
                    return Fail(leadId, LeadErrorCodes.InvalidPhone, $"Row {n}: column '{column}' {problem}, so it cannot be read as an E.164 phone number (default region {_options.DefaultRegion}).", column);
                text = e164;
            }
            else if (_isEmail[i])
            {
                if (!EmailAddress.TryNormalize(text, out var email))
                    return Fail(leadId, LeadErrorCodes.InvalidEmail, $"Row {n}: column '{column}' is not a valid e-mail address.", column);
                text = email;
            }
            if (text.Length > _options.MaxCellLength)
                return Fail(leadId, LeadErrorCodes.CellTooLong, $"Row {n}: column '{column}' is {text.Length} characters long; Genesys accepts at most {_options.MaxCellLength}.", column);
            values[i] = text;
        }

        bool? callable = null;
        bool? consent = null, doNotCall = null;
        if ((NotAValue(row, _options.ConsentColumn, leadId) ?? NotAValue(row, _options.DoNotCallColumn, leadId)) is { } flagProblem) return flagProblem;
        if (_options.ConsentColumn != null && !TryFlag(row, _options.ConsentColumn, out consent))
            return Fail(leadId, LeadErrorCodes.InvalidBoolean, $"Row {n}: column '{_options.ConsentColumn}' must be true/false (also yes/no, 1/0).", _options.ConsentColumn);
        if (_options.DoNotCallColumn != null && !TryFlag(row, _options.DoNotCallColumn, out doNotCall))
            return Fail(leadId, LeadErrorCodes.InvalidBoolean, $"Row {n}: column '{_options.DoNotCallColumn}' must be true/false (also yes/no, 1/0).", _options.DoNotCallColumn);
        if (consent == true && doNotCall == true)
            return Fail(leadId, LeadErrorCodes.ConsentConflict, $"Row {n}: the lead both consents ('{_options.ConsentColumn}') and is marked do-not-call ('{_options.DoNotCallColumn}'); fix the source record.", _options.DoNotCallColumn);
        if (_options.ConsentColumn != null || _options.DoNotCallColumn != null) callable = doNotCall != true && consent != false;

        return new LeadCheck(leadId, values, callable, null, null, null);
    }

    private static LeadCheck? NotAValue(ISourceRow row, string? column, string leadId) =>
        column != null && row.CellProblem(column) is { } problem
            ? Fail(leadId, LeadErrorCodes.NotAValue, SourceRows.NotAValueMessage(row.RowNumber, column, problem), column)
            : null;

    private static bool TryFlag(ISourceRow row, string column, out bool? value)
    {
        value = null;
        var text = ContactNormalizer.CleanText(row[column]);
        if (text.Length == 0) return true;
        if (!ContactNormalizer.TryParseBoolean(text, out var flag)) return false;
        value = flag;
        return true;
    }

    private static LeadCheck Fail(string? leadId, string code, string message, string? column)
        => new(leadId is { Length: > 0 } ? leadId : null, null, null, code, message, column);

    private static bool Same(string a, string? b) => b != null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
