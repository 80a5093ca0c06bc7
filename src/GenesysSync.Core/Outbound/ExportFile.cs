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
/// id) and one record per contact. Streams the records from the file (or bytes) each time <see cref="Records"/> is
/// enumerated, so a caller holds only what it keeps of them. An export opened with <see cref="OpenTemporary"/> owns
/// its file and deletes it when disposed.
/// </summary>
public sealed class ExportFile : IDisposable
{
    public const string ContactIdColumn = "inin-outbound-id";
    public const string CallableColumn = "ContactCallable";

    private readonly Func<Stream> _open;
    private readonly bool _ownsFile;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    /// <summary>An export held in memory (small files and tests); the caller owns the bytes.</summary>
    public ExportFile(byte[] csv)
    {
        if (csv == null) throw new ArgumentNullException(nameof(csv));
        _open = () => new MemoryStream(csv, writable: false);
        Header = ReadHeader();
    }

    private ExportFile(string path, bool ownsFile)
    {
        FilePath = path;
        _ownsFile = ownsFile;
        _open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 65536, FileOptions.SequentialScan);
        try
        {
            Header = ReadHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Reads the export at <paramref name="path"/>; the file stays where it is.</summary>
    /// <exception cref="InvalidDataException">The file has no contact id column.</exception>
    public static ExportFile Open(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
        return new ExportFile(path, ownsFile: false);
    }

    /// <summary>
    /// Reads the export at <paramref name="path"/> and deletes the file when disposed (also when the file turns out
    /// not to be an export).
    /// </summary>
    public static ExportFile OpenTemporary(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
        return new ExportFile(path, ownsFile: true);
    }

    /// <summary>The file read, or null for an export in memory.</summary>
    public string? FilePath { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Position of a column (case-insensitive), or -1.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>Every record, the header excluded; fields beyond a short record read as "".</summary>
    public IEnumerable<string[]> Records()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(ExportFile));
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

    /// <summary>Deletes the file of an export opened with <see cref="OpenTemporary"/> (best effort).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_ownsFile || FilePath == null) return;
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere (an unfinished enumeration on Windows): the temp folder keeps it.
        }
    }

    private IReadOnlyList<string> ReadHeader()
    {
        string[] header;
        using (var parser = Open())
            header = parser.Read() ? parser.Record ?? Array.Empty<string>() : Array.Empty<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (!_index.ContainsKey(name)) _index[name] = i;
        }
        if (!_index.ContainsKey(ContactIdColumn))
            throw new InvalidDataException($"The export has no '{ContactIdColumn}' column; it is not a contact-list export.");
        return header;
    }

    private CsvParser Open()
    {
        var reader = new StreamReader(_open(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
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
