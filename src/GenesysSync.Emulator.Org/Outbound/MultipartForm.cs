using System;
using System.Collections.Generic;
using System.Text;

namespace GenesysSync.Emulator.Outbound;

/// <summary>A parsed multipart/form-data body: text fields and (at most) one file per field name.</summary>
internal sealed class MultipartForm
{
    private MultipartForm(Dictionary<string, string> fields, Dictionary<string, (string? FileName, byte[] Content)> files)
    {
        Fields = fields;
        Files = files;
    }

    public Dictionary<string, string> Fields { get; }
    public Dictionary<string, (string? FileName, byte[] Content)> Files { get; }

    /// <summary>Parses the body; null when the content type is not multipart/form-data with a boundary or the body is malformed.</summary>
    public static MultipartForm? TryParse(string? contentType, byte[] body)
    {
        var boundary = BoundaryOf(contentType);
        if (boundary == null) return null;
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, (string?, byte[])>(StringComparer.Ordinal);

        var position = IndexOf(body, delimiter, 0);
        if (position < 0) return null;
        while (true)
        {
            position += delimiter.Length;
            if (position + 1 < body.Length && body[position] == '-' && body[position + 1] == '-') break; // closing delimiter
            position = SkipLineBreak(body, position);
            var headerEnd = IndexOf(body, Encoding.ASCII.GetBytes("\r\n\r\n"), position);
            if (headerEnd < 0) return null;
            var headers = Encoding.UTF8.GetString(body, position, headerEnd - position);
            var contentStart = headerEnd + 4;
            var next = IndexOf(body, delimiter, contentStart);
            if (next < 0) return null;
            var contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') contentEnd -= 2;
            var content = new byte[Math.Max(0, contentEnd - contentStart)];
            Array.Copy(body, contentStart, content, 0, content.Length);

            var (name, fileName) = Disposition(headers);
            if (name != null)
            {
                if (fileName != null) files[name] = (fileName, content);
                else fields[name] = Encoding.UTF8.GetString(content);
            }
            position = next;
        }
        return new MultipartForm(fields, files);
    }

    private static string? BoundaryOf(string? contentType)
    {
        if (contentType == null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var part in contentType.Split(';'))
        {
            var p = part.Trim();
            if (p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase)) return p.Substring(9).Trim('"');
        }
        return null;
    }

    private static (string? Name, string? FileName) Disposition(string headers)
    {
        foreach (var line in headers.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase)) continue;
            string? name = null, fileName = null;
            foreach (var part in line.Substring(20).Split(';'))
            {
                var p = part.Trim();
                if (p.StartsWith("name=", StringComparison.OrdinalIgnoreCase)) name = p.Substring(5).Trim('"');
                else if (p.StartsWith("filename=", StringComparison.OrdinalIgnoreCase)) fileName = p.Substring(9).Trim('"');
            }
            return (name, fileName);
        }
        return (null, null);
    }

    private static int SkipLineBreak(byte[] body, int position)
    {
        if (position < body.Length && body[position] == '\r') position++;
        if (position < body.Length && body[position] == '\n') position++;
        return position;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length; j++)
            {
                if (haystack[i + j] != needle[j]) { match = false; break; }
            }
            if (match) return i;
        }
        return -1;
    }
}
