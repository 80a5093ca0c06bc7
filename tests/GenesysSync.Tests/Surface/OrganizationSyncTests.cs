using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Sync-GenesysExternalOrganization on the shared engine, and Sync-GenesysExternalContact -OrganizationKey.</summary>
public class OrganizationSyncTests
{
    private const string Accounts = @"
        function Sorted($items) { [string[]]$a = @($items); [Array]::Sort($a, [StringComparer]::Ordinal); $a -join ',' }
        $accounts = @(
            [pscustomobject]@{ AccountId = 'A-1'; Company = 'Acme Corp'; Industry = 'Manufacturing'; Phone = '(317) 555-0100'; Employees = '1,200'; Tags = 'x' }
            [pscustomobject]@{ AccountId = 'A-2'; Company = 'Globex'; Industry = 'Energy'; Phone = ''; Employees = '' ; Tags = 'y' }
            [pscustomobject]@{ AccountId = 'A-3'; Company = 'Initech'; Industry = 'Software'; Phone = ''; Employees = 'many'; Tags = 'z' }
        )
";

    /// <summary>A fresh state file per test (the default folder is shared by every run on the machine).</summary>
    private static Dictionary<string, object?> State(Dictionary<string, object?>? variables = null)
    {
        variables ??= new Dictionary<string, object?>();
        variables["state"] = Path.Combine(Path.GetTempPath(), $"gs-org-state-{Guid.NewGuid():N}.db");
        return variables;
    }

