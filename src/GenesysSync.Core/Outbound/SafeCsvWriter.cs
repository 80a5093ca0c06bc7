using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GenesysSync.Outbound;

/// <summary>
/// Writes the CSV files the module hands to people (exports, Lead ID maps): UTF-8, RFC 4180 quoting, and — unless
/// told otherwise — cells a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
/// prefixed with a single quote, as OWASP recommends against CSV injection. Phone numbers in E.164 start with "+",
/// so they are escaped too; pass escapeFormulas: false (-Raw) for files meant for other programs.
/// </summary>
public sealed class SafeCsvWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly CsvWriter _csv;
    private readonly bool _escape;

    public SafeCsvWriter(Stream stream, bool escapeFormulas = true)
    {
        if (stream == null) throw new ArgumentNullException(nameof(stream));
        _escape = escapeFormulas;
        _writer = new StreamWriter(stream, new UTF8Encoding(false));
        _csv = new CsvWriter(_writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
    }

    public long Rows { get; private set; }

    public void WriteRow(IEnumerable<string?> cells)
    {
        foreach (var cell in cells) _csv.WriteField(_escape ? Escape(cell) : cell ?? "");
        _csv.NextRecord();
        Rows++;
    }

    /// <summary>The cell as a spreadsheet will show it without evaluating it.</summary>
    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell)) return "";
        return cell![0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }

    public void Dispose()
    {
        _csv.Dispose();
        _writer.Dispose();
    }
}
