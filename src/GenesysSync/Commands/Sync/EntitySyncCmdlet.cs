using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// What Sync-GenesysExternalContact and Sync-GenesysExternalOrganization share: both drive the generic engine
/// (EntitySync) the same way. Rows come from the pipeline or a CSV file; the same parameters make the options; the run
/// opens the delta state, writes one result per row (and -LogPath/-FailedPath), progress, the run summary, and maps
/// the engine's exceptions to the same error ids. A cmdlet adds its entity: the engine, the result object, and its own
/// options and steps.
/// </summary>
public abstract class EntitySyncCmdlet : SurfaceCmdlet
{
    protected const string PipelineSet = "Pipeline";
    protected const string PathSet = "Path";

    private readonly PipelineRowSource _pipelineRows = new();
    private readonly ConcurrentQueue<GenesysLogEvent> _clientLog = new();

    // The parameters both cmdlets take. Each cmdlet declares them (as overrides, with their attributes) in the order
    // of its help page: PowerShell and HelpGen list parameters in reflection order, which would put the ones declared
    // here after the cmdlet's own and so reorder the syntax, the help and tab completion.
    public abstract PSObject? InputObject { get; set; }
    public abstract string Path { get; set; }
    public abstract char? Delimiter { get; set; }
    public abstract string? Encoding { get; set; }
    public abstract string Mode { get; set; }
    public abstract Hashtable? Map { get; set; }
    public abstract string MatchOn { get; set; }
    public abstract string[] Key { get; set; }
    public abstract string ExternalSource { get; set; }
    public abstract string DefaultRegion { get; set; }
    public abstract string InvalidPhone { get; set; }
    public abstract SwitchParameter ClearEmpty { get; set; }
    public abstract double DeleteThreshold { get; set; }
    public abstract SwitchParameter Force { get; set; }
    public abstract SwitchParameter Reconcile { get; set; }
    public abstract string? StatePath { get; set; }
    public abstract int BatchSize { get; set; }
    public abstract string? FailedPath { get; set; }
    public abstract string? LogPath { get; set; }
    public abstract int LockTimeout { get; set; }

    /// <summary>The state database's entity name ("externalcontacts", "externalorganizations").</summary>
    protected abstract string StateEntity { get; }

    /// <summary>The engine for this entity over this state (its RunAsync).</summary>
    private protected abstract Func<IRowSource, SyncOptions, ISyncSink, CancellationToken, Task<SyncSummary>> CreateEngine(GenesysConnection connection, SyncStateStore state);

    /// <summary>The object written for one row's result.</summary>
    private protected abstract object CreateResult(SyncResult result, object? inputObject, bool whatIf);

    /// <summary>The cmdlet's own options, set after the shared ones and before the External Source is resolved.</summary>
    private protected virtual void AddOptions(SyncOptions options) { }

    /// <summary>A step after the state is open and before the run; what it returns is disposed after the run.</summary>
    private protected virtual IDisposable? BeforeRun(SyncOptions options, bool whatIf) => null;

    /// <summary>A step after the run, before the summary.</summary>
    private protected virtual void AfterRun(bool whatIf) { }

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
        AddOptions(options);
        options.ExternalSourceId = ResolveExternalSource(whatIf);

        var statePath = StatePath is not null
            ? GetUnresolvedProviderPathFromPSPath(StatePath)
            : SyncStateStore.DefaultPath(connection.StateKey, StateEntity, ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null);
        WriteVerbose("State database: " + statePath);

