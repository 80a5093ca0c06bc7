using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenesysSync.Harness;

/// <summary>One kind of trouble the emulator makes during a sync.</summary>
public sealed class FaultCase
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Fault rules in the control surface's JSON.</summary>
    public List<JsonObject> Rules { get; init; } = new();
    /// <summary>Emulator options changed for the case (restored afterwards).</summary>
    public JsonObject? Options { get; init; }
    /// <summary>0 = never; else every this many API requests the org clock jumps past the token lifetime (tokens expire mid-run).</summary>
    public int ExpireTokensEvery { get; init; }
}

/// <summary>
/// The fault cases of the suite, scaled to the number of write requests a run makes so that every case
/// fires at both benchmark size (10,000+ rows) and test size (hundreds of rows). Probabilistic rules are
/// seeded by the emulator; the "nth" rules guarantee at least one hit on each write route.
/// </summary>
public static class FaultCases
{
    public const string AnyContactRoute = "/api/v2/externalcontacts/*";
    public const string BulkRoutes = "/api/v2/externalcontacts/bulk/*";
    public const string BulkAdd = "/api/v2/externalcontacts/bulk/contacts/add";
    public const string BulkUpdate = "/api/v2/externalcontacts/bulk/contacts/update";
    public const string BulkRemove = "/api/v2/externalcontacts/bulk/contacts/remove";
    public const string BulkFetch = "/api/v2/externalcontacts/bulk/contacts";

    public static readonly string[] Names = { "429-storm", "5xx-burst", "connection-reset", "slow-reply", "lost-response", "token-expiry", "413-large-body", "all-together" };

