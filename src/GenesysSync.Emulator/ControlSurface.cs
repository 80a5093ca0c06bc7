using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GenesysSync.Emulator;

/// <summary>
/// The test/benchmark control surface under /_emulator/ (not authenticated, not counted in stats, never faulted):
/// GET stats · POST reset · GET|POST|DELETE faults, DELETE faults/{id} · GET contacts · GET sources · POST clients ·
/// POST tokens · GET|POST clock · GET|PATCH options · GET routes. Documented in docs/emulator.md.
/// </summary>
internal sealed class ControlSurface
{
    public const string Prefix = "/_emulator";

    private readonly EmulatorOrg _org;

    public ControlSurface(EmulatorOrg org) => _org = org;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.Substring(Prefix.Length).Trim('/');
        var method = context.Request.Method;
        try
        {
            switch (method, path)
            {
                case ("GET", "stats"):
                    await Write(context, 200, _org.Stats.ToJson());
                    return;
                case ("POST", "reset"):
                    _org.Reset();
                    await Write(context, 200, new JsonObject { ["reset"] = true });
                    return;
                case ("GET", "faults"):
                    await Write(context, 200, new JsonArray(_org.Faults.Rules.Select(r => (JsonNode)FaultRuleJson.ToJson(r)).ToArray()));
                    return;
                case ("POST", "faults"):
                    var rule = _org.Faults.Add(FaultRuleJson.Parse(await ReadObject(context)));
                    await Write(context, 201, FaultRuleJson.ToJson(rule));
                    return;
                case ("DELETE", "faults"):
                    _org.Faults.Clear();
                    await Write(context, 200, new JsonObject { ["cleared"] = true });
                    return;
                case ("GET", "contacts"):
                    await Write(context, 200, new JsonArray(_org.ExternalContacts.Select(c => (JsonNode)c).ToArray()));
                    return;
                case ("GET", "contacts/count"):
                    await Write(context, 200, new JsonObject { ["count"] = _org.ExternalContactCount });
                    return;
                case ("GET", "sources"):
                    await Write(context, 200, new JsonArray(_org.ExternalSources.Select(s => (JsonNode)s).ToArray()));
                    return;
                case ("POST", "clients"):
                    var client = await ReadObject(context);
                    var id = client["clientId"]?.GetValue<string>();
                    var secret = client["clientSecret"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)) throw new ArgumentException("clientId and clientSecret are required.");
                    _org.Options.Clients[id] = secret;
                    await Write(context, 201, new JsonObject { ["clientId"] = id });
                    return;
                case ("POST", "tokens"):
                    var holder = (await ReadObject(context))["clientId"]?.GetValue<string>() ?? throw new ArgumentException("clientId is required.");
                    await Write(context, 201, new JsonObject
                    {
                        ["access_token"] = _org.IssueToken(holder),
                        ["token_type"] = "bearer",
                        ["expires_in"] = (long)_org.Options.TokenLifetime.TotalSeconds,
                    });
                    return;
                case ("GET", "clock"):
                    await Write(context, 200, Clock());
                    return;
                case ("POST", "clock"):
                    var advance = (await ReadObject(context))["advanceSeconds"]?.GetValue<double>() ?? throw new ArgumentException("advanceSeconds is required.");
                    _org.AdvanceClock(TimeSpan.FromSeconds(advance));
                    await Write(context, 200, Clock());
                    return;
                case ("GET", "options"):
                    await Write(context, 200, Options());
                    return;
                case ("PATCH", "options"):
                    ApplyOptions(await ReadObject(context));
                    await Write(context, 200, Options());
                    return;
                case ("GET", "routes"):
                    await Write(context, 200, new JsonArray(_org.Routes.Select(r => (JsonNode)r).ToArray()));
                    return;
            }
            if (method == "DELETE" && path.StartsWith("faults/", StringComparison.Ordinal) && int.TryParse(path.Substring(7), out var ruleId))
            {
                var removed = _org.Faults.Remove(ruleId);
                await Write(context, removed ? 200 : 404, new JsonObject { ["removed"] = removed });
                return;
            }
            await Write(context, 404, new JsonObject { ["error"] = "Unknown control route " + method + " " + Prefix + "/" + path });
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            await Write(context, 400, new JsonObject { ["error"] = e.Message });
        }
    }

    private JsonObject Clock() => new() { ["now"] = _org.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };

    private JsonObject Options() => new()
    {
        ["rateLimitPerMinute"] = _org.Options.RateLimitPerMinute,
        ["tokenLifetimeSeconds"] = (long)_org.Options.TokenLifetime.TotalSeconds,
        ["latencyMs"] = (long)_org.Options.Latency.TotalMilliseconds,
        ["seed"] = _org.Options.Seed,
        ["maxBulkEntities"] = _org.Options.MaxBulkEntities,
        ["maxBodyBytes"] = _org.Options.MaxBodyBytes,
        ["clients"] = new JsonArray(_org.Options.Clients.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => (JsonNode)k).ToArray()),
    };

    private void ApplyOptions(JsonObject body)
    {
        foreach (var property in body)
        {
            var value = property.Value?.GetValue<double>() ?? throw new ArgumentException(property.Key + " must be a number.");
            if (value < 0) throw new ArgumentException(property.Key + " must not be negative.");
            switch (property.Key)
            {
                case "rateLimitPerMinute": _org.Options.RateLimitPerMinute = (int)value; break;
                case "tokenLifetimeSeconds": _org.Options.TokenLifetime = TimeSpan.FromSeconds(value); break;
                case "latencyMs": _org.Options.Latency = TimeSpan.FromMilliseconds(value); break;
                case "seed": _org.Options.Seed = (int)value; break;
                case "maxBulkEntities": _org.Options.MaxBulkEntities = (int)value; break;
                case "maxBodyBytes": _org.Options.MaxBodyBytes = (int)value; break;
                default: throw new ArgumentException("Unknown option " + property.Key + ".");
            }
        }
    }

    private static async Task<JsonObject> ReadObject(HttpContext context)
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        return node as JsonObject ?? throw new ArgumentException("The body must be a JSON object.");
    }

    private static Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, 0, bytes.Length, context.RequestAborted);
    }
}
