using System;
using System.Collections.Generic;
using System.Text;

namespace GenesysSync.Emulator.Http;

/// <summary>A transport-neutral request: what the org needs from an HTTP request, already read into memory.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(string method, string path, string? query, string? authorization, string? contentType, byte[] body)
    {
        Method = method.ToUpperInvariant();
        Path = NormalizePath(path);
        Query = ParseQuery(query);
        Authorization = authorization;
        ContentType = contentType;
        Body = body;
    }

    public string Method { get; }
    public string Path { get; }
    public IReadOnlyDictionary<string, List<string>> Query { get; }
    public string? Authorization { get; }
    public string? ContentType { get; }
    public byte[] Body { get; }

    public string? QueryValue(string name) => Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public IReadOnlyList<string> QueryValues(string name)
        => Query.TryGetValue(name, out var values) ? values : (IReadOnlyList<string>)Array.Empty<string>();

    private static string NormalizePath(string path)
    {
        if (path.Length == 0) return "/";
        // Trailing slashes do not make a different resource.
        return path.Length > 1 && path.EndsWith("/", StringComparison.Ordinal) ? path.TrimEnd('/') : path;
    }

    /// <summary>Parses "a=1&amp;b=x+y" (form/query encoding; '+' is a space). Repeated names keep every value.</summary>
    internal static Dictionary<string, List<string>> ParseQuery(string? query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query)) return result;
        var text = query![0] == '?' ? query.Substring(1) : query;
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var name = Decode(eq < 0 ? pair : pair.Substring(0, eq));
            var value = eq < 0 ? string.Empty : Decode(pair.Substring(eq + 1));
            if (!result.TryGetValue(name, out var list)) result[name] = list = new List<string>();
            list.Add(value);
        }
        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    public string BodyText => Encoding.UTF8.GetString(Body);
}
