using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

/// <summary>Sync-GenesysExternalContact through the hosted engine against the emulator over HTTP.</summary>
public sealed class SyncCmdletTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-sync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Messy =
        "\uFEFF\"Crm Id\";\"First Name\";\"last_name\";\"E-mail\";\"Mobile\";\"Department\"\n" +
        "A1;Ada;Lovelace;ada@example.com;(415) 555-2671;R&D\n" +
        "A2;Grace;Hopper;GRACE@Example.COM;+1 212 555 0143;\n" +
        "A3;Bad;Email;not-an-email;+1 212 555 0144;\n" +
        "A4;Bad;Phone;bad.phone@example.com;12;\n" +
        ";No;Key;nokey@example.com;+1 212 555 0145;\n" +
        "A6;Zoë;Ødegård;zoe@example.no;+47 22 12 34 56;\n" +
        "A2;Grace;Hopper;grace@example.com;+1 212 555 0143;Navy\n";

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private Dictionary<string, object?> Vars(EmulatorHost emulator, string csv)
    {
        var variables = emulator.Variables();
        variables["csv"] = csv;
        variables["state"] = Path.Combine(_dir, "state.db");
        variables["dir"] = _dir;
        return variables;
    }

    private static long Writes(EmulatorOrg org) =>
        org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/add")
        + org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/update")
        + org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/remove")
        + org.Stats.Count("POST /api/v2/externalcontacts/contacts")
        + org.Stats.Count("PUT /api/v2/externalcontacts/contacts/{contactId}");

    private static Dictionary<int, PSObject> ByRow(PowerShellResult result) =>
        result.Output.Where(o => o.TypeNames[0] == "GenesysSync.GenesysSyncResult")
            .ToDictionary(o => (int)o.Properties["RowNumber"].Value);

    private static string Action(PSObject result) => (string)result.Properties["Action"].Value;

    [Fact]
    public async Task MessyFileCreatesExactlyTheValidRowsThenAReRunWritesNothing()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var variables = Vars(emulator, WriteFile("messy.csv", Messy));
        const string sync = "Sync-GenesysExternalContact -Path $csv -Key 'Crm Id' -ExternalSource CRM -StatePath $state";

        var first = PowerShellRun.Invoke(EmulatorHost.Connect + sync, variables);
        Assert.Null(first.Terminating);
        var rows = ByRow(first);
        Assert.Equal(7, rows.Count); // exactly one result per input row
        Assert.Equal("Created", Action(rows[1]));
        Assert.Equal("Skipped", Action(rows[2]));
        Assert.Equal("DuplicateKey", rows[2].Properties["Reason"].Value);
        Assert.Equal("Failed", Action(rows[3]));
        Assert.Equal("InvalidEmail", rows[3].Properties["ErrorCode"].Value);
        Assert.Contains("workEmail", (string)rows[3].Properties["Message"].Value);
        Assert.Contains("Row 3", (string)rows[3].Properties["Message"].Value);
        Assert.Equal("Failed", Action(rows[4]));
        Assert.Equal("InvalidPhone", rows[4].Properties["ErrorCode"].Value);
        Assert.Equal("MissingKey", rows[5].Properties["ErrorCode"].Value);
        Assert.Equal("Created", Action(rows[6]));
        Assert.Equal("Created", Action(rows[7]));
        Assert.Contains(first.Warnings, w => w.Message.Contains("Department"));

        var stored = emulator.Org.ExternalContacts;
        Assert.Equal(3, stored.Count);
        var grace = stored.Single(c => (string?)c["firstName"] == "Grace");
        Assert.Equal("grace@example.com", (string?)grace["workEmail"]);
        Assert.Equal("+12125550143", (string?)grace["cellPhone"]!["e164"]);
        Assert.Equal("A2", (string?)grace["externalIds"]![0]!["value"]);
        Assert.Contains(stored, c => (string?)c["lastName"] == "Ødegård");

        var writesAfterFirst = Writes(emulator.Org);
        var second = PowerShellRun.Invoke(EmulatorHost.Connect + sync, variables);
        Assert.Null(second.Terminating);
        Assert.Equal(writesAfterFirst, Writes(emulator.Org));
        var again = ByRow(second);
        Assert.Equal(new[] { "Unchanged", "Unchanged", "Unchanged" }, new[] { Action(again[1]), Action(again[6]), Action(again[7]) });
        Assert.Equal(3, emulator.Org.ExternalContacts.Count);
        Assert.Contains(second.Information, i => i.MessageData?.ToString()?.Contains("0 created, 0 updated, 3 unchanged") == true);
    }

    [Fact]
    public async Task PipelineAndPathGiveTheSameResults()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var variables = Vars(emulator, WriteFile("messy.csv", Messy));
        var viaPath = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -Key 'Crm Id' -StatePath $state -WhatIf", variables);
        var viaPipeline = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $rows = @(
                [pscustomobject]@{ 'Crm Id' = 'A1'; 'First Name' = 'Ada'; 'last_name' = 'Lovelace'; 'E-mail' = 'ada@example.com'; Mobile = '(415) 555-2671'; Department = 'R&D' }
                [pscustomobject]@{ 'Crm Id' = 'A2'; 'First Name' = 'Grace'; 'last_name' = 'Hopper'; 'E-mail' = 'GRACE@Example.COM'; Mobile = '+1 212 555 0143'; Department = '' }
                @{ 'Crm Id' = 'A3'; 'First Name' = 'Bad'; 'last_name' = 'Email'; 'E-mail' = 'not-an-email'; Mobile = '+1 212 555 0144'; Department = '' }
                [pscustomobject]@{ 'Crm Id' = 'A4'; 'First Name' = 'Bad'; 'last_name' = 'Phone'; 'E-mail' = 'bad.phone@example.com'; Mobile = '12'; Department = '' }
                [pscustomobject]@{ 'Crm Id' = ''; 'First Name' = 'No'; 'last_name' = 'Key'; 'E-mail' = 'nokey@example.com'; Mobile = '+1 212 555 0145'; Department = '' }
                [pscustomobject]@{ 'Crm Id' = 'A6'; 'First Name' = 'Zoë'; 'last_name' = 'Ødegård'; 'E-mail' = 'zoe@example.no'; Mobile = '+47 22 12 34 56'; Department = '' }
                [pscustomobject]@{ 'Crm Id' = 'A2'; 'First Name' = 'Grace'; 'last_name' = 'Hopper'; 'E-mail' = 'grace@example.com'; Mobile = '+1 212 555 0143'; Department = 'Navy' }
            )
            $rows | Sync-GenesysExternalContact -Key 'Crm Id' -StatePath $state -WhatIf", variables);
        Assert.Null(viaPath.Terminating);
        Assert.Null(viaPipeline.Terminating);
        string Describe(PowerShellResult r) => string.Join("|", ByRow(r).OrderBy(p => p.Key).Select(p =>
            $"{p.Key}:{Action(p.Value)}:{p.Value.Properties["Reason"].Value}:{p.Value.Properties["ErrorCode"].Value}:{string.Join(",", (string[])p.Value.Properties["ChangedFields"].Value)}"));
        Assert.Equal(Describe(viaPath), Describe(viaPipeline));
        Assert.Empty(emulator.Org.ExternalContacts); // -WhatIf wrote nothing
        Assert.All(ByRow(viaPath).Values, r => Assert.True((bool)r.Properties["WhatIf"].Value));
    }

    [Fact]
    public async Task ChangingRowsWritesOnlyThoseAndMirrorRespectsTheThreshold()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var lines = new List<string> { "CrmId,FirstName,LastName,Email" };
        for (var i = 1; i <= 50; i++) lines.Add($"K{i},First{i},Last{i},p{i}@example.com");
        var csv = WriteFile("people.csv", string.Join("\n", lines));
        var variables = Vars(emulator, csv);
        const string sync = "Sync-GenesysExternalContact -Path $csv -StatePath $state -BatchSize 10";
        PowerShellRun.Invoke(EmulatorHost.Connect + sync, variables).AssertNoErrors();
        Assert.Equal(50, emulator.Org.ExternalContacts.Count);

        // Two rows change: one bulk update request, not fifty writes.
        lines[3] = "K3,Changed,Last3,p3@example.com";
        lines[4] = "K4,First4,Changed,p4@example.com";
        File.WriteAllText(csv, string.Join("\n", lines));
        var before = Writes(emulator.Org);
        var changed = PowerShellRun.Invoke(EmulatorHost.Connect + sync, variables);
        changed.AssertNoErrors();
        Assert.Equal(2, ByRow(changed).Values.Count(r => Action(r) == "Updated"));
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/update") - 0);
        Assert.Equal(before + 1, Writes(emulator.Org));
        Assert.Contains(emulator.Org.ExternalContacts, c => (string?)c["firstName"] == "Changed");

        // Mirror: 10 of 50 rows gone = 20% > 10% threshold → nothing deleted, a warning says why.
        File.WriteAllText(csv, string.Join("\n", lines.Take(41)));
        var refused = PowerShellRun.Invoke(EmulatorHost.Connect + sync + " -Mode Mirror", variables);
        Assert.Null(refused.Terminating);
        Assert.Equal(50, emulator.Org.ExternalContacts.Count);
        Assert.Contains(refused.Warnings, w => w.Message.Contains("10", StringComparison.Ordinal) && w.Message.Contains("-Force", StringComparison.Ordinal));

        var forced = PowerShellRun.Invoke(EmulatorHost.Connect + sync + " -Mode Mirror -Force", variables);
        Assert.Null(forced.Terminating);
        Assert.Equal(40, emulator.Org.ExternalContacts.Count);
        Assert.Equal(10, forced.Output.Count(o => Action(o) == "Deleted"));
    }

    [Fact]
    public async Task InsertAndUpdateModes()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteFile("two.csv", "CrmId,FirstName,Email\nK1,One,one@example.com\n");
        var variables = Vars(emulator, csv);
        var update = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -Mode Update", variables);
        Assert.Equal("NotFound", update.Output.Single().Properties["Reason"].Value);
        Assert.Empty(emulator.Org.ExternalContacts);

        PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -Mode Insert", variables).AssertNoErrors();
        File.WriteAllText(csv, "CrmId,FirstName,Email\nK1,Uno,one@example.com\nK2,Two,two@example.com\n");
        var insert = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -Mode Insert", variables);
        var rows = ByRow(insert);
        Assert.Equal("Skipped", Action(rows[1]));
        Assert.Equal("Exists", rows[1].Properties["Reason"].Value);
        Assert.Equal("Created", Action(rows[2]));
        Assert.Contains(emulator.Org.ExternalContacts, c => (string?)c["firstName"] == "One");
    }

    [Fact]
    public async Task FaultsAndLostRepliesStillEndWithTheOrgEqualToTheSource()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.Seed = 7);
        var lines = new List<string> { "CrmId,FirstName,Email" };
        for (var i = 1; i <= 120; i++) lines.Add($"K{i},Name{i},n{i}@example.com");
        var variables = Vars(emulator, WriteFile("faults.csv", string.Join("\n", lines)));
        emulator.Org.Faults.Add(FaultRule.WithProbability(0.1, FaultKind.Status5xx, "/api/v2/externalcontacts/bulk/contacts/add"));
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Probability = 0.05, RetryAfterSeconds = 1 });
        emulator.Org.Faults.Add(FaultRule.OnNth(2, FaultKind.LostResponse, "/api/v2/externalcontacts/bulk/contacts/add"));

        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -BatchSize 10", variables);
        Assert.Null(result.Terminating);
        Assert.True(emulator.Org.Stats.FaultsInjected > 0, "the run must have met faults");
        Assert.Equal(1, emulator.Org.Stats.CountFault(FaultKind.LostResponse));
        var rows = ByRow(result);
        Assert.Equal(120, rows.Count);
        var stored = emulator.Org.ExternalContacts;
        var keys = stored.Select(c => (string?)c["externalIds"]![0]!["value"]).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count()); // no duplicates
        // Anything not created now (a row whose retries ran out) is created by a re-run, once.
        emulator.Org.Faults.Clear();
        var rerun = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state -BatchSize 10", variables);
        Assert.Null(rerun.Terminating);
        Assert.DoesNotContain(ByRow(rerun).Values, r => Action(r) == "Failed");
        stored = emulator.Org.ExternalContacts;
        Assert.True(120 == stored.Count, $"stored {stored.Count}; first run: {string.Join(",", rows.Values.GroupBy(Action).Select(g => g.Key + "=" + g.Count()))}; rerun: {string.Join(",", ByRow(rerun).Values.GroupBy(Action).Select(g => g.Key + "=" + g.Count()))}");
        Assert.Equal(120, stored.Select(c => (string?)c["externalIds"]![0]!["value"]).Distinct().Count());
    }

    [Fact]
    public async Task FailedRowsFileRunsAgainOnceFixedAndTheLogHasNoContactData()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteFile("in.csv", "CrmId,FirstName,Email,Mobile\nK1,Ann,ann@example.com,+1 415 555 0100\nK2,Bob,bob@,+1 415 555 0101\n");
        var variables = Vars(emulator, csv);
        var failed = Path.Combine(_dir, "failed.csv");
        var log = Path.Combine(_dir, "sync.jsonl");
        var first = PowerShellRun.Invoke(EmulatorHost.Connect + $"Sync-GenesysExternalContact -Path $csv -StatePath $state -FailedPath '{failed}' -LogPath '{log}'", variables);
        Assert.Null(first.Terminating);
        var failedText = File.ReadAllText(failed);
        Assert.Contains("SyncErrorCode", failedText);
        Assert.Contains("InvalidEmail", failedText);
        Assert.Contains("K2", failedText);
        Assert.DoesNotContain("K1", failedText);

        var logText = File.ReadAllText(log);
        Assert.DoesNotContain("bob@", logText);
        Assert.DoesNotContain("Bob", logText);
        Assert.DoesNotContain("K2", logText); // keys are hashed in the log
        var lines = logText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("row", (string?)lines[0]["type"]);
        Assert.Equal(2, (int)lines[0]["row"]!);
        Assert.Equal("run", (string?)lines[^1]["type"]);
        Assert.Equal(1, (long)lines[^1]["created"]!);

        File.WriteAllText(failed, failedText.Replace("bob@,", "bob@example.com,"));
        variables["csv"] = failed;
        var rerun = PowerShellRun.Invoke(EmulatorHost.Connect + "Sync-GenesysExternalContact -Path $csv -StatePath $state", variables);
        rerun.AssertNoErrors();
        Assert.Equal("Created", Action(rerun.Output.Single()));
        Assert.DoesNotContain(rerun.Warnings, w => w.Message.Contains("SyncError"));
        Assert.Equal(2, emulator.Org.ExternalContacts.Count);
    }

    [Fact]
    public async Task MapWithColumnsAndScriptBlocks()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var variables = Vars(emulator, "");
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            [pscustomobject]@{ No = 'E1'; Given = 'ada'; Family = 'Lovelace'; Role = 'analyst' } |
                Sync-GenesysExternalContact -Key No -StatePath $state -Map @{ firstName = 'Given'; lastName = 'Family'; title = { $_.Role.ToUpper() } }", variables);
        result.AssertNoErrors();
        var contact = emulator.Org.ExternalContacts.Single();
        Assert.Equal("ada", (string?)contact["firstName"]);
        Assert.Equal("ANALYST", (string?)contact["title"]);
    }

    [Fact]
    public void SandboxSyncNeedsNoSetup()
    {
        var csv = WriteFile("s.csv", "CrmId,First Name,Email\nS1,Sam,sam@example.com\n");
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Sandbox | Out-Null; Sync-GenesysExternalContact -Path $csv; @(Get-GenesysExternalContact -All).Count",
            new Dictionary<string, object?> { ["csv"] = csv });
        result.AssertNoErrors();
        Assert.Equal("Created", Action(result.Output[0]));
        Assert.Equal(1, result.Output[1].BaseObject);
    }
}

