using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Input;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Rows that arrived through the pipeline (PSCustomObjects from Import-Csv, hashtables, typed
/// objects), turned into the engine's row form. Columns are the union of all property names in
/// first-seen order, so objects with differing properties still line up.
/// </summary>
internal sealed class PipelineRowSource : IRowSource
{
    private readonly List<DictionaryRow> _rows = new();
    private readonly List<string> _columns = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Columns => _columns;

    public int Count => _rows.Count;

    public void Add(PSObject item)
    {
        var cells = Cells(item).ToList();
        foreach (var cell in cells)
        {
            if (_seen.Add(cell.Key)) _columns.Add(cell.Key);
        }
        _rows.Add(ToRow(_rows.Count + 1, cells, item, _rows.Count == 0 ? null : _rows[_rows.Count - 1]));
    }

    public IEnumerable<ISourceRow> ReadRows() => _rows;

    /// <summary>
    /// A pipeline object as a row: a property holding an array of several items or a nested object (a hashtable, a
    /// PSCustomObject) is not one value; it fails only the rows whose use of it needs a value (see <see cref="ICellProblems"/>).
    /// </summary>
    internal static DictionaryRow ToRow(int rowNumber, IEnumerable<KeyValuePair<string, object?>> cells, PSObject item, DictionaryRow? sameShapeAs = null)
        => DictionaryRow.FromObjects(rowNumber, cells, item, sameShapeAs, UnwrapValue);

    /// <summary>Unwraps a PSObject (also an item of an array property) to the object it wraps.</summary>
    internal static readonly Func<object?, object?> UnwrapValue = Unwrap;

    internal static IEnumerable<KeyValuePair<string, object?>> Cells(PSObject item)
    {
        if (item.BaseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = entry.Key?.ToString();
                if (!string.IsNullOrEmpty(key)) yield return new KeyValuePair<string, object?>(key!, Unwrap(entry.Value));
            }
            yield break;
        }
        foreach (var property in item.Properties)
        {
            if (!property.IsGettable || property.MemberType == PSMemberTypes.CodeProperty && property.Name == "PSComputerName") continue;
            object? value;
            try { value = property.Value; }
            catch (GetValueException) { continue; }
            yield return new KeyValuePair<string, object?>(property.Name, Unwrap(value));
        }
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
