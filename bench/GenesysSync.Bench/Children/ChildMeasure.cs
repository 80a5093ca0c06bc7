using System.Globalization;
using System.Text.Json;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;
using GenesysSync.Sync;

namespace GenesysSync.Bench.Children;

/// <summary>
/// What a measuring child reports on its last "GSMEASURE {json}" line. Each measured scenario step runs in a
/// fresh process (like a scheduled pwsh task), so its peak working set is its own and not what an earlier
/// scenario left behind in the benchmark process.
/// </summary>
public sealed class ChildMeasure
{
    public const string Prefix = "GSMEASURE ";

    public double WallSeconds { get; set; }
    public long PeakWorkingSetBytes { get; set; }
    public long PeakGcHeapBytes { get; set; }
    public Dictionary<string, long> Outcomes { get; set; } = new();
    public long ClientRetries { get; set; }
    public bool Verified { get; set; } = true;
    public string Notes { get; set; } = "";

    /// <summary>Runs the measured part: working-set and GC-heap peaks from here on, and its wall time.</summary>
    public static async Task<ChildMeasure> RunAsync(Func<ChildMeasure, Task> work)
    {
        var measure = new ChildMeasure();
        using var peak = new PeakWorkingSet();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await work(measure);
        measure.WallSeconds = watch.Elapsed.TotalSeconds;
        measure.PeakWorkingSetBytes = peak.PeakBytes;
        measure.PeakGcHeapBytes = peak.PeakGcHeapBytes;
        return measure;
    }

    public void Print()
    {
        Console.WriteLine(Prefix + ResultsReport.ToJson(this));
        Console.Out.Flush();
    }

    public static ChildMeasure? Parse(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line is null ? null : JsonSerializer.Deserialize<ChildMeasure>(line.Substring(Prefix.Length), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    }

    /// <summary>Outcomes of a sync run, checked: one result per row, nothing failed, no run error.</summary>
    public void Apply(SyncRunOutcome outcome, int rows)
    {
        foreach (var a in Enum.GetValues<SyncAction>())
            if (outcome.Tally.Count(a) is var n and > 0) Outcomes[a.ToString()] = n;
        ClientRetries = outcome.ClientRetries;
        var missing = outcome.Tally.MissingResults(rows);
        var problems = new List<string>();
        if (outcome.Error is not null) problems.Add("run failed: " + outcome.Error.GetType().Name + ": " + outcome.Error.Message);
        if (outcome.Tally.Failed > 0) problems.Add($"{outcome.Tally.Failed} failed rows {outcome.Tally}");
        if (missing > 0 || outcome.Tally.RepeatedResults > 0) problems.Add($"{missing} rows without a result, {outcome.Tally.RepeatedResults} with several");
        Verified = problems.Count == 0;
        Notes = problems.Count == 0 ? outcome.Tally.ToString() : string.Join("; ", problems);
    }
}

/// <summary>"--name value" pairs after the mode flag.</summary>
public static class ChildArguments
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values[args[i]] = args[++i];
            else values[args[i]] = "true";
        }
        return values;
    }

    public static int Int(this Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
