using System;
using System.Collections.Generic;

namespace GenesysSync.Outbound.Loading;

public enum LeadAction
{
    /// <summary>A new contact was created (its id is the Lead ID).</summary>
    Added,
    /// <summary>The lead already was a contact (in this list) and its values changed.</summary>
    Updated,
    /// <summary>The lead already was a contact with exactly these values: nothing was sent.</summary>
    Unchanged,
    /// <summary>Not written on purpose (declined at a prompt, cancelled).</summary>
    Skipped,
    /// <summary>Stored, but no longer in the input: deleted from its list (-RemoveMissing).</summary>
    Removed,
    /// <summary>Invalid, or refused by Genesys; see ErrorCode and Message.</summary>
    Failed,
}

/// <summary>The outcome of one input row. Exactly one per row.</summary>
public sealed class LeadLoadResult
{
    public int RowNumber { get; init; }
    public string? LeadId { get; init; }
    /// <summary>The Genesys contact id (the Lead ID) when the lead is (or would be) in a list.</summary>
    public string? ContactId { get; init; }
    public string? ContactListName { get; init; }
    /// <summary>Null for a list that does not exist yet (WhatIf, or a failed shard creation).</summary>
    public string? ContactListId { get; init; }
    public LeadAction Action { get; init; }
    /// <summary>For Failed/Skipped: a <see cref="LeadErrorCodes"/> value or the Genesys error code.</summary>
    public string? ErrorCode { get; init; }
    public string? Message { get; init; }
    /// <summary>The input column at fault, when one is.</summary>
    public string? Column { get; init; }
    public string? ContextId { get; init; }
    public int? HttpStatus { get; init; }
    /// <summary>Planned only (WhatIf): nothing was written.</summary>
    public bool WhatIf { get; init; }
    /// <summary>For Added/Updated: <see cref="Loading.ContentHash"/> of the values sent (what a delta state remembers).</summary>
    public ulong? ContentHash { get; init; }
    /// <summary>The input row's object (for re-running failed rows).</summary>
    public object? InputObject { get; init; }

    /// <summary>True when the whole batch failed; its error was reported once through <see cref="ILeadLoadSink.OnBatchFailed"/>.</summary>
    public bool BatchFailure { get; init; }

    public override string ToString() => $"Row {RowNumber}: {Action}{(ErrorCode == null ? "" : " [" + ErrorCode + "]")}";
}

/// <summary>Totals of a load.</summary>
public sealed class LeadLoadSummary
{
    public long Rows { get; set; }
    public long Added { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Skipped { get; set; }
    public long Removed { get; set; }
    public long Failed { get; set; }
    /// <summary>Add requests sent (successful or not).</summary>
    public long AddRequests { get; set; }
    /// <summary>Lists this run created (shards).</summary>
    public List<string> ListsCreated { get; } = new();
    public TimeSpan Duration { get; set; }

    internal void Count(LeadAction action)
    {
        switch (action)
        {
            case LeadAction.Added: Added++; break;
            case LeadAction.Updated: Updated++; break;
            case LeadAction.Unchanged: Unchanged++; break;
            case LeadAction.Skipped: Skipped++; break;
            case LeadAction.Removed: Removed++; break;
            default: Failed++; break;
        }
    }

    public override string ToString()
        => $"{Rows} rows: {Added} added, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped, {Failed} failed{(Removed > 0 ? $", {Removed} removed" : "")}; {AddRequests} add requests, {ListsCreated.Count} list(s) created";
}

public enum LeadLogLevel
{
    Verbose,
    Warning,
}

/// <summary>
/// Where a load reports. <see cref="OnResult"/> and <see cref="OnLog"/> may be called from worker threads (a batch
/// finishing), so implementations must be thread-safe; a cmdlet queues them and writes them on its own thread.
/// </summary>
public interface ILeadLoadSink
{
    void OnResult(LeadLoadResult result);

    /// <summary>Messages for the user; never contain row values.</summary>
    void OnLog(LeadLogLevel level, string message);

    /// <summary>A whole batch could not be stored (its leads' Failed results follow); one call per batch.</summary>
    void OnBatchFailed(string contactListName, int leads, Exception error);
}

/// <summary>A sink from delegates; any may be null.</summary>
public sealed class DelegateLeadLoadSink : ILeadLoadSink
{
    public Action<LeadLoadResult>? Result { get; set; }
    public Action<LeadLogLevel, string>? Log { get; set; }
    public Action<string, int, Exception>? BatchFailed { get; set; }

    public void OnResult(LeadLoadResult result) => Result?.Invoke(result);
    public void OnLog(LeadLogLevel level, string message) => Log?.Invoke(level, message);
    public void OnBatchFailed(string contactListName, int leads, Exception error) => BatchFailed?.Invoke(contactListName, leads, error);
}
