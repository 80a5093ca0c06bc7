using System;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Delta;
using GenesysSync.Outbound.Loading;
using GenesysSync.State;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// The delta step of Add-GenesysContactListContact: a state database per list family remembers, per hashed Lead ID,
/// the list and the hash of the values last sent, so a reload sends only new and changed leads without exporting the
/// lists first; -Full sends everything, -RemoveMissing deletes stored leads the input no longer has. Runs are recorded
/// (Get-GenesysSyncRun -StatePath) and two loads of one family never overlap (the state's run lock).
/// </summary>
public sealed partial class AddGenesysContactListContactCommand
{
    private ILeadLoadSink OpenDeltaState(ContactList template, LeadLoadOptions options, ILeadLoadSink sink)
    {
        var connection = ActiveConnection;
        var path = StatePath is not null
            ? GetUnresolvedProviderPathFromPSPath(StatePath)
            : SyncStateStore.DefaultPath(connection.StateKey, LeadState.ObjectType, template.Name!, connection.IsSandbox ? connection.SandboxStateDirectory : null);
        WriteVerbose("Delta state: " + path);
        var time = connection.Client.TimeProvider;
        try
        {
            _state = SyncStateStore.Open(path, time);
            _stateLock = Run(ct => _state.AcquireRunLockAsync(TimeSpan.FromSeconds(LockTimeout), ct));
        }
        catch (StateLockedException ex) { ThrowTerminating(ex, "ContactListStateLocked", path); }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.IO.InvalidDataException)
        {
            ThrowTerminating(ex, "ContactListStateUnavailable", path);
        }
        var stats = connection.Client.Stats;
        (_requestsAtStart, _throttledAtStart, _retriesAtStart) = (stats.Requests, stats.Throttled, stats.Retries);
        _runId = _whatIf ? null : _state!.BeginRun(Full ? "LeadLoadFull" : "LeadLoad");
        options.Full = Full;
        options.KnownLeads = new StateKnownLeadSource(_state!, new ExportKnownLeadSource(connection.Outbound),
            message => _log.Enqueue((LeadLogLevel.Verbose, message)), time, readOnly: _whatIf);
        return _recorder = new LeadStateRecorder(_state!, sink, _runId, time);
    }

    /// <summary>-RemoveMissing: plan (threshold, then an export per list to find the Lead IDs), confirm per list, delete.</summary>
    private void RemoveMissingLeads()
    {
        var remover = new MissingLeadRemover(ActiveConnection.Outbound, _loader!, _recorder!);
        MissingLeadPlan plan;
        try
        {
            plan = RunPumping(ct => remover.PlanAsync(RemoveThreshold, Force, ct), Pump);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "MissingLeadsNotFound", _loader!.Shards.Count > 0 ? _loader.Shards[0].Name : null);
            return;
        }
        if (plan.Refusal is not null)
        {
            _refusal = plan.Refusal;
            WriteWarning(plan.Refusal);
            return;
        }
        if (plan.Missing == 0) WriteVerbose("-RemoveMissing: every stored lead is in the input.");
        foreach (var list in plan.Lists)
        {
            var target = Invariant($"{list.LeadIds.Count:N0} lead(s) of '{list.Shard.Name}' that are not in the input");
            if (_whatIf || !ShouldProcessUnlessForced(target, "Remove contacts", Force))
            {
                remover.ReportPlanned(list, _whatIf);
                continue;
            }
            RunPumping(ct => remover.RemoveAsync(list, ct), Pump);
        }
        Pump();
    }

    /// <summary>Commits the state and records the run (not for -WhatIf, which writes nothing).</summary>
    private void CompleteDeltaRun(Exception? error)
    {
        if (_state is null) return;
        try
        {
            _recorder?.Flush();
            if (_runId is null || _loader is null) return;
            var summary = _loader.Summary;
            var stats = ActiveConnection.Client.Stats;
            var completion = new RunCompletion
            {
                Outcome = error is not null ? RunOutcomes.Failed
                    : _refusal is not null ? RunOutcomes.Refused
                    : summary.Failed > 0 ? RunOutcomes.CompletedWithErrors
                    : RunOutcomes.Succeeded,
                TotalRequests = stats.Requests - _requestsAtStart,
                Throttled = stats.Throttled - _throttledAtStart,
                Retries = stats.Retries - _retriesAtStart,
                Message = error is GenesysApiException api ? $"{api.GetType().Name} (HTTP {api.StatusCode}, {api.Code})" : error?.GetType().Name ?? _refusal,
            };
            completion.Counts["Rows"] = summary.Rows;
            completion.Counts["Added"] = summary.Added;
            completion.Counts["Updated"] = summary.Updated;
            completion.Counts["Unchanged"] = summary.Unchanged;
            completion.Counts["Removed"] = summary.Removed;
            completion.Counts["Skipped"] = summary.Skipped;
            completion.Counts["Failed"] = summary.Failed;
            completion.Requests["add"] = summary.AddRequests;
            _state.CompleteRun(_runId, completion);
            _runId = null;
        }
        catch (Exception ex) when (error is not null && ex is not OutOfMemoryException)
        {
            WriteWarning("The load could not be recorded in the delta state: " + ex.Message);
        }
    }

    public void Dispose()
    {
        _stateLock?.Dispose();
        _stateLock = null;
        _state?.Dispose();
        _state = null;
    }
}
