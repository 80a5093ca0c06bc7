using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenesysSync.Sync;

namespace GenesysSync.Harness;

/// <summary>
/// A sync sink that checks "every row has exactly one result" without keeping the results: one bit per
/// row number, counts per action, and the first few failure codes (for the report).
/// </summary>
public sealed class ResultTally : ISyncSink
{
    private readonly object _gate = new();
    private BitArray _seen;
    private readonly Dictionary<SyncAction, long> _byAction = new();
    private readonly Dictionary<string, long> _failureCodes = new(StringComparer.Ordinal);
    private long _rowResults, _repeated, _deleteResults;
    private int _maxRow;

    public ResultTally(int expectedRows = 1024) => _seen = new BitArray(Math.Max(2, expectedRows + 1));

    /// <summary>Optional pass-through (e.g. progress for a console).</summary>
    public Action<SyncProgress>? Progress { get; set; }

    public void OnResult(SyncResult result)
    {
        lock (_gate)
        {
            _byAction[result.Action] = (_byAction.TryGetValue(result.Action, out var n) ? n : 0) + 1;
            if (result.Action == SyncAction.Failed)
            {
                var code = result.ErrorCode ?? "unknown";
                _failureCodes[code] = (_failureCodes.TryGetValue(code, out var f) ? f : 0) + 1;
            }
            if (result.RowNumber == 0)
            {
                _deleteResults++; // Mirror: one result per deleted contact
                return;
            }
            _rowResults++;
            if (result.RowNumber >= _seen.Length) _seen.Length = Math.Max(result.RowNumber + 1, _seen.Length * 2);
            if (_seen[result.RowNumber]) _repeated++;
            else _seen[result.RowNumber] = true;
            _maxRow = Math.Max(_maxRow, result.RowNumber);
        }
    }

    public bool ShouldProcess(string target, string action) => true;
    public void OnProgress(SyncProgress progress) => Progress?.Invoke(progress);
    public void OnLog(SyncLogLevel level, string message) { }

    public long RowResults { get { lock (_gate) return _rowResults; } }
    public long DeleteResults { get { lock (_gate) return _deleteResults; } }
    /// <summary>Row numbers that got more than one result.</summary>
    public long RepeatedResults { get { lock (_gate) return _repeated; } }
    public long Count(SyncAction action) { lock (_gate) return _byAction.TryGetValue(action, out var n) ? n : 0; }
    public long Failed => Count(SyncAction.Failed);
    public IReadOnlyDictionary<string, long> FailureCodes { get { lock (_gate) return new Dictionary<string, long>(_failureCodes); } }

    /// <summary>Row numbers 1..rows that got no result.</summary>
    public long MissingResults(int rows)
    {
        lock (_gate)
        {
            long missing = 0;
            for (var i = 1; i <= rows; i++)
                if (i >= _seen.Length || !_seen[i]) missing++;
            return missing;
        }
    }

    public override string ToString()
    {
        lock (_gate)
            return string.Join(", ", _byAction.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) +
                   (_failureCodes.Count == 0 ? "" : " [" + string.Join(", ", _failureCodes.Select(p => $"{p.Key}×{p.Value}")) + "]");
    }
}
