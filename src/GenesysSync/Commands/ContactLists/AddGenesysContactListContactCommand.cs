using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Commands.Sync;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Delta;
using GenesysSync.Outbound.Loading;
using GenesysSync.State;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// Add-GenesysContactListContact: loads leads (pipeline rows or a CSV file) into a contact list, 1000 per request,
/// with the Lead ID as the contact id, overflowing into &lt;Name&gt;-001, -002, … at -MaxContactsPerList. Rows stream
/// through (constant memory apart from ~22 bytes per Lead ID); one result per row.
/// </summary>
[Cmdlet(VerbsCommon.Add, Nouns.ContactListContact, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Add-GenesysContactListContact.md")]
[OutputType(typeof(GenesysContactListLoadResult))]
public sealed partial class AddGenesysContactListContactCommand : ContactListCmdlet, IDisposable
{
    private const string PipelineSet = "Pipeline";
    private const string PathSet = "Path";
    private const int ActivityId = 61;

    private static readonly string[] ValidationCodes =
    {
        LeadErrorCodes.RaggedRow, LeadErrorCodes.MissingLeadId, LeadErrorCodes.InvalidLeadId, LeadErrorCodes.DuplicateLeadId, LeadErrorCodes.InvalidPhone,
        LeadErrorCodes.InvalidEmail, LeadErrorCodes.CellTooLong, LeadErrorCodes.InvalidBoolean, LeadErrorCodes.ConsentConflict,
    };

    private readonly ConcurrentQueue<LeadLoadResult> _results = new();
    private readonly ConcurrentQueue<(LeadLogLevel Level, string Message)> _log = new();
    private readonly ConcurrentQueue<(string List, int Leads, Exception Error)> _batchErrors = new();
    private readonly Stopwatch _watch = new();
    private ContactListLoader? _loader;
    private string? _activity;
    private TimeSpan? _lastProgress;
    private long _rowsRead;
    private long? _totalRows;
    private bool _whatIf;
    // The delta state (see AddGenesysContactListContactCommand.Delta.cs): which leads are stored, in which list, with which values.
    private SyncStateStore? _state;
    private IDisposable? _stateLock;
    private LeadStateRecorder? _recorder;
    private string? _runId;
    private long _requestsAtStart, _throttledAtStart, _retriesAtStart;
    private string? _refusal;

    /// <summary>The first list of the family: a name, an id, or a list from Get-GenesysContactList.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    /// <summary>The input column holding the Lead ID (it becomes the contact id).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string IdColumn { get; set; } = "";

    [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>CSV delimiter; detected when omitted.</summary>
    [Parameter(ParameterSetName = PathSet)]
    public char? Delimiter { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000_000)]
    public int MaxContactsPerList { get; set; } = 1_000_000;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConsentColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DoNotCallColumn { get; set; }

    [Parameter]
    public SwitchParameter Priority { get; set; }

    [Parameter]
    public SwitchParameter ClearSystemData { get; set; }

    [Parameter]
    public SwitchParameter DoNotQueue { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>The delta state database (default: one per org and list family in the state folder).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>Send every lead, also those whose values are unchanged since the last load.</summary>
    [Parameter]
    public SwitchParameter Full { get; set; }

    /// <summary>After the load, delete the stored leads that are not in the input any more.</summary>
    [Parameter]
    public SwitchParameter RemoveMissing { get; set; }

    /// <summary>Largest share (percent of the stored leads) -RemoveMissing deletes without -Force.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public double RemoveThreshold { get; set; } = 10;

    /// <summary>Remove missing leads even above -RemoveThreshold, without asking. -WhatIf still wins.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Seconds to wait for another load of the same list family to finish.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeout { get; set; } = 30;

    protected override void BeginProcessing()
    {
        _whatIf = IsWhatIf();
        _watch.Start();
        var template = ResolveContactList(ContactList, terminating: true)!;
        var options = new LeadLoadOptions
        {
            IdColumn = IdColumn,
            MaxContactsPerList = MaxContactsPerList,
            DefaultRegion = DefaultRegion,
            ConsentColumn = ConsentColumn,
            DoNotCallColumn = DoNotCallColumn,
            BatchSize = BatchSize,
            WhatIf = _whatIf,
            AddOptions = Priority || ClearSystemData || DoNotQueue
                ? new AddContactsOptions { Priority = Priority ? true : null, ClearSystemData = ClearSystemData ? true : null, DoNotQueue = DoNotQueue ? true : null }
                : null,
        };
        ILeadLoadSink sink = new DelegateLeadLoadSink
        {
            Result = _results.Enqueue,
            Log = (level, message) => _log.Enqueue((level, message)),
            BatchFailed = (list, leads, error) => _batchErrors.Enqueue((list, leads, error)),
        };
        sink = OpenDeltaState(template, options, sink);
        try
        {
            _loader = new ContactListLoader(ActiveConnection.Outbound, template, options, sink);
            RunPumping(ct => _loader.InitializeAsync(ct), Pump);
        }
        catch (ArgumentException ex) { ThrowTerminating(ex, "InvalidLoadConfiguration", ContactList); }
        catch (GenesysApiException ex) { ThrowTerminating(ex, "ContactListLoadFailed", template.Name); }
        catch (InvalidDataException ex) { ThrowTerminating(ex, "ContactListExportUnreadable", template.Name); }
        _activity = $"Adding leads to '{template.Name}'";
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PipelineSet)
        {
            if (InputObject is null) return;
            Handle(PipelineRowSource.ToRow((int)++_rowsRead, PipelineRowSource.Cells(InputObject), InputObject));
            return;
        }
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (InputFileError(path, Path) is { } missing) ThrowTerminatingError(missing);
        CsvRowSource csv;
        try
        {
            csv = new CsvRowSource(path, new CsvReadOptions { Delimiter = Delimiter });
            _totalRows = csv.ReadRows().LongCount(); // one quick pass, so progress can show a percentage and an ETA
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            ThrowTerminating(ex, "InputFileUnreadable", Path);
            return;
        }
        WriteVerbose(Invariant($"Reading {Path}: {_totalRows:N0} rows, {csv.Columns.Count} columns, delimiter '{csv.Delimiter}'."));
        foreach (var row in csv.ReadRows())
        {
            if (CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
            _rowsRead++;
            Handle(row);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            foreach (var batch in _loader!.TakeBatches(flush: true)) Send(batch);
            RunPumping(ct => _loader.DrainAsync(ct), Pump);
            if (RemoveMissing) RemoveMissingLeads();
            CompleteDeltaRun(null);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            CompleteDeltaRun(ex);
            throw;
        }
        finally
        {
            Pump();
            WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        var summary = new GenesysContactListLoadSummary(_loader.Summary, _loader.Shards.Where(s => s.Id != null || s.Size > 0), _whatIf);
        var shown = new InformationRecord(new HostInformationMessage { Message = summary.ToString() }, "Add-GenesysContactListContact");
        shown.Tags.Add("PSHOST");
        WriteInformation(shown);
        WriteInformation(summary, new[] { "GenesysContactListLoadSummary" });
    }

    private void Handle(ISourceRow row)
    {
        _loader!.Accept(row);
        foreach (var batch in _loader.TakeBatches()) Send(batch);
        Pump();
    }

    /// <summary>One confirmation per request's worth of contacts (and per new list), not per row.</summary>
    private void Send(LeadBatch batch)
    {
        if (ShouldProcess(batch.Describe(), batch.CreatesList ? "Create the contact list and add contacts" : "Add contacts"))
            RunPumping(ct => _loader!.DispatchAsync(batch, ct), Pump);
        else
            _loader!.Decline(batch);
    }

    /// <summary>Writes what the loader reported since the last call (on this, the pipeline thread).</summary>
    private void Pump()
    {
        while (_log.TryDequeue(out var entry))
        {
            if (entry.Level == LeadLogLevel.Warning) WriteWarning(entry.Message);
            else WriteVerbose(entry.Message);
        }
        while (_batchErrors.TryDequeue(out var failure))
        {
            WriteItemError(failure.Error, "ContactListAddFailed", Invariant($"{failure.List} ({failure.Leads:N0} contacts)"));
        }
        while (_results.TryDequeue(out var result))
        {
            var input = EntitySyncCmdlet.ToInputObject(result.InputObject);
            WriteObject(new GenesysContactListLoadResult(result, input, _whatIf));
            if (result.Action == LeadAction.Failed && !result.BatchFailure) WriteRowError(result, input);
        }
        WriteLoadProgress();
    }

    private void WriteRowError(LeadLoadResult result, object? input)
    {
        var validation = ValidationCodes.Contains(result.ErrorCode);
        var errorId = validation ? result.ErrorCode! : result.ErrorCode == LeadErrorCodes.NotImported ? "LeadNotImported" : "ContactRefused";
        var record = new ErrorRecord(new FormatException(result.Message), errorId, validation ? ErrorCategory.InvalidData : ErrorCategory.InvalidResult, input);
        if (result.ContextId is not null) record.ErrorDetails = new ErrorDetails(result.Message + " (contextId " + result.ContextId + ")");
        WriteError(record);
    }

    private void WriteLoadProgress()
    {
        var elapsed = _watch.Elapsed;
        if (_activity is null || (_lastProgress is TimeSpan last && elapsed - last < TimeSpan.FromMilliseconds(500))) return;
        _lastProgress = elapsed;
        var summary = _loader!.Summary;
        var rate = _rowsRead / Math.Max(0.001, elapsed.TotalSeconds);
        var status = Invariant($"{_rowsRead:N0}{(_totalRows is long t ? " of " + t.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "")} rows: {summary.Added:N0} added, {summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged, {summary.Failed:N0} failed ({rate:N0} rows/s)");
        // A new record each time: the host keeps the ones it was given.
        WriteProgress(new ProgressRecord(ActivityId, _activity, status)
        {
            PercentComplete = _totalRows is long total && total > 0 ? (int)Math.Min(100, _rowsRead * 100 / total) : -1,
            SecondsRemaining = _totalRows is long all && rate > 0 ? (int)Math.Min(int.MaxValue, (all - _rowsRead) / rate) : -1,
        });
    }
}
