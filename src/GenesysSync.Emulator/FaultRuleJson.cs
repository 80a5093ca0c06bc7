using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenesysSync.Emulator;

/// <summary>
/// The JSON form of a fault rule on the control surface:
/// {"kind":"Status5xx","route":"/api/v2/externalcontacts/bulk/contacts/add","method":"POST","probability":0.5,
///  "skip":2,"times":1,"nth":3,"statusCode":503,"retryAfterSeconds":5,"delayMs":2000}. Only "kind" is required;
/// "nth": n is shorthand for skip n-1, times 1.
/// </summary>
public static class FaultRuleJson
{
    public static FaultRule Parse(JsonObject json)
    {
        var kindText = String(json, "kind") ?? throw new ArgumentException("\"kind\" is required: Status429, Status5xx, ConnectionReset, SlowReply, LostResponse, Status413, HtmlError, TruncatedBody or ShuffledBulkResults.");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
        {
            throw new ArgumentException("Unknown fault kind '" + kindText + "'.");
        }
        var rule = new FaultRule { Kind = kind, Route = String(json, "route"), Method = String(json, "method") };
        if (Number(json, "probability") is { } probability) rule.Probability = probability;
        if (Number(json, "skip") is { } skip) rule.Skip = (int)skip;
        if (Number(json, "times") is { } times) rule.Times = (int)times;
        if (Number(json, "nth") is { } nth)
        {
            if (nth < 1) throw new ArgumentException("\"nth\" is 1-based.");
            rule.Skip = (int)nth - 1;
            rule.Times = 1;
        }
        if (Number(json, "statusCode") is { } status) rule.StatusCode = (int)status;
        if (Number(json, "retryAfterSeconds") is { } retryAfter) rule.RetryAfterSeconds = (int)retryAfter;
        if (Number(json, "delayMs") is { } delay) rule.Delay = TimeSpan.FromMilliseconds(delay);
        return rule;
    }

    public static JsonObject ToJson(FaultRule rule) => new()
    {
        ["id"] = rule.Id,
        ["kind"] = rule.Kind.ToString(),
        ["route"] = rule.Route,
        ["method"] = rule.Method,
        ["probability"] = rule.Probability,
        ["skip"] = rule.Skip,
        ["times"] = rule.Times,
        ["statusCode"] = rule.StatusCode,
        ["retryAfterSeconds"] = rule.RetryAfterSeconds,
        ["delayMs"] = (long)rule.Delay.TotalMilliseconds,
        ["matched"] = rule.Matched,
        ["fired"] = rule.Fired,
    };

    private static string? String(JsonObject json, string name)
    {
        var node = json[name];
        if (node == null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw new ArgumentException("\"" + name + "\" must be a string.");
        return node.GetValue<string>();
    }

    private static double? Number(JsonObject json, string name)
    {
        var node = json[name];
        if (node == null) return null;
        if (node.GetValueKind() != JsonValueKind.Number) throw new ArgumentException("\"" + name + "\" must be a number.");
        return node.GetValue<double>();
    }
}
