using System;
using GenesysSync.Input;

namespace GenesysSync.Sync;

/// <summary>Where a field's value comes from: a column, or a delegate (the cmdlet turns -Map scriptblocks into these).</summary>
public sealed class FieldSource
{
    private FieldSource(string? column, Func<ISourceRow, string?>? getter, string description)
    {
        Column = column;
        Getter = getter;
        Description = description;
    }

    public static FieldSource FromColumn(string column)
    {
        if (string.IsNullOrWhiteSpace(column)) throw new ArgumentException("A column name is required.", nameof(column));
        return new FieldSource(column.Trim(), null, column.Trim());
    }

    /// <param name="description">Shown in the mapping report instead of a column name, e.g. the scriptblock text.</param>
    public static FieldSource FromDelegate(Func<ISourceRow, string?> getter, string? description = null) =>
        new(null, getter ?? throw new ArgumentNullException(nameof(getter)), description ?? "<expression>");

    /// <summary>The column, when this source is a column.</summary>
    public string? Column { get; }
    public Func<ISourceRow, string?>? Getter { get; }
    public string Description { get; }

    /// <summary>The raw value for a row (delegate exceptions propagate; the normalizer turns them into row issues).</summary>
    public string? Read(ISourceRow row) => Column is not null ? row[Column] : Getter!(row);

    public override string ToString() => Description;
}

/// <summary>
/// Thrown by a value reader (a map expression) that failed, with a message that describes the failure without the value
/// it was reading (an error id, an exception type, a position in the expression). The normalizer puts only this message
/// into the row's MapExpressionFailed issue: the messages of other exceptions are left out, as .NET and PowerShell quote
/// the value they could not convert ("The input string 'bob@x' was not in a correct format").
/// </summary>
public sealed class MapExpressionException : Exception
{
    public MapExpressionException(string safeMessage, Exception? innerException = null) : base(safeMessage, innerException) { }
}
