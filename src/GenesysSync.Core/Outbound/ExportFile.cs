using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GenesysSync.Outbound;

/// <summary>
/// Reads a contact-list export: a header (the list's columns plus system columns, "inin-outbound-id" being the contact
/// id) and one record per contact. Streams the records; the caller owns the bytes.
/// </summary>
public sealed class ExportFile
{
    public const string ContactIdColumn = "inin-outbound-id";
    public const string CallableColumn = "ContactCallable";

    private readonly byte[] _csv;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    public ExportFile(byte[] csv)
    {
        _csv = csv ?? throw new ArgumentNullException(nameof(csv));
        using var parser = Open();
        Header = parser.Read() ? parser.Record ?? Array.Empty<string>() : Array.Empty<string>();
        for (var i = 0; i < Header.Count; i++)
        {
            var name = Header[i].Trim().Trim('\uFEFF');
            if (!_index.ContainsKey(name)) _index[name] = i;
        }
        if (!_index.ContainsKey(ContactIdColumn))
            throw new InvalidDataException($"The export has no '{ContactIdColumn}' column; it is not a contact-list export.");
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Position of a column (case-insensitive), or -1.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>Every record, the header excluded; fields beyond a short record read as "".</summary>
    public IEnumerable<string[]> Records()
    {
        using var parser = Open();
        if (!parser.Read()) yield break;
        while (parser.Read())
        {
            var record = parser.Record ?? Array.Empty<string>();
            if (record.Length < Header.Count)
            {
                var padded = new string[Header.Count];
                Array.Copy(record, padded, record.Length);
                for (var i = record.Length; i < padded.Length; i++) padded[i] = "";
                record = padded;
            }
            yield return record;
        }
    }

    /// <summary>Reads "1"/"0"/"true"/"false" as a callable flag; null when absent or unreadable.</summary>
    public static bool? ParseFlag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => null,
    };

    private CsvParser Open()
    {
        var reader = new StreamReader(new MemoryStream(_csv, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
        };
        return new CsvParser(reader, config, leaveOpen: false);
    }
}
