using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Input;
using GenesysSync.Sync;

namespace GenesysSync.Harness;

/// <summary>Where and how the suite runs.</summary>
public sealed class FaultSuiteSettings
{
    /// <summary>Connection, clock, batch size and client settings of every run (StatePath and Mode are set per run).</summary>
    public SyncRunSettings Run { get; set; } = new();
    /// <summary>The first export (phase A, Upsert) …</summary>
    public SyntheticDataset First { get; set; } = new(1000);
    /// <summary>… and a later one with changed and removed rows (phase B, Mirror).</summary>
    public SyntheticDataset Second { get; set; } = new SyntheticDataset(1000).With(changeEvery: 20, removeEvery: 50, revision: 2);
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "gs-faults");
    /// <summary>Runs allowed per phase: a row that fails (reported Failed, not lost) is fixed by running again.</summary>
    public int MaxRunsPerPhase { get; set; } = 4;
    public Action<string>? Log { get; set; }
}

/// <summary>What one fault case did and what it left behind. <see cref="Mismatches"/> must be 0.</summary>
public sealed class FaultCaseReport
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int Rows { get; set; }
    public int Runs { get; set; }
    /// <summary>Runs that ended with an error for the whole run (e.g. a request that kept failing past the client's retries); re-run.</summary>
    public int FailedRuns { get; set; }
    public int Kills { get; set; }
    public long Requests { get; set; }
    public long FaultsInjected { get; set; }
    public Dictionary<string, long> FaultsByKind { get; set; } = new();
    public long Retries { get; set; }
    public long Status401 { get; set; }
    public long Status429 { get; set; }
    public long Status413 { get; set; }
    public long ClockJumps { get; set; }
    /// <summary>Failed results over all runs (reported to the user, then fixed by a re-run).</summary>
    public long FailedResults { get; set; }
    /// <summary>Rows of a completed run with no result or more than one.</summary>
    public long ResultMismatches { get; set; }
    /// <summary>Write requests of a final fault-free re-run (0 when the state matches the org).</summary>
    public long VerifyWrites { get; set; }
    public long VerifyNotUnchanged { get; set; }
    public List<string> Errors { get; set; } = new();
    public ConvergenceReport Convergence { get; set; } = new();
    public TimeSpan Elapsed { get; set; }

    public long Lost => Convergence.Missing;
    public long Duplicates => Convergence.Duplicates;
    public long Mismatches => Convergence.Total + ResultMismatches + VerifyWrites + VerifyNotUnchanged;
    public bool Passed => Mismatches == 0 && Errors.Count == 0;

    public override string ToString() =>
        $"{Name}: {(Passed ? "PASS" : "FAIL")} — {Rows} rows, {Runs} runs{(Kills > 0 ? $" ({Kills} killed)" : "")}{(FailedRuns > 0 ? $" ({FailedRuns} ended with an error)" : "")}, {Requests} requests, {FaultsInjected} faults injected, " +
        $"{Retries} client retries, {FailedResults} failed results (re-run), lost {Lost}, duplicates {Duplicates}, mismatches {Mismatches}; {Convergence}" +
        (Errors.Count == 0 ? "" : "; errors: " + string.Join(" | ", Errors));
}

/// <summary>The arguments of one crash-test child run.</summary>
public sealed class CrashChildRun
{
    public string CsvPath { get; init; } = "";
    public string StatePath { get; init; } = "";
    public SyncMode Mode { get; init; }
    public int Rows { get; init; }
}

/// <summary>
/// Runs a sync through faults and checks the promise: the org ends equal to the source, no duplicates,
/// one result per row, and a state that needs no write on a fault-free re-run.
/// </summary>
public sealed class FaultSuite
{
    private static readonly string[] WriteRoutes =
    {
        "POST /api/v2/externalcontacts/bulk/contacts/add", "POST /api/v2/externalcontacts/bulk/contacts/update",
        "POST /api/v2/externalcontacts/bulk/contacts/remove", "POST /api/v2/externalcontacts/contacts",
        "PUT /api/v2/externalcontacts/contacts/{contactId}", "DELETE /api/v2/externalcontacts/contacts/{contactId}",
    };

    private readonly EmulatorControl _emulator;
    private readonly FaultSuiteSettings _settings;
    private string? _firstCsv, _secondCsv;

    public FaultSuite(EmulatorControl emulator, FaultSuiteSettings settings)
    {
        _emulator = emulator;
        _settings = settings;
        Directory.CreateDirectory(settings.WorkDirectory);
    }

    public static long Writes(EmulatorStats delta) => WriteRoutes.Sum(delta.Route);

    private int WritesPerRun => Math.Max(1, _settings.First.Count / Math.Max(1, _settings.Run.BatchSize));

