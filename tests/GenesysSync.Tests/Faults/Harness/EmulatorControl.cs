using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysSync.Harness;

/// <summary>Counters of the emulator at one moment (GET /_emulator/stats).</summary>
public sealed class EmulatorStats
{
    public const string TokenRoute = "POST /oauth/token";

    public long Total { get; init; }
    public IReadOnlyDictionary<int, long> ByStatus { get; init; } = new Dictionary<int, long>();
    /// <summary>"METHOD /template" → requests (all statuses).</summary>
    public IReadOnlyDictionary<string, long> ByRoute { get; init; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, long> Faults { get; init; } = new Dictionary<string, long>();

    public long Status(int status) => ByStatus.TryGetValue(status, out var n) ? n : 0;
    public long Route(string key) => ByRoute.TryGetValue(key, out var n) ? n : 0;
    /// <summary>Requests to the API (the token route is not rate limited and not counted as API work).</summary>
    public long ApiRequests => Total - Route(TokenRoute);
    public long FaultsInjected => Faults.Values.Sum();

    /// <summary>What happened between <paramref name="before"/> and this snapshot.</summary>
    public EmulatorStats Since(EmulatorStats before) => new()
    {
        Total = Total - before.Total,
        ByStatus = Diff(ByStatus, before.ByStatus),
        ByRoute = Diff(ByRoute, before.ByRoute),
        Faults = Diff(Faults, before.Faults),
    };

    private static Dictionary<T, long> Diff<T>(IReadOnlyDictionary<T, long> now, IReadOnlyDictionary<T, long> then) where T : notnull
    {
        var result = new Dictionary<T, long>();
        foreach (var p in now)
        {
            var d = p.Value - (then.TryGetValue(p.Key, out var t) ? t : 0);
            if (d != 0) result[p.Key] = d;
        }
        return result;
    }

    public static EmulatorStats Parse(JsonObject json)
    {
        var byStatus = new Dictionary<int, long>();
        foreach (var p in json["byStatus"]!.AsObject()) byStatus[int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture)] = p.Value!.GetValue<long>();
        var byRoute = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in json["byRoute"]!.AsObject()) byRoute[p.Key] = p.Value!.AsObject().Sum(s => s.Value!.GetValue<long>());
        var faults = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in json["faults"]!.AsObject()) faults[p.Key] = p.Value!.GetValue<long>();
        return new EmulatorStats { Total = json["total"]!.GetValue<long>(), ByStatus = byStatus, ByRoute = byRoute, Faults = faults };
    }
}

/// <summary>
/// Drives an emulator through its /_emulator/ control surface over HTTP, so the same code works for an
/// emulator in this process (tests) and one in a child process (the benchmark keeps its memory apart).
/// </summary>
public sealed class EmulatorControl : IDisposable
{
    private readonly HttpClient _http;

    public EmulatorControl(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri BaseAddress { get; }

    public async Task<EmulatorStats> StatsAsync(CancellationToken ct = default) => EmulatorStats.Parse((await GetAsync("_emulator/stats", ct)).AsObject());

    public Task ResetAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "_emulator/reset", new JsonObject(), ct);

    /// <summary>Adds a fault rule (the control surface's JSON: kind, route, method, probability, skip, times, nth, statusCode, retryAfterSeconds, delayMs).</summary>
    public Task AddFaultAsync(JsonObject rule, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "_emulator/faults", rule, ct);

    public Task ClearFaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "_emulator/faults", null, ct);

    /// <summary>Changes options (rateLimitPerMinute, tokenLifetimeSeconds, latencyMs, seed, maxBulkEntities, maxBodyBytes).</summary>
    public Task SetOptionsAsync(JsonObject options, CancellationToken ct = default) => SendAsync(new HttpMethod("PATCH"), "_emulator/options", options, ct);

    public Task AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "_emulator/clock", new JsonObject { ["advanceSeconds"] = by.TotalSeconds }, ct);

    public Task AddClientAsync(string clientId, string clientSecret, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "_emulator/clients", new JsonObject { ["clientId"] = clientId, ["clientSecret"] = clientSecret }, ct);

    public async Task<long> ContactCountAsync(CancellationToken ct = default) => (await GetAsync("_emulator/contacts/count", ct))["count"]!.GetValue<long>();

    /// <summary>Every stored contact in creation order (a full copy: for fault-suite sizes, not for millions).</summary>
    public async Task<List<JsonObject>> ContactsAsync(CancellationToken ct = default)
    {
        using var response = await _http.GetAsync("_emulator/contacts", HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var array = (await JsonNode.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false))!.AsArray();
        var list = new List<JsonObject>(array.Count);
        foreach (var item in array) list.Add(item!.AsObject());
        return list;
    }

    public async Task<JsonArray> SourcesAsync(CancellationToken ct = default) => (await GetAsync("_emulator/sources", ct)).AsArray();

    private async Task<JsonNode> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET /{path} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} /{path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
    }

    public void Dispose() => _http.Dispose();
}
