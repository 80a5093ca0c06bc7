using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Input;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Hides columns the module itself added (SyncErrorCode/SyncError in a -FailedPath file), so a
/// failed-rows file runs again as it is without "unmapped column" noise.
/// </summary>
internal sealed class IgnoredColumnsSource : IRowSource
{
    private readonly IRowSource _inner;
    private readonly HashSet<string> _ignored;

    public IgnoredColumnsSource(IRowSource inner, params string[] ignored)
    {
        _inner = inner;
        _ignored = new HashSet<string>(ignored, StringComparer.OrdinalIgnoreCase);
        Columns = inner.Columns.Where(c => !_ignored.Contains(c)).ToList();
    }

    public IReadOnlyList<string> Columns { get; }

    public bool IgnoresAny => Columns.Count != _inner.Columns.Count;

    public IEnumerable<ISourceRow> ReadRows() => _inner.ReadRows().Select(r => (ISourceRow)new Row(r, Columns));

    private sealed class Row : ISourceRow, ICellProblems
    {
        private readonly ISourceRow _inner;

        public Row(ISourceRow inner, IReadOnlyList<string> columns)
        {
            _inner = inner;
            Columns = columns;
        }

        public int RowNumber => _inner.RowNumber;
        public IReadOnlyList<string> Columns { get; }
        public string? this[string column] => _inner[column];
        public object? Original => _inner.Original;
        public RowReadError? ReadError => _inner.ReadError;
        public string? CellProblem(string column) => _inner.CellProblem(column);
        public string? CellList(string column) => _inner.CellList(column);
    }
}