public sealed class SyncRunHistoryTests
{
    [Fact]
    public void RunsAreRecordedAndLastGivesTheWatermark()
    {
        var dir = Directory.CreateTempSubdirectory("gs-runs-").FullName;
        try
        {
            var csv = Path.Combine(dir, "in.csv");
            File.WriteAllText(csv, "CrmId,FirstName\nK1,Ann\nK2,Bob\n");
            var result = PowerShellRun.Invoke(@"
                Connect-GenesysCloud -Sandbox | Out-Null
                $null = Sync-GenesysExternalContact -Path $csv -StatePath $state
                $null = Sync-GenesysExternalContact -Path $csv -StatePath $state
                Get-GenesysSyncRun -StatePath $state
                '---'
                Get-GenesysSyncRun -StatePath $state -Last
                '---'
                Get-GenesysSyncRun -StatePath ($dir + '/none.db')", new Dictionary<string, object?> { ["csv"] = csv, ["state"] = Path.Combine(dir, "s.db"), ["dir"] = dir });
            var parts = string.Join("|", result.Output.Select(o => o.BaseObject is string s ? s : "run")).Split("---");
            Assert.Equal("run|run|", parts[0]);
            var runs = result.Output.Where(o => o.BaseObject is not string).ToList();
            Assert.Equal(0L, runs[0].Properties["Created"].Value); // newest first: the re-run
            Assert.Equal(2L, runs[0].Properties["Unchanged"].Value);
            Assert.Equal(2L, runs[1].Properties["Created"].Value);
            Assert.Equal("Succeeded", runs[1].Properties["Outcome"].Value);
            Assert.Equal(runs[0].Properties["RunId"].Value, runs[2].Properties["RunId"].Value);
            Assert.StartsWith("SyncStateNotFound,", result.Errors.Single().FullyQualifiedErrorId);
        }
        finally { Directory.Delete(dir, true); }
    }
}

public sealed class SyncPrivacyTests
{
    [Fact]
    public async Task VerboseWarningsAndInformationNeverCarryContactData()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var dir = Directory.CreateTempSubdirectory("gs-pii-").FullName;
        try
        {
            var csv = Path.Combine(dir, "p.csv");
            File.WriteAllText(csv, "Email,FirstName,Mobile,Department\nsecret.person@example.com,Zebedee,+1 415 555 0123,Ops\nbroken@,Quentin,+1 415 555 0124,Ops\n");
            var vars = emulator.Variables();
            vars["csv"] = csv;
            vars["state"] = Path.Combine(dir, "s.db");
            var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
                Sync-GenesysExternalContact -Path $csv -MatchOn WorkEmail -StatePath $state -Verbose -WhatIf
                Sync-GenesysExternalContact -Path $csv -MatchOn WorkEmail -StatePath $state -Verbose", vars);
            Assert.Null(result.Terminating);
            var streams = string.Join("\n", result.Verbose.Select(v => v.Message)
                .Concat(result.Warnings.Select(w => w.Message))
                .Concat(result.Information.Select(i => i.MessageData?.ToString() ?? ""))
                .Concat(result.Errors.Select(e => e.ToString())));
            foreach (var pii in new[] { "secret.person", "Zebedee", "Quentin", "broken@", "555 0123", "5550123" })
                Assert.DoesNotContain(pii, streams);
            Assert.Single(emulator.Org.ExternalContacts);
        }
        finally { Directory.Delete(dir, true); }
    }
}
