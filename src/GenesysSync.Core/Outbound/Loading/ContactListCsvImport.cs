using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;
using CsvHelper.Configuration;
using GenesysSync.Http;
using GenesysSync.Input;

namespace GenesysSync.Outbound.Loading;

/// <summary>A header problem that stops an import before anything is uploaded.</summary>
public sealed class CsvImportHeaderException : FormatException
{
    public CsvImportHeaderException(string code, string message) : base(message) => Code = code;

    /// <summary>TooManyColumns, LeadIdColumnMissing, LeadIdNotAListColumn or EmptyFile.</summary>
    public string Code { get; }
}

/// <summary>What happened to one list's file.</summary>
public enum CsvImportState
{
    /// <summary>Imported and verified: every row is in the list.</summary>
    Imported,
    /// <summary>Genesys reported success but rows are missing (see Missing).</summary>
    Shortfall,
    /// <summary>Genesys failed the import (see FailureReason).</summary>
    Failed,
    /// <summary>WhatIf: planned only.</summary>
    Planned,
    /// <summary>Nothing to upload (all rows unchanged or invalid).</summary>
    NothingToImport,
}

/// <summary>The outcome for one list of an import.</summary>
public sealed class CsvImportShardResult
{
    public string ContactListName { get; init; } = "";
    public string? ContactListId { get; internal set; }
    public CsvImportState State { get; set; }
    /// <summary>Rows written to (and uploaded in) this list's file.</summary>
    public long RowsSent { get; init; }
    /// <summary>Of those, leads new to the list.</summary>
    public long NewContacts { get; init; }
    public long SizeBefore { get; init; }
    public long? SizeAfter { get; set; }
    /// <summary>totalRecords / completedRecords of the final import status.</summary>
    public long? TotalRecords { get; set; }
    public long? CompletedRecords { get; set; }
    /// <summary>Rows sent that are not in the list afterwards.</summary>
    public long Missing { get; set; }
    public string? FailureReason { get; set; }
    public TimeSpan Duration { get; set; }
}

/// <summary>A progress snapshot of the import (reading the file, then each list's server-side import).</summary>
public sealed class CsvImportProgress
{
    public string Phase { get; init; } = "";
    public string? ContactListName { get; init; }
    public long Done { get; init; }
    public long? Total { get; init; }
    public int? PercentComplete { get; init; }
    public TimeSpan? Eta { get; init; }
}

/// <summary>
/// The CSV path for big loads: checks the file's header, validates and routes every row like
/// <see cref="ContactListLoader"/> (same shards, same known-lead index, unchanged leads left out), writes one clean
/// file per list (UTF-8 without BOM, plain header, only list columns), uploads each with the Lead ID column as
/// contact-id-name, polls the import status, and verifies the result against what was sent: the list's size must have
/// grown by the new leads and the status must account for every row, else the shortfall is reported and (after an
/// export) each missing lead. Memory: the loader's index plus 4 bytes per row sent.
/// </summary>
public sealed class ContactListCsvImport
{
    private readonly OutboundApi _api;
    private readonly ContactList _template;
    private readonly LeadLoadOptions _options;
    private readonly ILeadLoadSink _sink;
    private readonly Action<CsvImportProgress>? _progress;

    public ContactListCsvImport(OutboundApi api, ContactList template, LeadLoadOptions options, ILeadLoadSink sink, Action<CsvImportProgress>? progress = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _template = template ?? throw new ArgumentNullException(nameof(template));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _progress = progress;
    }

    /// <summary>Most columns a file (and a list) may have.</summary>
    public int MaxColumns { get; set; } = 50;

    /// <summary>Folder for the per-list files (deleted afterwards); default: the temp folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>How long one list's import may run before giving up.</summary>
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When set, every imported list is exported afterwards and the Lead ID ↔ contact id map is written here.</summary>
    public Func<Stream>? OpenMap { get; set; }

    /// <summary>Escape map cells that a spreadsheet would run as formulas.</summary>
    public bool EscapeFormulas { get; set; } = true;

