namespace GenesysSync.Sync;

/// <summary>What a row issue does to its row.</summary>
public enum RowIssueSeverity
{
    /// <summary>The row is still written (e.g. a phone kept as typed, or dropped).</summary>
    Warning,
    /// <summary>The row is not written and reported as Skipped.</summary>
    Skip,
    /// <summary>The row is not written and reported as Failed.</summary>
    Error,
}

/// <summary>
/// A problem with one row. The message names the row and field and the reason — never the value,
/// which may be personal data.
/// </summary>
public sealed class RowIssue
{
    public RowIssue(int rowNumber, string? field, string code, string message, RowIssueSeverity severity = RowIssueSeverity.Error)
    {
        RowNumber = rowNumber;
        Field = field;
        Code = code;
        Message = message;
        Severity = severity;
    }

    public int RowNumber { get; }
    /// <summary>Contact field (or key column) concerned, when there is one.</summary>
    public string? Field { get; }
    /// <summary>Stable code from <see cref="RowIssueCodes"/>.</summary>
    public string Code { get; }
    public string Message { get; }
    public RowIssueSeverity Severity { get; }

    public override string ToString() => $"Row {RowNumber}{(Field is null ? "" : ", " + Field)}: {Code}: {Message}";
}

/// <summary>Stable codes of row issues (also used as result error codes / skip reasons).</summary>
public static class RowIssueCodes
{
    public const string RaggedRow = "RaggedRow";
    public const string InvalidPhone = "InvalidPhone";
    public const string InvalidEmail = "InvalidEmail";
    public const string InvalidBoolean = "InvalidBoolean";
    public const string InvalidUrl = "InvalidUrl";
    public const string InvalidNumber = "InvalidNumber";
    /// <summary>A custom-field value that cannot be converted to the field's type (or is not an allowed enum value).</summary>
    public const string InvalidCustomField = "InvalidCustomField";
    /// <summary>Contact sync with -OrganizationKey: no organization has the row's organization key.</summary>
    public const string OrganizationNotFound = "OrganizationNotFound";
    public const string TooLong = "TooLong";
    public const string MapExpressionFailed = "MapExpressionFailed";
    /// <summary>
    /// A used column (mapped, or a key) of a pipeline object holds several values (an array) or an object (a hashtable,
    /// a nested PSCustomObject) instead of one value.
    /// </summary>
    public const string NotAValue = "NotAValue";
    public const string MissingKey = "MissingKey";
    public const string InvalidKey = "InvalidKey";
    public const string DuplicateKey = "DuplicateKey";
    public const string NothingToWrite = "NothingToWrite";
}
