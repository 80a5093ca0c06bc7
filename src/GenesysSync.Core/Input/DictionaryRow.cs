using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenesysSync.Input;

/// <summary>
/// An in-memory row (the cmdlet turns PSObjects and hashtables into these). Same semantics as a CSV row:
/// case-insensitive lookup, text values, 1-based row number.
/// </summary>
public sealed class DictionaryRow : ISourceRow
{
    private readonly ColumnSet _columns;
    private readonly string?[] _values;

    /// <param name="sameShapeAs">
    /// A row read before this one: when this row has the same column names in the same order (the usual case for
    /// pipeline objects), it shares that row's <see cref="ColumnSet"/> instead of building its own, so a million
    /// collected rows hold one column index, not a million.
    /// </param>
    public DictionaryRow(int rowNumber, IEnumerable<KeyValuePair<string, string?>> cells, object? original = null, DictionaryRow? sameShapeAs = null)
    {
        if (rowNumber < 1) throw new ArgumentOutOfRangeException(nameof(rowNumber), "Row numbers start at 1.");
        if (cells is null) throw new ArgumentNullException(nameof(cells));
        var names = new List<string>();
        var values = new List<string?>();
        foreach (var cell in cells)
        {
            names.Add(ColumnNames.Clean(cell.Key, names.Count));
            values.Add(cell.Value);
        }
        _columns = sameShapeAs is not null && SameNames(sameShapeAs._columns.Names, names) ? sameShapeAs._columns : new ColumnSet(names);
        _values = values.ToArray();
        RowNumber = rowNumber;
        Original = original;
    }

    /// <summary>Builds a row from arbitrary values, converted to text with <see cref="ToText"/>.</summary>
    public static DictionaryRow FromObjects(int rowNumber, IEnumerable<KeyValuePair<string, object?>> cells, object? original = null, DictionaryRow? sameShapeAs = null)
    {
        if (cells is null) throw new ArgumentNullException(nameof(cells));
        var text = new List<KeyValuePair<string, string?>>();
        foreach (var cell in cells) text.Add(new KeyValuePair<string, string?>(cell.Key, ToText(cell.Value)));
        return new DictionaryRow(rowNumber, text, original, sameShapeAs);
    }

    /// <summary>True when both rows share one column index (see the constructor's <c>sameShapeAs</c>).</summary>
    public bool SharesColumnsWith(DictionaryRow other) => other is not null && ReferenceEquals(_columns, other._columns);

    private static bool SameNames(IReadOnlyList<string> a, List<string> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>
    /// Text form of a pipeline value: strings as-is, numbers/dates culture-invariant, booleans "True"/"False"
    /// (what Export-Csv writes), null as null.
    /// </summary>
    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "True" : "False",
        DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

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

    public object? Original { get; }

    public RowReadError? ReadError => null;
}

/// <summary>Rows already in memory (e.g. collected from the pipeline), re-readable.</summary>
public sealed class InMemoryRowSource : IRowSource
{
    private readonly IReadOnlyList<ISourceRow> _rows;

    public InMemoryRowSource(IReadOnlyList<ISourceRow> rows)
    {
        _rows = rows ?? throw new ArgumentNullException(nameof(rows));
        // Pipeline objects may differ in shape: the union of their columns, in first-seen order.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<string>();
        foreach (var row in rows)
            foreach (var c in row.Columns)
                if (seen.Add(c)) columns.Add(c);
        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }

    public IEnumerable<ISourceRow> ReadRows() => _rows;
}
