using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Outbound;

/// <summary>The worked example of docs/monthly-lead-load.md with the files in examples/, against the sandbox.</summary>
public sealed class MonthlyLeadLoadExampleTests
{
    private static Dictionary<string, object?> Files() => new()
    {
        ["leads"] = Path.Combine(TestPaths.RepoRoot, "examples", "leads.csv"),
        ["problems"] = Path.Combine(TestPaths.RepoRoot, "examples", "leads-with-problems.csv"),
    };

    private const string Setup = @"
        $null = Connect-GenesysCloud -Sandbox
        $list = New-GenesysContactList -Name 'Leads 2026-05' -Column LeadId,FirstName,LastName,Mobile,Email -PhoneColumn Mobile:cell -EmailColumn Email
    ";

    [Fact]
    public void The_sample_month_loads_and_maps()
    {
        var result = PowerShellRun.Invoke(Setup + @"
            $results = Add-GenesysContactListContact -ContactList $list -Path $leads -IdColumn LeadId -ConsentColumn OptIn -DoNotCallColumn DoNotCall
            $again = Add-GenesysContactListContact -ContactList $list -Path $leads -IdColumn LeadId -ConsentColumn OptIn -DoNotCallColumn DoNotCall
            $map = Export-GenesysContactList -ContactList 'Leads 2026-05' -AsMap -IdColumn LeadId
            [pscustomobject]@{
                Added = @($results | Where-Object Action -eq Added).Count
                Unchanged = @($again | Where-Object Action -eq Unchanged).Count
                Size = (Get-GenesysContactList -Name 'Leads 2026-05').Size
                Mapped = @($map | Where-Object { $_.LeadId -eq $_.ContactId }).Count
                Lead42 = ($map | Where-Object LeadId -eq 'L-2026-05-0005').ContactList
            }", Files());

        result.AssertNoErrors();
        var summary = result.Output.Single();
        Assert.Equal(20, summary.Properties["Added"].Value);
        Assert.Equal(20, summary.Properties["Unchanged"].Value);
        Assert.Equal(20L, summary.Properties["Size"].Value);
        Assert.Equal(20, summary.Properties["Mapped"].Value);
        Assert.Equal("Leads 2026-05", summary.Properties["Lead42"].Value);
    }

    [Fact]
    public void The_problem_file_gives_one_error_per_bad_row()
    {
        var result = PowerShellRun.Invoke(Setup + @"
            Add-GenesysContactListContact -ContactList $list -Path $problems -IdColumn LeadId -ConsentColumn OptIn -DoNotCallColumn DoNotCall -WhatIf |
                Where-Object Action -ne Failed | ForEach-Object LeadId", Files());

        Assert.Equal(new[] { "MissingLeadId", "DuplicateLeadId", "InvalidPhone", "InvalidEmail", "ConsentConflict", "RaggedRow" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new object[] { "L-2026-05-0101", "L-2026-05-0108" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_sample_month_imports_through_csv_with_a_map()
    {
        var variables = Files();
        var map = Path.Combine(Path.GetTempPath(), "gs-example-map-" + Guid.NewGuid().ToString("N") + ".csv");
        variables["map"] = map;
        try
        {
            var result = PowerShellRun.Invoke(Setup + "Import-GenesysContactList -Path $leads -ContactList $list -IdColumn LeadId -MapPath $map", variables);
            result.AssertNoErrors();
            var imported = result.Output.Single();
            Assert.Equal("Imported", imported.Properties["State"].Value);
            Assert.Equal(20L, imported.Properties["SizeAfter"].Value);
            var lines = File.ReadAllLines(map);
            Assert.Equal(21, lines.Length);
            Assert.Contains("L-2026-05-0001,L-2026-05-0001,Leads 2026-05,", lines[1]);
        }
        finally
        {
            File.Delete(map);
        }
    }
}
