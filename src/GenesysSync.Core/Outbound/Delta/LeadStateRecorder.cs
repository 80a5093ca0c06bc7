using System;
using System.Collections.Generic;
using GenesysSync.Outbound.Loading;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Outbound.Delta;

/// <summary>
/// A sink in front of the caller's that writes what Genesys acknowledged into the delta state: added and updated leads
/// (their list and content hash), removed leads (forgotten). Records are committed in batches and on <see cref="Flush"/>;
/// a planned (WhatIf) result changes nothing. Thread-safe (results arrive from sending threads).
/// </summary>
public sealed class LeadStateRecorder : ILeadLoadSink
{
    private const int CommitEvery = 5000;
    private readonly SyncStateStore _state;
    private readonly ILeadLoadSink _inner;
    private readonly string? _runId;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<StateRecord> _upserts = new();
    private readonly List<KeyHash> _removals = new();

    public LeadStateRecorder(SyncStateStore state, ILeadLoadSink inner, string? runId, TimeProvider? time = null)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _runId = runId;
        _time = time ?? TimeProvider.System;
    }

    public void OnResult(LeadLoadResult result)
    {
        if (result == null) throw new ArgumentNullException(nameof(result));
        if (!result.WhatIf && result.LeadId != null)
        {
            lock (_gate)
            {
                switch (result.Action)
                {
                    case LeadAction.Added or LeadAction.Updated when result.ContactListId != null && result.ContentHash is ulong content:
                        _upserts.Add(new StateRecord(LeadState.KeyOf(result.LeadId), result.ContactListId, LeadState.FormatContent(content), _runId, _time.GetUtcNow()));
                        break;
                    case LeadAction.Removed:
                        _removals.Add(LeadState.KeyOf(result.LeadId));
                        break;
                }
                if (_upserts.Count + _removals.Count >= CommitEvery) FlushLocked();
            }
        }
        _inner.OnResult(result);
    }

    public void OnLog(LeadLogLevel level, string message) => _inner.OnLog(level, message);

    public void OnBatchFailed(string contactListName, int leads, Exception error) => _inner.OnBatchFailed(contactListName, leads, error);

    /// <summary>Commits what is pending (call when the load is drained).</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    private void FlushLocked()
    {
        if (_upserts.Count == 0 && _removals.Count == 0) return;
        _state.CommitBatch(_upserts, _removals);
        _upserts.Clear();
        _removals.Clear();
    }
}
