using System.Management.Automation;
using System.Text;
using System.Text.Json;
using GenesysSync.Emulator;
using GenesysSync.State;
using GenesysSync.Tests.Hosting;
using Xunit.Abstractions;

namespace GenesysSync.Tests.Unattended;

/// <summary>
/// The delta step of Add-GenesysContactListContact through the hosted engine against the emulator over HTTP: a reload
/// sends only new and changed leads, -Full sends all, -RemoveMissing deletes what left the source (threshold, -WhatIf).
/// </summary>
public sealed class LeadDeltaTests : IDisposable
{
    private const string AddRoute = "POST /api/v2/outbound/contactlists/{contactListId}/contacts";
    private const string ExportRoute = "POST /api/v2/outbound/contactlists/{contactListId}/export";
    private const string NewLeads = "$null = New-GenesysContactList -Name Leads -Column LeadId,FirstName,LastName,Phone,Email -PhoneColumn Phone -EmailColumn Email\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-delta-").FullName;
    private readonly ITestOutputHelper _output;

    public LeadDeltaTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string State => Path.Combine(_dir, "leads.db");

    private string WriteLeads(string name, int count, Func<int, bool>? changed = null, int skipFrom = int.MaxValue)
    {
        var path = Path.Combine(_dir, name);
        var text = new StringBuilder("LeadId,FirstName,LastName,Phone,Email\n");
        for (var i = 1; i <= Math.Min(count, skipFrom - 1); i++)
        {
            var first = changed?.Invoke(i) == true ? "Changed" + i : "First" + i;
            text.Append($"LD{i:D7},{first},Last{i % 7919},({201 + i % 700}) 555-{i % 10000:D4},lead{i}@example.com\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    private Dictionary<string, object?> Vars(EmulatorHost emulator, string csv)
    {
        var variables = emulator.Variables();
        variables["csv"] = csv;
        variables["state"] = State;
        return variables;
    }

    private static long ApiRequests(EmulatorOrg org) => org.Stats.Total - org.Stats.Count("POST /oauth/token");

    private static PSObject Summary(PowerShellResult result) =>
        result.Information.Where(i => i.Tags.Contains("GenesysContactListLoadSummary")).Select(i => (PSObject)PSObject.AsPSObject(i.MessageData)).Single();

    private static long Count(PSObject summary, string name) => (long)summary.Properties[name].Value;

    private static PowerShellResult Run(EmulatorHost emulator, string script, Dictionary<string, object?> variables)
    {
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + script, variables);
        Assert.True(result.Terminating is null, result.Terminating?.ToString());
        return result;
    }

    [Fact]
    public Task AReloadWithOnePercentChangedSendsAboutOnePercentOfTheRequestsOfTheFirstLoad() => MeasureReloadAsync(100_000);

    /// <summary>The monthly figure at full size (GS_SCALE=1; several minutes and a few GB with the emulator over HTTP).</summary>
    [GenesysSync.Tests.Outbound.ScaleFact]
    public Task The_one_and_a_half_million_lead_reload() => MeasureReloadAsync(1_500_000);

    private async Task MeasureReloadAsync(int leads)
    {
        await using var emulator = await EmulatorHost.StartAsync(o => { o.RateLimitPerMinute = 0; o.Outbound.ExportNotReadyPolls = 0; });
        var first = WriteLeads("june.csv", leads);
        var reload = WriteLeads("july.csv", leads, changed: i => i % 100 == 0); // 1% of the leads changed
        const string add = "$null = Add-GenesysContactListContact -ContactList Leads -Path $csv -IdColumn LeadId -StatePath $state -InformationVariable info\n";

        var before = ApiRequests(emulator.Org);
        var load = Run(emulator, NewLeads + add, Vars(emulator, first));
        var firstRequests = ApiRequests(emulator.Org) - before;
        var firstAdds = emulator.Org.Stats.Count(AddRoute);
        Assert.Equal(leads, Count(Summary(load), "Added"));

        before = ApiRequests(emulator.Org);
        var delta = Run(emulator, add, Vars(emulator, reload));
        var reloadRequests = ApiRequests(emulator.Org) - before;
        var reloadAdds = emulator.Org.Stats.Count(AddRoute) - firstAdds;
        var summary = Summary(delta);
        Assert.Equal(leads / 100, Count(summary, "Updated"));
        Assert.Equal(leads - leads / 100, Count(summary, "Unchanged"));
        Assert.Equal(0, emulator.Org.Stats.Count(ExportRoute)); // the state answered: no export
        var stored = emulator.Org.Outbound().Find("Leads")!;
        Assert.Equal("Changed500", stored.Contact("LD0000500")!["FirstName"]);
        Assert.Equal(Math.Min(leads, 1_000_000), stored.Size);

        // The same reload without the state (a first load with a state, or a list changed outside): one export, then the same sends.
        before = ApiRequests(emulator.Org);
        var viaExport = Run(emulator, "$state = $state + '.fresh'\n" + add, Vars(emulator, reload));
        var exportRequests = ApiRequests(emulator.Org) - before;
        Assert.Equal(leads, Count(Summary(viaExport), "Unchanged"));
        Assert.Equal((leads + 999_999) / 1_000_000, emulator.Org.Stats.Count(ExportRoute)); // one per list

        // -Full sends everything again.
        before = ApiRequests(emulator.Org);
        var full = Run(emulator, add.Replace("-InformationVariable", "-Full -InformationVariable"), Vars(emulator, reload));
        var fullRequests = ApiRequests(emulator.Org) - before;
        Assert.Equal(leads, Count(Summary(full), "Updated"));

        var figures = new
        {
            leads,
            changed = leads / 100,
            firstLoad = new { requests = firstRequests, addRequests = firstAdds },
            reload = new { requests = reloadRequests, addRequests = reloadAdds, percentOfFirstLoad = Math.Round(reloadRequests * 100.0 / firstRequests, 2) },
            reloadWithoutState = new { requests = exportRequests },
            full = new { requests = fullRequests },
        };
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        _output.WriteLine(json);
        File.WriteAllText(Path.Combine(Environment.GetEnvironmentVariable("GS_OUT") ?? Path.GetTempPath(), $"lead-reload-delta-{leads}.json"), json);

        Assert.Equal(leads / 1000, firstAdds);                          // one add per 1000 leads
        Assert.Equal(leads / 100 / 1000, reloadAdds);                   // the 1000 changed leads: one add
        Assert.True(reloadRequests <= firstRequests / 100 + 4, json);   // ~1% plus the list lookups
        Assert.True(fullRequests >= firstAdds, json);
    }

    [Fact]
    public async Task RemoveMissingDeletesWhatLeftTheSourceWithinTheThresholdAndWhatIfOnlyPlans()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => { o.RateLimitPerMinute = 0; o.Outbound.ExportNotReadyPolls = 0; });
        const string add = "Add-GenesysContactListContact -ContactList Leads -Path $csv -IdColumn LeadId -StatePath $state -BatchSize 100 ";
        Run(emulator, NewLeads + "$null = " + add, Vars(emulator, WriteLeads("all.csv", 1000)));

        // 5% left the source. -WhatIf lists them and deletes nothing.
        var fewer = WriteLeads("fewer.csv", 1000, skipFrom: 951);
        var plan = Run(emulator, add + "-RemoveMissing -WhatIf", Vars(emulator, fewer));
        var planned = plan.Output.Where(o => (string)o.Properties["Action"].Value == "Removed").ToList();
        Assert.Equal(50, planned.Count);
        Assert.All(planned, p => Assert.True((bool)p.Properties["WhatIf"].Value));
        Assert.Contains(planned, p => (string)p.Properties["LeadId"].Value == "LD0000951");
        Assert.Equal(1000, emulator.Org.Outbound().Find("Leads")!.Size);

        var removed = Run(emulator, add + "-RemoveMissing", Vars(emulator, fewer));
        Assert.Equal(50, removed.Output.Count(o => (string)o.Properties["Action"].Value == "Removed"));
        var list = emulator.Org.Outbound().Find("Leads")!;
        Assert.Equal(950, list.Size);
        Assert.Null(list.Contact("LD0000951"));

        // The state forgot them: the next reload is answered without an export, and nothing is re-added.
        var exports = emulator.Org.Stats.Count(ExportRoute);
        var again = Run(emulator, add, Vars(emulator, fewer));
        Assert.Equal(950, again.Output.Count(o => (string)o.Properties["Action"].Value == "Unchanged"));
        Assert.Equal(exports, emulator.Org.Stats.Count(ExportRoute));

        // A truncated file (over 10% missing) removes nothing without -Force, and says why.
        var truncated = WriteLeads("truncated.csv", 1000, skipFrom: 801);
        var refused = Run(emulator, add + "-RemoveMissing", Vars(emulator, truncated));
        Assert.Contains(refused.Warnings, w => w.Message.Contains("-RemoveThreshold"));
        Assert.Equal(950, emulator.Org.Outbound().Find("Leads")!.Size);
        var forced = Run(emulator, add + "-RemoveMissing -Force", Vars(emulator, truncated));
        Assert.Equal(150, forced.Output.Count(o => (string)o.Properties["Action"].Value == "Removed"));
        Assert.Equal(800, emulator.Org.Outbound().Find("Leads")!.Size);

        // Every load is in the run history.
        using var state = SyncStateStore.Open(State);
        var runs = state.GetRuns().Reverse().ToList();
        Assert.Equal(new[] { "Succeeded", "Succeeded", "Succeeded", "Refused", "Succeeded" }, runs.Select(r => r.Outcome));
        Assert.Equal(50, runs[1].Counts["Removed"]);
        Assert.Equal(1000, runs[0].Counts["Added"]);
    }

    [Fact]
    public async Task AListChangedOutsideIsNoticedAndTheStateRebuilt()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => { o.RateLimitPerMinute = 0; o.Outbound.ExportNotReadyPolls = 0; });
        const string add = "Add-GenesysContactListContact -ContactList Leads -Path $csv -IdColumn LeadId -StatePath $state ";
        var csv = WriteLeads("leads.csv", 300);
        Run(emulator, NewLeads + "$null = " + add, Vars(emulator, csv));

        // Someone deletes a contact in Genesys Cloud: the state now knows more leads than the list holds.
        var id = emulator.Org.Outbound().Find("Leads")!.Id;
        using (var http = new HttpClient { BaseAddress = emulator.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.Org.IssueToken(EmulatorHost.ClientId));
            Assert.True((await http.DeleteAsync($"/api/v2/outbound/contactlists/{id}/contacts/LD0000007")).IsSuccessStatusCode);
        }
        var reload = Run(emulator, add, Vars(emulator, csv));
        Assert.Equal(1, emulator.Org.Stats.Count(ExportRoute)); // rebuilt from an export once
        Assert.Equal("Added", reload.Output.Single(o => (string)o.Properties["LeadId"].Value == "LD0000007").Properties["Action"].Value);
        Assert.Equal(299, reload.Output.Count(o => (string)o.Properties["Action"].Value == "Unchanged"));
        Assert.Equal(300, emulator.Org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task AnOverlappingLoadOfTheSameFamilyWaitsOrStopsClearly()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.RateLimitPerMinute = 0);
        Run(emulator, NewLeads, Vars(emulator, ""));
        using var state = SyncStateStore.Open(State);
        using var held = await state.AcquireRunLockAsync(TimeSpan.Zero);
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Add-GenesysContactListContact -ContactList Leads -Path $csv -IdColumn LeadId -StatePath $state -LockTimeout 0",
            Vars(emulator, WriteLeads("leads.csv", 10)));
        Assert.Equal("ContactListStateLocked,GenesysSync.Commands.ContactLists.AddGenesysContactListContactCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Equal(0, emulator.Org.Outbound().Find("Leads")!.Size);
    }
}
