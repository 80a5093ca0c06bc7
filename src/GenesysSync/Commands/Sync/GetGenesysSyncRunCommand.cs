using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Infrastructure;
using GenesysSync.State;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Get-GenesysSyncRun: the run history of a sync's state database, newest first. -Last gives the
/// latest successful run, whose StartedAt is the watermark for an incremental CRM query.
/// </summary>
[Cmdlet(VerbsCommon.Get, Nouns.SyncRun, DefaultParameterSetName = ByConnectionSet, HelpUri = HelpLinks.Base + "Get-GenesysSyncRun.md")]
[OutputType(typeof(GenesysSyncRun))]
public sealed class GetGenesysSyncRunCommand : GenesysCmdlet
{
    private const string ByConnectionSet = "ByConnection";
    private const string ByPathSet = "ByPath";

    /// <summary>The state database (as given to Sync-GenesysExternalContact -StatePath).</summary>
    [Parameter(ParameterSetName = ByPathSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string StatePath { get; set; } = "";

    /// <summary>The External Source whose default state database to read (with the current connection).</summary>
    [Parameter(ParameterSetName = ByConnectionSet)]
    [ValidateNotNullOrEmpty]
    public string ExternalSource { get; set; } = SyncGenesysExternalContactCommand.DefaultSourceName;

    /// <summary>Only the latest run that succeeded (Succeeded or CompletedWithErrors).</summary>
    [Parameter]
    public SwitchParameter Last { get; set; }

    [Parameter]
    [ValidateRange(1, 100000)]
    public int First { get; set; } = 50;

    protected override void EndProcessing()
    {
        string path;
        if (ParameterSetName == ByPathSet)
        {
            path = GetUnresolvedProviderPathFromPSPath(StatePath);
        }
        else
        {
            var connection = ActiveConnection;
            path = SyncStateStore.DefaultPath(connection.StateKey, "externalcontacts", ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null);
        }
        if (!File.Exists(path))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No sync state at '{path}': no sync has run with these settings yet."), "SyncStateNotFound", ErrorCategory.ObjectNotFound, path));
            return;
        }
        using var state = SyncStateStore.Open(path);
        var runs = state.GetRuns(Last ? 100000 : First);
        if (Last)
        {
            var last = runs.FirstOrDefault(r => r.Outcome is RunOutcomes.Succeeded or RunOutcomes.CompletedWithErrors);
            if (last is not null) WriteObject(new GenesysSyncRun(last, path));
            return;
        }
        foreach (var run in runs) WriteObject(new GenesysSyncRun(run, path));
    }
}