    /// <param name="writesPerRun">About how many write requests one first sync makes (rows / batch size).</param>
    /// <param name="batchSize">Rows per bulk request (sets the body limit of the 413 case).</param>
    /// <param name="clientTimeoutSeconds">The client's per-attempt timeout (on its clock); some slow replies outlast it.</param>
    public static FaultCase Get(string name, int writesPerRun, int batchSize, double clientTimeoutSeconds)
    {
        var storm = Math.Max(6, Math.Min(15, writesPerRun / 3));
        var spacing = Math.Max(4, writesPerRun / 3);
        switch (name)
        {
            case "429-storm":
                return new FaultCase
                {
                    Name = name,
                    Description = $"bursts of {storm} consecutive 429s with Retry-After 2-5 s, plus 5% scattered 429s",
                    Rules =
                    {
                        Rule("Status429", AnyContactRoute, skip: 2, times: storm, retryAfter: 2),
                        Rule("Status429", AnyContactRoute, skip: 2 + storm + spacing, times: storm, retryAfter: 5),
                        Rule("Status429", AnyContactRoute, probability: 0.05, retryAfter: 1),
                    },
                };
            case "5xx-burst":
                return new FaultCase
                {
                    Name = name,
                    Description = "bursts of 5 × 503 and 5 × 502, 3% 504, 3% 500 on bulk writes",
                    Rules =
                    {
                        Rule("Status5xx", AnyContactRoute, skip: 1, times: 5, status: 503),
                        Rule("Status5xx", AnyContactRoute, skip: 6 + spacing, times: 5, status: 502),
                        Rule("Status5xx", AnyContactRoute, probability: 0.03, status: 504),
                        Rule("Status5xx", BulkRoutes, probability: 0.03, status: 500),
                    },
                };
            case "connection-reset":
                return new FaultCase
                {
                    Name = name,
                    Description = "8% of requests reset before reaching the org, and the 2nd bulk add",
                    Rules =
                    {
                        Rule("ConnectionReset", BulkAdd, nth: 2),
                        Rule("ConnectionReset", AnyContactRoute, probability: 0.08),
                    },
                };
            case "slow-reply":
                return new FaultCase
                {
                    Name = name,
                    Description = $"10% of replies 3 s late; 2 bulk writes answered after {clientTimeoutSeconds * 1.5:0} s (past the client's {clientTimeoutSeconds:0} s timeout, write applied)",
                    Rules =
                    {
                        Rule("SlowReply", BulkRoutes, method: "POST", skip: 3, times: 2, delayMs: clientTimeoutSeconds * 1500),
                        Rule("SlowReply", AnyContactRoute, probability: 0.1, delayMs: 3000),
                    },
                };
            case "lost-response":
                return new FaultCase
                {
                    Name = name,
                    Description = "writes applied but the reply lost: the 2nd bulk add, 1st bulk update, 1st bulk remove, and 8% of bulk requests",
                    Rules =
                    {
                        Rule("LostResponse", BulkAdd, nth: 2),
                        Rule("LostResponse", BulkUpdate, nth: 1),
                        Rule("LostResponse", BulkRemove, nth: 1),
                        Rule("LostResponse", BulkRoutes, method: "POST", probability: 0.08),
                    },
                };
            case "token-expiry":
                return new FaultCase
                {
                    Name = name,
                    Description = "the org clock jumps past the token lifetime every few requests (every token expires mid-run)",
                    ExpireTokensEvery = Math.Max(3, writesPerRun / 3),
                };
            case "413-large-body":
                return new FaultCase
                {
                    Name = name,
                    Description = $"body limit {BodyLimit(batchSize)} bytes (a full batch of {batchSize} is too large) plus 5% injected 413s",
                    Options = new JsonObject { ["maxBodyBytes"] = BodyLimit(batchSize) },
                    Rules = { Rule("Status413", BulkRoutes, probability: 0.05) },
                };
            case "all-together":
            {
                var all = new FaultCase
                {
                    Name = name,
                    Description = "every fault above at once (lower rates), with token expiry and the body limit",
                    Options = new JsonObject { ["maxBodyBytes"] = BodyLimit(batchSize) },
                    ExpireTokensEvery = Math.Max(4, writesPerRun / 2),
                    Rules =
                    {
                        Rule("LostResponse", BulkAdd, nth: 3),
                        Rule("Status429", AnyContactRoute, skip: 4, times: storm, retryAfter: 2),
                        Rule("Status5xx", AnyContactRoute, skip: 8 + spacing, times: 4, status: 503),
                        Rule("SlowReply", BulkRoutes, method: "POST", skip: 5, times: 1, delayMs: clientTimeoutSeconds * 1500),
                        Rule("LostResponse", BulkRoutes, method: "POST", probability: 0.04),
                        Rule("ConnectionReset", AnyContactRoute, probability: 0.04),
                        Rule("Status429", AnyContactRoute, probability: 0.03, retryAfter: 1),
                        Rule("Status5xx", AnyContactRoute, probability: 0.02, status: 502),
                        Rule("Status5xx", BulkRoutes, probability: 0.02, status: 500),
                        Rule("Status413", BulkRoutes, probability: 0.03),
                        Rule("SlowReply", AnyContactRoute, probability: 0.05, delayMs: 2000),
                    },
                };
                return all;
            }
            default:
                throw new ArgumentException($"Unknown fault case '{name}'. Cases: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>About 40% of a full batch body, so every full batch is split at least once.</summary>
    public static int BodyLimit(int batchSize) => Math.Max(2000, batchSize * 160);

    public static JsonObject Rule(string kind, string? route = null, string? method = null, double? probability = null, int? skip = null, int? times = null,
        int? nth = null, int? status = null, int? retryAfter = null, double? delayMs = null)
    {
        var rule = new JsonObject { ["kind"] = kind };
        if (route is not null) rule["route"] = route;
        if (method is not null) rule["method"] = method;
        if (probability is not null) rule["probability"] = probability;
        if (skip is not null) rule["skip"] = skip;
        if (times is not null) rule["times"] = times;
        if (nth is not null) rule["nth"] = nth;
        if (status is not null) rule["statusCode"] = status;
        if (retryAfter is not null) rule["retryAfterSeconds"] = retryAfter;
        if (delayMs is not null) rule["delayMs"] = delayMs;
        return rule;
    }

    public static string Describe(IEnumerable<JsonObject> rules) => string.Join("; ", rules.Select(r => r.ToJsonString()));
}
