using System.Globalization;

namespace GenesysSync.Bench;

/// <summary>The command line of the benchmark (see README.md).</summary>
public sealed class BenchArguments
{
    public const string Usage = """
        dotnet run -c Release --project bench/GenesysSync.Bench -- [options]

          --rows N             rows per scenario (default 100000)
          --scenario NAME      all (default: scenarios 1-7 and throttled-300), or one of:
                               baseline-per-row, first-sync, unchanged-resync, changed-1pct, mirror-5pct,
                               outbound-leads, pipeline-vs-path, throttled-300, faults, crash
          --json PATH          also write every record as JSON
          --results PATH       Markdown results file to update (default bench/RESULTS.md); --no-results to skip
          --baseline-rows N    rows the per-row baseline really runs (default 10000; its requests are exact per row,
                               its rate is measured on these rows) 
          --fault-rows N       rows of the fault suite (default 10000; --rows sets it when the scenario is faults/crash)
          --kills N            crash test: kills per phase (default 5)
          --work DIR           temporary files (default $TMPDIR/gs-bench-work)
          --seed N             data and fault seed (default 1)
        """;

    public int Rows { get; private set; } = 100_000;
    public bool RowsGiven { get; private set; }
    public string Scenario { get; private set; } = "all";
    public string? JsonPath { get; private set; }
    public string? ResultsPath { get; private set; }
    public bool WriteResults { get; private set; } = true;
    public int BaselineRows { get; private set; } = 10_000;
    public int FaultRows { get; private set; } = 10_000;
    public int Kills { get; private set; } = 5;
    public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "gs-bench-work");
    public int Seed { get; private set; } = 1;

    public static readonly string[] Scenarios =
    {
        "baseline-per-row", "first-sync", "unchanged-resync", "changed-1pct", "mirror-5pct", "outbound-leads", "pipeline-vs-path", "throttled-300", "faults", "crash",
    };

    public static BenchArguments Parse(string[] args)
    {
        var a = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number.");
            switch (args[i])
            {
                case "--rows": a.Rows = NextInt(); a.RowsGiven = true; break;
                case "--scenario": a.Scenario = Next().ToLowerInvariant(); break;
                case "--json": a.JsonPath = Path.GetFullPath(Next()); break;
                case "--results": a.ResultsPath = Path.GetFullPath(Next()); break;
                case "--no-results": a.WriteResults = false; break;
                case "--baseline-rows": a.BaselineRows = NextInt(); break;
                case "--fault-rows": a.FaultRows = NextInt(); break;
                case "--kills": a.Kills = NextInt(); break;
                case "--work": a.WorkDirectory = Path.GetFullPath(Next()); break;
                case "--seed": a.Seed = NextInt(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (a.Scenario != "all" && !Scenarios.Contains(a.Scenario))
            throw new ArgumentException($"Unknown scenario '{a.Scenario}'. Scenarios: all, {string.Join(", ", Scenarios)}.");
        if (a.Rows < 100) throw new ArgumentException("--rows must be at least 100.");
        if ((a.Scenario is "faults" or "crash") && a.RowsGiven) a.FaultRows = a.Rows;
        return a;
    }

    public bool Wants(string scenario) => Scenario == scenario || (Scenario == "all" && scenario is not ("faults" or "crash"));
}
