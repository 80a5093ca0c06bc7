using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using GenesysSync.Harness;

namespace GenesysSync.Bench.Children;

/// <summary>
/// Hidden mode --child-ps: Sync-GenesysExternalContact in a hosted PowerShell 7 engine with the built module
/// imported like a user would, fed either through the pipeline (PSCustomObjects, streamed in while the cmdlet
/// runs, as Import-Csv would) or with -Path. The measured part is the cmdlet's run; the runspace, module import
/// and Connect-GenesysCloud come before it.
/// </summary>
public static class PowerShellChild
{
    public const string Flag = "--child-ps";

    public static string ModuleManifest => Path.Combine(
        typeof(PowerShellChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleDir").Value!, "GenesysSync.psd1");

    public static async Task<int> RunAsync(string[] args)
    {
        var values = ChildArguments.Parse(args);
        var rows = values.Int("--rows", 0);
        var viaPipeline = values["--via"] == "pipeline";
        var data = new SyntheticDataset(rows, values.Int("--seed", 1));

        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleManifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var secret = new System.Net.NetworkCredential("", Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_SECRET") ?? "").SecurePassword;
        using (var connect = PowerShell.Create())
        {
            connect.Runspace = runspace;
            connect.AddCommand("Connect-GenesysCloud").AddParameter("ApiBaseUri", new Uri(values["--url"]))
                .AddParameter("Credential", new PSCredential(Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_ID") ?? "", secret))
                .AddParameter("RequestsPerMinute", 100_000);
            connect.Invoke();
            if (connect.HadErrors)
            {
                Console.Error.WriteLine("Connect-GenesysCloud failed: " + connect.Streams.Error[0]);
                return 1;
            }
        }

        var measure = await ChildMeasure.RunAsync(async m =>
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Sync-GenesysExternalContact").AddParameter("StatePath", values["--state"]).AddParameter("InformationAction", "Ignore");
            if (!viaPipeline) ps.AddParameter("Path", values["--csv"]);
            var input = new PSDataCollection<PSObject>();
            var output = new PSDataCollection<PSObject>();
            var seen = new BitArray(rows + 1);
            long repeated = 0;
            void Drain()
            {
                foreach (var o in output.ReadAll())
                {
                    var row = (int)o.Properties["RowNumber"].Value;
                    var action = (string)o.Properties["Action"].Value;
                    m.Outcomes[action] = (m.Outcomes.TryGetValue(action, out var k) ? k : 0) + 1;
                    if (row <= 0 || row > rows) continue;
                    if (seen[row]) repeated++;
                    seen[row] = true;
                }
            }

            var running = ps.BeginInvoke(input, output);
            if (viaPipeline)
            {
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

            long missing = 0;
            for (var i = 1; i <= rows; i++) if (!seen[i]) missing++;
            var errors = ps.Streams.Error.Count;
            m.Notes = string.Join(", ", m.Outcomes.Select(p => p.Key + " " + p.Value));
            if (errors > 0 || missing > 0 || repeated > 0 || m.Outcomes.ContainsKey("Failed"))
            {
                m.Verified = false;
                m.Notes += $"; {errors} errors, {missing} rows without a result, {repeated} with several" + (errors > 0 ? ": " + ps.Streams.Error[0] : "");
            }
        });
        measure.Print();
        return measure.Verified ? 0 : 1;
    }
}