    /// <summary>The two exports as CSV files (written once).</summary>
    public (string First, string Second) CsvFiles()
    {
        if (_firstCsv is null)
        {
            _firstCsv = Path.Combine(_settings.WorkDirectory, $"first-{_settings.First.Count}.csv");
            _secondCsv = Path.Combine(_settings.WorkDirectory, $"second-{_settings.Second.Count}.csv");
            _settings.First.WriteCsv(_firstCsv);
            _settings.Second.WriteCsv(_secondCsv);
        }
        return (_firstCsv, _secondCsv!);
    }

    public Task<FaultCaseReport> RunCaseAsync(string name, CancellationToken ct = default)
    {
        var timeout = (_settings.Run.RequestTimeout ?? TimeSpan.FromSeconds(100)).TotalSeconds;
        return RunCaseAsync(FaultCases.Get(name, WritesPerRun, _settings.Run.BatchSize, timeout), ct);
    }

    public async Task<FaultCaseReport> RunCaseAsync(FaultCase fault, CancellationToken ct = default)
    {
        var report = new FaultCaseReport { Name = fault.Name, Description = fault.Description, Rows = _settings.First.Count };
        var watch = Stopwatch.StartNew();
        var statePath = await PrepareAsync(fault.Name, ct);
        foreach (var rule in fault.Rules) await _emulator.AddFaultAsync(rule, ct);
        if (fault.Options is not null) await _emulator.SetOptionsAsync((JsonObject)fault.Options.DeepClone(), ct);
        var before = await _emulator.StatsAsync(ct);

        using var stopJumps = new CancellationTokenSource();
        var jumps = fault.ExpireTokensEvery > 0 ? ExpireTokensAsync(fault.ExpireTokensEvery, before, stopJumps.Token) : Task.FromResult(0L);
        try
        {
            var (first, second) = CsvFiles();
            await RunPhaseAsync(report, first, _settings.First.Count, statePath, SyncMode.Upsert, ct);
            await RunPhaseAsync(report, second, _settings.Second.PresentCount, statePath, SyncMode.Mirror, ct);
        }
        finally
        {
            stopJumps.Cancel();
            report.ClockJumps = await jumps;
        }
        await FinishAsync(report, before, statePath, ct);
        report.Elapsed = watch.Elapsed;
        return report;
    }

    /// <summary>
    /// The crash test: a child process runs the sync and is killed (SIGKILL, like kill -9) at a random point
    /// of the work still to do, up to <paramref name="kills"/> times per phase (each re-run resumes what the
    /// killed one left); then it runs to completion. Nothing may be lost or duplicated.
    /// </summary>
    /// <param name="killWindow">Kills aimed at a moment (rather than a write) land in [0, killWindow) after the child starts.</param>
    public async Task<FaultCaseReport> RunCrashTestAsync(Func<CrashChildRun, ProcessStartInfo> startChild, int kills, int seed, TimeSpan childTimeout, TimeSpan killWindow, CancellationToken ct = default)
    {
        var report = new FaultCaseReport
        {
            Name = "crash-kill-9",
            Description = $"the sync process is killed (SIGKILL) at a random point of the remaining work up to {kills} times per phase, then re-run until it completes",
            Rows = _settings.First.Count,
        };
        var watch = Stopwatch.StartNew();
        var statePath = await PrepareAsync("crash", ct);
        var before = await _emulator.StatsAsync(ct);
        var random = new Random(seed);
        var (first, second) = CsvFiles();
        var batch = Math.Max(1, _settings.Run.BatchSize);
        var changed = Enumerable.Range(1, _settings.Second.Count).Count(i => _settings.Second.IsChanged(i) && !_settings.Second.IsRemoved(i));
        var removed = _settings.Second.Count - _settings.Second.PresentCount;
        var phases = new[]
        {
            (first, _settings.First.Count, SyncMode.Upsert, Writes: WritesPerRun),
            // Mirror: an update per batch of changed rows, then the removes.
            (second, _settings.Second.PresentCount, SyncMode.Mirror, Writes: (changed + batch - 1) / batch + (removed + batch - 1) / batch),
        };
        foreach (var (csv, rows, mode, writes) in phases)
        {
            var run = new CrashChildRun { CsvPath = csv, StatePath = statePath, Mode = mode, Rows = rows };
            var phaseStart = await _emulator.StatsAsync(ct);
            for (var k = 0; k < kills; k++)
            {
                var remaining = writes - Writes((await _emulator.StatsAsync(ct)).Since(phaseStart));
                if (remaining <= 0) break; // nothing left to interrupt
                // A write among those still to do, or (for 0) a moment: start-up, reading, planning.
                var targetWrites = random.Next(0, (int)remaining);
                var targetDelay = TimeSpan.FromMilliseconds(random.Next(0, (int)killWindow.TotalMilliseconds));
                var byTime = targetWrites == 0;
                var child = await RunChildAsync(startChild(run), report, childTimeout, byTime ? null : targetWrites, byTime ? targetDelay : null, ct);
                _settings.Log?.Invoke($"  {mode} run {report.Runs}: {(child.Killed ? $"killed {(byTime ? "after " + targetDelay.TotalMilliseconds + " ms" : "at write " + targetWrites + " of " + remaining + " left")}" : "completed before the kill: " + child.Result)}");
                if (child.Killed)
                {
                    report.Kills++;
                    continue;
                }
                if (child.Result is not null)
                {
                    CheckChildResult(report, child.Result, rows);
                    if (child.Result.Failed == 0) break;
                }
            }
            for (var attempt = 0; attempt < _settings.MaxRunsPerPhase; attempt++)
            {
                var child = await RunChildAsync(startChild(run), report, childTimeout, null, null, ct);
                if (child.Result is null)
                {
                    report.Errors.Add($"a {mode} child run exited with {child.ExitCode} and no result: {Tail(child.Output)}");
                    break;
                }
                CheckChildResult(report, child.Result, rows);
                _settings.Log?.Invoke($"  {mode} run {report.Runs}: completed: {child.Result}");
                if (child.Result.Failed == 0) break;
            }
        }
        await FinishAsync(report, before, statePath, ct);
        report.Elapsed = watch.Elapsed;
        return report;
    }

