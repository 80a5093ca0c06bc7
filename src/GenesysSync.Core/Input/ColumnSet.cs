using System;
using System.Collections.Generic;

namespace GenesysSync.Input;

/// <summary>
/// An ordered set of column names with case-insensitive lookup; built once per CSV header (or per
/// distinct pipeline object shape) and shared by the rows.
/// </summary>
public sealed class ColumnSet
{
    private readonly Dictionary<string, int> _index;

    /// <exception cref="DuplicateColumnException">two names are equal ignoring case.</exception>
    public ColumnSet(IEnumerable<string> names)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        var list = new List<string>();
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (name is null) throw new ArgumentException("A column name is null.", nameof(names));
            if (_index.TryGetValue(name, out var first))
                throw new DuplicateColumnException(name, first + 1, list.Count + 1);
            _index.Add(name, list.Count);
            list.Add(name);
        }
        Names = list;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>Index of a column (case-insensitive), or -1.</summary>
    public int IndexOf(string column) =>
        column is not null && _index.TryGetValue(column, out var i) ? i : -1;
}

/// <summary>Two columns have the same name (ignoring case and surrounding spaces).</summary>
public sealed class DuplicateColumnException : FormatException
{
    public DuplicateColumnException(string name, int firstPosition, int secondPosition)
        : base($"The column name '{name}' appears twice (columns {firstPosition} and {secondPosition}, compared ignoring case and surrounding spaces). Rename one of them so every column has a unique name.")
    {
        ColumnName = name;
        FirstPosition = firstPosition;
        SecondPosition = secondPosition;
    }

    public string ColumnName { get; }
    public int FirstPosition { get; }
    public int SecondPosition { get; }
}
