using System;

namespace GenesysSync.Sync;

/// <summary>What a run does with rows that exist / do not exist in Genesys.</summary>
public enum SyncMode
{
    /// <summary>Create missing contacts; existing ones are Skipped (Exists).</summary>
    Insert,
    /// <summary>Update existing contacts; missing ones are Skipped (NotFound).</summary>
    Update,
    /// <summary>Create or update (default).</summary>
    Upsert,
    /// <summary>Upsert, then delete managed contacts absent from the input (threshold-protected).</summary>
    Mirror,
}

/// <summary>When the run reads the whole org through the scan cursor to (re)build the state.</summary>
public enum ReconcileMode
{
    /// <summary>Only when this state has never been reconciled (first run), so contacts created earlier are matched, not duplicated.</summary>
    Auto,
    /// <summary>Every run (-Reconcile): rebuild/repair the state from the org first.</summary>
    Always,
    /// <summary>Never scan (trust the state; first run creates everything not in it).</summary>
    Never,
}

public sealed class SyncOptions
{
    public SyncMode Mode { get; set; } = SyncMode.Upsert;
    public KeyOptions Keys { get; set; } = new();
    public MappingOptions Mapping { get; set; } = new();
    public NormalizationOptions Normalization { get; set; } = new();

    /// <summary>Id of the External Source the ExternalIds belong to (required for ExternalId/Composite matching).</summary>
    public string? ExternalSourceId { get; set; }

    /// <summary>Contacts per bulk request (the API accepts up to about 200).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Bulk requests in flight at once (the client's rate limiter still applies).</summary>
    public int MaxParallelBatches { get; set; } = 4;

    /// <summary>Mirror refuses to delete more than this percentage of the managed contacts unless <see cref="Force"/>.</summary>
    public double DeleteThreshold { get; set; } = 10;

    public bool Force { get; set; }

    /// <summary>Plan only: one result per row with the action it would take; nothing is written (reads still happen).</summary>
    public bool WhatIf { get; set; }

    public ReconcileMode Reconcile { get; set; } = ReconcileMode.Auto;

    /// <summary>How long to wait for another run on the same state to finish.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often progress is reported (at most).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Adds fields to each window of rows before planning (e.g. a contact's organization from an organization key).</summary>
    public IRowLinker? RowLinker { get; set; }

    internal void Validate()
    {
        if (BatchSize < 1 || BatchSize > 1000) throw new ArgumentOutOfRangeException(nameof(BatchSize), "BatchSize must be between 1 and 1000.");
        if (MaxParallelBatches < 1) throw new ArgumentOutOfRangeException(nameof(MaxParallelBatches), "MaxParallelBatches must be at least 1.");
        if (DeleteThreshold < 0 || DeleteThreshold > 100) throw new ArgumentOutOfRangeException(nameof(DeleteThreshold), "DeleteThreshold is a percentage (0-100).");
        if ((Keys.MatchOn == MatchOn.ExternalId || Keys.MatchOn == MatchOn.Composite) && string.IsNullOrWhiteSpace(ExternalSourceId))
            throw new ArgumentException($"Matching on {Keys.MatchOn} writes ExternalIds, which need an External Source id (ExternalSourceId).");
    }
}
