using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
/// the constructor, so a bad file (empty, duplicate column names: <see cref="FormatException"/>; unreadable:
/// <see cref="IOException"/>) fails before any work starts.
/// </summary>
public sealed class CsvRowSource : IRowSource
{
    /// <summary>Delimiters tried, in tie-break order.</summary>
    public static readonly char[] CandidateDelimiters = { ',', ';', '\t', '|' };

    private readonly Func<Stream> _open;
    private readonly int _bomLength;
    private readonly ColumnSet _columns;
    private readonly bool _sepLine;

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

        var text = Encoding.GetString(sample, _bomLength, count - _bomLength);
        // Excel's "sep=;" first line names the delimiter; it is not the header.
        var sep = SepLineDelimiter(text);
        _sepLine = sep is not null;
        Delimiter = options.Delimiter ?? sep ?? DetectDelimiter(text);

        using (var parser = OpenParser())
        {
            if (!parser.Read()) throw new FormatException(Describe() + " is empty: a header line with column names is required.");
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
        var rowNumber = 0;
        foreach (var (record, line, error) in Records(parser, _sepLine ? 1 : 0, null))
        {
            rowNumber++;
            RowReadError? readError = null;
            if (error is not null)
                readError = new RowReadError(RowReadErrorCodes.RaggedRow, $"Row {rowNumber} (line {line}) {error}");
            else if (record.Length != _columns.Count)
                readError = new RowReadError(RowReadErrorCodes.RaggedRow,
                    $"Row {rowNumber} (line {line}) has {record.Length} field(s) but the header has {_columns.Count}; check for an unquoted delimiter or line break in a value.",
                    record.Length > _columns.Count ? record.Skip(_columns.Count).ToArray() : null);
            var values = new string?[_columns.Count];
            Array.Copy(record, values, Math.Min(values.Length, record.Length));
            yield return new CsvRow(_columns, values, rowNumber, readError);
        }
    }

    /// <summary>
    /// The records of a parser with the line each starts on, and a message (without values) when the record
    /// cannot be trusted. A quote that is opened and never closed where it should be makes the parser swallow
    /// the following lines into one ragged record; such a record is split again: its first line becomes a
    /// failed row (read without quote handling, so its key and values are still reported), and the lines
    /// after it are parsed again on their own, so the rows they hold are not lost.
    /// </summary>
    /// <param name="badData">Set by <paramref name="parser"/> on a stray quote; only for lines read again after a broken quote.</param>
    private IEnumerable<(string[] Record, long Line, string? Error)> Records(CsvParser parser, long lineOffset, BadDataFlag? badData)
    {
        // Where a record starts: the line after the previous record, plus the blank lines skipped (which count as rows).
        long previousEnd = parser.RawRow, previousRow = parser.Row;
        while (true)
        {
            if (badData is not null) badData.Found = false;
            if (!parser.Read()) yield break;
            var line = lineOffset + previousEnd + 1 + Math.Max(0, parser.Row - previousRow - 1);
            previousEnd = parser.RawRow;
            previousRow = parser.Row;
            var record = parser.Record ?? Array.Empty<string>();
            var raw = parser.RawRecord ?? string.Empty;
            var breaks = InnerLineBreaks(raw, out var firstLineEnd, out var secondLineStart);
            // Ragged, or a quote still open at the end of the file (an odd number of quotes): the quote is broken.
            if (breaks > 0 && (record.Length != _columns.Count || CountQuotes(raw) % 2 == 1))
            {
                yield return (SplitIgnoringQuotes(raw.Substring(0, firstLineEnd)), line,
                    "has a quote that is not closed on its line; only this row fails (the lines after it are read as rows of their own): fix the quote and run it again.");
                var flag = new BadDataFlag();
                using var rest = NewParser(new StringReader(raw.Substring(secondLineStart)), flag);
                foreach (var r in Records(rest, line, flag)) yield return r;
                continue;
            }
            // A row re-read after a broken quote that itself has a stray quote may be the middle of a real
            // multi-line value: it is not trusted.
            if (badData is { Found: true })
            {
                yield return (record, line, "has a quote inside a value and follows a row whose quote is not closed; it may be part of that row's value, so it is not loaded.");
                continue;
            }
            yield return (record, line, null);
        }
    }

    /// <summary>Line breaks inside a raw record (not counting the one that ends it).</summary>
    private static int InnerLineBreaks(string raw, out int firstLineEnd, out int secondLineStart)
    {
        var end = raw.Length;
        if (end > 0 && raw[end - 1] == '\n') end--;
        if (end > 0 && raw[end - 1] == '\r') end--;
        firstLineEnd = secondLineStart = raw.Length;
        var breaks = 0;
        for (var i = 0; i < end; i++)
        {
            var c = raw[i];
            if (c != '\r' && c != '\n') continue;
            if (breaks == 0)
            {
                firstLineEnd = i;
                secondLineStart = c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n' ? i + 2 : i + 1;
            }
            if (c == '\r' && i + 1 < end && raw[i + 1] == '\n') i++;
            breaks++;
        }
        return breaks;
    }

    private static int CountQuotes(string raw)
    {
        var n = 0;
        foreach (var c in raw) if (c == '"') n++;
        return n;
    }

    private string[] SplitIgnoringQuotes(string line)
    {
        using var parser = new CsvParser(new StringReader(line), Configuration(noEscape: true));
        return parser.Read() ? parser.Record ?? Array.Empty<string>() : Array.Empty<string>();
    }

    /// <summary>The delimiter named by a first line such as <c>sep=;</c> (written and read by Excel), or null.</summary>
    public static char? SepLineDelimiter(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (text.Length < 5 || !text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = text.Length == 5 ? "" : text.Substring(5, Math.Min(3, text.Length - 5)).TrimEnd(' ');
        return rest.Length == 0 || rest[0] == '\r' || rest[0] == '\n' ? text[4] : null;
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
            if (_sepLine) reader.ReadLine();
            return NewParser(reader, null);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private CsvParser NewParser(TextReader reader, BadDataFlag? badData)
    {
        var config = Configuration(noEscape: false);
        if (badData is not null) config.BadDataFound = _ => badData.Found = true;
        return new CsvParser(reader, config, leaveOpen: false);
    }

    private CsvConfiguration Configuration(bool noEscape) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = Delimiter.ToString(),
        HasHeaderRecord = false,
        BadDataFound = null,       // a stray quote inside a value is kept as text, as Import-Csv does
        MissingFieldFound = null,
        IgnoreBlankLines = true,
        DetectColumnCountChanges = false,
        TrimOptions = TrimOptions.None,
        DetectDelimiter = false,
        Mode = noEscape ? CsvMode.NoEscape : CsvMode.RFC4180,
    };

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

    private sealed class BadDataFlag
    {
        public bool Found;
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
