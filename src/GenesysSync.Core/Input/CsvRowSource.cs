using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GenesysSync.Input;

/// <summary>How to read a CSV file; everything left null is detected.</summary>
public sealed class CsvReadOptions
{
    /// <summary>Field delimiter; null = detect among , ; tab | from the header line.</summary>
    public char? Delimiter { get; set; }

    /// <summary>Text encoding; null = detect (BOM, UTF-16 without BOM, UTF-8, else Windows-1252).</summary>
    public Encoding? Encoding { get; set; }

    /// <summary>How many bytes are inspected to detect the encoding and delimiter.</summary>
    public int SampleBytes { get; set; } = 1 << 20;
}

/// <summary>
/// Streams the rows of a CSV file (CsvHelper's parser, one row in memory at a time). Each
/// <see cref="ReadRows"/> call reads the file again from the start. The header is read and checked in
/// the constructor, so a bad file (duplicate column names, unreadable) fails before any work starts.
/// </summary>
public sealed class CsvRowSource : IRowSource
{
    /// <summary>Delimiters tried, in tie-break order.</summary>
    public static readonly char[] CandidateDelimiters = { ',', ';', '\t', '|' };

    private readonly Func<Stream> _open;
    private readonly int _bomLength;
    private readonly ColumnSet _columns;

    public CsvRowSource(string path, CsvReadOptions? options = null)
        : this(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan), options, path)
    {
    }

    /// <param name="open">Returns a new stream positioned at the start of the data on every call.</param>
    public CsvRowSource(Func<Stream> open, CsvReadOptions? options = null)
        : this(open, options, null)
    {
    }

    private CsvRowSource(Func<Stream> open, CsvReadOptions? options, string? path)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        options ??= new CsvReadOptions();
        Path = path;

        byte[] sample;
        int count;
        bool whole;
        using (var stream = _open())
        {
            sample = new byte[Math.Max(1024, options.SampleBytes)];
            count = ReadFully(stream, sample);
            whole = count < sample.Length || stream.ReadByte() < 0;
        }

        if (options.Encoding is not null)
        {
            Encoding = options.Encoding;
            _bomLength = TextEncodings.MatchingBomLength(options.Encoding, sample, count);
        }
        else
        {
            Encoding = TextEncodings.Detect(sample, count, whole, out _bomLength);
        }

        Delimiter = options.Delimiter ?? DetectDelimiter(Encoding.GetString(sample, _bomLength, count - _bomLength));

        using (var parser = OpenParser())
        {
            if (!parser.Read()) throw new InvalidDataException(Describe() + " is empty: a header line with column names is required.");
            var header = parser.Record ?? Array.Empty<string>();
            var names = new string[header.Length];
            for (var i = 0; i < header.Length; i++) names[i] = ColumnNames.Clean(header[i], i);
            _columns = new ColumnSet(names);
        }
    }

    /// <summary>The file path, when built from one.</summary>
    public string? Path { get; }

    /// <summary>The encoding in use (given or detected).</summary>
    public Encoding Encoding { get; }

    /// <summary>The delimiter in use (given or detected).</summary>
    public char Delimiter { get; }

    public IReadOnlyList<string> Columns => _columns.Names;

    public IEnumerable<ISourceRow> ReadRows()
    {
        using var parser = OpenParser();
        if (!parser.Read()) yield break; // header
        var width = _columns.Count;
        var rowNumber = 0;
        while (parser.Read())
        {
            rowNumber++;
            var record = parser.Record ?? Array.Empty<string>();
            RowReadError? error = null;
            if (record.Length != width)
            {
                error = new RowReadError(RowReadErrorCodes.RaggedRow,
                    $"Row {rowNumber} (line {parser.RawRow}) has {record.Length} field(s) but the header has {width}; check for an unquoted delimiter or line break in a value.");
            }
            var values = new string?[width];
            Array.Copy(record, values, Math.Min(width, record.Length));
            yield return new CsvRow(_columns, values, rowNumber, error);
        }
    }

    /// <summary>
    /// Picks the candidate that occurs most often (outside quotes) in the first record; ties go to the
    /// earlier candidate, and a single-column file gets a comma.
    /// </summary>
    public static char DetectDelimiter(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var counts = new int[CandidateDelimiters.Length];
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"') { inQuotes = !inQuotes; continue; }
            if (inQuotes) continue;
            if (c == '\n' || c == '\r') break;
            var k = Array.IndexOf(CandidateDelimiters, c);
            if (k >= 0) counts[k]++;
        }
        var best = 0;
        for (var k = 1; k < counts.Length; k++) if (counts[k] > counts[best]) best = k;
        return counts[best] > 0 ? CandidateDelimiters[best] : ',';
    }

    private CsvParser OpenParser()
    {
        var stream = _open();
        try
        {
            var skip = new byte[_bomLength];
            if (_bomLength > 0) ReadFully(stream, skip);
            var reader = new StreamReader(stream, Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = Delimiter.ToString(),
                HasHeaderRecord = false,
                BadDataFound = null,       // a stray quote inside a value is kept as text, as Import-Csv does
                MissingFieldFound = null,
                IgnoreBlankLines = true,
                DetectColumnCountChanges = false,
                TrimOptions = TrimOptions.None,
                DetectDelimiter = false,
            };
            return new CsvParser(reader, config, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private string Describe() => Path is null ? "The CSV input" : $"The CSV file '{Path}'";

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>One CSV row; its <see cref="Original"/> is itself.</summary>
    private sealed class CsvRow : ISourceRow
    {
        private readonly ColumnSet _columns;
        private readonly string?[] _values;

        public CsvRow(ColumnSet columns, string?[] values, int rowNumber, RowReadError? error)
        {
            _columns = columns;
            _values = values;
            RowNumber = rowNumber;
            ReadError = error;
        }

        public int RowNumber { get; }
        public IReadOnlyList<string> Columns => _columns.Names;

        public string? this[string column]
        {
            get
            {
                var i = _columns.IndexOf(column);
                return i < 0 ? null : _values[i];
            }
        }

        public object? Original => this;
        public RowReadError? ReadError { get; }
    }
}
