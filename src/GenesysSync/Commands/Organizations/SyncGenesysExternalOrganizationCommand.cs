using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GenesysSync.Commands.Surface;
using GenesysSync.Commands.Sync;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// Sync-GenesysExternalOrganization: keeps External Organizations equal to a system of record's accounts, on the same
/// engine as Sync-GenesysExternalContact (modes, mapping, delta state, bulk writes, per-row results, -WhatIf). Rows come
/// from the pipeline or a CSV file (-Path). Organizations match on their external id (default), a composite key, or their
/// Genesys id; Sync-GenesysExternalContact -OrganizationKey then links contacts to them by the same external id.
/// </summary>
[Cmdlet(VerbsData.Sync, Nouns.ExternalOrganization, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Sync-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysOrganizationSyncResult))]
public sealed class SyncGenesysExternalOrganizationCommand : SurfaceCmdlet
{
    private const string PipelineSet = "Pipeline";
    private const string PathSet = "Path";

    /// <summary>Column names (NameKey form) that hold an account id, tried when -Key is not given.</summary>
    private static readonly string[] KeyColumnNames = { "externalid", "accountid", "organizationid", "organisationid", "orgid", "companyid", "customerid", "crmid", "sourceid", "recordid" };

    private readonly PipelineRowSource _pipelineRows = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<GenesysLogEvent> _clientLog = new();

