using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Outbound;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// Export-GenesysContactList: exports lists through Genesys (export, then download) and writes the CSV to -Path
/// (formula-safe unless -Raw), or with -AsMap emits (or writes) the Lead ID ↔ contact id map. Each export is streamed
/// to a temporary file (deleted afterwards) and copied record by record, never held in memory whole. Several lists piped in
/// go to one file (their columns must match, as shards' do).
/// </summary>
[Cmdlet(VerbsData.Export, Nouns.ContactList, DefaultParameterSetName = MapSet, HelpUri = HelpLinks.Base + "Export-GenesysContactList.md")]
[OutputType(typeof(GenesysContactListExport), ParameterSetName = new[] { FileSet })]
[OutputType(typeof(GenesysContactListMapEntry), ParameterSetName = new[] { MapSet })]
public sealed class ExportGenesysContactListCommand : ContactListCmdlet
{
    private const string FileSet = "File";
    private const string MapSet = "Map";
    private static readonly string[] MapHeader = { "LeadId", "ContactId", "ContactList", "ContactListId" };

    private SafeCsvWriter? _writer;
    private string[]? _header;
    private string? _path;

    /// <summary>The list: a name, an id, or a list from Get-GenesysContactList (pipe several to export a whole family).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The Lead ID map instead of the contacts: emitted as objects, or written to -Path.</summary>
    [Parameter(ParameterSetName = MapSet, Mandatory = true)]
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter AsMap { get; set; }

    /// <summary>The list column holding the Lead ID (for the map); by default the contact id is the Lead ID.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdColumn { get; set; }

    /// <summary>Write cells exactly as exported, without escaping values a spreadsheet would run as formulas.</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        var list = ResolveContactList(ContactList, includeSize: false);
        if (list is null) return;
        ExportFile export;
        try
        {
            WriteVerbose($"Exporting '{list.Name}' (Genesys prepares the file, then it is downloaded to a temporary file and read from there).");
            export = Run(ct => ActiveConnection.Outbound.ExportContactsAsync(list.Id!, ct));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ContactListExportFailed", list.Name);
            return;
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or UnauthorizedAccessException)
        {
            WriteItemError(ex, "ContactListExportFailed", list.Name);
            return;
        }

        using (export) Write(list, export);
    }

    private void Write(ContactList list, ExportFile export)
    {
        var idIndex = export.IndexOf(ExportFile.ContactIdColumn);
        var leadIndex = IdColumn is null ? -1 : export.IndexOf(IdColumn);
        if (IdColumn is not null && leadIndex < 0)
            WriteWarning($"The list '{list.Name}' has no column '{IdColumn}'; its map uses the contact id as the Lead ID.");

        if (ParameterSetName == MapSet)
        {
            foreach (var record in export.Records())
                WriteObject(new GenesysContactListMapEntry(LeadId(record, idIndex, leadIndex), record[idIndex], list.Name!, list.Id!));
            return;
        }

        var header = AsMap ? MapHeader : export.Header.ToArray();
        if (!OpenFile(header, list.Name!)) return;
        long rows = 0;
        foreach (var record in export.Records())
        {
            _writer!.WriteRow(AsMap ? new string?[] { LeadId(record, idIndex, leadIndex), record[idIndex], list.Name, list.Id } : (IEnumerable<string?>)record.Take(header.Length));
            rows++;
        }
        WriteObject(new GenesysContactListExport(list.Name!, list.Id!, _path!, rows, AsMap));
    }

    protected override void EndProcessing() => _writer?.Dispose();

    private bool OpenFile(string[] header, string listName)
    {
        if (_writer is null)
        {
            _path = GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                _writer = new SafeCsvWriter(File.Create(_path), escapeFormulas: !Raw);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowTerminating(ex, "ExportFileNotWritable", Path);
            }
            _header = header;
            _writer!.WriteRow(header);
            return true;
        }
        if (header.SequenceEqual(_header!, StringComparer.OrdinalIgnoreCase)) return true;
        WriteError(new ErrorRecord(new InvalidDataException($"The list '{listName}' has other columns than the lists already written to {Path}; export it to a file of its own."),
            "ExportColumnsDiffer", ErrorCategory.InvalidData, listName));
        return false;
    }

    private static string LeadId(IReadOnlyList<string> record, int idIndex, int leadIndex)
        => leadIndex >= 0 && record[leadIndex].Length > 0 ? record[leadIndex] : record[idIndex];
}
