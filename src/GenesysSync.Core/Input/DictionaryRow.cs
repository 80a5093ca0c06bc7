using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace GenesysSync.Input;

/// <summary>
/// An in-memory row (the cmdlet turns PSObjects and hashtables into these). Same semantics as a CSV row:
/// case-insensitive lookup, text values, 1-based row number. A cell built from something that is not one value
/// (an array of several items, a nested object: see <see cref="FromObjects"/>) reads as null and is reported by
/// <see cref="CellProblem"/>, so that only the rows that use its column fail.
/// </summary>
public sealed class DictionaryRow : ISourceRow, ICellProblems
{
    private const string ObjectProblem = "holds an object, not a value";

    private readonly ColumnSet _columns;
    private readonly string?[] _values;
    // Cells that are not one value (usually none: null); few per row, so a list searched by column index.
    private NotAValue[]? _notValues;

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

    /// <summary>
    /// Builds a row from arbitrary values, converted to text with <see cref="TryGetText"/>: a collection of no item is
    /// empty and of one item is that item; a collection of several items, or an object without a text form of its own
    /// (a hashtable, a PSCustomObject, anything whose ToString() is empty or its type name), is not one value: the
    /// cell reads as null and <see cref="CellProblem"/> says why.
    /// </summary>
    /// <param name="unwrap">Applied to each value and collection item first (the cmdlets pass one that unwraps PSObjects).</param>
    public static DictionaryRow FromObjects(int rowNumber, IEnumerable<KeyValuePair<string, object?>> cells, object? original = null, DictionaryRow? sameShapeAs = null, Func<object?, object?>? unwrap = null)
    {
        if (cells is null) throw new ArgumentNullException(nameof(cells));
        var text = new List<KeyValuePair<string, string?>>();
        List<NotAValue>? notValues = null;
        foreach (var cell in cells)
        {
            var kind = Classify(cell.Value, unwrap, out var value, out var cellText);
            if (kind != ValueKind.One)
                (notValues ??= new List<NotAValue>()).Add(new NotAValue(text.Count, value!, kind == ValueKind.Object, unwrap));
            text.Add(new KeyValuePair<string, string?>(cell.Key, cellText));
        }
        var row = new DictionaryRow(rowNumber, text, original, sameShapeAs);
        row._notValues = notValues?.ToArray();
        return row;
    }

    /// <summary>
    /// The text of a value that is one value (see <see cref="FromObjects"/>); otherwise a <see cref="NotAValueException"/>
    /// saying what it holds instead ("holds 2 values", "holds an object, not a value"), never the value itself.
    /// </summary>
    public static string? OneValueText(object? value, Func<object?, object?>? unwrap = null)
    {
        var kind = Classify(value, unwrap, out var unwrapped, out var text);
        if (kind == ValueKind.One) return text;
        var cell = new NotAValue(0, unwrapped!, kind == ValueKind.Object, unwrap);
        throw new NotAValueException(cell.Problem, cell.ListText());
    }

    private enum ValueKind { One, Several, Object }

    private static ValueKind Classify(object? value, Func<object?, object?>? unwrap, out object? unwrapped, out string? text)
    {
        if (unwrap is not null) value = unwrap(value);
        unwrapped = value;
        text = null;
        switch (value)
        {
            case null:
                return ValueKind.One;
            case string s:
                text = s;
                return ValueKind.One;
            case bool or DateTime or DateTimeOffset or IFormattable:
                text = ToText(value);
                return ValueKind.One;
            case IDictionary:
                return ValueKind.Object;
            case IEnumerable items:
            {
                object? first = null;
                var count = 0;
                foreach (var item in items)
                {
                    if (++count == 1) first = item;
                    else break;
                }
                if (count == 0) return ValueKind.One;
                if (count > 1) return ValueKind.Several;
                var kind = Classify(first, unwrap, out var inner, out text);
                if (kind != ValueKind.One) unwrapped = inner;
                return kind;
            }
            default:
                string? own;
                try { own = value.ToString(); }
                catch (Exception) { own = null; }
                var type = value.GetType();
                if (string.IsNullOrEmpty(own) || own == type.FullName || own == type.Name) return ValueKind.Object;
                text = own;
                return ValueKind.One;
        }
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

    public string? CellProblem(string column) => Find(column)?.Problem;

    public string? CellList(string column) => Find(column)?.ListText();

    private NotAValue? Find(string column)
    {
        if (_notValues is null) return null;
        var i = _columns.IndexOf(column);
        if (i < 0) return null;
        foreach (var cell in _notValues)
            if (cell.Index == i) return cell;
        return null;
    }

    /// <summary>A cell that is not one value; what it holds is described (and a list joined) only when a reader asks.</summary>
    private sealed class NotAValue
    {
        private readonly object _value;
        private readonly bool _isObject;
        private readonly Func<object?, object?>? _unwrap;

        public NotAValue(int index, object value, bool isObject, Func<object?, object?>? unwrap)
        {
            Index = index;
            _value = value;
            _isObject = isObject;
            _unwrap = unwrap;
        }

        public int Index { get; }

        public string Problem => _isObject ? ObjectProblem
            : _value is ICollection { Count: > 1 } collection ? $"holds {collection.Count.ToString(CultureInfo.InvariantCulture)} values"
            : "holds more than one value";

        /// <summary>The items joined by ';' when each is one value, else null.</summary>
        public string? ListText()
        {
            if (_isObject || _value is not IEnumerable items) return null;
            var texts = new List<string>();
            foreach (var item in items)
            {
                if (Classify(item, _unwrap, out _, out var text) != ValueKind.One) return null;
                if (!string.IsNullOrEmpty(text)) texts.Add(text!);
            }
            return string.Join(";", texts);
        }
    }
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
