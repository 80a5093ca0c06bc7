using System.Management.Automation;
using System.Text;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

/// <summary>
/// Files as users really have them, through -Path against the sandbox org: every bad row gets its own result naming the
/// row and the reason, and every other row still goes through.
/// </summary>
public sealed class MessyFileCmdletTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-messy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    private Dictionary<string, object?> Vars(string csv) => new() { ["csv"] = csv, ["dir"] = _dir };

    private static List<PSObject> Results(PowerShellResult result, string type) =>
        result.Output.Where(o => o.TypeNames[0] == type).ToList();

    private static Dictionary<int, PSObject> SyncRows(PowerShellResult result) =>
        Results(result, "GenesysSync.GenesysSyncResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);

    private static string? Prop(PSObject o, string name) => o.Properties[name].Value?.ToString();

    private const string ListAndLeads = "Connect-GenesysCloud -Sandbox | Out-Null\n" +
        "$list = New-GenesysContactList -Name Leads -Column LeadId,Name,Mobile -PhoneColumn Mobile\n";

    [Fact]
    public void A_ragged_rows_extra_fields_survive_in_the_failed_rows_file_and_keep_it_failing_until_fixed()
    {
        var csv = WriteFile("ragged.csv",
            "CrmId,First Name,Last Name,City\r\n" +
            "C1,Ann,Lee,Oslo\r\n" +
            "C2,Bob,Smith, Jr.,Paris\r\n" +       // an unquoted comma: five fields, values shifted
            "C3,Cy,Wu,Rome\r\n");
        var failed = Path.Combine(_dir, "failed.csv");
        var failedAgain = Path.Combine(_dir, "failed-again.csv");
        var fixedFile = Path.Combine(_dir, "fixed.csv");
        var vars = Vars(csv);
        vars["failed"] = failed;
        vars["failedAgain"] = failedAgain;
        vars["fixed"] = fixedFile;
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Sandbox | Out-Null\n" +
            "$null = Sync-GenesysExternalContact -Path $csv -Key CrmId -FailedPath $failed\n" +
            // The failed-rows file run again as it is: the row must not go through with its values shifted.
            "$again = Sync-GenesysExternalContact -Path $failed -Key CrmId -FailedPath $failedAgain\n" +
            "$again.Action + ':' + $again.ErrorCode\n" +
            "@(Get-GenesysExternalContact -All).Count\n" +
            "[IO.File]::WriteAllText($fixed, \"CrmId,First Name,Last Name,City,SyncExtraField1,SyncErrorCode,SyncError`r`nC2,Bob,`\"Smith, Jr.`\",Paris,,RaggedRow,x`r`n\")\n" +
            "$fixedRun = Sync-GenesysExternalContact -Path $fixed -Key CrmId\n" +
            "$fixedRun.Action\n" +
            "(Get-GenesysExternalContact -All | Where-Object LastName -eq 'Smith, Jr.').City", vars);

        Assert.Null(result.Terminating);
        var text = File.ReadAllText(failed);
        Assert.StartsWith("CrmId,First Name,Last Name,City,SyncExtraField1,SyncErrorCode,SyncError", text);
        Assert.Contains("C2,Bob,Smith, Jr.,Paris,RaggedRow,", text.Replace("\"", ""));
        var outputs = result.Output.Select(o => o.BaseObject?.ToString()).ToList();
        Assert.Equal("Failed:RaggedRow", outputs[0]);
        Assert.Equal("2", outputs[1]);
        Assert.Contains("Paris", File.ReadAllText(failedAgain)); // still not lost
        Assert.Equal("Created", outputs[2]);
        Assert.Equal("Paris", outputs[3]);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("SyncExtraField"));
    }

    [Fact]
    public void Sync_an_unclosed_quote_fails_its_row_and_the_rows_after_it_are_synced()
    {
        var csv = WriteFile("unclosed.csv",
            "CrmId,First Name,Email\r\n" +
            "C1,Ann,ann@example.com\r\n" +
            "C2,\"Bob,bob@example.com\r\n" +
            "C3,Cy,cy@example.com\r\n" +
            "C4,Di,di@example.com\r\n");
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Sandbox | Out-Null\n" +
            "Sync-GenesysExternalContact -Path $csv -Key CrmId\n" +
            "@(Get-GenesysExternalContact -All).Count", Vars(csv));

        Assert.Null(result.Terminating);
        var rows = SyncRows(result);
        Assert.Equal(4, rows.Count);
        Assert.Equal("Failed", Prop(rows[2], "Action"));
        Assert.Equal("RaggedRow", Prop(rows[2], "ErrorCode"));
        Assert.Equal("C2", Prop(rows[2], "Key"));
        Assert.StartsWith("Row 2 (line 3) has a quote that is not closed", Prop(rows[2], "Message"));
        Assert.DoesNotContain("bob@", Prop(rows[2], "Message"));
        Assert.Equal(new[] { "Created", "Created", "Created" }, new[] { rows[1], rows[3], rows[4] }.Select(r => Prop(r, "Action")));
        Assert.Equal(3, result.Output.Last().BaseObject);
    }

    [Fact]
    public void Add_an_unclosed_quote_fails_its_row_and_the_rows_after_it_are_loaded()
    {
        var csv = WriteFile("unclosed-leads.csv",
            "LeadId,Name,Mobile\n" +
            "L1,Ann,(415) 555-0101\n" +
            "L2,\"Bob,(415) 555-0102\n" +
            "L3,Cy,(415) 555-0103\n");
        var result = PowerShellRun.Invoke(ListAndLeads +
            "Add-GenesysContactListContact -ContactList $list -Path $csv -IdColumn LeadId -ErrorAction SilentlyContinue\n" +
            "(Get-GenesysContactList -Name Leads).Size", Vars(csv));

        Assert.Null(result.Terminating);
        var rows = Results(result, "GenesysSync.GenesysContactListLoadResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("Failed", "RaggedRow", "L2"), (Prop(rows[2], "Action"), Prop(rows[2], "ErrorCode"), Prop(rows[2], "LeadId")));
        Assert.Equal("Added", Prop(rows[3], "Action"));
        Assert.Equal(2L, Convert.ToInt64(result.Output.Last().BaseObject));
    }

    [Fact]
    public void Excel_sep_line_is_read_as_the_delimiter_not_as_the_header()
    {
        var csv = WriteFile("sep.csv", "sep=;\r\nLeadId;Name;Mobile\r\nL1;Ann;(415) 555-0101\r\n");
        var result = PowerShellRun.Invoke(ListAndLeads +
            "Add-GenesysContactListContact -ContactList $list -Path $csv -IdColumn LeadId\n" +
            "Sync-GenesysExternalContact -Path $csv -Key LeadId", Vars(csv));

        result.AssertNoErrors();
        Assert.Equal("Added", Prop(Results(result, "GenesysSync.GenesysContactListLoadResult").Single(), "Action"));
        Assert.Equal("Created", Prop(SyncRows(result)[1], "Action"));
    }

    [Fact]
    public void Local_phone_numbers_fail_with_the_reason_and_NUL_padding_is_not_sent()
    {
        var csv = WriteFile("phones.csv",
            "LeadId,Name,Mobile\r\n" +
            "L1,Ann,555-1234\r\n" +
            "L2,B\0ob\0,(415) 555-0102\r\n" +
            "L3,Cy,n/a\r\n");
        var result = PowerShellRun.Invoke(ListAndLeads +
            "Add-GenesysContactListContact -ContactList $list -Path $csv -IdColumn LeadId -ErrorAction SilentlyContinue\n" +
            "Sync-GenesysExternalContact -Path $csv -Key LeadId -Map @{ firstName = 'Name'; cellPhone = 'Mobile' }\n" +
            "$null = Export-GenesysContactList -ContactList $list -Path ($dir + '/export.csv')\n" +
            "[IO.File]::ReadAllText($dir + '/export.csv')\n" +
            "Get-GenesysExternalContact -All | ForEach-Object FirstName", Vars(csv));

        Assert.Null(result.Terminating);
        var leads = Results(result, "GenesysSync.GenesysContactListLoadResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        Assert.Equal(("Failed", "InvalidPhone"), (Prop(leads[1], "Action"), Prop(leads[1], "ErrorCode")));
        Assert.Contains("Row 1: column 'Mobile' is a local number without its area code", Prop(leads[1], "Message"));
        Assert.Equal("Added", Prop(leads[2], "Action"));
        Assert.Contains("has no digits", Prop(leads[3], "Message"));
        var contacts = SyncRows(result);
        Assert.Equal(("Failed", "InvalidPhone"), (Prop(contacts[1], "Action"), Prop(contacts[1], "ErrorCode")));
        Assert.Contains("cellPhone is a local number without its area code", Prop(contacts[1], "Message"));
        Assert.Equal("Created", Prop(contacts[2], "Action"));

        var export = result.Output.Select(o => o.BaseObject).OfType<string>().Single(s => s.Contains("L2"));
        Assert.False(export.Contains('\0'), "a NUL was sent");
        Assert.Contains(",Bob,", export);
        Assert.DoesNotContain("555-1234", export);
        Assert.Equal("Bob", result.Output.Last().BaseObject);
    }

    [Fact]
    public void Ids_Excel_turned_into_scientific_notation_fail_instead_of_colliding()
    {
        var csv = WriteFile("excel-ids.csv",
            "LeadId,Name,Mobile\r\n" +
            "1.23457E+11,Ann,(415) 555-0101\r\n" +
            "1.23457E+11,Bob,(415) 555-0102\r\n" +
            "00123,Cy,(415) 555-0103\r\n");
        var result = PowerShellRun.Invoke(ListAndLeads +
            "Add-GenesysContactListContact -ContactList $list -Path $csv -IdColumn LeadId -ErrorAction SilentlyContinue\n" +
            "Sync-GenesysExternalContact -Path $csv -Key LeadId -ErrorAction SilentlyContinue\n" +
            "Get-GenesysExternalContact -All | ForEach-Object { $_.ExternalIds -join ',' }", Vars(csv));

        Assert.Null(result.Terminating);
        var leads = Results(result, "GenesysSync.GenesysContactListLoadResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        foreach (var row in new[] { 1, 2 })
        {
            Assert.Equal(("Failed", "InvalidLeadId"), (Prop(leads[row], "Action"), Prop(leads[row], "ErrorCode")));
            Assert.Contains("scientific notation", Prop(leads[row], "Message"));
        }
        Assert.Equal(("Added", "00123"), (Prop(leads[3], "Action"), Prop(leads[3], "ContactId")));

        var contacts = SyncRows(result);
        foreach (var row in new[] { 1, 2 })
        {
            Assert.Equal(("Failed", "InvalidKey"), (Prop(contacts[row], "Action"), Prop(contacts[row], "ErrorCode")));
            Assert.Contains($"Row {row}: the key in column 'LeadId' is a number in scientific notation", Prop(contacts[row], "Message"));
        }
        Assert.Equal("Created", Prop(contacts[3], "Action"));
        Assert.Equal("00123", result.Output.Last().BaseObject);
    }

    [Theory]
    [InlineData("Sync-GenesysExternalContact -Path $csv -Key LeadId", "SyncGenesysExternalContactCommand")]
    [InlineData("Add-GenesysContactListContact -ContactList $list -Path $csv -IdColumn LeadId", "ContactLists.AddGenesysContactListContactCommand")]
    [InlineData("Import-GenesysContactList -ContactList $list -Path $csv -IdColumn LeadId", "ContactLists.ImportGenesysContactListCommand")]
    public void Unusable_files_stop_with_a_stable_error_id_and_a_clear_message(string command, string cmdlet)
    {
        string Run(string path)
        {
            var result = PowerShellRun.Invoke(ListAndLeads + "try { " + command + " } catch { $_ }", Vars(path));
            var error = result.Terminating?.ErrorRecord ?? result.Errors.FirstOrDefault()
                ?? result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().First();
            Assert.EndsWith(cmdlet, error.FullyQualifiedErrorId);
            Assert.Empty(Results(result, "GenesysSync.GenesysContactListLoadResult"));
            return error.FullyQualifiedErrorId.Split(',')[0] + ": " + error.Exception.Message;
        }

        var empty = Run(WriteFile("empty.csv", ""));
        Assert.DoesNotContain(".", empty.Split(':')[0]); // a stable id, not an exception type name
        Assert.Contains("empty", empty);
        var bomOnly = Run(WriteFile("bom.csv", "\uFEFF", new UTF8Encoding(true)));
        Assert.Contains("empty", bomOnly);
        var twice = Run(WriteFile("twice.csv", "LeadId,Name,name\nL1,Ann,Ann\n"));
        Assert.StartsWith("InputFileUnreadable: The column name 'name' appears twice", twice);
        var folder = Run(_dir);
        Assert.StartsWith("InputFileNotFound: ", folder);
        Assert.Contains("is a folder", folder);
    }
}
