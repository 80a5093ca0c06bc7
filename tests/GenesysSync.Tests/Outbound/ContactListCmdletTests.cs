using System.Management.Automation;
using System.Text;
using GenesysSync.Emulator;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Outbound;

/// <summary>
/// The contact-list cmdlets in a hosted PowerShell 7 engine against the emulator over HTTP, with the per-list cap set
/// to 1,000: proven by the lists the emulator stores.
/// </summary>
public sealed class ContactListCmdletTests : IDisposable
{
    private const string AddRoute = "POST /api/v2/outbound/contactlists/{contactListId}/contacts";
    private const string UploadRoute = "POST /uploads/v2/contactlist";
    private const string Cmd = "GenesysSync.Commands.ContactLists.";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-outbound-cmdlets", Guid.NewGuid().ToString("N"));

    public ContactListCmdletTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static Task<EmulatorHost> StartAsync(Action<EmulatorOptions>? configure = null) => EmulatorHost.StartAsync(o =>
    {
        o.RateLimitPerMinute = 0;
        o.Outbound.MaxContactsPerList = 1000;
        o.Outbound.ImportPollsToComplete = 1;
        o.Outbound.ExportNotReadyPolls = 0;
        configure?.Invoke(o);
    });

    private const string NewLeads = "$null = New-GenesysContactList -Name Leads -Column LeadId,Name,Phone,Email -PhoneColumn Phone -EmailColumn Email\n";

    private static string Rows(int from, int to) =>
        $"{from}..{to} | ForEach-Object {{ [pscustomobject]@{{ LeadId = \"L$_\"; Name = \"Lead $_\"; Phone = '(415) 555-{{0:0000}}' -f $_; Email = \"lead$_@example.com\" }} }}";

