using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.State;

namespace GenesysSync;

/// <summary>One past sync run, read from the state database.</summary>
public sealed class GenesysSyncRun
{
    internal GenesysSyncRun(SyncRunRecord run, string statePath)
    {
        RunId = run.RunId;
        StartedAt = run.StartedAt;
        EndedAt = run.EndedAt;
        Duration = run.Duration;
        Mode = run.Mode;
        Outcome = run.Outcome;
        Counts = run.Counts.ToDictionary(p => p.Key, p => p.Value);
        Created = Count("Created");
        Updated = Count("Updated");
        Unchanged = Count("Unchanged");
        Deleted = Count("Deleted");
        Skipped = Count("Skipped");
        Failed = Count("Failed");
        Requests = run.TotalRequests;
        RequestsByKind = run.Requests.ToDictionary(p => p.Key, p => p.Value);
        Throttled = run.Throttled;
        Retries = run.Retries;
        UnmappedColumns = run.UnmappedColumns.ToArray();
        Message = run.Message;
        StatePath = statePath;
    }

    public string RunId { get; }
    /// <summary>When the run began: the "modified since" watermark for the next incremental CRM query.</summary>
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt { get; }
    public TimeSpan? Duration { get; }
    public string Mode { get; }
    /// <summary>Succeeded, CompletedWithErrors, Cancelled, Failed, Refused or Running.</summary>
    public string Outcome { get; }
    public Dictionary<string, long> Counts { get; }
    public long Created { get; }
    public long Updated { get; }
    public long Unchanged { get; }
    public long Deleted { get; }
    public long Skipped { get; }
    public long Failed { get; }
    public long Requests { get; }
    public Dictionary<string, long> RequestsByKind { get; }
    public long Throttled { get; }
    public long Retries { get; }
    public string[] UnmappedColumns { get; }
    public string? Message { get; }
    public string StatePath { get; }

    private long Count(string action) => Counts.TryGetValue(action, out var n) ? n : 0;

    public override string ToString() => $"{StartedAt:u} {Mode} {Outcome}";
}
