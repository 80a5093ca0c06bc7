using System.Collections.Generic;

namespace GenesysSync.Input;

/// <summary>
/// One input row as the sync engine sees it, whatever it came from (a CSV file or a pipeline object).
/// Values are text; an absent column and a null value both read as <c>null</c>.
/// </summary>
public interface ISourceRow
{
    /// <summary>1-based position of the row in its input (the header line is not counted).</summary>
    int RowNumber { get; }

    /// <summary>Column names in input order (cleaned: trimmed, no BOM). Shared by all rows of a CSV.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The cell of a column, looked up case-insensitively (as PowerShell property names are).</summary>
    string? this[string column] { get; }

    /// <summary>The object the row was made from, handed back in results (for a CSV row: the row itself).</summary>
    object? Original { get; }

    /// <summary>Set when the row could not be read faithfully (e.g. more or fewer fields than the header).</summary>
    RowReadError? ReadError { get; }
}

/// <summary>Why a row could not be read. The message never contains cell values (they may be PII).</summary>
public sealed class RowReadError
{
    public RowReadError(string code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>Stable code, e.g. <see cref="RowReadErrorCodes.RaggedRow"/>.</summary>
    public string Code { get; }
    public string Message { get; }

    public override string ToString() => Code + ": " + Message;
}

public static class RowReadErrorCodes
{
    public const string RaggedRow = "RaggedRow";
}

/// <summary>
/// A re-readable sequence of rows. The engine may read it twice (a first pass finds duplicate keys so
/// that the last row can win deterministically), so each call to <see cref="ReadRows"/> starts over.
/// </summary>
public interface IRowSource
{
    /// <summary>Column names, known before the first row (for a CSV: its header).</summary>
    IReadOnlyList<string> Columns { get; }

    IEnumerable<ISourceRow> ReadRows();
}