    private string WriteFile(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes);
        return path;
    }

    private static string LeadsCsv(int from, int to)
    {
        var sb = new StringBuilder("LeadId,Name,Phone,Email\r\n");
        for (var i = from; i <= to; i++) sb.Append($"L{i},Lead {i},(415) 555-{i % 10000:D4},lead{i}@example.com\r\n");
        return sb.ToString();
    }

    private static Dictionary<string, string> Homes(EmulatorHost host)
    {
        var home = new Dictionary<string, string>();
        foreach (var list in host.Org.Outbound().ContactLists)
            foreach (var contact in list.Contacts)
                Assert.True(home.TryAdd(contact.Id, list.Name), contact.Id + " is stored twice");
        return home;
    }

    [Fact]
    public async Task List_cmdlets_create_find_change_clear_and_remove()
    {
        await using var host = await StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $list = New-GenesysContactList -Name 'May leads' -Column LeadId,Name -PhoneColumn Mobile:cell,Home:home -EmailColumn Email
            $list
            Get-GenesysContactList -Name 'May*'
            Set-GenesysContactList -ContactList 'May leads' -NewName 'Leads 2026-05' -PassThru
            Get-GenesysContactList -Name 'Leads 2026-05' | Clear-GenesysContactList -Force
            Remove-GenesysContactList -ContactList 'Leads 2026-05' -WhatIf
            Get-GenesysContactList -Name 'nope'", host.Variables());

        var error = result.SingleError();
        Assert.Equal("ContactListNotFound," + Cmd + "GetGenesysContactListCommand", error.FullyQualifiedErrorId);
        Assert.Equal(3, result.Output.Count);
        var created = result.Output[0];
        Assert.Equal("GenesysSync.GenesysContactList", created.TypeNames[0]);
        Assert.Equal(new[] { "LeadId", "Name", "Mobile", "Home", "Email" }, (string[])created.Properties["Columns"].Value);
        Assert.Equal(new[] { "Mobile:cell", "Home:home" }, (string[])created.Properties["PhoneColumns"].Value);
        Assert.Equal(0L, result.Output[1].Properties["Size"].Value);
        Assert.Equal(2, result.Output[2].Properties["Version"].Value);
        var stored = Assert.Single(host.Org.Outbound().ContactLists);
        Assert.Equal("Leads 2026-05", stored.Name); // -WhatIf kept it
        Assert.Equal(new[] { "Mobile", "Home" }, stored.PhoneColumns);

        result = PowerShellRun.Invoke(EmulatorHost.Connect + "Remove-GenesysContactList -ContactList 'Leads 2026-05' -Force", host.Variables());
        result.AssertNoErrors();
        Assert.Equal(0, host.Org.Outbound().ContactListCount);
    }

    [Fact]
    public async Task Add_shards_by_the_cap_and_a_rerun_changes_nothing()
    {
        await using var host = await StartAsync();
        var first = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + Rows(1, 2500) + " | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId -MaxContactsPerList 1000", host.Variables());
        first.AssertNoErrors();
        Assert.Equal(2500, first.Output.Count);
        Assert.All(first.Output, o => Assert.Equal("Added", o.Properties["Action"].Value));
        Assert.Equal(new[] { ("Leads", 1000), ("Leads-001", 1000), ("Leads-002", 500) }, host.Org.Outbound().ContactLists.Select(l => (l.Name, l.Size)));
        var home = Homes(host);
        Assert.Equal(2500, home.Count);
        Assert.All(first.Output, o => Assert.Equal(home[(string)o.Properties["LeadId"].Value], o.Properties["ContactList"].Value));
        Assert.Equal("+14155550042", host.Org.Outbound().Find("Leads")!.Contact("L42")!["Phone"]);
        var summary = first.Information.Single(i => i.Tags.Contains("GenesysContactListLoadSummary")).MessageData;
        Assert.Equal(new[] { "Leads-001", "Leads-002" }, (string[])PSObject.AsPSObject(summary).Properties["ListsCreated"].Value);
        var adds = host.Org.Stats.Count(AddRoute);
        Assert.Equal(3, adds);

        var again = PowerShellRun.Invoke(EmulatorHost.Connect + Rows(1, 2500) + " | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId -MaxContactsPerList 1000", host.Variables());
        again.AssertNoErrors();
        Assert.All(again.Output, o => Assert.Equal("Unchanged", o.Properties["Action"].Value));
        Assert.Equal(adds, host.Org.Stats.Count(AddRoute));
        Assert.Equal(new[] { 1000, 1000, 500 }, host.Org.Outbound().ContactLists.Select(l => l.Size));

        var more = PowerShellRun.Invoke(EmulatorHost.Connect + Rows(2001, 3200) + " | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId -MaxContactsPerList 1000", host.Variables());
        more.AssertNoErrors();
        Assert.Equal(500, more.Output.Count(o => (string)o.Properties["Action"].Value == "Unchanged"));
        Assert.Equal(700, more.Output.Count(o => (string)o.Properties["Action"].Value == "Added"));
        Assert.Equal(new[] { ("Leads", 1000), ("Leads-001", 1000), ("Leads-002", 1000), ("Leads-003", 200) }, host.Org.Outbound().ContactLists.Select(l => (l.Name, l.Size)));
        Assert.Equal(3200, Homes(host).Count);
    }

    [Fact]
    public async Task Invalid_rows_from_a_file_each_get_one_error()
    {
        await using var host = await StartAsync();
        var csv = WriteFile("leads.csv", "LeadId,Name,Phone,Email\r\n" +
            "A1,Ann,4155550101,ann@example.com\r\n" +
            ",No id,4155550102,x@example.com\r\n" +
            "A1,Ann again,4155550103,ann2@example.com\r\n" +
            "A4,Bad phone,12,d@example.com\r\n" +
            "A5,Bad mail,4155550105,not-mail\r\n" +
            $"A6,{new string('x', 600)},4155550106,f@example.com\r\n" +
            "A7,Short row,4155550107\r\n" +
            "A8,Fine,+44 20 7946 0958,h@example.com\r\n");
        var variables = host.Variables();
        variables["csv"] = csv;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + "Add-GenesysContactListContact -ContactList Leads -Path $csv -IdColumn LeadId -DefaultRegion US", variables);

        Assert.Null(result.Terminating);
        Assert.Equal(8, result.Output.Count);
        Assert.Equal(new[] { "MissingLeadId", "DuplicateLeadId", "InvalidPhone", "InvalidEmail", "CellTooLong", "RaggedRow" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, e => Assert.EndsWith(Cmd + "AddGenesysContactListContactCommand", e.FullyQualifiedErrorId));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7 }, result.Output.Where(o => (string)o.Properties["Action"].Value == "Failed").Select(o => (int)o.Properties["RowNumber"].Value));
        var list = host.Org.Outbound().Find("Leads")!;
        Assert.Equal(new[] { "A1", "A8" }, list.Contacts.Select(c => c.Id));
        Assert.Equal("+442079460958", list.Contact("A8")!["Phone"]);
        Assert.DoesNotContain(new string('x', 600), string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete >= 0 && p.SecondsRemaining >= 0);
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public async Task WhatIf_plans_without_writing()
    {
        await using var host = await StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + Rows(1, 1200) + " | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId -MaxContactsPerList 1000 -WhatIf", host.Variables());
        result.AssertNoErrors();
        Assert.Equal(1200, result.Output.Count);
        Assert.All(result.Output, o => Assert.True((bool)o.Properties["WhatIf"].Value));
        Assert.Equal("Leads-001", result.Output.Last().Properties["ContactList"].Value);
        Assert.Equal(1, host.Org.Outbound().ContactListCount);
        Assert.Equal(0, host.Org.Outbound().ContactCount);
        Assert.Equal(0, host.Org.Stats.Count(AddRoute));
    }

    [Fact]
    public async Task Import_repairs_a_bom_header_shards_verifies_and_writes_a_safe_map()
    {
        await using var host = await StartAsync();
        var csv = WriteFile("leads.csv", LeadsCsv(1, 1500) + "@SUM(1),Formula,4155559999,z@example.com\r\n", bom: true);
        var variables = host.Variables();
        variables["csv"] = csv;
        variables["map"] = Path.Combine(_dir, "map.csv");
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + "Import-GenesysContactList -Path $csv -ContactList Leads -IdColumn LeadId -MapPath $map -MaxContactsPerList 1000", variables);

        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.Message.Contains("byte order mark"));
        Assert.Equal(new[] { ("Leads", "Imported", 1000L), ("Leads-001", "Imported", 501L) },
            result.Output.Select(o => ((string)o.Properties["ContactList"].Value, (string)o.Properties["State"].Value, (long)o.Properties["RowsSent"].Value)));
        Assert.Equal(new[] { 1000, 501 }, host.Org.Outbound().ContactLists.Select(l => l.Size));
        Assert.Equal(2, host.Org.Stats.Count(UploadRoute));
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);

        var map = File.ReadAllLines((string)variables["map"]!).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(1501, map.Count);
        var home = Homes(host);
        Assert.All(map, m => Assert.Equal(home[m[1].TrimStart('\'')], m[2]));
        Assert.Contains(map, m => m[0] == "'@SUM(1)" && m[1] == "'@SUM(1)");
        Assert.Equal(home.Keys.OrderBy(k => k), map.Select(m => m[1].TrimStart('\'')).OrderBy(k => k));
    }

    [Fact]
    public async Task Import_stops_on_too_many_columns_before_any_upload()
    {
        await using var host = await StartAsync();
        var header = "LeadId,Name,Phone,Email," + string.Join(",", Enumerable.Range(1, 47).Select(i => "X" + i));
        var variables = host.Variables();
        variables["csv"] = WriteFile("wide.csv", header + "\r\nL1,A,4155550101,a@example.com" + new string(',', 47) + "\r\n");
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + "Import-GenesysContactList -Path $csv -ContactList Leads -IdColumn LeadId", variables);
        var error = result.SingleError();
        Assert.Equal("ImportTooManyColumns," + Cmd + "ImportGenesysContactListCommand", error.FullyQualifiedErrorId);
        Assert.Contains("51 columns", error.Exception.Message);
        Assert.Equal(0, host.Org.Stats.Count(UploadRoute));
    }

    [Fact]
    public async Task Import_reports_rows_the_server_dropped()
    {
        await using var host = await StartAsync(o => o.Outbound.ImportRowsToDrop = 2);
        var variables = host.Variables();
        variables["csv"] = WriteFile("leads.csv", LeadsCsv(1, 30));
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + "Import-GenesysContactList -Path $csv -ContactList Leads -IdColumn LeadId", variables);

        var output = Assert.Single(result.Output);
        Assert.Equal("Shortfall", output.Properties["State"].Value);
        Assert.Equal(2L, output.Properties["Missing"].Value);
        Assert.Equal(new[] { "LeadNotImported", "LeadNotImported", "ContactListImportShortfall" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new object[] { "L29", "L30" }, result.Errors.Take(2).Select(e => e.TargetObject).OrderBy(t => t));
        Assert.Equal(28, host.Org.Outbound().Find("Leads")!.Size);
    }

    [Fact]
    public async Task Import_reports_a_failure_from_the_server()
    {
        await using var host = await StartAsync();
        var variables = host.Variables();
        variables["csv"] = WriteFile("leads.csv", LeadsCsv(1, 5));
        PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads, variables).AssertNoErrors();
        host.Org.Options.Outbound.MaxColumns = 3; // Genesys now refuses a 4-column file
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Import-GenesysContactList -Path $csv -ContactList Leads -IdColumn LeadId", variables);
        var error = result.SingleError();
        Assert.Equal("ContactListImportFailed," + Cmd + "ImportGenesysContactListCommand", error.FullyQualifiedErrorId);
        Assert.Contains("CONTACT_COLUMNS_LIMIT_EXCEEDED", error.Exception.Message);
        Assert.Equal("Failed", Assert.Single(result.Output).Properties["State"].Value);
        Assert.Equal(0, host.Org.Outbound().ContactCount);
    }

    [Fact]
    public async Task Export_writes_formula_safe_files_and_the_map_matches_what_was_loaded()
    {
        await using var host = await StartAsync();
        var variables = host.Variables();
        variables["safe"] = Path.Combine(_dir, "safe.csv");
        variables["raw"] = Path.Combine(_dir, "raw.csv");
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + NewLeads + Rows(1, 1100) + @" | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId -MaxContactsPerList 1000 | Out-Null
            $null = [pscustomobject]@{ LeadId = 'X1'; Name = '=HYPERLINK(""http://evil"")'; Phone = '4155550100' } | Add-GenesysContactListContact -ContactList Leads -IdColumn LeadId
            Get-GenesysContactList -Name 'Leads*' | Export-GenesysContactList -Path $safe
            Export-GenesysContactList -ContactList Leads -Path $raw -Raw
            Get-GenesysContactList -Name 'Leads*' | Export-GenesysContactList -AsMap -IdColumn LeadId", variables);

        result.AssertNoErrors();
        var files = result.Output.Take(3).ToList();
        Assert.Equal(new[] { 1000L, 101L, 1000L }, files.Select(f => (long)f.Properties["Rows"].Value));
        var safe = File.ReadAllLines((string)variables["safe"]!);
        Assert.Equal(1102, safe.Length);
        Assert.StartsWith("inin-outbound-id,LeadId,Name,Phone,Email", safe[0]);
        Assert.Contains(safe, l => l.StartsWith("L42,L42,Lead 42,'+14155550042,", StringComparison.Ordinal));
        Assert.Contains(safe, l => l.StartsWith("X1,X1,\"'=HYPERLINK(\"\"http://evil\"\")\",'+14155550100", StringComparison.Ordinal));
        var raw = File.ReadAllLines((string)variables["raw"]!);
        Assert.Contains(raw, l => l.StartsWith("L42,L42,Lead 42,+14155550042,", StringComparison.Ordinal));

        var map = result.Output.Skip(3).ToList();
        Assert.Equal(1101, map.Count);
        Assert.Equal("GenesysSync.GenesysContactListMapEntry", map[0].TypeNames[0]);
        var home = Homes(host);
        Assert.Equal(home.OrderBy(h => h.Key), map.Select(m => KeyValuePair.Create((string)m.Properties["ContactId"].Value, (string)m.Properties["ContactList"].Value)).OrderBy(h => h.Key));
        Assert.All(map, m => Assert.Equal(m.Properties["LeadId"].Value, m.Properties["ContactId"].Value));
    }

    [Fact]
    public async Task An_unknown_list_stops_the_load()
    {
        await using var host = await StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + Rows(1, 3) + " | Add-GenesysContactListContact -ContactList Nope -IdColumn LeadId", host.Variables());
        Assert.Equal("ContactListNotFound," + Cmd + "AddGenesysContactListContactCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }
}
