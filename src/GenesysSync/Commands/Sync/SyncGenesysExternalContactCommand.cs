using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GenesysSync.Http;
using GenesysSync.Infrastructure;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Sync-GenesysExternalContact: keeps External Contacts equal to a system of record. Rows come from
/// the pipeline or a CSV file (-Path, the fast path); the engine maps, validates, keys, plans
/// against the local delta state, writes through the bulk endpoints and emits one result per row.
/// </summary>
[Cmdlet(VerbsData.Sync, Nouns.ExternalContact, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Sync-GenesysExternalContact.md")]
[OutputType(typeof(GenesysSyncResult))]
public sealed class SyncGenesysExternalContactCommand : GenesysCmdlet
{
    private const string PipelineSet = "Pipeline";
    private const string PathSet = "Path";
    internal const string DefaultSourceName = "GenesysSync";

    private readonly PipelineRowSource _pipelineRows = new();

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

    // Enum parameters are strings here: parameter types must live in this assembly, because
    // PowerShell reads them before the module initializer can route engine types to their ALC.
    [Parameter]
    [ValidateSet("Insert", "Update", "Upsert", "Mirror", IgnoreCase = true)]
    public string Mode { get; set; } = "Upsert";

    [Parameter]
    public Hashtable? Map { get; set; }

    /// <summary>
    /// The custom-field schema (name or id) whose fields the input fills: columns map to its fields by name
    /// ("AccountTier" → accountTier_enum) or through -Map ('customFields.accountTier_enum' = 'Tier'). Resolved once
    /// per run to its id and latest version.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    [Parameter]
    [ValidateSet("ExternalId", "WorkEmail", "Id", "Composite", IgnoreCase = true)]
    public string MatchOn { get; set; } = "ExternalId";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Key { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = DefaultSourceName;

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

    /// <summary>Seconds to wait for another run on the same state to finish (0: give up at once).</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeout { get; set; } = 30;

    /// <summary>
    /// The column with each row's organization key (the organization's external id in -ExternalSource, as
    /// Sync-GenesysExternalOrganization writes it): the contact is linked to that organization.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OrganizationKey { get; set; }

    /// <summary>With -OrganizationKey: create a missing organization (named after its key) instead of failing the row.</summary>
    [Parameter]
    public SwitchParameter CreateMissingOrganization { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PipelineSet && InputObject is not null) _pipelineRows.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var connection = ActiveConnection;
        var whatIf = IsWhatIf();
        var source = OpenSource();
        if (source is null) return;

        var options = BuildOptions(whatIf);
        if (Schema is not null) options.Mapping.Schema = ResolveContactSchema(Schema);
        var sourceRecord = ResolveExternalSource(whatIf);
        options.ExternalSourceId = sourceRecord;

        var statePath = StatePath is not null
            ? GetUnresolvedProviderPathFromPSPath(StatePath)
            : SyncStateStore.DefaultPath(connection.StateKey, "externalcontacts", ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null);
        WriteVerbose("State database: " + statePath);

        using var log = LogPath is null ? null : new SyncLogWriter(GetUnresolvedProviderPathFromPSPath(LogPath));
        using var failed = FailedPath is null ? null : new FailedRowsWriter(GetUnresolvedProviderPathFromPSPath(FailedPath));
        using var state = SyncStateStore.Open(statePath, connection.Client.TimeProvider);
        using var organizationState = LinkOrganizations(options, whatIf, out var linker);
        var engine = new ExternalContactSync(new ExternalContactsApiGateway(connection.ExternalContacts, connection.Client.Stats), state, connection.Client.TimeProvider);
        var progress = new ProgressRecord(Math.Abs(GetHashCode() % 100000) + 1, "Sync-GenesysExternalContact", "Starting");
        var runId = Guid.NewGuid().ToString(); // correlates this invocation's log lines
        var sink = new DelegateSyncSink
        {
            Result = r =>
            {
                Drain();
                log?.Row(runId, r);
                failed?.Add(r.InputObject as ISourceRow, r);
                WriteObject(new GenesysSyncResult(r, ToInputObject(r.InputObject), whatIf));
            },
            Confirm = (target, action) => ShouldProcess(target, action),
            Progress = p => WriteSyncProgress(progress, p),
            Log = (level, message) =>
            {
                Drain();
                switch (level)
                {
                    case SyncLogLevel.Warning: WriteWarning(message); break;
                    case SyncLogLevel.Information: WriteVerbose(message); break;
                    default: WriteVerbose(message); break;
                }
            },
        };

        SyncSummary? summary = null;
        try
        {
            using (GenesysConnection.RouteLogTo(QueueLog))
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
            Drain();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        if (linker is { Created: > 0 })
        {
            WriteWarning(Invariant($"{linker.Created} organization(s) {(whatIf ? "would be" : "were")} created, named after their key. Run Sync-GenesysExternalOrganization to fill in their names and fields."));
        }
        var result = new GenesysSyncSummary(summary!);
        log?.Run(runId, result, summary!.Outcome);
        if (failed is { Count: > 0 }) WriteVerbose(Invariant($"Wrote {failed.Count} failed row(s) to {FailedPath}."));
        if (summary!.DeletesWithheld > 0 && summary.DeletesWithheldReason is not null) WriteWarning(summary.DeletesWithheldReason);
        // Shown like Write-Host (also at the default preference), and the object for -InformationVariable.
        var shown = new InformationRecord(new HostInformationMessage { Message = result.ToString() }, "Sync-GenesysExternalContact");
        shown.Tags.Add("PSHOST");
        WriteInformation(shown);
        WriteInformation(result, new[] { "GenesysSyncSummary" });
    }

    /// <summary>
    /// -OrganizationKey: links each row's contact to the organization whose external id (in -ExternalSource) is in that
    /// column, resolved from Sync-GenesysExternalOrganization's state or by lookup (see OrganizationKeyLinker).
    /// Returns the organization state to dispose after the run (null without -OrganizationKey).
    /// </summary>
    private SyncStateStore? LinkOrganizations(SyncOptions options, bool whatIf, out OrganizationKeyLinker? linker)
    {
        linker = null;
        if (OrganizationKey is null) return null;
        var connection = ActiveConnection;
        var api = connection.ExternalContacts;
        var sourceId = whatIf
            ? Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase))?.Id
            : Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
        var organizationState = SyncStateStore.Open(
            SyncStateStore.DefaultPath(connection.StateKey, "externalorganizations", ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null),
            connection.Client.TimeProvider);
        linker = new OrganizationKeyLinker(connection.ExternalOrganizations, OrganizationKey, sourceId ?? OrganizationKeyLinker.MissingSource, organizationState, CreateMissingOrganization, connection.Client.TimeProvider);
        options.RowLinker = linker;
        options.Mapping.KeyColumns.Add(OrganizationKey);
        return organizationState;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<GenesysLogEvent> _clientLog = new();

    private void QueueLog(GenesysLogEvent e) => _clientLog.Enqueue(e);

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
                _ => GenesysSync.Input.TextEncodings.GetByName(Encoding!),
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
    private static string? InvokeMapScript(ScriptBlock script, ISourceRow row)
    {
        var input = ToInputObject(row.Original is ISourceRow ? row : row.Original) ?? row;
        var output = script.InvokeWithContext(null, new List<PSVariable> { new("_", input), new("PSItem", input) });
        return SyncGenesysExternalContactCommand.MapScriptText(output);
    }

    /// <summary>
    /// The text of a map expression's result (its last output): an array of several items or an object without a text
    /// form of its own is not one value (<see cref="NotAValueException"/>, which fails the row with NotAValue).
    /// </summary>
    internal static string? MapScriptText(System.Collections.ObjectModel.Collection<PSObject> output)
    {
        var value = output.Count == 0 ? null : output[output.Count - 1]?.BaseObject;
        return DictionaryRow.OneValueText(value, PipelineRowSource.UnwrapValue);
    }

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

    private bool IsWhatIf()
        => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }
           || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };

    /// <summary>CSV rows become objects with one property per column, so results can be piped on.</summary>
    internal static object? ToInputObject(object? original)
    {
        if (original is not ISourceRow row) return original;
        var ps = new PSObject();
        foreach (var column in row.Columns) ps.Properties.Add(new PSNoteProperty(column, row[column]));
        return ps;
    }
}

/// <summary>Tab completion for -Encoding.</summary>
public sealed class EncodingCompleter : IArgumentCompleter
{
    private static readonly string[] Names = { "utf8", "unicode", "bigendianunicode", "ascii", "latin1", "windows-1252" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        => Names.Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase)).Select(n => new CompletionResult(n));
}
