using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GenesysSync.Input;

namespace GenesysSync.Sync;

/// <summary>How a row finds its contact.</summary>
public enum MatchOn
{
    /// <summary>The key column's value, stored as an ExternalId under the run's External Source (default).</summary>
    ExternalId,
    /// <summary>The normalized work e-mail (compared case-insensitively).</summary>
    WorkEmail,
    /// <summary>The Genesys contact id (a GUID column).</summary>
    Id,
    /// <summary>Several columns hashed into one stable ExternalId value.</summary>
    Composite,
}

public sealed class KeyOptions
{
    public MatchOn MatchOn { get; set; } = MatchOn.ExternalId;

    /// <summary>
    /// Key column(s): one for ExternalId/Id (detected by name when empty), one or more for Composite,
    /// none for WorkEmail (the mapped workEmail is used).
    /// </summary>
    public IList<string> KeyColumns { get; } = new List<string>();

    /// <summary>
    /// Column names (in <see cref="ContactFields.NameKey"/> form) tried, in order, when no ExternalId key column is given;
    /// empty: the contact defaults (externalid, crmid, sourceid, ...). Organizations add accountid and the like.
    /// </summary>
    public IList<string> DetectColumns { get; } = new List<string>();
}

/// <summary>The match key of one row.</summary>
public sealed class MatchKey
{
    internal MatchKey(MatchOn kind, string value, KeyHash hash)
    {
        Kind = kind;
        Value = value;
        Hash = hash;
    }

    /// <summary>A key for one contact written outside a sync run (New-/Set-GenesysExternalContact).</summary>
    public static MatchKey Create(MatchOn kind, string value)
        => new(kind, value ?? string.Empty, KeyHash.Compute(kind.ToString().ToLowerInvariant(), value ?? string.Empty));

    public MatchOn Kind { get; }
    /// <summary>
    /// What is sent or looked up: the ExternalId value (composite: the hash), the lower-cased e-mail,
    /// or the contact id. Shown in results; never written to logs or state.
    /// </summary>
    public string Value { get; }
    public KeyHash Hash { get; }

    /// <summary>True when the key is written to the contact as an ExternalId.</summary>
    public bool IsExternalId => Kind == MatchOn.ExternalId || Kind == MatchOn.Composite;

    public override string ToString() => Kind + ":" + Hash.Short;
}

/// <summary>Computes the match key of each row (after normalization).</summary>
public sealed class KeyResolver
{
    /// <summary>ExternalId values are limited to 255 characters by the API.</summary>
    public const int MaxExternalIdLength = 255;

    private static readonly string[] ExternalIdColumnNames = { "externalid", "externalidvalue", "crmid", "sourceid", "recordid", "customerid", "contactid", "leadid" };
    private static readonly string[] IdColumnNames = { "id", "genesysid", "genesyscontactid", "externalcontactid" };

