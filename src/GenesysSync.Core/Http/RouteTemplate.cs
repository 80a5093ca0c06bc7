using System;
using System.Linq;

namespace GenesysSync.Http;

/// <summary>
/// Turns a request path into a route template for statistics and logs: query dropped and every
/// id-like segment replaced by {id}, so logs carry no ids or values and stats group by route.
/// </summary>
public static class RouteTemplate
{
    /// <summary>"/api/v2/externalcontacts/contacts/5f1c...?x=1" → "/api/v2/externalcontacts/contacts/{id}".</summary>
    public static string FromPath(string pathAndQuery)
    {
        if (string.IsNullOrEmpty(pathAndQuery)) return "/";
        var path = pathAndQuery;
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
            path = absolute.AbsolutePath;
        var cut = path.IndexOfAny(new[] { '?', '#' });
        if (cut >= 0) path = path.Substring(0, cut);
        var segments = path.Split('/').Select(s => s.Length == 0 || IsRouteWord(s) ? s : "{id}");
        var result = string.Join("/", segments);
        return result.StartsWith("/", StringComparison.Ordinal) ? result : "/" + result;
    }

    /// <summary>"GET /api/v2/.../{id}".</summary>
    public static string ForRequest(string method, string pathAndQuery) => method.ToUpperInvariant() + " " + FromPath(pathAndQuery);

    // Genesys route words are short lower-case words ("externalcontacts", "bulk", "add") or a version ("v2").
    // Ids are GUIDs or caller-chosen values, which nearly always have digits, upper case or symbols.
    private static bool IsRouteWord(string segment)
    {
        if (segment.Length > 40) return false;
        if (segment.Length >= 2 && segment[0] == 'v' && segment.Skip(1).All(char.IsDigit)) return true;
        return segment.All(c => c >= 'a' && c <= 'z');
    }
}
