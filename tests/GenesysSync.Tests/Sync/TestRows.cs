using GenesysSync.Input;

namespace GenesysSync.Tests.Sync;

/// <summary>Helpers to build rows for sync tests.</summary>
internal static class TestRows
{
    public static DictionaryRow Row(int number, params (string Column, string? Value)[] cells) =>
        new(number, cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Value)));

    public static IReadOnlyList<string> Columns(params string[] names) => names;
}