    public KeyResolver(KeyOptions options, IReadOnlyList<string> columns)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (columns is null) throw new ArgumentNullException(nameof(columns));
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns) byName[c] = c;

        var chosen = new List<string>();
        foreach (var k in options.KeyColumns)
        {
            if (!byName.TryGetValue(k.Trim(), out var actual))
                throw new MappingException($"The key column '{k}' is not in the input. Columns: {string.Join(", ", columns.Take(30))}.");
            chosen.Add(actual);
        }

        switch (options.MatchOn)
        {
            case MatchOn.ExternalId:
            case MatchOn.Id:
                if (chosen.Count > 1)
                    throw new MappingException($"Matching on {options.MatchOn} takes one key column; use Composite to combine {chosen.Count} columns.");
                if (chosen.Count == 0)
                {
                    var candidates = options.MatchOn == MatchOn.Id ? IdColumnNames
                        : options.DetectColumns.Count > 0 ? options.DetectColumns.ToArray() : ExternalIdColumnNames;
                    var found = candidates.Select(n => columns.FirstOrDefault(c => ContactFields.NameKey(c) == n)).FirstOrDefault(c => c is not null);
                    chosen.Add(found ?? throw new MappingException(
                        $"No key column was given and none of the columns looks like one (tried {string.Join(", ", candidates)}). Name the column that holds the {(options.MatchOn == MatchOn.Id ? "Genesys contact id" : "source system's record id")}."));
                }
                break;
            case MatchOn.Composite:
                if (chosen.Count == 0) throw new MappingException("A composite key needs at least one key column.");
                // Sorted so that "-Key A,B" and "-Key B,A" give the same ExternalIds.
                chosen = chosen.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(c => ContactFields.NameKey(c), StringComparer.Ordinal).ToList();
                break;
            case MatchOn.WorkEmail:
                if (chosen.Count > 0) throw new MappingException("Matching on WorkEmail uses the mapped workEmail field; do not give key columns.");
                break;
        }
        KeyColumns = chosen;
    }

    public KeyOptions Options { get; }

    /// <summary>The columns the key is read from (pass to <see cref="MappingOptions.KeyColumns"/>).</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The key of a row, or an issue (MissingKey / InvalidKey) naming the column.</summary>
    public bool TryGetKey(ISourceRow row, NormalizedContact contact, out MatchKey? key, out RowIssue? issue)
    {
        if (row is null) throw new ArgumentNullException(nameof(row));
        if (contact is null) throw new ArgumentNullException(nameof(contact));
        key = null;
        issue = null;
        var n = row.RowNumber;
        switch (Options.MatchOn)
        {
            case MatchOn.ExternalId:
            {
                var column = KeyColumns[0];
                if (NotAValue(row, column) is { } notAValue) { issue = notAValue; return false; }
                var value = ContactNormalizer.CleanText(row[column]);
                if (value.Length == 0) { issue = Missing(n, column); return false; }
                if (value.Length > MaxExternalIdLength)
                {
                    issue = new RowIssue(n, column, RowIssueCodes.InvalidKey, $"Row {n}: the key in column '{column}' is {value.Length} characters long; an ExternalId holds at most {MaxExternalIdLength}.");
                    return false;
                }
                if (ContactNormalizer.IsSpreadsheetScientificNotation(value)) { issue = Scientific(n, column); return false; }
                key = new MatchKey(MatchOn.ExternalId, value, KeyHash.Compute("externalid", value));
                return true;
            }
            case MatchOn.Id:
            {
                var column = KeyColumns[0];
                if (NotAValue(row, column) is { } notAValue) { issue = notAValue; return false; }
                var value = ContactNormalizer.CleanText(row[column]);
                if (value.Length == 0) { issue = Missing(n, column); return false; }
                if (!Guid.TryParse(value, out var id))
                {
                    issue = new RowIssue(n, column, RowIssueCodes.InvalidKey, $"Row {n}: the contact id in column '{column}' is not a GUID.");
                    return false;
                }
                var text = id.ToString("D");
                key = new MatchKey(MatchOn.Id, text, KeyHash.Compute("id", text));
                return true;
            }
            case MatchOn.WorkEmail:
            {
                if (!contact.Fields.TryGetValue(ContactFields.WorkEmail.Name, out var email) || email is null)
                {
                    var invalid = contact.Issues.Any(i => i.Field == ContactFields.WorkEmail.Name);
                    issue = invalid
                        ? new RowIssue(n, ContactFields.WorkEmail.Name, RowIssueCodes.InvalidKey, $"Row {n}: the row is matched on workEmail, which is not a valid e-mail address.")
                        : new RowIssue(n, ContactFields.WorkEmail.Name, RowIssueCodes.MissingKey, $"Row {n}: the row is matched on workEmail, which is empty or not mapped.");
                    return false;
                }
                var value = EmailAddress.KeyForm(email);
                key = new MatchKey(MatchOn.WorkEmail, value, KeyHash.Compute("workemail", value));
                return true;
            }
            default:
            {
                var sb = new StringBuilder("gs-composite-v1\n");
                foreach (var column in KeyColumns)
                {
                    if (NotAValue(row, column) is { } notAValue) { issue = notAValue; return false; }
                    var value = ContactNormalizer.CleanText(row[column]);
                    if (value.Length == 0) { issue = Missing(n, column); return false; }
                    if (ContactNormalizer.IsSpreadsheetScientificNotation(value)) { issue = Scientific(n, column); return false; }
                    sb.Append(ContactFields.NameKey(column)).Append('\u001F').Append(value).Append('\u001E');
                }
                using var sha = SHA256.Create();
                var hex = NormalizedContact.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString())));
                key = new MatchKey(MatchOn.Composite, hex, KeyHash.Compute("externalid", hex));
                return true;
            }
        }
    }

    private static RowIssue Scientific(int n, string column) =>
        new(n, column, RowIssueCodes.InvalidKey, $"Row {n}: the key in column '{column}' is a number in scientific notation (such as 1.23E+11), which is how Excel saves long numbers: the real id is lost. Format the column as Text in the spreadsheet, or export it again from the source.");

    /// <summary>A NotAValue issue when the key column holds several values or an object (pipeline input), else null.</summary>
    private static RowIssue? NotAValue(ISourceRow row, string column) =>
        row.CellProblem(column) is { } problem
            ? new RowIssue(row.RowNumber, column, RowIssueCodes.NotAValue, SourceRows.NotAValueMessage(row.RowNumber, column, problem, "the key"))
            : null;

    private static RowIssue Missing(int n, string column) =>
        new(n, column, RowIssueCodes.MissingKey, $"Row {n}: the key column '{column}' is empty.");
}

/// <summary>
/// Remembers the last row of each key (first pass over the input), so that when a key repeats the last
/// row wins and earlier rows are Skipped with DuplicateKey — the same way on every run.
/// Memory: about 50 bytes per distinct key.
/// </summary>
public sealed class DuplicateKeyIndex
{
    private readonly Dictionary<KeyHash, int> _lastRow = new();

    /// <summary>Number of distinct keys.</summary>
    public int Count => _lastRow.Count;

    /// <summary>Number of rows that lost to a later row with the same key.</summary>
    public int DuplicateRows { get; private set; }

    public void Add(KeyHash key, int rowNumber)
    {
        if (_lastRow.TryGetValue(key, out var previous))
        {
            DuplicateRows++;
            if (rowNumber > previous) _lastRow[key] = rowNumber;
        }
        else
        {
            _lastRow.Add(key, rowNumber);
        }
    }

    /// <summary>True when a later row has the same key; <paramref name="winningRow"/> is that row.</summary>
    public bool IsSuperseded(KeyHash key, int rowNumber, out int winningRow)
    {
        winningRow = _lastRow.TryGetValue(key, out var last) ? last : rowNumber;
        return winningRow > rowNumber;
    }

    public bool Contains(KeyHash key) => _lastRow.ContainsKey(key);

    public IEnumerable<KeyHash> Keys => _lastRow.Keys;
}