    [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = PathSet)]
    public char? Delimiter { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    [ArgumentCompleter(typeof(EncodingCompleter))]
    public string? Encoding { get; set; }

    [Parameter]
    [ValidateSet("Insert", "Update", "Upsert", "Mirror", IgnoreCase = true)]
    public string Mode { get; set; } = "Upsert";

    [Parameter]
    public Hashtable? Map { get; set; }

    [Parameter]
    [ValidateSet("ExternalId", "Id", "Composite", IgnoreCase = true)]
    public string MatchOn { get; set; } = "ExternalId";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Key { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    [Parameter]
    [ValidateSet("Fail", "Skip", "KeepAsIs", IgnoreCase = true)]
    public string InvalidPhone { get; set; } = "Fail";

    [Parameter]
    public SwitchParameter ClearEmpty { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public double DeleteThreshold { get; set; } = 10;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter Reconcile { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    [Parameter]
    [ValidateRange(1, 200)]
    public int BatchSize { get; set; } = 200;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FailedPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogPath { get; set; }

    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeout { get; set; } = 30;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PipelineSet && InputObject is not null) _pipelineRows.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var connection = ActiveConnection;
        var whatIf = IsWhatIf;
        var source = OpenSource();
        if (source is null) return;

        var options = BuildOptions(whatIf);
        options.ExternalSourceId = ResolveRunSource(whatIf);
        var statePath = StatePath is not null
            ? GetUnresolvedProviderPathFromPSPath(StatePath)
            : SyncStateStore.DefaultPath(connection.StateKey, "externalorganizations", ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null);
        WriteVerbose("State database: " + statePath);

        using var log = LogPath is null ? null : new SyncLogWriter(GetUnresolvedProviderPathFromPSPath(LogPath));
        using var failed = FailedPath is null ? null : new FailedRowsWriter(GetUnresolvedProviderPathFromPSPath(FailedPath));
        using var state = SyncStateStore.Open(statePath, connection.Client.TimeProvider);
        var engine = new EntitySync<Api.Models.ExternalOrganization>(OrganizationSyncKind.Instance,
            new ExternalOrganizationsApiGateway(connection.ExternalOrganizations, connection.Client.Stats), state, connection.Client.TimeProvider);
        var progress = new ProgressRecord(Math.Abs(GetHashCode() % 100000) + 1, "Sync-GenesysExternalOrganization", "Starting");
        var runId = Guid.NewGuid().ToString();
        var sink = new DelegateSyncSink
        {
            Result = r =>
            {
                DrainAll();
                log?.Row(runId, r);
                failed?.Add(r.InputObject as ISourceRow, r);
                WriteObject(new GenesysOrganizationSyncResult(r, SyncGenesysExternalContactCommand.ToInputObject(r.InputObject), whatIf));
            },
            Confirm = (target, action) => ShouldProcess(target, action),
            Progress = p =>
            {
                DrainAll();
                progress.StatusDescription = Invariant($"{p.Phase}: {p.RowsDone:N0}{(p.TotalRows is long t ? " of " + t.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "")} rows, {p.Requests:N0} requests, {p.Throttled:N0} throttled");
                progress.PercentComplete = p.PercentComplete ?? -1;
                WriteProgress(progress);
            },
            Log = (level, message) =>
            {
                DrainAll();
                if (level == SyncLogLevel.Warning) WriteWarning(message);
                else WriteVerbose(message);
            },
        };

        SyncSummary? summary = null;
        try
        {
            using (GenesysConnection.RouteLogTo(_clientLog.Enqueue))
            {
                summary = SyncPump.Run(() => engine.RunAsync(source, options, sink, CancellationToken));
            }
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (MappingException ex) { ThrowTerminating(ex, "InvalidSyncMapping", Path); }
        catch (StateLockedException ex) { ThrowTerminating(ex, "SyncStateLocked", statePath); }
        catch (SyncInputException ex) { ThrowTerminating(ex, "SyncInputFailed", Path); }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysApiException ex) { ThrowTerminating(ex, "SyncFailed"); }
        catch (ArgumentException ex) { ThrowTerminating(ex, "InvalidSyncConfiguration"); }
        finally
        {
            DrainAll();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        var result = new GenesysSyncSummary(summary!);
        log?.Run(runId, result, summary!.Outcome);
        if (failed is { Count: > 0 }) WriteVerbose(Invariant($"Wrote {failed.Count} failed row(s) to {FailedPath}."));
        if (summary!.DeletesWithheld > 0 && summary.DeletesWithheldReason is not null) WriteWarning(summary.DeletesWithheldReason);
        var shown = new InformationRecord(new HostInformationMessage { Message = result.ToString() }, "Sync-GenesysExternalOrganization");
        shown.Tags.Add("PSHOST");
        WriteInformation(shown);
        WriteInformation(result, new[] { "GenesysSyncSummary" });
    }

    private void DrainAll()
    {
        while (_clientLog.TryDequeue(out var e)) WriteVerbose(e.Message);
        Drain();
    }

    private IRowSource? OpenSource()
    {
        if (ParameterSetName == PipelineSet)
        {
            if (_pipelineRows.Count == 0) WriteWarning("No rows came through the pipeline; nothing to sync.");
            return new IgnoredColumnsSource(_pipelineRows, FailedRowsWriter.ErrorCodeColumn, FailedRowsWriter.ErrorColumn);
        }
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (InputFileError(path, Path) is { } missing)
        {
            WriteError(missing);
            return null;
        }
        try
        {
            var encoding = string.IsNullOrEmpty(Encoding) ? null
                : Encoding!.ToLowerInvariant() is "utf8" or "utf-8" ? new UTF8Encoding(false) : GenesysSync.Input.TextEncodings.GetByName(Encoding!);
            return new IgnoredColumnsSource(new CsvRowSource(path, new CsvReadOptions { Delimiter = Delimiter, Encoding = encoding }),
                FailedRowsWriter.ErrorCodeColumn, FailedRowsWriter.ErrorColumn);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            ThrowTerminating(ex, "InputFileUnreadable", Path);
            return null;
        }
    }

    private SyncOptions BuildOptions(bool whatIf)
    {
        var options = new SyncOptions
        {
            Mode = Parse<SyncMode>(Mode),
            BatchSize = BatchSize,
            DeleteThreshold = DeleteThreshold,
            Force = Force,
            WhatIf = whatIf,
            Reconcile = Reconcile ? ReconcileMode.Always : ReconcileMode.Auto,
            LockTimeout = TimeSpan.FromSeconds(LockTimeout),
        };
        options.Keys.MatchOn = Parse<GenesysSync.Sync.MatchOn>(MatchOn);
        foreach (var k in Key) options.Keys.KeyColumns.Add(k);
        foreach (var name in KeyColumnNames) options.Keys.DetectColumns.Add(name);
        options.Normalization.DefaultRegion = DefaultRegion;
        options.Normalization.InvalidPhone = Parse<InvalidPhonePolicy>(InvalidPhone);
        options.Normalization.ClearEmpty = ClearEmpty;
        foreach (DictionaryEntry entry in Map ?? new Hashtable())
        {
            var field = entry.Key?.ToString() ?? "";
            options.Mapping.Map[field] = entry.Value switch
            {
                null => null,
                ScriptBlock script => FieldSource.FromDelegate(row => Invoke(script, row), "{ " + script.ToString().Trim() + " }"),
                PSObject { BaseObject: ScriptBlock script } => FieldSource.FromDelegate(row => Invoke(script, row), "{ " + script.ToString().Trim() + " }"),
                var column => FieldSource.FromColumn(column.ToString() ?? ""),
            };
        }
        return options;
    }

    private static string? Invoke(ScriptBlock script, ISourceRow row)
    {
        var input = SyncGenesysExternalContactCommand.ToInputObject(row.Original is ISourceRow ? row : row.Original) ?? row;
        var output = script.InvokeWithContext(null, new List<PSVariable> { new("_", input), new("PSItem", input) });
        return SyncGenesysExternalContactCommand.MapScriptText(output);
    }

    private string ResolveRunSource(bool whatIf)
    {
        if (Parse<GenesysSync.Sync.MatchOn>(MatchOn) == GenesysSync.Sync.MatchOn.Id) return "";
        var api = ActiveConnection.ExternalContacts;
        if (whatIf)
        {
            var existing = Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase));
            return existing?.Id ?? "(new)";
        }
        return Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct)).Id!;
    }

    private static T Parse<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: true);
}
