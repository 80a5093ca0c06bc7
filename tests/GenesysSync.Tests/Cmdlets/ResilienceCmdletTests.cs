using System.Management.Automation;
using System.Management.Automation.Runspaces;
using GenesysSync.Emulator;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

/// <summary>What the platform does under load, seen through the cmdlets: nothing for the user to handle.</summary>
public class ResilienceCmdletTests
{
    private static async Task<(EmulatorHost Emulator, Dictionary<string, object?> Vars)> SeededAsync(Action<EmulatorOptions>? configure = null)
    {
        var emulator = await EmulatorHost.StartAsync(configure);
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada", workEmail = "ada@example.com" });
        var vars = emulator.Variables();
        vars["id"] = (string)contact["id"]!;
        return (emulator, vars);
    }

    [Fact]
    public async Task ExpiredTokenIsRefreshedOnceAndTheCallSucceeds()
    {
        var (emulator, vars) = await SeededAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            Get-GenesysExternalContact -Id $id
            $org.AdvanceClock([TimeSpan]::FromHours(2))   # every token the org issued has now expired
            Get-GenesysExternalContact -Id $id", Merge(vars, "org", emulator.Org));
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(2, emulator.Org.Stats.Count("POST /oauth/token"));
        Assert.Equal(1, emulator.Org.Stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}", 401));
    }

    [Fact]
    public async Task ThrottlingAndServerErrorsAreRetriedAndShownInVerbose()
    {
        var (emulator, vars) = await SeededAsync();
        await using var _ = emulator;
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Route = "/api/v2/externalcontacts/contacts/{contactId}", RetryAfterSeconds = 1, Times = 1 });
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 503, Route = "/api/v2/externalcontacts/contacts/{contactId}", Times = 1 });
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.ConnectionReset, Route = "/api/v2/externalcontacts/contacts/{contactId}", Times = 1 });
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysExternalContact -Id $id -Verbose", vars);
        result.AssertNoErrors();
        Assert.Single(result.Output);
        Assert.Equal(3, emulator.Org.Stats.FaultsInjected);
        var verbose = string.Join("\n", result.Verbose.Select(v => v.Message));
        Assert.Contains("429", verbose);
        Assert.Contains("503", verbose);
        Assert.Contains("retry", verbose, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EmulatorHost.ClientSecret, result.AllText());
        foreach (var token in emulator.Org.IssuedTokens) Assert.DoesNotContain(token, result.AllText());
    }

    [Fact]
    public async Task ARunOfServerErrorsOpensTheBreakerAndFailsFastWithAClearMessage()
    {
        var (emulator, vars) = await SeededAsync();
        await using var _ = emulator;
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.Status5xx, StatusCode = 500, Route = "/api/v2/externalcontacts/contacts/{contactId}" });
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "1..15 | ForEach-Object { [pscustomobject]@{ Id = $id } } | Get-GenesysExternalContact", vars);
        Assert.Null(result.Terminating);
        Assert.Equal(15, result.Errors.Count); // one per item; the pipeline went on
        var sent = emulator.Org.Stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}");
        Assert.True(sent < 15, $"the breaker should stop sending; {sent} requests were sent");
        var last = result.Errors[^1];
        Assert.Equal(ErrorCategory.ResourceUnavailable, last.CategoryInfo.Category);
        Assert.Contains("wait", last.ErrorDetails.RecommendedAction, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StoppingASyncLeavesConsistentStateAndAReRunConverges()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var dir = Directory.CreateTempSubdirectory("gs-stop-").FullName;
        try
        {
            var csv = Path.Combine(dir, "rows.csv");
            File.WriteAllLines(csv, new[] { "CrmId,FirstName" }.Concat(Enumerable.Range(1, 60).Select(i => $"K{i},N{i}")));
            var vars = emulator.Variables();
            vars["csv"] = csv;
            vars["state"] = Path.Combine(dir, "state.db");
            // Every bulk add answers slowly, so the run is certainly in flight when it is stopped.
            emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.SlowReply, Route = "/api/v2/externalcontacts/bulk/contacts/add", Delay = TimeSpan.FromMilliseconds(400) });

            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(TestPaths.ModuleManifest);
            foreach (var (name, value) in vars) state.Variables.Add(new SessionStateVariableEntry(name, value, ""));
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -BatchSize 10");
            var output = new PSDataCollection<PSObject>();
            var results = 0;
            var firstResult = new ManualResetEventSlim();
            output.DataAdded += (_, _) => { if (Interlocked.Increment(ref results) == 1) firstResult.Set(); };
            var running = ps.BeginInvoke<PSObject, PSObject>(null, output);
            Assert.True(firstResult.Wait(TimeSpan.FromSeconds(60)), "the sync produced no result");
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), "Stop must return promptly");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.True(emulator.Org.ExternalContactCount < 60, "the run was meant to be stopped part-way");

            emulator.Org.Faults.Clear();
            var rerun = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -BatchSize 10", vars);
            Assert.Null(rerun.Terminating);
            Assert.Equal(60, rerun.Output.Count);
            Assert.DoesNotContain(rerun.Output, o => (string)o.Properties["Action"].Value == "Failed");
            var keys = emulator.Org.ExternalContacts.Select(c => (string?)c["externalIds"]![0]!["value"]).ToList();
            Assert.Equal(60, keys.Count);
            Assert.Equal(60, keys.Distinct().Count());
        }
        finally { Directory.Delete(dir, true); }
    }

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> vars, string name, object value)
    {
        vars[name] = value;
        return vars;
    }
}
