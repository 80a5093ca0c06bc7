using System.Collections.Generic;
using System.Text;

namespace GenesysSync.Emulator.Outbound;

/// <summary>Just enough CSV (RFC 4180: comma, double quotes, CRLF or LF) for the upload and export routes.</summary>
internal static class CsvText
{
    /// <summary>The records of <paramref name="text"/> from <paramref name="start"/> on; blank lines are skipped.</summary>
    public static IEnumerable<List<string>> Read(string text, int start)
    {
        var position = start;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        while (position < text.Length)
        {
            var c = text[position++];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (position < text.Length && text[position] == '"') { field.Append('"'); position++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return fields;
                    }
                    fields = new List<string>();
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }

    /// <summary>Appends one record with every field quoted (as Genesys exports are).</summary>
    public static void WriteRecord(StringBuilder sb, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('"').Append((f ?? string.Empty).Replace("\"", "\"\"")).Append('"');
        }
        sb.Append("\r\n");
    }
}
