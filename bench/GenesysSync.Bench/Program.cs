using System.Globalization;
using System.Text;
using GenesysSync.Bench;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Bench.Scenarios;

// Hidden modes: the emulator host and the crash-test child are this same program.
if (EmulatorProcess.IsServeMode(args)) return await EmulatorProcess.ServeAsync(args);
if (args.Length > 0 && args[0] == SyncChild.Flag) return await SyncChild.RunAsync(args);
if (args.Length > 0 && args[0] == PowerShellChild.Flag) return await PowerShellChild.RunAsync(args);
if (args.Length > 0 && args[0] == OutboundChild.Flag) return await OutboundChild.RunAsync(args);

BenchArguments options;
try
{
    options = BenchArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

var machine = MachineInfo.Current();
var loadBefore = MachineInfo.LoadAverage();
var started = System.Diagnostics.Stopwatch.StartNew();
var ctx = new BenchContext(options);
BenchContext.Log($"GenesysSync bench: scenario {options.Scenario}, {options.Rows:N0} rows; {machine}");

if (options.Wants("baseline-per-row"))
{
    await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, options.Seed);
    await BaselinePerRow.RunAsync(ctx, emulator, options.Rows, "baseline-per-row");
}
await ExternalContactScenarios.RunAsync(ctx);
if (options.Wants("outbound-leads")) await OutboundLeads.RunAsync(ctx);
if (options.Wants("pipeline-vs-path")) await PipelineVsPath.RunAsync(ctx);
if (options.Wants("throttled-300")) await ThrottledBudget.RunAsync(ctx);
if (options.Wants("faults") || options.Wants("crash")) await FaultScenario.RunAsync(ctx, cases: options.Wants("faults"), crash: true);

