using System.Text;

namespace GenesysSync.Input;

/// <summary>Cleans header names the way users expect them to be read.</summary>
public static class ColumnNames
{
    /// <summary>
    /// Trims spaces, BOMs and zero-width characters, and a stray pair of quotes left around a name
    /// (<c> "First Name"</c> with a space before the quote is not a quoted field for CSV parsers).
    /// An empty name becomes <c>H{position}</c> (1-based), as Import-Csv does.
    /// </summary>
    public static string Clean(string? raw, int zeroBasedPosition)
    {
        var s = Trim(raw ?? string.Empty);
        if (s.Length >= 2 && s[0] == '"' && s[s.Length - 1] == '"')
            s = Trim(s.Substring(1, s.Length - 2).Replace("\"\"", "\""));
        return s.Length == 0 ? "H" + (zeroBasedPosition + 1) : s;
    }

    private static string Trim(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsJunk(s[start])) start++;
        while (end > start && IsJunk(s[end - 1])) end--;
        if (start == 0 && end == s.Length && s.IndexOf('\uFEFF') < 0) return s;
        // BOM characters inside a name (a file concatenated from several files) are removed too.
        var sb = new StringBuilder(end - start);
        for (var i = start; i < end; i++) if (s[i] != '\uFEFF') sb.Append(s[i]);
        return sb.ToString();
    }

    private static bool IsJunk(char c) => char.IsWhiteSpace(c) || c == '\uFEFF' || c == '\u200B' || c == '\u200E' || c == '\u200F';
}