    /// <summary>Totals of the row checks (rows read, invalid, unchanged).</summary>
    public LeadLoadSummary? Summary { get; private set; }

    /// <summary>
    /// Reads the header: fatal problems throw <see cref="CsvImportHeaderException"/>; fixable ones (a byte order mark,
    /// quoted names, columns that are not list columns) are returned as warnings, because the uploaded copy is clean.
    /// </summary>
    public IReadOnlyList<string> CheckHeader(string path)
    {
        var warnings = new List<string>();
        var raw = new byte[4096];
        int count;
        using (var stream = File.OpenRead(path)) count = stream.Read(raw, 0, raw.Length);
        if (count == 0) throw new CsvImportHeaderException("EmptyFile", $"The file '{path}' is empty.");
        if (count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
            warnings.Add("The file starts with a UTF-8 byte order mark (BOM); Genesys would fail the import with MISSING_CUSTOM_ID. The uploaded copy has none.");
        var source = new CsvRowSource(path);
        var firstLine = source.Encoding.GetString(raw, 0, count).Split('\n')[0];
        if (firstLine.IndexOf('"') >= 0)
            warnings.Add("The header has quoted column names; Genesys would fail the import with MISSING_CUSTOM_ID. The uploaded copy has plain names.");
        var columns = source.Columns;
        if (columns.Count > MaxColumns)
            throw new CsvImportHeaderException("TooManyColumns", $"The file has {columns.Count} columns; a contact list takes at most {MaxColumns} (Genesys would fail the import with CONTACT_COLUMNS_LIMIT_EXCEEDED).");
        if (!columns.Contains(_options.IdColumn, StringComparer.OrdinalIgnoreCase))
            throw new CsvImportHeaderException("LeadIdColumnMissing", $"The file has no '{_options.IdColumn}' column (the Lead ID); its columns are: {string.Join(", ", columns)}.");
        if (!(_template.ColumnNames ?? new List<string>()).Contains(_options.IdColumn, StringComparer.OrdinalIgnoreCase))
            throw new CsvImportHeaderException("LeadIdNotAListColumn", $"'{_options.IdColumn}' is not a column of the list '{_template.Name}': an import can only take the contact id from a list column. Add the column (Set-GenesysContactList -Column) or use Add-GenesysContactListContact.");
        return warnings;
    }

    public async Task<IReadOnlyList<CsvImportShardResult>> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        foreach (var warning in CheckHeader(path)) _sink.OnLog(LeadLogLevel.Warning, warning);
        var loader = new ContactListLoader(_api, _template, _options, _sink);
        await loader.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Summary = loader.Summary;

        var folder = Path.Combine(WorkDirectory ?? Path.GetTempPath(), "gs-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var files = new Dictionary<int, ShardFile>();
        try
        {
            var source = new CsvRowSource(path);
            long rows = 0;
            foreach (var row in source.ReadRows())
            {
                loader.Accept(row);
                Write(loader.TakeBatches(), files, folder, loader);
                if (++rows % 10_000 == 0) Report("Checking rows", null, rows, null, null);
            }
            Write(loader.TakeBatches(flush: true), files, folder, loader);
            foreach (var file in files.Values) file.Close();
            Report("Checking rows", null, rows, rows, null);

            var results = new List<CsvImportShardResult>();
            foreach (var file in files.Values.OrderBy(f => f.Shard.Index))
            {
                results.Add(_options.WhatIf ? Planned(file) : await ImportShardAsync(loader, file, cancellationToken).ConfigureAwait(false));
            }
            if (!_options.WhatIf) await VerifyAndMapAsync(loader, results, files, cancellationToken).ConfigureAwait(false);
            return results;
        }
        finally
        {
            foreach (var file in files.Values) file.Close();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void Write(IReadOnlyList<LeadBatch> batches, Dictionary<int, ShardFile> files, string folder, ContactListLoader loader)
    {
        foreach (var batch in batches)
        {
            if (!files.TryGetValue(batch.Shard.Index, out var file))
                files[batch.Shard.Index] = file = new ShardFile(batch.Shard, Path.Combine(folder, "list-" + batch.Shard.Index.ToString("000", CultureInfo.InvariantCulture) + ".csv"), loader.Columns, loader.IdColumnIndex);
            foreach (var lead in batch.Leads) file.Add(lead);
        }
    }

    private static CsvImportShardResult Planned(ShardFile file) => new()
    {
        ContactListName = file.Shard.Name, ContactListId = file.Shard.Id, State = CsvImportState.Planned,
        RowsSent = file.Rows.Count, NewContacts = file.NewContacts, SizeBefore = file.Shard.InitialSize,
    };

    private async Task<CsvImportShardResult> ImportShardAsync(ContactListLoader loader, ShardFile file, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var shard = file.Shard;
        var result = new CsvImportShardResult
        {
            ContactListName = shard.Name, RowsSent = file.Rows.Count, NewContacts = file.NewContacts, SizeBefore = shard.InitialSize,
        };
        string listId;
        try
        {
            listId = await loader.EnsureListAsync(shard, cancellationToken).ConfigureAwait(false);
            result.ContactListId = listId;
            Report("Uploading", shard.Name, 0, file.Rows.Count, 0);
            await _api.UploadContactsCsvAsync(listId, () => File.OpenRead(file.Path), shard.Name + ".csv", loader.Columns[loader.IdColumnIndex], cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysApiException ex)
        {
            result.State = CsvImportState.Failed;
            result.FailureReason = ex.Message;
            return result;
        }

        var status = await WaitForImportAsync(listId, shard.Name, file.Rows.Count, cancellationToken).ConfigureAwait(false);
        result.TotalRecords = status?.TotalRecords;
        result.CompletedRecords = status?.CompletedRecords;
        result.Duration = watch.Elapsed;
        if (status == null || status.IsFailed)
        {
            result.State = CsvImportState.Failed;
            result.FailureReason = status?.FailureReason ?? "No import status was reported in time.";
            return result;
        }
        var after = await _api.GetContactListAsync(listId, includeSize: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.SizeAfter = after?.Size;
        // Both checks: the status must account for every row sent, and the list must have grown by every new lead.
        var bySize = result.SizeAfter is long size ? result.SizeBefore + result.NewContacts - size : 0;
        var byStatus = result.RowsSent - Math.Min(result.TotalRecords ?? result.RowsSent, result.CompletedRecords ?? result.RowsSent);
        result.Missing = Math.Max(0, Math.Max(bySize, byStatus));
        result.State = result.Missing > 0 ? CsvImportState.Shortfall : CsvImportState.Imported;
        return result;
    }

    private async Task<ImportStatus?> WaitForImportAsync(string listId, string name, long rows, CancellationToken cancellationToken)
    {
        var clock = _api.Client.TimeProvider;
        var started = clock.GetUtcNow();
        var wait = _api.FirstPollInterval;
        ImportStatus? status = null;
        while (clock.GetUtcNow() - started < ImportTimeout)
        {
            await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(_api.MaxPollInterval.Ticks, wait.Ticks * 2));
            status = await _api.GetImportStatusAsync(listId, cancellationToken).ConfigureAwait(false);
            if (status == null) continue; // not registered yet
            var percent = status.PercentComplete ?? 0;
            var elapsed = clock.GetUtcNow() - started;
            TimeSpan? eta = percent is > 0 and < 100 ? TimeSpan.FromTicks(elapsed.Ticks * (100 - percent) / percent) : null;
            Report("Importing", name, status.CompletedRecords ?? 0, status.TotalRecords ?? rows, percent, eta);
            if (status.IsFinished) return status;
        }
        return status is { IsFinished: true } ? status : null;
    }

    /// <summary>
    /// Exports the lists that came up short and names each missing lead; with a map, exports every list of the family
    /// (not only those this run touched) and writes LeadId, ContactId, ContactList, ContactListId per contact.
    /// </summary>
    private async Task VerifyAndMapAsync(ContactListLoader loader, List<CsvImportShardResult> results, Dictionary<int, ShardFile> files, CancellationToken cancellationToken)
    {
        using var map = OpenMap == null ? null : new SafeCsvWriter(OpenMap(), EscapeFormulas);
        map?.WriteRow(new[] { "LeadId", "ContactId", "ContactList", "ContactListId" });
        foreach (var shard in loader.Shards.Where(s => s.Id != null))
        {
            var result = results.FirstOrDefault(r => r.ContactListName == shard.Name);
            var shortfall = result?.State == CsvImportState.Shortfall;
            if (map == null && !shortfall) continue;
            Report("Exporting", shard.Name, 0, null, null);
            using var export = await _api.ExportContactsAsync(shard.Id!, cancellationToken).ConfigureAwait(false);
            var idIndex = export.IndexOf(ExportFile.ContactIdColumn);
            var leadIndex = export.IndexOf(_options.IdColumn);
            var present = shortfall ? new HashSet<ulong>() : null;
            foreach (var record in export.Records())
            {
                var contactId = record[idIndex];
                present?.Add(LeadKey.Of(contactId).Value);
                map?.WriteRow(new[] { leadIndex >= 0 && record[leadIndex].Length > 0 ? record[leadIndex] : contactId, contactId, shard.Name, shard.Id });
            }
            if (!shortfall) continue;
            long missing = 0;
            foreach (var (row, leadId) in files[shard.Index].ReadBack())
            {
                if (present!.Contains(LeadKey.Of(leadId).Value)) continue;
                missing++;
                _sink.OnResult(new LeadLoadResult
                {
                    RowNumber = row, LeadId = leadId, ContactListName = shard.Name, ContactListId = shard.Id,
                    Action = LeadAction.Failed, ErrorCode = LeadErrorCodes.NotImported,
                    Message = $"Row {row}: the import of '{shard.Name}' reported success but this lead is not in the list.",
                });
            }
            result!.Missing = Math.Max(result.Missing, missing);
        }
    }

    private void Report(string phase, string? list, long done, long? total, int? percent, TimeSpan? eta = null)
        => _progress?.Invoke(new CsvImportProgress { Phase = phase, ContactListName = list, Done = done, Total = total, PercentComplete = percent, Eta = eta });

    /// <summary>One list's upload file: list columns only, UTF-8 without BOM, plain header; plus the input row of each line.</summary>
    private sealed class ShardFile
    {
        private readonly string _idColumn;
        private StreamWriter? _writer;
        private CsvWriter? _csv;

        public ShardFile(ContactListShard shard, string path, IReadOnlyList<string> columns, int idIndex)
        {
            Shard = shard;
            Path = path;
            _idColumn = columns[idIndex];
            _writer = new StreamWriter(path, false, new UTF8Encoding(false));
            _csv = new CsvWriter(_writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
            foreach (var column in columns) _csv.WriteField(column, shouldQuote: false);
            _csv.NextRecord();
        }

        public ContactListShard Shard { get; }
        public string Path { get; }
        public List<int> Rows { get; } = new();
        public long NewContacts { get; private set; }

        public void Add(PendingLead lead)
        {
            foreach (var value in lead.Values) _csv!.WriteField(value ?? "");
            _csv!.NextRecord();
            Rows.Add(lead.RowNumber);
            if (!lead.IsUpdate) NewContacts++;
        }

        public void Close()
        {
            _csv?.Dispose();
            _writer?.Dispose();
            _csv = null;
            _writer = null;
        }

        /// <summary>(input row, Lead ID) of every line, read back from the file itself.</summary>
        public IEnumerable<(int Row, string LeadId)> ReadBack()
        {
            var source = new CsvRowSource(Path, new CsvReadOptions { Delimiter = ',', Encoding = new UTF8Encoding(false) });
            foreach (var row in source.ReadRows()) yield return (Rows[row.RowNumber - 1], row[_idColumn] ?? "");
        }
    }
}
