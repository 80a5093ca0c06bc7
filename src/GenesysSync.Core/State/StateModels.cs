using System;
using System.Collections.Generic;
using GenesysSync.Sync;

namespace GenesysSync.State;

/// <summary>
/// What the state remembers about one managed contact: the hash of its match key, its Genesys id and
/// the content hash of the last acknowledged write. No names, e-mails or raw keys.
/// </summary>
public sealed class StateRecord
{
    public StateRecord(KeyHash key, string contactId, string? contentHash, string? lastRunId, DateTimeOffset updatedAt)
    {
        if (key.IsEmpty) throw new ArgumentException("A key hash is required.", nameof(key));
        Key = key;
        ContactId = contactId ?? throw new ArgumentNullException(nameof(contactId));
        ContentHash = contentHash;
        LastRunId = lastRunId;
        UpdatedAt = updatedAt;
    }

    public KeyHash Key { get; }
    public string ContactId { get; }
    /// <summary>Null when the contact is known (e.g. found by a reconcile scan) but its content is not.</summary>
    public string? ContentHash { get; }
    public string? LastRunId { get; }
    public DateTimeOffset UpdatedAt { get; }
}

/// <summary>How a run ended.</summary>
public static class RunOutcomes
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    /// <summary>Finished, but some rows failed.</summary>
    public const string CompletedWithErrors = "CompletedWithErrors";
    public const string Cancelled = "Cancelled";
    public const string Failed = "Failed";
    /// <summary>A Mirror run whose deletions were refused (threshold) or planned only (WhatIf).</summary>
    public const string Refused = "Refused";
}

/// <summary>Totals written when a run completes.</summary>
public sealed class RunCompletion
{
    public string Outcome { get; set; } = RunOutcomes.Succeeded;
    /// <summary>Rows per action (Created, Updated, Unchanged, Deleted, Skipped, Failed).</summary>
    public IDictionary<string, long> Counts { get; } = new Dictionary<string, long>(StringComparer.Ordinal);
    /// <summary>HTTP requests by kind (e.g. bulkAdd, bulkUpdate, scan).</summary>
    public IDictionary<string, long> Requests { get; } = new Dictionary<string, long>(StringComparer.Ordinal);
    public long TotalRequests { get; set; }
    public long Throttled { get; set; }
    public long Retries { get; set; }
    public IList<string> UnmappedColumns { get; } = new List<string>();
    /// <summary>Short reason for a non-success outcome (never row data).</summary>
    public string? Message { get; set; }
}

/// <summary>One row of the runs table (read by Get-GenesysSyncRun).</summary>
public sealed class SyncRunRecord
{
    public string RunId { get; set; } = string.Empty;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string Mode { get; set; } = string.Empty;
    public string Outcome { get; set; } = RunOutcomes.Running;
    public IReadOnlyDictionary<string, long> Counts { get; set; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, long> Requests { get; set; } = new Dictionary<string, long>();
    public long TotalRequests { get; set; }
    public long Throttled { get; set; }
    public long Retries { get; set; }
    public IReadOnlyList<string> UnmappedColumns { get; set; } = Array.Empty<string>();
    public string? Message { get; set; }
    public TimeSpan? Duration => EndedAt - StartedAt;
}

/// <summary>Another run holds the state's run lock.</summary>
public sealed class StateLockedException : InvalidOperationException
{
    public StateLockedException(string message) : base(message) { }
}
