using System;
using System.Collections.Generic;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Routing;

internal delegate ApiResponse RouteHandler(RouteContext context);

/// <summary>One route: a method and a template such as "/api/v2/externalcontacts/contacts/{contactId}".</summary>
internal sealed class Route
{
    public Route(string method, string template, RouteHandler handler, bool anonymous)
    {
        Method = method.ToUpperInvariant();
        Template = template;
        Handler = handler;
        Anonymous = anonymous;
        Segments = Split(template);
        foreach (var segment in Segments)
        {
            if (!IsParameter(segment)) LiteralCount++;
        }
    }

    public string Method { get; }
    public string Template { get; }
    public RouteHandler Handler { get; }

    /// <summary>True for the login route: no bearer token, no rate limit.</summary>
    public bool Anonymous { get; }

    public string[] Segments { get; }
    public int LiteralCount { get; }

    /// <summary>The key used by stats and fault rules, e.g. "POST /api/v2/externalcontacts/bulk/contacts/add".</summary>
    public string Key => Method + " " + Template;

    internal static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    internal static string[] Split(string path) => path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class RouteMatch
{
    public RouteMatch(Route route, Dictionary<string, string> parameters)
    {
        Route = route;
        Parameters = parameters;
    }

    public Route Route { get; }
    public Dictionary<string, string> Parameters { get; }
}

/// <summary>
/// A small template router. Literal segments beat parameters, so "/contacts/enrich" wins over "/contacts/{contactId}".
/// Route families register their routes here; nothing else knows the route list.
/// </summary>
internal sealed class Router
{
    private readonly List<Route> _routes = new();

    public IReadOnlyList<Route> Routes => _routes;

    public void Map(string method, string template, RouteHandler handler, bool anonymous = false)
        => _routes.Add(new Route(method, template, handler, anonymous));

    /// <summary>Finds the best route for the path; <paramref name="pathExists"/> tells a wrong method from an unknown path.</summary>
    public RouteMatch? Match(string method, string path, out bool pathExists)
    {
        pathExists = false;
        var segments = Route.Split(path);
        RouteMatch? best = null;
        foreach (var route in _routes)
        {
            var parameters = TryBind(route, segments);
            if (parameters == null) continue;
            pathExists = true;
            if (!string.Equals(route.Method, method, StringComparison.Ordinal)) continue;
            if (best == null || route.LiteralCount > best.Route.LiteralCount) best = new RouteMatch(route, parameters);
        }
        return best;
    }

    private static Dictionary<string, string>? TryBind(Route route, string[] segments)
    {
        if (route.Segments.Length != segments.Length) return null;
        Dictionary<string, string>? parameters = null;
        for (var i = 0; i < segments.Length; i++)
        {
            var pattern = route.Segments[i];
            if (Route.IsParameter(pattern))
            {
                parameters ??= new Dictionary<string, string>(StringComparer.Ordinal);
                parameters[pattern.Substring(1, pattern.Length - 2)] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!string.Equals(pattern, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }
        return parameters ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }
}

/// <summary>A group of related routes (one file per family: OAuth, contacts, bulk, enrich, sources, ...).</summary>
internal interface IRouteFamily
{
    void Register(Router router);
}
