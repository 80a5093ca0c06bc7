using System.Diagnostics;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Scenarios;

/// <summary>What every scenario shares: arguments, temp files, the records so far, and the measuring wrapper.</summary>
public sealed class BenchContext
{
    /// <summary>The client's own budget when the limit is lifted (the emulator's is 0 = off).</summary>
    public const int LiftedRequestsPerMinute = 1_000_000;

    public BenchContext(BenchArguments args)
    {
        Args = args;
        Directory.CreateDirectory(args.WorkDirectory);
    }

    public BenchArguments Args { get; }
    public string WorkDirectory => Args.WorkDirectory;
    public List<ScenarioRecord> Records { get; } = new();
    public List<ThrottleRecord> Throttle { get; } = new();
    public List<FaultCaseReport> Faults { get; } = new();
    /// <summary>Requests per row of the per-row baseline (search + write = 2 unless measured otherwise).</summary>
    public double BaselineRequestsPerRow { get; set; } = 2;
    public bool BaselineMeasured { get; set; }

    public SyntheticDataset Dataset(int rows) => new(rows, Args.Seed);

    public string TempPath(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>Where a revision's CSV goes; the name carries rows, seed and generator version, so reused files always match.</summary>
    public string CsvPath(int rows, string revision) => TempPath($"contacts-{rows}-s{Args.Seed}-g{SyntheticDataset.GeneratorVersion}-{revision}.csv");

    /// <summary>Writes a dataset revision as CSV unless the file is already there (they are reused between runs).</summary>
    public string EnsureCsv(SyntheticDataset data, string path)
    {
        if (File.Exists(path)) return path;
        Log($"writing {Path.GetFileName(path)} ({data.PresentCount:N0} rows)");
        data.WriteCsv(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public SyncRunSettings Settings(EmulatorProcess emulator, string statePath, SyncMode mode, TimeProvider? clock = null, int requestsPerMinute = LiftedRequestsPerMinute) => new()
    {
        BaseAddress = emulator.BaseAddress,
        ClientId = EmulatorProcess.ClientId,
        ClientSecret = EmulatorProcess.ClientSecret,
        Clock = clock ?? TimeProvider.System,
        RequestsPerMinute = requestsPerMinute,
        StatePath = statePath,
        Mode = mode,
    };

    public static string FreshState(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + ".lock", path + ".lock.owner" })
            if (File.Exists(f)) File.Delete(f);
        return path;
    }

    /// <summary>Runs one scenario step, measuring requests (emulator side), time and this process's peak working set.</summary>
    public async Task<ScenarioRecord> MeasureAsync(string name, EmulatorProcess emulator, long rows, Func<ScenarioRecord, Task> run, bool record = true)
    {
        Log($"{name}: {rows:N0} rows …");
        var before = await emulator.Control.StatsAsync();
        var result = new ScenarioRecord { Scenario = name, Rows = rows };
        using (var peak = new PeakWorkingSet())
        {
            var watch = Stopwatch.StartNew();
            await run(result);
            watch.Stop();
            // A child reports its own measured part (without process start-up) and its own peaks.
            result.WallSeconds = result.ChildWallSeconds ?? watch.Elapsed.TotalSeconds;
            if (result.ChildWallSeconds is null)
            {
                result.PeakWorkingSetBytes = peak.PeakBytes;
                result.PeakGcHeapBytes = peak.PeakGcHeapBytes;
            }
        }
        var delta = (await emulator.Control.StatsAsync()).Since(before);
        result.Requests = delta.ApiRequests;
        result.RequestsByKind = ScenarioRecord.Kinds(delta);
        result.Throttled429 = delta.Status(429);
        result.RowsPerSecond = result.WallSeconds > 0 ? rows / result.WallSeconds : 0;
        result.EmulatorPeakBytes = emulator.PeakResidentBytes;
        if (result.BaselineRatio is null && rows > 0) result.BaselineRatio = result.Requests / (BaselineRequestsPerRow * rows);
        if (record) Add(result);
        return result;
    }

    /// <summary>Adds a finished record to the table and prints its JSON line.</summary>
    public void Add(ScenarioRecord result)
    {
        Records.Add(result);
        Console.WriteLine(ResultsReport.ToJson(result));
        Log($"{result.Scenario}: {result.Requests:N0} requests ({result.KindsText()}), {result.RowsPerSecond:N0} rows/s, {result.WallSeconds:0.0} s, peak {ScenarioRecord.Bytes(result.PeakWorkingSetBytes)} (GC heap {ScenarioRecord.Bytes(result.PeakGcHeapBytes)}){(result.Verified ? "" : " — NOT VERIFIED: " + result.Notes)}");
    }

    /// <summary>
    /// Runs one scenario step in a fresh child process (this program in a hidden mode) and records what it
    /// measured (wall time, peak working set and GC heap of that process) with the requests the emulator counted.
    /// </summary>
    public async Task<ScenarioRecord> MeasureChildAsync(string name, EmulatorProcess emulator, long rows, string mode, IEnumerable<string> arguments, bool record = true)
    {
        var start = SelfProcess.StartInfo(new[] { mode, "--url", emulator.BaseAddress.ToString() }.Concat(arguments).ToArray());
        start.Environment["GS_BENCH_CLIENT_ID"] = EmulatorProcess.ClientId;
        start.Environment["GS_BENCH_CLIENT_SECRET"] = EmulatorProcess.ClientSecret;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return await MeasureAsync(name, emulator, rows, async result =>
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + mode);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout;
            var errors = await stderr;
            var measure = ChildMeasure.Parse(output);
            if (measure is null)
            {
                result.Verified = false;
                result.Notes = $"{mode} exited with {process.ExitCode} and no measurement: {Tail(errors + output)}";
                return;
            }
            result.ChildWallSeconds = measure.WallSeconds;
            result.PeakWorkingSetBytes = measure.PeakWorkingSetBytes;
            result.PeakGcHeapBytes = measure.PeakGcHeapBytes;
            result.Outcomes = measure.Outcomes;
            result.ClientRetries = measure.ClientRetries;
            result.Verified = measure.Verified && process.ExitCode == 0;
            result.Notes = measure.Notes + (process.ExitCode == 0 ? "" : $"; exit code {process.ExitCode}: {Tail(errors)}");
        }, record);
    }

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : "…" + text.Substring(text.Length - 800).Trim();

    public static Dictionary<string, long> Outcomes(ResultTally tally)
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var a in Enum.GetValues<SyncAction>())
        {
            var n = tally.Count(a);
            if (n > 0) d[a.ToString()] = n;
        }
        return d;
    }

    /// <summary>Fills outcomes from a run and checks one result per row and no failures.</summary>
    public static void Apply(ScenarioRecord record, SyncRunOutcome outcome, int rows)
    {
        record.Outcomes = Outcomes(outcome.Tally);
        record.ClientRetries = outcome.ClientRetries;
        var missing = outcome.Tally.MissingResults(rows);
        var problems = new List<string>();
        if (outcome.Error is not null) problems.Add("run failed: " + outcome.Error.GetType().Name + ": " + outcome.Error.Message);
        if (outcome.Tally.Failed > 0) problems.Add($"{outcome.Tally.Failed} failed rows {outcome.Tally}");
        if (missing > 0 || outcome.Tally.RepeatedResults > 0) problems.Add($"{missing} rows without a result, {outcome.Tally.RepeatedResults} with several");
        if (problems.Count > 0)
        {
            record.Verified = false;
            record.Notes = string.Join("; ", problems);
        }
    }
}

/// <summary>A run against the real budget (300 requests/min per token) on a scaled clock.</summary>
public sealed class ThrottleRecord
{
    public string Run { get; set; } = "";
    public long Rows { get; set; }
    public long Requests { get; set; }
    public long Throttled429 { get; set; }
    public double OrgMinutes { get; set; }
    public double AchievedPerMinute => OrgMinutes > 0 ? Requests / OrgMinutes : 0;
    /// <summary>
    /// Requests ÷ what the sliding 60 s window allows in that time: a full window at once, then 300 per minute
    /// (300 × (minutes + 1)).
    /// </summary>
    public double BudgetUse => OrgMinutes > 0 ? Requests / (ScenarioRecord.BudgetPerMinute * (OrgMinutes + 1)) : 0;
    public double ProjectedMinutes => Requests / ScenarioRecord.BudgetPerMinute;
    public double TimeScale { get; set; }
    public double WallSeconds { get; set; }
}
