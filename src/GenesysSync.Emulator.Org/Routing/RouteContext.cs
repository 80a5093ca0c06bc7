using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Routing;

/// <summary>What a route handler gets: the request, its path parameters, the org state and the caller's client id.</summary>
internal sealed class RouteContext
{
    public RouteContext(ApiRequest request, IReadOnlyDictionary<string, string> parameters, OrgState org, string? clientId)
    {
        Request = request;
        Parameters = parameters;
        Org = org;
        ClientId = clientId;
    }

    public ApiRequest Request { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public OrgState Org { get; }
    public string? ClientId { get; }

    public string Param(string name) => Parameters[name];

    /// <summary>The JSON body as an object; 400 when it is missing, malformed or not an object.</summary>
    public JsonObject BodyObject()
    {
        var node = BodyNode();
        return node as JsonObject ?? throw Errors.BadRequest("The request body must be a JSON object.");
    }

    public JsonNode BodyNode()
    {
        if (Request.Body.Length == 0) throw Errors.BadRequest("A request body is required.");
        try
        {
            return JsonUtil.Parse(Request.Body) ?? throw new ApiException(Errors.MalformedBody());
        }
        catch (JsonException)
        {
            throw new ApiException(Errors.MalformedBody());
        }
    }

    /// <summary>An integer query parameter with a default and an allowed range; 400 outside it.</summary>
    public int QueryInt(string name, int defaultValue, int min, int max)
    {
        var text = Request.QueryValue(name);
        if (text == null || text.Length == 0) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Errors.InvalidQueryParam(name, text, max == int.MaxValue
                ? "an integer of at least " + min.ToString(CultureInfo.InvariantCulture)
                : "an integer from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture));
        }
        return value;
    }

    public bool QueryBool(string name)
    {
        var text = Request.QueryValue(name);
        if (text == null || text.Length == 0) return false;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        throw Errors.InvalidQueryParam(name, text, "true, false");
    }

    public bool? QueryOptionalBool(string name) => Request.QueryValue(name) == null ? null : QueryBool(name);
}