    // ------------------------------------------------------------------ steps

    private async Task<string> PrepareAsync(string name, CancellationToken ct)
    {
        await _emulator.ResetAsync(ct);
        await _emulator.SetOptionsAsync(DefaultOptions(), ct);
        var statePath = Path.Combine(_settings.WorkDirectory, "state-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".db");
        return statePath;
    }

    private static JsonObject DefaultOptions() => new()
    {
        ["rateLimitPerMinute"] = 0,
        ["maxBodyBytes"] = 1 << 20,
        ["maxBulkEntities"] = 200,
        ["tokenLifetimeSeconds"] = 3600,
        ["latencyMs"] = 0,
    };

    private async Task RunPhaseAsync(FaultCaseReport report, string csv, int rows, string statePath, SyncMode mode, CancellationToken ct)
    {
        for (var attempt = 0; attempt < _settings.MaxRunsPerPhase; attempt++)
        {
            var outcome = await RunOnceAsync(csv, rows, statePath, mode, ct);
            report.Runs++;
            report.Retries += outcome.ClientRetries;
            report.FailedResults += outcome.Tally.Failed;
            _settings.Log?.Invoke($"  {mode} run {report.Runs}: {outcome.Tally}{(outcome.Error is null ? "" : " — ended with " + outcome.Error.GetType().Name + ": " + outcome.Error.Message)}");
            if (outcome.Error is null) report.ResultMismatches += outcome.Tally.MissingResults(rows) + outcome.Tally.RepeatedResults;
            else report.FailedRuns++;
            if (outcome.Error is null && outcome.Tally.Failed == 0) return;
        }
        report.Errors.Add($"{mode}: still failing after {_settings.MaxRunsPerPhase} runs");
    }

    private Task<SyncRunOutcome> RunOnceAsync(string csv, int rows, string statePath, SyncMode mode, CancellationToken ct)
    {
        var s = _settings.Run;
        var settings = new SyncRunSettings
        {
            BaseAddress = s.BaseAddress, ClientId = s.ClientId, ClientSecret = s.ClientSecret, Clock = s.Clock,
            RequestsPerMinute = s.RequestsPerMinute, MaxConcurrency = s.MaxConcurrency, RequestTimeout = s.RequestTimeout,
            SourceName = s.SourceName, BatchSize = s.BatchSize, MaxParallelBatches = s.MaxParallelBatches, DeleteThreshold = s.DeleteThreshold,
            StatePath = statePath, Mode = mode,
        };
        return SyncRunner.RunAsync(settings, new CsvRowSource(csv), rows, null, ct);
    }

    /// <summary>Faults off, then a re-run that must write nothing, then the field-by-field comparison.</summary>
    private async Task FinishAsync(FaultCaseReport report, EmulatorStats before, string statePath, CancellationToken ct)
    {
        await _emulator.ClearFaultsAsync(ct);
        await _emulator.SetOptionsAsync(DefaultOptions(), ct);
        var during = (await _emulator.StatsAsync(ct)).Since(before);
        report.Requests = during.ApiRequests;
        report.FaultsInjected = during.FaultsInjected;
        report.FaultsByKind = during.Faults.ToDictionary(p => p.Key, p => p.Value);
        report.Status401 = during.Status(401);
        report.Status429 = during.Status(429);
        report.Status413 = during.Status(413);

        var (_, second) = CsvFiles();
        var beforeVerify = await _emulator.StatsAsync(ct);
        var verify = await RunOnceAsync(second, _settings.Second.PresentCount, statePath, SyncMode.Mirror, ct);
        var verifyDelta = (await _emulator.StatsAsync(ct)).Since(beforeVerify);
        report.VerifyWrites = Writes(verifyDelta);
        report.VerifyNotUnchanged = verify.Error is not null ? _settings.Second.PresentCount : _settings.Second.PresentCount - verify.Tally.Count(SyncAction.Unchanged);
        if (verify.Error is not null) report.Errors.Add("verification run: " + verify.Error.Message);
        report.Convergence = await Convergence.VerifyAsync(_emulator, _settings.Second, statePath, _settings.Run.SourceName, ct);
    }

    private async Task<long> ExpireTokensAsync(int every, EmulatorStats start, CancellationToken stop)
    {
        long jumps = 0;
        var next = (long)every;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var now = (await _emulator.StatsAsync(stop)).Since(start).ApiRequests;
                if (now >= next)
                {
                    await _emulator.AdvanceClockAsync(TimeSpan.FromSeconds(3600 + 60), stop);
                    jumps++;
                    next = now + every;
                }
                await Task.Delay(15, stop);
            }
        }
        catch (OperationCanceledException) { }
        return jumps;
    }

    // ------------------------------------------------------------------ crash children

    /// <summary>The line a child prints last: "GSRESULT rows=N results=N distinct=N failed=N".</summary>
    public sealed class ChildResult
    {
        public long Rows { get; init; }
        public long Results { get; init; }
        public long Distinct { get; init; }
        public long Failed { get; init; }

        public static ChildResult? Parse(string output)
        {
            var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("GSRESULT ", StringComparison.Ordinal));
            if (line is null) return null;
            var values = line.Substring(9).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            return new ChildResult { Rows = values["rows"], Results = values["results"], Distinct = values["distinct"], Failed = values["failed"] };
        }

        public static string Format(long rows, long results, long distinct, long failed) =>
            FormattableString.Invariant($"GSRESULT rows={rows} results={results} distinct={distinct} failed={failed}");

        public override string ToString() => $"{Rows} rows, {Results} results ({Distinct} distinct rows), {Failed} failed";
    }

    private sealed record ChildOutcome(bool Killed, int? ExitCode, ChildResult? Result, string Output);

    private static void CheckChildResult(FaultCaseReport report, ChildResult result, int rows)
    {
        report.FailedResults += result.Failed;
        report.ResultMismatches += Math.Abs(rows - result.Distinct) + (result.Results - result.Distinct);
    }

    private async Task<ChildOutcome> RunChildAsync(ProcessStartInfo start, FaultCaseReport report, TimeSpan timeout, int? killAtWrites, TimeSpan? killAfter, CancellationToken ct)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var baseline = await _emulator.StatsAsync(ct);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        report.Runs++;
        var watch = Stopwatch.StartNew();
        var killed = false;
        while (!process.HasExited)
        {
            if (watch.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(ct);
                lock (output) report.Errors.Add($"a child run did not finish in {timeout.TotalSeconds:0} s: {Tail(output.ToString())}");
                return new ChildOutcome(true, null, null, output.ToString());
            }
            var due = killAfter is TimeSpan after && watch.Elapsed >= after;
            if (!due && killAtWrites is int target)
                due = target == 0 ? watch.Elapsed > TimeSpan.FromMilliseconds(50) : Writes((await _emulator.StatsAsync(ct)).Since(baseline)) >= target;
            if (due)
            {
                try
                {
                    process.Kill(); // SIGKILL: no finally blocks, no flush, exactly like kill -9
                    killed = true;
                }
                catch (InvalidOperationException) { } // it finished first
                await process.WaitForExitAsync(ct);
                break;
            }
            await Task.Delay(5, ct);
        }
        await process.WaitForExitAsync(ct);
        string text;
        lock (output) text = output.ToString();
        if (killed && process.ExitCode != 137 && ChildResult.Parse(text) is { } finishedFirst)
            return new ChildOutcome(false, process.ExitCode, finishedFirst, text); // completed just before the kill landed
        return killed ? new ChildOutcome(true, process.ExitCode, null, text) : new ChildOutcome(false, process.ExitCode, ChildResult.Parse(text), text);
    }

    private static string Tail(string text) => text.Length <= 600 ? text : "…" + text.Substring(text.Length - 600);
}