    [Fact]
    public async Task UpsertThenRerunWritesNothingAndAChangeUpdatesOneRow()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, Accounts + @"
            $first = $accounts | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state -WarningVariable warned
            Sorted ($first | ForEach-Object { $_.Key + ':' + $_.Action + ':' + $_.ErrorCode })
            $warned.Count -gt 0
            $second = $accounts[0..1] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state
            ($second.Action) -join ','
            $accounts[1].Industry = 'Utilities'
            $third = $accounts[0..1] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state
            Sorted ($third | ForEach-Object { $_.Action + ':' + ($_.ChangedFields -join '+') })
            (Get-GenesysExternalOrganization -ExternalId 'A-1').Phone
            (Get-GenesysExternalOrganization -ExternalId 'A-1').EmployeeCount", State());
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "A-1:Created:,A-2:Created:,A-3:Failed:InvalidNumber", true, "Unchanged,Unchanged", "Unchanged:,Updated:industry", "+13175550100", 1200L,
        }), Dump(result));
        Assert.Equal(2, emulator.Org.ExternalOrganizations.Count);
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/organizations/add"));
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/organizations/update"));
        var org = emulator.Org.ExternalOrganizations.Single(o => o["name"]!.GetValue<string>() == "Globex");
        Assert.Equal("A-2", org["externalIds"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task FirstRunMatchesExistingOrganizationsAndMirrorAndWhatIfBehave()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var source = Id(await SourceAsync(emulator, "GenesysSync"));
        await OrganizationAsync(emulator, new { name = "Acme Corp", externalIds = new[] { new { externalSource = new { id = source }, value = "A-1" } } });
        var result = Run(emulator, Accounts + @"
            $plan = $accounts[0..1] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state -WhatIf
            Sorted ($plan | ForEach-Object { $_.Action + ':' + $_.WhatIf })
            $run = $accounts[0..1] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state
            Sorted ($run.Action)
            $mirror = $accounts[0] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state -Mode Mirror -WhatIf
            ($mirror.Action) -join ','
            $mirror = $accounts[0] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state -Mode Mirror -DeleteThreshold 60 -WhatIf
            ($mirror | ForEach-Object { $_.Action + ':' + $_.Reason }) -join ','
            $mirror = $accounts[0] | Sync-GenesysExternalOrganization -Key AccountId -StatePath $state -Mode Mirror -DeleteThreshold 60 -Confirm:$false
            ($mirror | ForEach-Object { $_.Action }) -join ','", State());
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "Created:True,Updated:True", "Created,Updated", "Unchanged", "Unchanged:,Deleted:AbsentFromInput", "Unchanged,Deleted",
        }), Dump(result));
        var left = Assert.Single(emulator.Org.ExternalOrganizations);
        Assert.Equal("Acme Corp", left["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PathInputMappingAndConfigurationErrors()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = Path.Combine(Path.GetTempPath(), $"gs-orgs-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, "Account Id,Account Name,Web,Country\nB-1,Umbrella,https://umbrella.example,US\n");
        try
        {
            var result = Run(emulator, @"
                (Sync-GenesysExternalOrganization -Path $csv -Key 'Account Id' -StatePath $state -Map @{ name = 'Account Name' }).Action
                (Get-GenesysExternalOrganization -ExternalId 'B-1').Websites
                Sync-GenesysExternalOrganization -Path $csv -MatchOn ExternalId -Key 'Nope' -StatePath $state",
                State(new Dictionary<string, object?> { ["csv"] = csv }));
            Assert.True(Values(result).SequenceEqual(new object?[] { "Created", "https://umbrella.example" }), Dump(result));
            Assert.Equal("InvalidSyncMapping,GenesysSync.Commands.Organizations.SyncGenesysExternalOrganizationCommand", result.SingleError().FullyQualifiedErrorId);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task PathInputTakesTheContactSyncsEncodingsAndReportsLikeIt()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = Path.Combine(Path.GetTempPath(), $"gs-orgs-{Guid.NewGuid():N}.csv");
        // "CafÃ©" in Windows-1252 is the bytes C3 A9 for "Ã©", valid UTF-8 for "é": detection would read "Café", so the
        // name read shows that -Encoding windows-1252 was honoured.
        File.WriteAllBytes(csv, GenesysSync.Input.TextEncodings.Windows1252.GetBytes("AccountId;Name\nS-1;CafÃ© Ltd\nS-2;Ørsted\n"));
        try
        {
            var result = Run(emulator, @"
                $r = Sync-GenesysExternalOrganization -Path $csv -Encoding windows-1252 -StatePath $state -Verbose
                ($r | ForEach-Object { $_.Key + ':' + $_.Action }) -join ','
                (Get-GenesysExternalOrganization -ExternalId 'S-1').Name
                Sync-GenesysExternalOrganization -Path $csv -Encoding nonsense-42 -StatePath $state",
                State(new Dictionary<string, object?> { ["csv"] = csv }));
            Assert.True(Values(result).SequenceEqual(new object?[] { "S-1:Created,S-2:Created", "CafÃ© Ltd" }), Dump(result));
            var error = result.SingleError();
            Assert.StartsWith("UnknownEncoding,", error.FullyQualifiedErrorId);
            Assert.Contains("nonsense-42", error.Exception.Message);
            Assert.Contains(result.Verbose, v => v.Message.StartsWith("Reading ") && v.Message.Contains("windows-1252") && v.Message.Contains("delimiter ';', 2 columns"));
            Assert.Contains(result.Verbose, v => v.Message.StartsWith("External Source 'GenesysSync' (") && v.Message.EndsWith("holds the match keys."));
            Assert.Equal(new[] { "CafÃ© Ltd", "Ørsted" }, emulator.Org.ExternalOrganizations.Select(o => o["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>Both syncs report progress the same way: rows/s in the status and the time left.</summary>
    [Theory]
    [InlineData("Sync-GenesysExternalOrganization")]
    [InlineData("Sync-GenesysExternalContact")]
    public async Task ProgressShowsRowsPerSecondAndTimeLeft(string command)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, Accounts + $@"
            $rows = foreach ($a in $accounts) {{ [pscustomobject]@{{ AccountId = $a.AccountId; Name = $a.Company; FirstName = $a.Company }} }}
            $null = $rows | {command} -Key AccountId -StatePath $state", State());
        result.AssertNoErrors();
        // The cmdlet updates one progress record (the stream holds it once per write, as it is at the end).
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p => Assert.Matches(@"^Done: 3 of 3 rows, [\d,]+ rows/s, \d+ requests, 0 throttled$", p.StatusDescription));
        Assert.All(result.Progress, p => Assert.Equal(0, p.SecondsRemaining)); // time left, not -1 (unknown)
        Assert.Contains(result.Progress, p => p.RecordType == System.Management.Automation.ProgressRecordType.Completed);
    }

    [Fact]
    public void ContactSyncLinksOrganizationsByKeyWithPerRowErrorsAndOptionalCreation()
    {
        // The sandbox keeps both state databases (contacts and organizations) in a folder that goes with it.
        var result = PowerShellRun.Invoke(@"
            $c = Connect-GenesysCloud -Sandbox
            function Lookups { $c.SandboxOrg.Stats.Count('POST /api/v2/externalcontacts/identifierlookup/organizations') }
" + Accounts + @"
            $null = $accounts[0..1] | Sync-GenesysExternalOrganization -Key AccountId
            $null = New-GenesysExternalOrganization -Name 'Outside' -ExternalId 'A-9'
            $contacts = @(
                [pscustomobject]@{ CrmId = 'C-1'; FirstName = 'Ada'; AccountId = 'A-1' }
                [pscustomobject]@{ CrmId = 'C-2'; FirstName = 'Bob'; AccountId = 'A-1' }
                [pscustomobject]@{ CrmId = 'C-3'; FirstName = 'Cy'; AccountId = 'A-9' }
                [pscustomobject]@{ CrmId = 'C-4'; FirstName = 'Di'; AccountId = 'NOPE' }
                [pscustomobject]@{ CrmId = 'C-5'; FirstName = 'Ed'; AccountId = '' }
            )
            $before = Lookups
            $r = $contacts | Sync-GenesysExternalContact -Key CrmId -OrganizationKey AccountId
            Sorted ($r | ForEach-Object { $_.Key + ':' + $_.Action + ':' + $_.ErrorCode })
            'lookups=' + ((Lookups) - $before)
            Sorted ((Get-GenesysExternalOrganization -ExternalId 'A-1' | Get-GenesysExternalContact).FirstName)
            (Get-GenesysExternalContact -ExternalId 'C-3').OrganizationId -eq (Get-GenesysExternalOrganization -ExternalId 'A-9').Id
            [string](Get-GenesysExternalContact -ExternalId 'C-5').OrganizationId
            $again = $contacts[0..2] | Sync-GenesysExternalContact -Key CrmId -OrganizationKey AccountId
            Sorted ($again.Action)
            $contacts[1].AccountId = 'A-2'
            $moved = $contacts[0..2] | Sync-GenesysExternalContact -Key CrmId -OrganizationKey AccountId
            Sorted ($moved | ForEach-Object { $_.Action + ':' + ($_.ChangedFields -join '+') })
            $plan = $contacts[3] | Sync-GenesysExternalContact -Key CrmId -OrganizationKey AccountId -CreateMissingOrganization -WhatIf -WarningVariable w1
            $plan.Action + ':' + $w1.Count + ':' + @(Get-GenesysExternalOrganization -All).Count
            $made = $contacts[3] | Sync-GenesysExternalContact -Key CrmId -OrganizationKey AccountId -CreateMissingOrganization -WarningVariable w2
            $made.Action + ':' + ($w2 -join ' ')
            (Get-GenesysExternalOrganization -ExternalId 'NOPE').Name
            ($contacts[3] | Sync-GenesysExternalOrganization -Key AccountId -Map @{ name = 'FirstName' }).Action
            @(Get-GenesysExternalOrganization -All).Count");
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "C-1:Created:,C-2:Created:,C-3:Created:,C-4:Failed:OrganizationNotFound,C-5:Created:",
            "lookups=2", // A-1 came from the organization sync's state (once for two rows); A-9 and NOPE were looked up once each
            "Ada,Bob", true, "", "Unchanged,Unchanged,Unchanged", "Unchanged:,Unchanged:,Updated:organizationId",
            "Created:1:3",
            "Created:1 organization(s) were created, named after their key. Run Sync-GenesysExternalOrganization to fill in their names and fields.",
            "NOPE", "Updated", 4,
        }), Dump(result));
    }
}
