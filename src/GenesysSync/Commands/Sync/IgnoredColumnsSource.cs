using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Input;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Hides columns the module itself added (SyncErrorCode/SyncError in a -FailedPath file), so a
/// failed-rows file runs again as it is without "unmapped column" noise. A row that still holds values
/// in SyncExtraField columns (a ragged row's fields beyond the header) stays RaggedRow until they are
/// moved where they belong: its other values are likely shifted.
/// </summary>
internal sealed class IgnoredColumnsSource : IRowSource
{
    private readonly IRowSource _inner;
    private readonly HashSet<string> _ignored;

    public IgnoredColumnsSource(IRowSource inner, params string[] ignored)
    {
        _inner = inner;
        _ignored = new HashSet<string>(ignored, StringComparer.OrdinalIgnoreCase);
        Columns = inner.Columns.Where(c => !_ignored.Contains(c) && !IsExtraField(c)).ToList();
        _extraFields = inner.Columns.Where(IsExtraField).ToList();
    }

    private readonly List<string> _extraFields;

    private static bool IsExtraField(string column) => column.StartsWith(FailedRowsWriter.ExtraFieldPrefix, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Columns { get; }

    public bool IgnoresAny => Columns.Count != _inner.Columns.Count;

    public IEnumerable<ISourceRow> ReadRows() => _inner.ReadRows().Select(r => (ISourceRow)new Row(r, Columns, ExtraFieldsError(r)));

    private RowReadError? ExtraFieldsError(ISourceRow row)
    {
        if (row.ReadError is not null) return row.ReadError;
        var left = _extraFields.Where(c => !string.IsNullOrWhiteSpace(row[c])).ToList();
        if (left.Count == 0) return null;
        var extra = _extraFields.Select(c => row[c]).ToList();
        while (extra.Count > 0 && string.IsNullOrWhiteSpace(extra[extra.Count - 1])) extra.RemoveAt(extra.Count - 1);
        return new RowReadError(RowReadErrorCodes.RaggedRow,
            $"Row {row.RowNumber} still has values in {string.Join(", ", left)}: fields beyond the header of the original file. " +
            "Move them into the right columns (the other values of the row are likely shifted), empty these columns, and run it again.", extra);
    }

    private sealed class Row : ISourceRow, ICellProblems
    {
        private readonly ISourceRow _inner;

        public Row(ISourceRow inner, IReadOnlyList<string> columns, RowReadError? readError)
        {
            _inner = inner;
            Columns = columns;
            ReadError = readError;
        }

        public int RowNumber => _inner.RowNumber;
        public IReadOnlyList<string> Columns { get; }
        public string? this[string column] => _inner[column];
        public object? Original => _inner.Original;
        public RowReadError? ReadError { get; }
        public string? CellProblem(string column) => _inner.CellProblem(column);
        public string? CellList(string column) => _inner.CellList(column);
    }
}
