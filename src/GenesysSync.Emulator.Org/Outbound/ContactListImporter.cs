using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// Turns an uploaded CSV into an <see cref="ImportJob"/>, the way the real import behaves:
/// more than 50 header cells → CONTACT_COLUMNS_LIMIT_EXCEEDED; with contact-id-name, a UTF-8 BOM or any quoted header
/// cell → MISSING_CUSTOM_ID (the header is matched literally), as is an id column that is not in the header; header
/// cells that are not list columns → IMPORT_COLUMNS_DO_NOT_EXIST_ON_LIST. Rows with the wrong field count, no id or a
/// cell over 512 characters are skipped (counted in totalRecords, never completed). The drop fault removes the last
/// valid rows silently (neither total nor completed counts them).
/// </summary>
internal static class ContactListImporter
{
    public const string ColumnsLimitExceeded = "CONTACT_COLUMNS_LIMIT_EXCEEDED";
    public const string MissingCustomId = "MISSING_CUSTOM_ID";
    public const string ColumnsNotOnList = "IMPORT_COLUMNS_DO_NOT_EXIST_ON_LIST";
    public const string NoHeader = "IMPORT_FAILED_TO_READ_HEADERS";

    public static ImportJob Parse(byte[] file, string? idColumn, StoredContactList list, OutboundOptions options, DateTimeOffset now)
    {
        var text = Encoding.UTF8.GetString(file);
        var lineEnd = text.IndexOf('\n');
        var headerLine = (lineEnd < 0 ? text : text.Substring(0, lineEnd)).TrimEnd('\r');
        if (headerLine.Trim().Length == 0) return ImportJob.Failed(now, NoHeader);

        var header = headerLine.Split(',');
        if (header.Length > options.MaxColumns) return ImportJob.Failed(now, ColumnsLimitExceeded);
        var bomOrQuotes = header.Any(h => h.IndexOf('\uFEFF') >= 0 || h.Trim().StartsWith("\"", StringComparison.Ordinal));
        if (idColumn != null && (bomOrQuotes || Array.IndexOf(header, idColumn) < 0)) return ImportJob.Failed(now, MissingCustomId);

        var map = new int[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            map[i] = list.Layout.IndexOf(header[i]);
            if (map[i] < 0) return ImportJob.Failed(now, ColumnsNotOnList);
        }
        var idIndex = idColumn == null ? -1 : Array.IndexOf(header, idColumn);
        var trim = list.Settings["trimWhitespace"]?.GetValueKind() != System.Text.Json.JsonValueKind.False;

        var rows = new List<ImportedRow>();
        long dataRows = 0;
        foreach (var record in CsvText.Read(text, lineEnd < 0 ? text.Length : lineEnd + 1))
        {
            dataRows++;
            if (record.Count != header.Length) continue;
            var values = new string?[list.Layout.Names.Count];
            var valid = true;
            for (var i = 0; i < record.Count; i++)
            {
                var value = trim ? record[i].Trim() : record[i];
                if (value.Length > options.MaxCellLength) { valid = false; break; }
                values[map[i]] = value;
            }
            string? id = null;
            if (idIndex >= 0)
            {
                id = values[map[idIndex]];
                if (string.IsNullOrEmpty(id)) valid = false;
            }
            if (valid) rows.Add(new ImportedRow(id, values));
        }

        var dropped = Math.Min(Math.Max(0, options.ImportRowsToDrop), rows.Count);
        if (dropped > 0) rows.RemoveRange(rows.Count - dropped, dropped);
        var seconds = options.ImportRowsPerSecond <= 0 ? 0 : rows.Count / (double)options.ImportRowsPerSecond;
        return new ImportJob(now, dataRows - dropped, rows, TimeSpan.FromSeconds(seconds));
    }
}
