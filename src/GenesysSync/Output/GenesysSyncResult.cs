using System;
using System.Linq;
using GenesysSync.Sync;

namespace GenesysSync;

/// <summary>
/// The outcome of one input row of a sync (or of one contact Mirror deleted): what happened,
/// to which contact, and why. Failed rows carry the Genesys error code and contextId, and the
/// original row as <see cref="InputObject"/> so they can be fixed and run again.
/// </summary>
public sealed class GenesysSyncResult
{
    internal GenesysSyncResult(SyncResult result, object? inputObject, bool whatIfRun)
    {
        RowNumber = result.RowNumber;
        Key = result.Key;
        Action = result.Action.ToString();
        ContactId = result.ContactId;
        ChangedFields = result.ChangedFields.ToArray();
        Reason = result.Reason;
        ErrorCode = result.ErrorCode;
        Message = result.Message;
        ContextId = result.ContextId;
        HttpStatus = result.HttpStatus;
        Attempts = result.Attempts;
        WhatIf = result.WhatIf || whatIfRun;
        Warnings = result.Warnings.Select(w => w.Message).ToArray();
        InputObject = inputObject;
    }

    /// <summary>1-based position in the input (0 for a contact deleted by Mirror).</summary>
    public int RowNumber { get; }
    /// <summary>The match key (e.g. the CRM id).</summary>
    public string? Key { get; }
    /// <summary>Created, Updated, Unchanged, Deleted, Skipped or Failed.</summary>
    public string Action { get; }
    public string? ContactId { get; }
    public string[] ChangedFields { get; }
    /// <summary>Why a row was skipped or failed, e.g. DuplicateKey, NotFound, InvalidEmail.</summary>
    public string? Reason { get; }
    public string? ErrorCode { get; }
    public string? Message { get; }
    /// <summary>The Genesys correlation id of a failed request (quote it to Genesys support).</summary>
    public string? ContextId { get; }
    public int? HttpStatus { get; }
    public int Attempts { get; }
    /// <summary>True when this is the plan of a -WhatIf run: nothing was written.</summary>
    public bool WhatIf { get; }
    public string[] Warnings { get; }
    /// <summary>The row as it came in (pipeline object, or the CSV row).</summary>
    public object? InputObject { get; }

    public override string ToString() => $"Row {RowNumber}: {Action}" + (Reason is null ? "" : $" ({Reason})");
}

/// <summary>A run's totals, as written to the information stream and the log.</summary>
public sealed class GenesysSyncSummary
{
    internal GenesysSyncSummary(SyncSummary summary)
    {
        RunId = summary.RunId;
        Mode = summary.Mode.ToString();
        WhatIf = summary.WhatIf;
        StartedAt = summary.StartedAt;
        Duration = summary.Duration;
        Rows = summary.Rows;
        Created = summary.Created;
        Updated = summary.Updated;
        Unchanged = summary.Unchanged;
        Deleted = summary.Deleted;
        Skipped = summary.Skipped;
        Failed = summary.Failed;
        Requests = summary.Requests;
        Throttled = summary.Throttled;
        Retries = summary.Retries;
        RequestsByKind = summary.Calls.ToDictionary(p => p.Key, p => p.Value);
        UnmappedColumns = summary.UnmappedColumns.ToArray();
        DeletesWithheld = summary.DeletesWithheld;
    }

    public string RunId { get; }
    public string Mode { get; }
    public bool WhatIf { get; }
    public DateTimeOffset StartedAt { get; }
    public TimeSpan Duration { get; }
    public long Rows { get; }
    public long Created { get; }
    public long Updated { get; }
    public long Unchanged { get; }
    public long Deleted { get; }
    public long Skipped { get; }
    public long Failed { get; }
    public long Requests { get; }
    public long Throttled { get; }
    public long Retries { get; }
    public System.Collections.Generic.Dictionary<string, long> RequestsByKind { get; }
    public string[] UnmappedColumns { get; }
    public long DeletesWithheld { get; }

    public override string ToString()
        => $"{(WhatIf ? "Plan" : "Sync")} of {Rows:N0} rows ({Mode}): {Created:N0} created, {Updated:N0} updated, {Unchanged:N0} unchanged, {Deleted:N0} deleted, {Skipped:N0} skipped, {Failed:N0} failed; "
         + $"{Requests:N0} requests ({Throttled:N0} throttled, {Retries:N0} retried) in {Duration:hh\\:mm\\:ss\\.f}."
         + (UnmappedColumns.Length > 0 ? " Not synced (no matching field; see the warnings): " + string.Join(", ", UnmappedColumns) + "." : "");
}
