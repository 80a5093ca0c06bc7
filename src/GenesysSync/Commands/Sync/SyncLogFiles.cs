using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// -LogPath: JSON lines, one per failed or skipped row and one per run. Holds the row number,
/// the hashed key and the error — never row values (PII).
/// </summary>
internal sealed class SyncLogWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    public SyncLogWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        // Shared, and every line goes at the current end: overlapping runs (one waiting for the state lock) and the
        // scheduled script's own lines append to one log without overwriting each other.
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(_stream, new UTF8Encoding(false));
    }

    public void Row(string runId, SyncResult result)
    {
        if (result.Action is not (SyncAction.Failed or SyncAction.Skipped)) return;
        Write(new Dictionary<string, object?>
        {
            ["type"] = "row",
            ["time"] = DateTimeOffset.UtcNow,
            ["runId"] = runId,
            ["row"] = result.RowNumber,
            ["keyHash"] = result.KeyHash,
            ["action"] = result.Action.ToString(),
            ["reason"] = result.Reason,
            ["errorCode"] = result.ErrorCode,
            ["httpStatus"] = result.HttpStatus,
            ["contextId"] = result.ContextId,
            ["message"] = result.Message,
            ["attempts"] = result.Attempts,
        });
    }

    public void Run(string runId, GenesysSyncSummary summary, string outcome)
    {
        Write(new Dictionary<string, object?>
        {
            ["type"] = "run",
            ["time"] = DateTimeOffset.UtcNow,
            ["runId"] = runId,
            ["stateRunId"] = summary.RunId,
            ["outcome"] = outcome,
            ["mode"] = summary.Mode,
            ["whatIf"] = summary.WhatIf,
            ["startedAt"] = summary.StartedAt,
            ["durationSeconds"] = Math.Round(summary.Duration.TotalSeconds, 3),
            ["rows"] = summary.Rows,
            ["created"] = summary.Created,
            ["updated"] = summary.Updated,
            ["unchanged"] = summary.Unchanged,
            ["deleted"] = summary.Deleted,
            ["skipped"] = summary.Skipped,
            ["failed"] = summary.Failed,
            ["requests"] = summary.Requests,
            ["requestsByKind"] = summary.RequestsByKind,
            ["throttled"] = summary.Throttled,
            ["retries"] = summary.Retries,
            ["unmappedColumns"] = summary.UnmappedColumns,
        });
    }

    private void Write(Dictionary<string, object?> record)
    {
        _stream.Seek(0, SeekOrigin.End);
        _writer.WriteLine(JsonSerializer.Serialize(record));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>
/// -FailedPath: the failed rows with their original columns (so the file can be fixed and run
/// again as it is) plus SyncErrorCode and SyncError columns explaining each failure.
/// </summary>
internal sealed class FailedRowsWriter : IDisposable
{
    internal const string ErrorCodeColumn = "SyncErrorCode";
    internal const string ErrorColumn = "SyncError";
    /// <summary>Prefix of the columns that keep a ragged row's fields beyond the header (SyncExtraField1, 2…).</summary>
    internal const string ExtraFieldPrefix = "SyncExtraField";

    private readonly string _path;
    private readonly List<(IReadOnlyList<KeyValuePair<string, string?>> Cells, string Code, string Message)> _rows = new();

    public FailedRowsWriter(string path) => _path = path;

    public int Count => _rows.Count;

    public void Add(Input.ISourceRow? row, SyncResult result)
    {
        if (result.Action != SyncAction.Failed || row is null) return;
        var cells = row.Columns.Where(c => c != ErrorCodeColumn && c != ErrorColumn)
            .Select(c => new KeyValuePair<string, string?>(c, row[c])).ToList();
        // A ragged row's fields beyond the header are kept in columns of their own, so nothing of the row is lost.
        var extra = row.ReadError?.ExtraFields ?? Array.Empty<string?>();
        for (var i = 0; i < extra.Count; i++) cells.Add(new KeyValuePair<string, string?>(ExtraFieldPrefix + (i + 1).ToString(CultureInfo.InvariantCulture), extra[i]));
        _rows.Add((cells, result.ErrorCode ?? result.Reason ?? "", result.Message ?? ""));
    }

    public void Dispose()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path)) ?? ".");
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in _rows)
            foreach (var cell in row.Cells)
                if (seen.Add(cell.Key)) columns.Add(cell.Key);
        using var writer = new StreamWriter(_path, append: false, new UTF8Encoding(false));
        using var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in columns) csv.WriteField(column);
        csv.WriteField(ErrorCodeColumn);
        csv.WriteField(ErrorColumn);
        csv.NextRecord();
        foreach (var (cells, code, message) in _rows)
        {
            var byName = cells.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var column in columns) csv.WriteField(byName.TryGetValue(column, out var v) ? v : null);
            csv.WriteField(code);
            csv.WriteField(message);
            csv.NextRecord();
        }
    }
}
