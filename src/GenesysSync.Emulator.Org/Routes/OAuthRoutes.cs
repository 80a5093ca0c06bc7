using System;
using System.Text;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// POST /oauth/token (the login host): client credentials with HTTP Basic auth and a form body. Errors use the
/// login service's OAuth shape {error, description, error_description}: 401 invalid_client for missing or wrong
/// credentials, 400 unsupported_grant_type / invalid_request for a bad form. Not rate limited.
/// </summary>
internal sealed class OAuthRoutes : IRouteFamily
{
    public const string TokenRoute = "/oauth/token";

    public void Register(Router router) => router.Map("POST", TokenRoute, Token, anonymous: true);

    private static ApiResponse Token(RouteContext context)
    {
        var request = context.Request;
        var clientId = CheckClient(context);
        if (clientId == null) return Errors.OAuth(401, "invalid_client", "Client authentication failed: unknown client or wrong secret.");

        if (request.ContentType == null || !request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Errors.OAuth(400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }
        var form = ApiRequest.ParseQuery(request.BodyText);
        if (!form.TryGetValue("grant_type", out var grant) || grant.Count == 0 || grant[0].Length == 0)
        {
            return Errors.OAuth(400, "invalid_request", "Missing grant_type.");
        }
        if (grant[0] != "client_credentials") return Errors.OAuth(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");

        var lifetime = context.Org.Options.TokenLifetime;
        var token = context.Org.Tokens.Issue(clientId, context.Org.Clock.UtcNow, lifetime);
        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", (long)Math.Floor(lifetime.TotalSeconds));
            w.WriteEndObject();
        }));
    }

    /// <summary>The client id when the Basic credentials name a known client with the right secret.</summary>
    private static string? CheckClient(RouteContext context)
    {
        var header = context.Request.Authorization;
        if (header == null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return null;
        var id = decoded.Substring(0, colon);
        var secret = decoded.Substring(colon + 1);
        return context.Org.Options.Clients.TryGetValue(id, out var expected) && FixedTimeEquals(expected, secret) ? id : null;
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        var diff = a.Length ^ b.Length;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) diff |= a[i] ^ b[i];
        return diff == 0;
    }
}
