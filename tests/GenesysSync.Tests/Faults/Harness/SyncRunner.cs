using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Harness;

/// <summary>How one sync run connects and what it does.</summary>
public sealed class SyncRunSettings
{
    public const string DefaultSourceName = "GenesysSync"; // the cmdlet's default External Source

    public Uri BaseAddress { get; set; } = new("http://127.0.0.1/");
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    /// <summary>The client's own budget; the benchmark lifts it together with the emulator's.</summary>
    public int RequestsPerMinute { get; set; } = 300;
    public int MaxConcurrency { get; set; } = 8;
    public TimeSpan? RequestTimeout { get; set; }
    public string StatePath { get; set; } = "";
    public string SourceName { get; set; } = DefaultSourceName;
    public SyncMode Mode { get; set; } = SyncMode.Upsert;
    public int BatchSize { get; set; } = 200;
    public int MaxParallelBatches { get; set; } = 4;
    public double DeleteThreshold { get; set; } = 10;
}

/// <summary>What one run produced (the summary is null when the run ended with an exception).</summary>
public sealed class SyncRunOutcome
{
    public SyncSummary? Summary { get; init; }
    public Exception? Error { get; init; }
    public ResultTally Tally { get; init; } = new();
    public long ClientRequests { get; init; }
    public long ClientRetries { get; init; }
    public long ClientThrottled { get; init; }
    public long ClientTransportErrors { get; init; }
    public long TokenRefreshes { get; init; }
    public TimeSpan Elapsed { get; init; }
}

/// <summary>
/// One sync run the way Sync-GenesysExternalContact does it: a fresh client (token), the External Source
/// ensured, the state database opened, the engine run over the rows. Used by the benchmark, its crash
/// child and the fault tests.
/// </summary>
public static class SyncRunner
{
    public static async Task<GenesysClient> ConnectAsync(SyncRunSettings s, CancellationToken ct = default)
    {
        var options = new GenesysClientOptions
        {
            ApiBaseUri = s.BaseAddress,
            LoginBaseUri = s.BaseAddress,
            Credentials = new List<OAuthClientCredential> { new(s.ClientId, s.ClientSecret) },
            RequestsPerMinute = s.RequestsPerMinute,
            MaxConcurrency = s.MaxConcurrency,
            TimeProvider = s.Clock,
        };
        if (s.RequestTimeout is TimeSpan timeout) options.RequestTimeout = timeout;
        return await GenesysClient.ConnectAsync(options, ct).ConfigureAwait(false);
    }

    public static async Task<SyncRunOutcome> RunAsync(SyncRunSettings s, IRowSource rows, int expectedRows, Action<SyncProgress>? progress = null, CancellationToken ct = default)
    {
        var tally = new ResultTally(expectedRows) { Progress = progress };
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var client = await ConnectAsync(s, ct).ConfigureAwait(false);
        SyncSummary? summary = null;
        Exception? error = null;
        try
        {
            var api = new ExternalContactsApi(client);
            var source = await api.EnsureExternalSourceAsync(s.SourceName, ct).ConfigureAwait(false);
            var options = new SyncOptions
            {
                Mode = s.Mode,
                ExternalSourceId = source.Id,
                BatchSize = s.BatchSize,
                MaxParallelBatches = s.MaxParallelBatches,
                DeleteThreshold = s.DeleteThreshold,
            };
            using var state = SyncStateStore.Open(s.StatePath, s.Clock);
            var engine = new ExternalContactSync(new ExternalContactsApiGateway(api, client.Stats), state, s.Clock);
            summary = await engine.RunAsync(rows, options, tally, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex;
        }
        return new SyncRunOutcome
        {
            Summary = summary,
            Error = error,
            Tally = tally,
            ClientRequests = client.Stats.Requests,
            ClientRetries = client.Stats.Retries,
            ClientThrottled = client.Stats.Throttled,
            ClientTransportErrors = client.Stats.TransportErrors,
            TokenRefreshes = client.Stats.TokenRefreshes,
            Elapsed = started.Elapsed,
        };
    }
}
