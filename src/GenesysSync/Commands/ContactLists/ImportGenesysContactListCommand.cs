using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Outbound.Loading;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// Import-GenesysContactList: the CSV-upload path for big loads. Checks the header, validates and shards the rows
/// like Add-GenesysContactListContact, uploads one clean file per list, follows each import, verifies the count
/// (a shortfall is an error naming each missing lead) and, with -MapPath, writes the Lead ID ↔ contact id map.
/// </summary>
[Cmdlet(VerbsData.Import, Nouns.ContactList, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Import-GenesysContactList.md")]
[OutputType(typeof(GenesysContactListImportResult))]
public sealed class ImportGenesysContactListCommand : ContactListCmdlet
{
    private const int ActivityId = 62;

    private readonly ConcurrentQueue<LeadLoadResult> _results = new();
    private readonly ConcurrentQueue<(LeadLogLevel Level, string Message)> _log = new();
    private readonly ConcurrentQueue<CsvImportProgress> _progressUpdates = new();

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The first list of the family: a name, an id, or a list from Get-GenesysContactList.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    /// <summary>The column holding the Lead ID; it must be a column of the list (it becomes contact-id-name).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string IdColumn { get; set; } = "";

    /// <summary>Write the Lead ID ↔ contact id map of every list of the family here (CSV).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MapPath { get; set; }

    /// <summary>Write the map without escaping cells a spreadsheet would run as formulas.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

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

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (InputFileError(path, Path) is { } missing) ThrowTerminatingError(missing);
        var template = ResolveContactList(ContactList, terminating: true)!;
        var whatIf = !ShouldProcess(Invariant($"{Path} into contact list '{template.Name}' (and its overflow lists)"), "Import contacts");
        if (whatIf && !IsWhatIf()) return; // declined at the prompt

        var options = new LeadLoadOptions
        {
            IdColumn = IdColumn, MaxContactsPerList = MaxContactsPerList, DefaultRegion = DefaultRegion,
            ConsentColumn = ConsentColumn, DoNotCallColumn = DoNotCallColumn, WhatIf = whatIf,
        };
        var sink = new DelegateLeadLoadSink { Result = _results.Enqueue, Log = (level, message) => _log.Enqueue((level, message)) };
        var import = new ContactListCsvImport(ActiveConnection.Outbound, template, options, sink, _progressUpdates.Enqueue) { EscapeFormulas = !Raw };
        var mapPath = MapPath is null ? null : GetUnresolvedProviderPathFromPSPath(MapPath);
        if (mapPath is not null && !whatIf) import.OpenMap = () => File.Create(mapPath);

        var activity = $"Importing '{Path}' into '{template.Name}'";
        System.Collections.Generic.IReadOnlyList<CsvImportShardResult> results;
        try
        {
            results = RunPumping(ct => import.ImportAsync(path, ct), () => Pump(activity));
        }
        catch (CsvImportHeaderException ex) { ThrowTerminating(ex, "Import" + ex.Code, Path); return; }
        catch (ArgumentException ex) { ThrowTerminating(ex, "InvalidImportConfiguration", Path); return; }
        catch (GenesysApiException ex) { ThrowTerminating(ex, "ContactListImportFailed", template.Name); return; }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException) { ThrowTerminating(ex, "InputFileUnreadable", Path); return; }
        finally
        {
            Pump(activity);
            WriteProgress(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        foreach (var result in results)
        {
            WriteObject(new GenesysContactListImportResult(result));
            if (result.State == CsvImportState.Failed)
                WriteError(new ErrorRecord(new InvalidOperationException($"Genesys failed the import into '{result.ContactListName}': {result.FailureReason}."
                        + (result.FailureReason?.IndexOf("CONTACT_LIMIT", StringComparison.OrdinalIgnoreCase) >= 0 ? " The list cannot hold that many contacts: lower -MaxContactsPerList to the org's limit." : "")),
                    "ContactListImportFailed", ErrorCategory.InvalidResult, result.ContactListName));
            else if (result.State == CsvImportState.Shortfall)
                WriteError(new ErrorRecord(new InvalidOperationException(Invariant($"The import into '{result.ContactListName}' reported success, but {result.Missing:N0} of {result.RowsSent:N0} rows are not in the list (sent {result.RowsSent:N0}, status {result.CompletedRecords?.ToString() ?? "?"} of {result.TotalRecords?.ToString() ?? "?"}, size {result.SizeBefore:N0} -> {result.SizeAfter?.ToString() ?? "?"}).")),
                    "ContactListImportShortfall", ErrorCategory.InvalidResult, result.ContactListName));
        }
        var summary = import.Summary;
        if (results.Count == 0 && summary is not null)
            WriteVerbose(Invariant($"Nothing to upload: {summary.Unchanged:N0} row(s) unchanged, {summary.Failed:N0} invalid."));
        if (mapPath is not null && !whatIf) WriteVerbose($"Wrote the Lead ID map to {mapPath}.");
    }

    private void Pump(string activity)
    {
        while (_log.TryDequeue(out var entry))
        {
            if (entry.Level == LeadLogLevel.Warning) WriteWarning(entry.Message);
            else WriteVerbose(entry.Message);
        }
        while (_results.TryDequeue(out var result))
        {
            // Only problems are reported per row; every uploaded row is accounted for in the per-list result.
            if (result.Action != LeadAction.Failed) continue;
            var errorId = result.ErrorCode == LeadErrorCodes.NotImported ? "LeadNotImported" : result.ErrorCode ?? "InvalidLead";
            WriteError(new ErrorRecord(new FormatException(result.Message), errorId, ErrorCategory.InvalidData, result.LeadId ?? (object)result.RowNumber));
        }
        CsvImportProgress? last = null;
        while (_progressUpdates.TryDequeue(out var update)) last = update;
        if (last is null) return;
        var status = Invariant($"{last.Phase}{(last.ContactListName is null ? "" : " '" + last.ContactListName + "'")}: {last.Done:N0}{(last.Total is long t ? " of " + t.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "")}");
        WriteProgress(new ProgressRecord(ActivityId, activity, status)
        {
            PercentComplete = last.PercentComplete ?? -1,
            SecondsRemaining = last.Eta is TimeSpan eta ? (int)Math.Min(int.MaxValue, eta.TotalSeconds) : -1,
        });
    }
}
