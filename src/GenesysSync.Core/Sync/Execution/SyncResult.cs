using System;
using System.Collections.Generic;

namespace GenesysSync.Sync;

public enum SyncAction
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    Skipped,
    Failed,
}

/// <summary>Stable reasons for Skipped results.</summary>
public static class SkipReasons
{
    public const string DuplicateKey = RowIssueCodes.DuplicateKey;
    /// <summary>Insert mode: the contact already exists.</summary>
    public const string Exists = "Exists";
    /// <summary>Update mode: no contact matches the key.</summary>
    public const string NotFound = "NotFound";
    /// <summary>The ShouldProcess callback declined the write.</summary>
    public const string Declined = "Declined";
    /// <summary>Matching on Id cannot create contacts (Genesys assigns ids).</summary>
    public const string CannotCreateById = "CannotCreateById";
    /// <summary>The run was cancelled before the row was written.</summary>
    public const string Cancelled = "Cancelled";
}

/// <summary>
/// The outcome of one input row (or, for Mirror, of one deleted contact: RowNumber 0). Exactly one per
/// input row. <see cref="Key"/> is the display form of the match key (shown to the user who owns the
/// data); logs should use <see cref="KeyHash"/> only.
/// </summary>
public sealed class SyncResult
{
    public int RowNumber { get; init; }
    public string? Key { get; init; }
    /// <summary>Hex SHA-256 of the match key (safe for logs); null when the row had no key.</summary>
    public string? KeyHash { get; init; }
    public SyncAction Action { get; init; }
    public string? ContactId { get; init; }
    public IReadOnlyList<string> ChangedFields { get; init; } = Array.Empty<string>();
    /// <summary>Why the row was Skipped (see <see cref="SkipReasons"/> and <see cref="RowIssueCodes"/>).</summary>
    public string? Reason { get; init; }
    /// <summary>For Failed: a <see cref="RowIssueCodes"/> value or the Genesys error code.</summary>
    public string? ErrorCode { get; init; }
    public string? Message { get; init; }
    public string? ContextId { get; init; }
    public int? HttpStatus { get; init; }
    /// <summary>Write attempts made for this row (0 when nothing was sent).</summary>
    public int Attempts { get; init; }
    /// <summary>True when this is a planned action (WhatIf) and nothing was written.</summary>
    public bool WhatIf { get; init; }
    /// <summary>Non-blocking issues (e.g. a phone kept as typed).</summary>
    public IReadOnlyList<RowIssue> Warnings { get; init; } = Array.Empty<RowIssue>();
    /// <summary>The input row's original object (CSV: the row itself), so failed rows can be re-run.</summary>
    public object? InputObject { get; init; }

    public override string ToString() => $"Row {RowNumber}: {Action}{(Reason is null ? "" : " (" + Reason + ")")}{(ErrorCode is null ? "" : " [" + ErrorCode + "]")}";
}

/// <summary>Totals of a run.</summary>
public sealed class SyncSummary
{
    public string RunId { get; init; } = string.Empty;
    public SyncMode Mode { get; init; }
    public bool WhatIf { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public TimeSpan Duration { get; set; }
    /// <summary>Input rows read.</summary>
    public long Rows { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Deleted { get; set; }
    public long Skipped { get; set; }
    public long Failed { get; set; }
    /// <summary>API calls by kind (bulkAdd, bulkUpdate, bulkFetch, bulkRemove, scanPage, lookup).</summary>
    public Dictionary<string, long> Calls { get; } = new(StringComparer.Ordinal);
    /// <summary>HTTP requests, 429 answers and retries as counted by the client (when the gateway reports them).</summary>
    public long Requests { get; set; }
    public long Throttled { get; set; }
    public long Retries { get; set; }
    public IReadOnlyList<string> UnmappedColumns { get; set; } = Array.Empty<string>();
    public MappingReport? Mapping { get; set; }
    /// <summary>Contacts found by the reconcile scan (null when no scan ran).</summary>
    public long? ScannedContacts { get; set; }
    /// <summary>Mirror: contacts that would have been deleted but were not (threshold, input failure).</summary>
    public long DeletesWithheld { get; set; }
    public string? DeletesWithheldReason { get; set; }
    /// <summary>One of <see cref="State.RunOutcomes"/>.</summary>
    public string Outcome { get; set; } = State.RunOutcomes.Running;

    internal void Count(SyncAction action)
    {
        switch (action)
        {
            case SyncAction.Created: Created++; break;
            case SyncAction.Updated: Updated++; break;
            case SyncAction.Unchanged: Unchanged++; break;
            case SyncAction.Deleted: Deleted++; break;
            case SyncAction.Skipped: Skipped++; break;
            default: Failed++; break;
        }
    }

    public override string ToString() =>
        $"{Mode}{(WhatIf ? " (WhatIf)" : "")}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Deleted} deleted, {Skipped} skipped, {Failed} failed; {Requests} requests, {Throttled} throttled, {Duration.TotalSeconds:0.0} s";
}

/// <summary>A progress snapshot.</summary>
public sealed class SyncProgress
{
    public string Phase { get; init; } = string.Empty;
    public long RowsDone { get; init; }
    /// <summary>Known after the first pass over the input; null before.</summary>
    public long? TotalRows { get; init; }
    public double RowsPerSecond { get; init; }
    public long Requests { get; init; }
    public long Throttled { get; init; }
    public TimeSpan? Eta { get; init; }
    /// <summary>0-100 when the total is known, else null.</summary>
    public int? PercentComplete => TotalRows is long t && t > 0 ? (int)Math.Min(100, RowsDone * 100 / t) : null;
}
