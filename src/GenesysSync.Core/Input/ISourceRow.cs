using System;
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

/// <summary>
/// Implemented by rows whose cells can hold something other than one value: a pipeline object's property may be an
/// array (several values) or a nested object (no value). Such a cell reads as <c>null</c> through the indexer; the
/// readers of a column that is used (a mapped field, a key, a lead's id or flags) ask here and fail the row instead.
/// Columns that are not used are never asked, so an unmapped array property does not affect its row.
/// </summary>
public interface ICellProblems
{
    /// <summary>
    /// Why the cell of <paramref name="column"/> is not one value — "holds 2 values" or "holds an object, not a
    /// value" (never the value itself) — or null when it is one value or the column is absent.
    /// </summary>
    string? CellProblem(string column);

    /// <summary>
    /// For a cell that holds a list of plain values: their text joined by ';' (the form tag custom fields take);
    /// otherwise null.
    /// </summary>
    string? CellList(string column);
}

/// <summary>Helpers over <see cref="ISourceRow"/>.</summary>
public static class SourceRows
{
    /// <summary>See <see cref="ICellProblems.CellProblem"/>; null for rows that always hold one value per cell (CSV rows).</summary>
    public static string? CellProblem(this ISourceRow row, string column) =>
        row is ICellProblems cells && column is not null ? cells.CellProblem(column) : null;

    /// <summary>See <see cref="ICellProblems.CellList"/>; null for rows that always hold one value per cell (CSV rows).</summary>
    public static string? CellList(this ISourceRow row, string column) =>
        row is ICellProblems cells && column is not null ? cells.CellList(column) : null;

    /// <summary>
    /// The message of a cell that is not one value, naming the row and column and saying what to do (never the value):
    /// "Row 3: column 'CrmId' holds 2 values; give one value." <paramref name="use"/> says what the column is for,
    /// e.g. "the key column" or "mapped to firstName".
    /// </summary>
    public static string NotAValueMessage(int rowNumber, string column, string problem, string? use = null) =>
        $"Row {rowNumber}: column '{column}'{(use is null ? "" : " (" + use + ")")} {problem}; give one value.";
}

/// <summary>
/// Thrown by a value reader (a map expression) whose result is not one value; the normalizer turns it into a
/// NotAValue row issue. The message never contains the value.
/// </summary>
public sealed class NotAValueException : System.Exception
{
    /// <param name="problem">What the result holds instead, e.g. "holds 2 values" (see <see cref="ICellProblems.CellProblem"/>).</param>
    /// <param name="listText">For a list of plain values: their text joined by ';' (see <see cref="ICellProblems.CellList"/>).</param>
    public NotAValueException(string problem, string? listText = null) : base("The value " + problem + ".")
    {
        Problem = problem;
        ListText = listText;
    }

    public string Problem { get; }

    /// <summary>For a list of plain values: their text joined by ';' (what a tag custom field takes); else null.</summary>
    public string? ListText { get; }
}

/// <summary>Why a row could not be read. The message never contains cell values (they may be PII).</summary>
public sealed class RowReadError
{
    public RowReadError(string code, string message, IReadOnlyList<string?>? extraFields = null)
    {
        Code = code;
        Message = message;
        ExtraFields = extraFields ?? Array.Empty<string?>();
    }

    /// <summary>Stable code, e.g. <see cref="RowReadErrorCodes.RaggedRow"/>.</summary>
    public string Code { get; }
    public string Message { get; }

    /// <summary>
    /// The fields of a ragged row beyond the header (data, never put in <see cref="Message"/>), so that a failed-rows
    /// file can keep them rather than lose them.
    /// </summary>
    public IReadOnlyList<string?> ExtraFields { get; }

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
