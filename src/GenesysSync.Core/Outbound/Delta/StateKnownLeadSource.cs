using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Outbound.Loading;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Outbound.Delta;

/// <summary>
/// Known leads from the delta state instead of exports, so a reload costs no export at all. The state is trusted only
/// when, for every list that holds contacts, it knows exactly as many leads as the list holds; otherwise (the first
/// load with a state, a list changed outside this tool, a run killed between Genesys storing a batch and the state
/// recording it) the state is rebuilt from exports of the lists (the loader's default source) and used from then on.
/// </summary>
public sealed class StateKnownLeadSource : IKnownLeadSource
{
    private const int CommitEvery = 5000;
    private readonly SyncStateStore _state;
    private readonly IKnownLeadSource _rebuildFrom;
    private readonly Action<string>? _log;
    private readonly TimeProvider _time;
    private readonly bool _readOnly;

    /// <param name="readOnly">Plan only (WhatIf): a state that needs rebuilding is read around, not rewritten.</param>
    public StateKnownLeadSource(SyncStateStore state, IKnownLeadSource rebuildFrom, Action<string>? log = null, TimeProvider? time = null, bool readOnly = false)
    {
        _readOnly = readOnly;
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _rebuildFrom = rebuildFrom ?? throw new ArgumentNullException(nameof(rebuildFrom));
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>True after <see cref="LoadAsync"/> when the leads came from exports (the state was rebuilt).</summary>
    public bool Rebuilt { get; private set; }

    public async Task LoadAsync(KnownLeadQuery query, Action<KnownLead> found, CancellationToken cancellationToken)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        if (found == null) throw new ArgumentNullException(nameof(found));
        var byList = query.Shards.Where(s => s.Id != null).ToDictionary(s => s.Id!, s => s, StringComparer.OrdinalIgnoreCase);

        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var stale = new List<KeyHash>();
        foreach (var record in _state.EnumerateManaged())
        {
            if (byList.ContainsKey(record.ContactId)) counts[record.ContactId] = (counts.TryGetValue(record.ContactId, out var n) ? n : 0) + 1;
            else stale.Add(record.Key); // its list is gone or empty: the lead is not stored any more
        }
        var drift = byList.Values.Where(s => (counts.TryGetValue(s.Id!, out var n) ? n : 0) != s.InitialSize).ToList();
        if (drift.Count > 0)
        {
            _log?.Invoke(counts.Count == 0
                ? "The delta state knows no leads of these lists yet: reading them from exports once."
                : $"The delta state does not match {string.Join(", ", drift.Select(s => $"'{s.Name}' ({s.InitialSize:N0} contacts, {(counts.TryGetValue(s.Id!, out var n) ? n : 0):N0} known)"))}: rebuilding it from exports.");
            await RebuildAsync(query, found, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (stale.Count > 0 && !_readOnly) _state.Remove(stale);

        foreach (var record in _state.EnumerateManaged())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!byList.TryGetValue(record.ContactId, out var shard) || !LeadState.TryParseContent(record.ContentHash, out var content)) continue;
            found(new KnownLead(LeadState.ToLeadKey(record.Key), shard.Index, content));
        }
    }

    private async Task RebuildAsync(KnownLeadQuery query, Action<KnownLead> found, CancellationToken cancellationToken)
    {
        Rebuilt = true;
        if (_readOnly)
        {
            await _rebuildFrom.LoadAsync(query, found, cancellationToken).ConfigureAwait(false);
            return;
        }
        _state.Clear();
        var now = _time.GetUtcNow();
        var listIds = query.Shards.ToDictionary(s => s.Index, s => s.Id!);
        var pending = new List<StateRecord>(CommitEvery);
        await _rebuildFrom.LoadAsync(query, lead =>
        {
            found(lead);
            if (lead.ContactId == null) return;
            pending.Add(new StateRecord(LeadState.KeyOf(lead.ContactId), listIds[lead.ShardIndex], LeadState.FormatContent(lead.ContentHash), null, now));
            if (pending.Count < CommitEvery) return;
            _state.CommitBatch(pending);
            pending.Clear();
        }, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0) _state.CommitBatch(pending);
    }
}