// ---------------------------------------------------------------- report
var command = "dotnet run -c Release --project bench/GenesysSync.Bench --" + (args.Length == 0 ? "" : " " + string.Join(" ", args));
var md = new StringBuilder();
var title = options.Scenario switch
{
    "all" => $"Scenarios 1-7, N = {options.Rows:N0} rows",
    "faults" => $"Fault suite, N = {options.FaultRows:N0} rows",
    "crash" => $"Crash test, N = {options.FaultRows:N0} rows",
    _ => $"{options.Scenario}, N = {options.Rows:N0} rows",
};
md.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Measured {machine.Date:yyyy-MM-dd HH:mm} UTC on {machine}; whole run {started.Elapsed.TotalMinutes:0.#} min; load average {loadBefore} at the start, {MachineInfo.LoadAverage()} at the end (the machine is shared).  ");
md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`").AppendLine();

if (ctx.Records.Count > 0)
{
    var table = ResultsReport.ScenarioTable(ctx.Records);
    Console.WriteLine();
    Console.WriteLine(table);
    md.Append(table).AppendLine();
    var notes = ctx.Records.Where(r => !string.IsNullOrEmpty(r.Notes) || !r.Verified).Select(r => $"- {r.Scenario}: {(r.Verified ? "" : "**NOT VERIFIED** ")}{r.Notes}").ToList();
    var emulatorPeak = ctx.Records.Max(r => r.EmulatorPeakBytes ?? 0);
    md.AppendLine("How to read it:");
    md.AppendLine("- Requests: API requests the emulator received (every attempt, retries included; OAuth token requests excluded). 429s: answers 429.");
    md.AppendLine("- Rows/s: input rows ÷ wall time with the rate limit lifted (emulator limit off, client budget raised), emulator in its own process on the same cores.");
    md.AppendLine("- Projected @300 req/min: requests ÷ 300 per minute, i.e. the run's duration against one OAuth client's default Genesys budget.");
    md.AppendLine(CultureInfo.InvariantCulture, $"- Rows/s and Wall: the measured part of the step, in a fresh process per step (scenarios 2-7, like a scheduled pwsh task): from connecting to the last result; process start, PowerShell runspace and module import (scenario 7) come before it.");
    md.AppendLine(CultureInfo.InvariantCulture, $"- Peak working set: that process as the OS counts it (the kernel's high-water mark, reset when the measured part starts; the hosted PowerShell engine included for scenario 7); the per-row baseline runs in the benchmark process. The emulator's own memory is not included (it peaked at {ScenarioRecord.Bytes(emulatorPeak)}).");
    md.AppendLine("- Peak GC heap: the largest managed heap after a collection (live objects plus older garbage not yet collected). The working set also holds garbage the .NET GC had no reason to reclaim on a 24 GiB machine (large 1000-contact request bodies in outbound-leads; per-row PowerShell objects in scenario 7), so it is an upper bound of what the run needs.");
    md.AppendLine(CultureInfo.InvariantCulture, $"- vs baseline: requests ÷ the per-row baseline's requests for the same rows ({ctx.BaselineRequestsPerRow:0.###} per row{(ctx.BaselineMeasured ? ", measured" : ", assumed")}); existing connectors pay it on every run, changed or not. For outbound-leads the per-row way is one add request per lead, so the ratio is requests ÷ N.");
    md.AppendLine("- The per-row baseline runs --baseline-rows rows and is scaled to N (2 requests per row, exact). Its rows/s is bound by the emulator's search, which is linear in the org size (as documented; real Genesys search is indexed but the 300/min budget binds long before): read its projected duration, not its rate.");
    if (notes.Count > 0)
    {
        md.AppendLine().AppendLine("Per scenario:");
        foreach (var n in notes) md.AppendLine(n);
    }
    md.AppendLine();
}
if (ctx.Throttle.Count > 0)
{
    var sb = new StringBuilder();
    sb.AppendLine("| Run at the real budget (300 req/min per token, 20× clock) | Rows | Requests | 429s | Org-clock duration | Achieved req/min | Budget used |");
    sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var t in ctx.Throttle)
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {t.Run} | {ScenarioRecord.Number(t.Rows)} | {ScenarioRecord.Number(t.Requests)} | {t.Throttled429} | {ScenarioRecord.Duration(t.OrgMinutes)} | {t.AchievedPerMinute:0} | {t.BudgetUse:P0} |");
    Console.WriteLine(sb);
    md.AppendLine("Budget check (throttled-300): the emulator enforces 300 requests/min per token and the client is set to the same budget, on a clock 20× real time. " +
                  "Budget used = requests ÷ what a sliding 60 s window allows in that time (300 at once, then 300 per minute). " +
                  "The per-row baseline is bound by the budget, so it shows how fully the client uses it. The first sync needs far fewer requests than the budget allows: " +
                  "its org-clock duration is its real (CPU-bound) run time × 20, and what it shows is 0 429s.").AppendLine();
    md.Append(sb).AppendLine();
}
if (ctx.Faults.Count > 0)
{
    var table = ResultsReport.FaultTable(ctx.Faults);
    Console.WriteLine(table);
    md.Append(table).AppendLine();
    md.AppendLine("Each case: a first sync (Upsert) of the rows, then a later export with 5% of rows changed and 2% removed (Mirror), both under the fault; a phase is re-run while rows are reported Failed (at most 4 runs). Then, with faults off, a re-run must make no write and leave every row Unchanged, and the org is compared field by field with the source (names, e-mail, E.164 phone, city, title; external id of the source) and with the state database (every key → the right contact id, no pending creates).");
    md.AppendLine("- Lost: source rows with no contact. Duplicates: extra contacts with a key already held. Mismatches: lost + duplicates + wrong fields + extra contacts + state errors + rows without exactly one result + writes on the re-run.");
    md.AppendLine(CultureInfo.InvariantCulture, $"- Batch size {FaultScenario.BatchSize} (more requests, so more faults); client timeout {FaultScenario.ClientTimeout.TotalSeconds:0} s; emulator and client clocks {FaultScenario.TimeScale}× real time.");
    foreach (var f in ctx.Faults) md.AppendLine(CultureInfo.InvariantCulture, $"- {f.Name}: {f.Description}.{(f.Passed ? "" : " **FAIL**: " + f)}");
    md.AppendLine();
}

if (options.JsonPath is not null)
{
    var json = new StringBuilder("{\"machine\":").Append(ResultsReport.ToJson(machine))
        .Append(",\"command\":").Append(System.Text.Json.JsonSerializer.Serialize(command))
        .Append(",\"scenarios\":[").Append(string.Join(",", ctx.Records.Select(ResultsReport.ToJson))).Append(']')
        .Append(",\"throttled\":[").Append(string.Join(",", ctx.Throttle.Select(ResultsReport.ToJson))).Append(']')
        .Append(",\"faults\":[").Append(string.Join(",", ctx.Faults.Select(ResultsReport.ToJson))).Append("]}");
    File.WriteAllText(options.JsonPath, json.ToString());
    BenchContext.Log("JSON written to " + options.JsonPath);
}
if (options.WriteResults)
{
    var repo = typeof(BenchContext).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
    var path = options.ResultsPath ?? Path.Combine(repo, "bench", "RESULTS.md");
    var key = (options.Scenario == "faults" || options.Scenario == "crash" ? options.Scenario + "-" + options.FaultRows : options.Scenario + "-" + options.Rows).ToString(CultureInfo.InvariantCulture);
    ResultsReport.UpdateResultsFile(path, key, md.ToString());
    BenchContext.Log("results written to " + path);
}

var ok = ctx.Records.All(r => r.Verified) && ctx.Faults.All(f => f.Passed);
return ok ? 0 : 1;