        var cmdlet = (CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))!;
        var commandName = cmdlet.VerbName + "-" + cmdlet.NounName; // not MyCommand.Name: that has Import-Module -Prefix in it
        using var log = LogPath is null ? null : new SyncLogWriter(GetUnresolvedProviderPathFromPSPath(LogPath));
        using var failed = FailedPath is null ? null : new FailedRowsWriter(GetUnresolvedProviderPathFromPSPath(FailedPath));
        using var state = SyncStateStore.Open(statePath, connection.Client.TimeProvider);
        using var prepared = BeforeRun(options, whatIf);
        var engine = CreateEngine(connection, state);
        var progress = new ProgressRecord(Math.Abs(GetHashCode() % 100000) + 1, commandName, "Starting");
        var runId = Guid.NewGuid().ToString(); // correlates this invocation's log lines
        var sink = new DelegateSyncSink
        {
            Result = r =>
            {
                Drain();
                log?.Row(runId, r);
                failed?.Add(r.InputObject as ISourceRow, r);
                WriteObject(CreateResult(r, ToInputObject(r.InputObject), whatIf));
            },
            Confirm = (target, action) => ShouldProcess(target, action),
            Progress = p => WriteSyncProgress(progress, p),
            Log = (level, message) =>
            {
                Drain();
                if (level == SyncLogLevel.Warning) WriteWarning(message);
                else WriteVerbose(message);
            },
        };

        SyncSummary? summary = null;
        try
        {
            using (GenesysConnection.RouteLogTo(_clientLog.Enqueue))
            {
                summary = SyncPump.Run(() => engine(source, options, sink, CancellationToken));
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
            Drain();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        AfterRun(whatIf);
        var result = new GenesysSyncSummary(summary!);
        log?.Run(runId, result, summary!.Outcome);
        if (failed is { Count: > 0 }) WriteVerbose(Invariant($"Wrote {failed.Count} failed row(s) to {FailedPath}."));
        if (summary!.DeletesWithheld > 0 && summary.DeletesWithheldReason is not null) WriteWarning(summary.DeletesWithheldReason);
        // Shown like Write-Host (also at the default preference), and the object for -InformationVariable.
        var shown = new InformationRecord(new HostInformationMessage { Message = result.ToString() }, commandName);
        shown.Tags.Add("PSHOST");
        WriteInformation(shown);
        WriteInformation(result, new[] { "GenesysSyncSummary" });
    }

    /// <summary>The client's log events of the run, then the cmdlet's own, as verbose lines (on the pipeline thread).</summary>
    private new void Drain()
    {
        while (_clientLog.TryDequeue(out var e)) WriteVerbose(e.Message);
        base.Drain();
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
        return OpenCsv(path);
    }

    /// <summary>The CSV file (-Path, resolved, known to exist) as a row source.</summary>
    private IRowSource? OpenCsv(string path)
    {
        try
        {
            var csv = new CsvRowSource(path, new CsvReadOptions { Delimiter = Delimiter, Encoding = ResolveEncoding() });
            WriteVerbose(Invariant($"Reading {Path}: {csv.Encoding.WebName}, delimiter '{(csv.Delimiter == '\t' ? "\\t" : csv.Delimiter.ToString())}', {csv.Columns.Count} columns."));
            return new IgnoredColumnsSource(csv, FailedRowsWriter.ErrorCodeColumn, FailedRowsWriter.ErrorColumn);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            ThrowTerminating(ex, "InputFileUnreadable", Path);
            return null;
        }
    }

    /// <summary>-Encoding as an encoding (null: detect it from the file).</summary>
    private System.Text.Encoding? ResolveEncoding()
    {
        if (string.IsNullOrEmpty(Encoding)) return null;
        try
        {
            return Encoding!.ToLowerInvariant() switch
            {
                "utf8" or "utf-8" or "utf8nobom" or "utf8bom" => new UTF8Encoding(false),
                "unicode" or "utf-16" or "utf16" => System.Text.Encoding.Unicode,
                "bigendianunicode" => System.Text.Encoding.BigEndianUnicode,
                "ascii" => System.Text.Encoding.ASCII,
                "latin1" or "iso-8859-1" => System.Text.Encoding.GetEncoding(28591),
                // Code pages (windows-1252, …) need the CodePages provider on .NET; TextEncodings registers it (built in on .NET Framework).
                _ => TextEncodings.GetByName(Encoding!),
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new PSArgumentException($"Unknown encoding '{Encoding}'. Use utf8, unicode, bigendianunicode, ascii, latin1, or a code page name such as windows-1252.", ex), "UnknownEncoding", Encoding);
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
        options.Keys.MatchOn = MatchKind;
        foreach (var k in Key) options.Keys.KeyColumns.Add(k);
        options.Normalization.DefaultRegion = DefaultRegion;
        options.Normalization.InvalidPhone = Parse<InvalidPhonePolicy>(InvalidPhone);
        options.Normalization.ClearEmpty = ClearEmpty;
        if (Map is not null)
        {
            foreach (DictionaryEntry entry in Map)
            {
                var field = entry.Key?.ToString() ?? "";
                options.Mapping.Map[field] = entry.Value switch
                {
                    null => null,
                    ScriptBlock script => FieldSource.FromDelegate(row => InvokeMapScript(script, row), "{ " + script.ToString().Trim() + " }"),
                    PSObject { BaseObject: ScriptBlock script } => FieldSource.FromDelegate(row => InvokeMapScript(script, row), "{ " + script.ToString().Trim() + " }"),
                    var column => FieldSource.FromColumn(column.ToString() ?? ""),
                };
            }
        }
        return options;
    }

    // $_ is the row (the pipeline object, or the CSV row as an object with one property per column).
    // Errors in the expression stop it ($ErrorActionPreference = 'Stop' in its scope) and fail the row with
    // MapExpressionFailed: written to the error stream instead, PowerShell's messages would quote the value ("Cannot
    // convert value "bob@x" to type "System.Int32"") and the field would silently be sent empty.
    private static string? InvokeMapScript(ScriptBlock script, ISourceRow row)
    {
        var input = ToInputObject(row.Original is ISourceRow ? row : row.Original) ?? row;
        Collection<PSObject> output;
        try
        {
            output = script.InvokeWithContext(null, new List<PSVariable>
            {
                new("_", input), new("PSItem", input), new("ErrorActionPreference", ActionPreference.Stop),
            });
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            throw new MapExpressionException(DescribeMapScriptError(ex), ex);
        }
        // Its last output: an array of several items or an object without a text form of its own is not one value
        // (NotAValueException, which fails the row with NotAValue).
        var value = output.Count == 0 ? null : output[output.Count - 1]?.BaseObject;
        return DictionaryRow.OneValueText(value, PipelineRowSource.UnwrapValue);
    }

    /// <summary>
    /// What went wrong in a map expression, without the value: PowerShell's error id when it is one
    /// ("InvalidCastFromStringToInteger", "MethodInvocationException"; a <c>throw "text"</c> has its text as id, so it is
    /// not shown), the exception type, and where in the script it happened.
    /// </summary>
    internal static string DescribeMapScriptError(RuntimeException ex)
    {
        var record = ex.ErrorRecord;
        var inner = ex.InnerException ?? ex;
        var id = record?.FullyQualifiedErrorId;
        var type = inner.GetType().Name;
        var text = id is not null && id != ex.Message && id != type && ErrorId.IsMatch(id) ? id + " (" + type + ")" : type;
        if (record?.Exception is RuntimeException { WasThrownFromThrowStatement: true }) text = "a throw statement (" + type + ")";
        var at = record?.InvocationInfo;
        return at is { ScriptLineNumber: > 0 } ? Invariant($"{text} at line {at.ScriptLineNumber}, char {at.OffsetInLine}") : text;
    }

    // An error id such as "InvalidCastFromStringToInteger" or "ParameterBindingFailed,Microsoft.PowerShell.Commands.X".
    private static readonly System.Text.RegularExpressions.Regex ErrorId = new(@"^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9.]*)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The id of the External Source that holds the match keys ("" when the match is not on a key in it).</summary>
    private string ResolveExternalSource(bool whatIf)
    {
        if (MatchKind is not (GenesysSync.Sync.MatchOn.ExternalId or GenesysSync.Sync.MatchOn.Composite)) return "";
        var api = ActiveConnection.ExternalContacts;
        if (whatIf)
        {
            var existing = Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase));
            if (existing is null) WriteVerbose($"The External Source '{ExternalSource}' does not exist yet; a real run creates it.");
            return existing?.Id ?? "(new)";
        }
        var source = Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct));
        WriteVerbose($"External Source '{ExternalSource}' ({source.Id}) holds the match keys.");
        return source.Id!;
    }

    private void WriteSyncProgress(ProgressRecord record, SyncProgress p)
    {
        Drain();
        record.StatusDescription = Invariant($"{p.Phase}: {p.RowsDone:N0}{(p.TotalRows is long t ? " of " + t.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "")} rows, {p.RowsPerSecond:N0} rows/s, {p.Requests:N0} requests, {p.Throttled:N0} throttled");
        record.PercentComplete = p.PercentComplete ?? -1;
        record.SecondsRemaining = p.Eta is TimeSpan eta ? (int)Math.Min(int.MaxValue, eta.TotalSeconds) : -1;
        WriteProgress(record);
    }

    private GenesysSync.Sync.MatchOn MatchKind => Parse<GenesysSync.Sync.MatchOn>(MatchOn);

    private static T Parse<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: true);

    /// <summary>CSV rows become objects with one property per column, so results can be piped on.</summary>
    internal static object? ToInputObject(object? original)
    {
        if (original is not ISourceRow row) return original;
        var ps = new PSObject();
        foreach (var column in row.Columns) ps.Properties.Add(new PSNoteProperty(column, row[column]));
        return ps;
    }
}
