using System;

namespace GenesysSync.Emulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>Answer 429 with Retry-After = <see cref="FaultRule.RetryAfterSeconds"/>; the org is not touched.</summary>
    Status429,

    /// <summary>Answer <see cref="FaultRule.StatusCode"/> (500/502/503/504); the org is not touched.</summary>
    Status5xx,

    /// <summary>The connection drops before the request reaches the org (in-process: HttpRequestException).</summary>
    ConnectionReset,

    /// <summary>The request is served normally, <see cref="FaultRule.Delay"/> later than usual.</summary>
    SlowReply,

    /// <summary>The request IS applied, then the connection drops instead of the reply.</summary>
    LostResponse,

    /// <summary>Answer 413 request.entity.too.large; the org is not touched.</summary>
    Status413,

    /// <summary>
    /// Answer <see cref="FaultRule.StatusCode"/> (5xx) with a load balancer's HTML page instead of the platform error body
    /// (no JSON, no contextId); the org is not touched.
    /// </summary>
    HtmlError,

    /// <summary>The request IS applied, then its 2xx reply arrives with the body cut in half (malformed JSON, complete HTTP message).</summary>
    TruncatedBody,

    /// <summary>
    /// The request IS applied and its bulk reply lists <c>results</c> in reverse order (the API does not promise the order);
    /// replies without a <c>results</c> array are unchanged.
    /// </summary>
    ShuffledBulkResults,
}

/// <summary>
/// One fault rule. It matches requests by route template and/or method (null = any) and fires either by probability
/// (deterministic for a given <see cref="EmulatorOptions.Seed"/>) or by script: <see cref="Skip"/> lets the first
/// matching requests through and <see cref="Times"/> caps how often it fires ("the 3rd bulk add": Skip = 2, Times = 1;
/// "the next 5 requests": Times = 5). Rules are checked in the order added; each matching rule counts the request,
/// and the first one that fires decides the request's fate.
/// </summary>
public sealed class FaultRule
{
    private long _matched;
    private long _fired;

    public FaultKind Kind { get; set; }

    /// <summary>A route template ("/api/v2/externalcontacts/bulk/contacts/add"), a prefix ending in '*'
    /// ("/api/v2/externalcontacts/*"), or null for every route (the login route included).</summary>
    public string? Route { get; set; }

    /// <summary>HTTP method ("POST"), or null for any.</summary>
    public string? Method { get; set; }

    /// <summary>Chance (0..1) that an eligible matching request is faulted. Default 1 (always).</summary>
    public double Probability { get; set; } = 1.0;

    /// <summary>Matching requests let through before the rule can fire.</summary>
    public int Skip { get; set; }

    /// <summary>How many times the rule fires at most; null = no cap.</summary>
    public int? Times { get; set; }

    /// <summary>Status for <see cref="FaultKind.Status5xx"/> and <see cref="FaultKind.HtmlError"/>: 500, 502, 503 or 504.</summary>
    public int StatusCode { get; set; } = 503;

    /// <summary>Retry-After seconds for <see cref="FaultKind.Status429"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Extra wait for <see cref="FaultKind.SlowReply"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Assigned when added to an injector.</summary>
    public int Id { get; internal set; }

    /// <summary>Matching requests seen since the rule was added.</summary>
    public long Matched => System.Threading.Interlocked.Read(ref _matched);

    /// <summary>Times the rule fired.</summary>
    public long Fired => System.Threading.Interlocked.Read(ref _fired);

    /// <summary>Fault exactly the <paramref name="n"/>th matching request (1-based).</summary>
    public static FaultRule OnNth(int n, FaultKind kind, string? route = null, string? method = null)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        return new FaultRule { Kind = kind, Route = route, Method = method, Skip = n - 1, Times = 1 };
    }

    /// <summary>Fault the next <paramref name="count"/> matching requests.</summary>
    public static FaultRule Next(int count, FaultKind kind, string? route = null, string? method = null)
        => new() { Kind = kind, Route = route, Method = method, Times = count };

    /// <summary>Fault each matching request with this probability (seeded, so repeatable).</summary>
    public static FaultRule WithProbability(double probability, FaultKind kind, string? route = null, string? method = null)
        => new() { Kind = kind, Route = route, Method = method, Probability = probability };

    internal void Validate()
    {
        if (double.IsNaN(Probability) || Probability < 0 || Probability > 1) throw new ArgumentException("Probability must be between 0 and 1.");
        if (Skip < 0) throw new ArgumentException("Skip must not be negative.");
        if (Times < 0) throw new ArgumentException("Times must not be negative.");
        if (Kind is FaultKind.Status5xx or FaultKind.HtmlError && (StatusCode < 500 || StatusCode > 599)) throw new ArgumentException("StatusCode must be a 5xx code.");
        if (Kind == FaultKind.Status429 && RetryAfterSeconds < 0) throw new ArgumentException("RetryAfterSeconds must not be negative.");
        if (Delay < TimeSpan.Zero) throw new ArgumentException("Delay must not be negative.");
    }

    internal bool Matches(string method, string? template)
    {
        if (Method != null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (Route == null) return true;
        if (template == null) return false;
        return Route.EndsWith("*", StringComparison.Ordinal)
            ? template.StartsWith(Route.Substring(0, Route.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(Route, template, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Counts a matching request and says whether the rule fires on it (caller holds the injector lock).</summary>
    internal bool CountAndDecide(Random random, bool anotherRuleFired)
    {
        var seen = System.Threading.Interlocked.Increment(ref _matched);
        if (anotherRuleFired || seen <= Skip) return false;
        if (Times.HasValue && _fired >= Times.Value) return false;
        // Always draw, so a rule's sequence of decisions depends only on its own matching requests.
        var draw = random.NextDouble();
        if (draw >= Probability) return false;
        System.Threading.Interlocked.Increment(ref _fired);
        return true;
    }
}
