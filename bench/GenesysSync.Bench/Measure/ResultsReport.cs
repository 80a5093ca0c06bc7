using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenesysSync.Harness;

namespace GenesysSync.Bench.Measure;

/// <summary>Prints the tables, writes the JSON records and updates bench/RESULTS.md (one section per kind of run).</summary>
public static class ResultsReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(object record) => JsonSerializer.Serialize(record, record.GetType(), Json);

    public static string ScenarioTable(IReadOnlyList<ScenarioRecord> records)
    {
        var rows = new List<string[]>
        {
            new[] { "Scenario", "Rows", "Requests", "Requests by kind", "429s", "Rows/s (limit lifted)", "Wall", "Projected @300 req/min", "Peak working set", "Peak GC heap", "vs baseline" },
        };
        foreach (var r in records)
        {
            rows.Add(new[]
            {
                r.Scenario, ScenarioRecord.Number(r.Rows), ScenarioRecord.Number(r.Requests), r.KindsText(), ScenarioRecord.Number(r.Throttled429),
                ScenarioRecord.Number(r.RowsPerSecond), r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
                ScenarioRecord.Duration(r.ProjectedMinutesAt300), ScenarioRecord.Bytes(r.PeakWorkingSetBytes), ScenarioRecord.Bytes(r.PeakGcHeapBytes), r.RatioText(),
            });
        }
        return Markdown(rows);
    }

    public static string FaultTable(IReadOnlyList<FaultCaseReport> reports)
    {
        var rows = new List<string[]>
        {
            new[] { "Case", "Rows", "Runs", "Requests", "Faults injected", "Client retries", "401 / 429 / 413", "Failed rows (re-run)", "Lost", "Duplicates", "Mismatches", "Re-run writes", "Result", "Time" },
        };
        foreach (var r in reports)
        {
            var faults = r.FaultsByKind.Count == 0 ? (r.Kills > 0 ? $"{r.Kills} kills" : r.ClockJumps > 0 ? $"{r.ClockJumps} clock jumps" : "0")
                : string.Join(", ", r.FaultsByKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) + (r.ClockJumps > 0 ? $", {r.ClockJumps} clock jumps" : "");
            rows.Add(new[]
            {
                r.Name, ScenarioRecord.Number(r.Rows), r.Runs.ToString(CultureInfo.InvariantCulture) + (r.Kills > 0 ? $" ({r.Kills} killed)" : "") + (r.FailedRuns > 0 ? $" ({r.FailedRuns} ended with an error)" : ""),
                ScenarioRecord.Number(r.Requests), faults, ScenarioRecord.Number(r.Retries), $"{r.Status401} / {r.Status429} / {r.Status413}",
                ScenarioRecord.Number(r.FailedResults), ScenarioRecord.Number(r.Lost), ScenarioRecord.Number(r.Duplicates), ScenarioRecord.Number(r.Mismatches),
                ScenarioRecord.Number(r.VerifyWrites), r.Passed ? "PASS" : "FAIL", r.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s",
            });
        }
        return Markdown(rows);
    }

    private static string Markdown(List<string[]> rows)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            sb.Append("| ").Append(string.Join(" | ", rows[i].Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
            if (i == 0) sb.Append('|').Append(string.Concat(rows[0].Select((_, k) => k == 0 ? " --- |" : " ---: |"))).AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>Replaces (or appends) the section <paramref name="key"/> of the results file.</summary>
    public static void UpdateResultsFile(string path, string key, string body)
    {
        const string header = "# GenesysSync benchmark results\n\n" +
                              "Written by `bench/GenesysSync.Bench` (how to run it: [README.md](README.md)). Each section is replaced when the\n" +
                              "benchmark runs the same selection again; numbers are from the machine and date named in the section.\n";
        var text = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : header;
        var begin = $"<!-- section:{key} -->";
        const string end = "<!-- /section -->";
        var block = begin + "\n" + body.TrimEnd() + "\n" + end;
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        if (start >= 0)
        {
            var stop = text.IndexOf(end, start, StringComparison.Ordinal);
            text = text.Substring(0, start) + block + (stop < 0 ? "" : text.Substring(stop + end.Length));
        }
        else
        {
            text = text.TrimEnd() + "\n\n" + block + "\n";
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
