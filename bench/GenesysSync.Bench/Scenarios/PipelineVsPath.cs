using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using GenesysSync.Bench.Infrastructure;
using GenesysSync.Bench.Measure;
using GenesysSync.Harness;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenario 7: the same first sync of N rows through the real cmdlet in a hosted PowerShell 7 engine (the
/// built module folder imported like a user would), once fed through the pipeline as PSCustomObjects and once
/// with -Path on the CSV file. Each run starts from an empty org and its own state.
/// </summary>
public static class PipelineVsPath
{
    public static string ModuleManifest => Path.Combine(
        typeof(PipelineVsPath).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleDir").Value!, "GenesysSync.psd1");

    public static async Task RunAsync(BenchContext ctx)
    {
        var n = ctx.Args.Rows;
        var data = ctx.Dataset(n);
        var csv = ctx.TempPath($"contacts-{n}-v1.csv");
        if (!File.Exists(csv))
        {
            data.WriteCsv(csv + ".tmp");
            File.Move(csv + ".tmp", csv, overwrite: true);
        }
        if (!File.Exists(ModuleManifest)) throw new FileNotFoundException("The module is not built; run: dotnet build src/GenesysSync", ModuleManifest);

        await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, ctx.Args.Seed);
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleManifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var secret = new System.Net.NetworkCredential("", EmulatorProcess.ClientSecret).SecurePassword;
        Invoke(runspace, ps => ps.AddCommand("Connect-GenesysCloud").AddParameter("ApiBaseUri", emulator.BaseAddress)
            .AddParameter("Credential", new PSCredential(EmulatorProcess.ClientId, secret)).AddParameter("RequestsPerMinute", 100_000));

        foreach (var viaPipeline in new[] { true, false })
        {
            await emulator.Control.ResetAsync();
            var statePath = BenchContext.FreshState(ctx.TempPath($"state-ps-{(viaPipeline ? "pipeline" : "path")}-{n}.db"));
            await ctx.MeasureAsync(viaPipeline ? "pipeline-vs-path: pipeline" : "pipeline-vs-path: -Path", emulator, n, async record =>
            {
                using var ps = PowerShell.Create();
                ps.Runspace = runspace;
                ps.AddCommand("Sync-GenesysExternalContact").AddParameter("StatePath", statePath).AddParameter("InformationAction", "Ignore");
                if (!viaPipeline) ps.AddParameter("Path", csv);
                var input = new PSDataCollection<PSObject>();
                var output = new PSDataCollection<PSObject>();
                var seen = new BitArray(n + 1);
                long results = 0, repeated = 0;
                var actions = new Dictionary<string, long>(StringComparer.Ordinal);
                void Drain()
                {
                    foreach (var o in output.ReadAll())
                    {
                        results++;
                        var row = (int)o.Properties["RowNumber"].Value;
                        var action = (string)o.Properties["Action"].Value;
                        actions[action] = (actions.TryGetValue(action, out var k) ? k : 0) + 1;
                        if (row <= 0 || row > n) continue;
                        if (seen[row]) repeated++;
                        seen[row] = true;
                    }
                }

                var running = ps.BeginInvoke(input, output);
                if (viaPipeline)
                {
                    // Objects like Import-Csv's: one note property per column, streamed in while the cmdlet runs.
                    foreach (var row in data.Enumerate())
                    {
                        var o = new PSObject();
                        foreach (var cell in SyntheticDataset.Cells(row)) o.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
                        input.Add(o);
                        if (output.Count > 1000) Drain();
                    }
                }
                input.Complete();
                while (!running.IsCompleted)
                {
                    Drain();
                    await Task.Delay(20);
                }
                ps.EndInvoke(running);
                Drain();
                record.Outcomes = actions;
                var missing = 0L;
                for (var i = 1; i <= n; i++) if (!seen[i]) missing++;
                var errors = ps.Streams.Error.Count;
                if (errors > 0 || missing > 0 || repeated > 0 || (actions.TryGetValue("Failed", out var failed) && failed > 0))
                {
                    record.Verified = false;
                    record.Notes = $"{errors} errors, {missing} rows without a result, {repeated} with several; {string.Join(", ", actions.Select(p => p.Key + " " + p.Value))}" +
                                   (errors > 0 ? ": " + ps.Streams.Error[0] : "");
                }
                else record.Notes = string.Join(", ", actions.Select(p => p.Key + " " + p.Value));
            });
        }
    }

    private static void Invoke(Runspace runspace, Action<PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        ps.Invoke();
        if (ps.HadErrors) throw new InvalidOperationException("PowerShell: " + string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
    }
}
