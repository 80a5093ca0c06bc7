using System.Management.Automation;
using System.Net.Http.Headers;
using System.Text;
using GenesysSync.Emulator;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>The DNC-list cmdlets through the hosted engine against the emulator over HTTP.</summary>
public sealed class DncCmdletTests : IDisposable
{
    private const string PhoneNumbers = "POST /api/v2/outbound/dnclists/{dncListId}/phonenumbers";
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-dnc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<PSObject> Results(PowerShellResult result) =>
        result.Output.Where(o => o.TypeNames[0] == "GenesysSync.GenesysDncEntryResult").ToList();

    private static string P(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? "";

    [Fact]
    public async Task EntriesFromPipelineObjectsAndAFileLandInTheListInBatches()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = Path.Combine(_dir, "optouts.csv");
        File.WriteAllText(csv, "LeadId;Mobile\nL1;(415) 555-2671\nL2;+1 212 555 0143\nL3;call me\nL4;415.555.2671\nL5;\nL6;+47 22 12 34 56\n", new UTF8Encoding(false));
        var variables = emulator.Variables();
        variables["csv"] = csv;

        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $list = New-GenesysDncList -Name 'Opt-outs'
            '+14155550100', '+14155550101' | Add-GenesysDncListEntry -DncList $list
            [pscustomobject]@{ Name = 'x'; Phone = '+1 415 555 0102' } | Add-GenesysDncListEntry -DncList 'Opt-outs'
            Add-GenesysDncListEntry 'Opt-outs' -Path $csv -Column Mobile -BatchSize 2
            Get-GenesysDncList -Name 'Opt-*'", variables);
        Assert.Null(result.Terminating);

        var list = emulator.Org.Dnc().Find("Opt-outs");
        Assert.NotNull(list);
        Assert.Equal(new[] { "+12125550143", "+14155550100", "+14155550101", "+14155550102", "+14155552671", "+4722123456" }, list!.PhoneNumbers);

        var rows = Results(result);
        Assert.Equal(9, rows.Count); // one result per input row
        var file = rows.Skip(3).ToList();
        Assert.Equal(new[] { "Added", "Added", "Failed", "Skipped", "Failed", "Added" }, file.Select(r => P(r, "Action")));
        Assert.Equal("InvalidPhone", P(file[2], "ErrorCode"));
        Assert.Equal("DuplicatePhoneNumber", P(file[3], "ErrorCode"));
        Assert.Equal("MissingPhoneNumber", P(file[4], "ErrorCode"));
        Assert.Equal("L3", ((PSObject)file[2].Properties["InputObject"].Value).Properties["LeadId"].Value);
        Assert.Equal(2, result.Errors.Count); // the two unreadable rows
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidPhone"));
        // 1 request for the two strings, 1 for the object, 2 for the file's three valid numbers at -BatchSize 2.
        Assert.Equal(4, emulator.Org.Stats.Count(PhoneNumbers));

        var shown = result.Output.Single(o => o.TypeNames[0] == "GenesysSync.GenesysDncList");
        Assert.Equal(6L, shown.Properties["Size"].Value);
        Assert.Equal(true, shown.Properties["IsInternal"].Value);
    }

    [Fact]
    public async Task PipelineValuesAreReadAsTheSyncReadsThemAndSeveralValuesFailOnlyTheirItem()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $null = New-GenesysDncList -Name 'Opt-outs'
            @(
                [pscustomobject]@{ Name = 'one'; Phone = @('+1 415 555 0100') }
                [pscustomobject]@{ Name = 'two'; Phone = @('+1 415 555 0101', '+1 415 555 0102') }
                [pscustomobject]@{ Name = 'nested'; Phone = @{ Work = '+1 415 555 0103' } }
                [pscustomobject]@{ Name = 'after'; Phone = '+1 415 555 0104' }
            ) | Add-GenesysDncListEntry -DncList 'Opt-outs'
            Add-GenesysDncListEntry 'Opt-outs' -InputObject @('+1 415 555 0105')
            Add-GenesysDncListEntry 'Opt-outs' -InputObject @('+1 415 555 0106', '+1 415 555 0107')", emulator.Variables());
        Assert.Null(result.Terminating);

        Assert.Equal(new[] { "+14155550100", "+14155550104", "+14155550105" }, emulator.Org.Dnc().Find("Opt-outs")!.PhoneNumbers);
        var rows = Results(result);
        // One result per item: a failed row's at once, the added rows' when their request went.
        Assert.Equal(new[] { "2:Failed:NotAValue", "3:Failed:NotAValue", "1:Added:", "4:Added:", "1:Added:", "1:Failed:NotAValue" },
            rows.Select(r => P(r, "RowNumber") + ":" + P(r, "Action") + ":" + P(r, "ErrorCode")));
        Assert.Equal("+14155550100", P(rows[2], "PhoneNumber"));
        Assert.Equal("two", ((PSObject)rows[0].Properties["InputObject"].Value).Properties["Name"].Value);

        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("NotAValue,", e.FullyQualifiedErrorId));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        var messages = result.Errors.Select(e => e.Exception.Message).ToList();
        Assert.Equal("Row 2: column 'Phone' (the phone number) holds 2 values; give one value.", messages[0]);
        Assert.Equal("Row 3: column 'Phone' (the phone number) holds an object, not a value; give one value.", messages[1]);
        Assert.Equal("Row 1: the input holds 2 values; give one phone number.", messages[2]);
        // Named by row and property, never by value: no number of the failed items appears in any error.
        Assert.All(result.Errors, e => Assert.DoesNotMatch("555|0101|0102|0103|0106|0107", e.ToString() + e.ErrorDetails?.Message));
    }

    [Fact]
    public async Task WhatIfSendsNothingRemoveUnblocksAndAllEmptiesTheList()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $null = New-GenesysDncList -Name 'Opt-outs'
            $plan = Add-GenesysDncListEntry 'Opt-outs' -PhoneNumber '+14155550100' -WhatIf
            $null = Add-GenesysDncListEntry 'Opt-outs' -PhoneNumber '+14155550100', '+14155550101', '+14155550102'
            $removed = Remove-GenesysDncListEntry 'Opt-outs' -PhoneNumber '(415) 555-0101' -Force
            $plan; $removed", emulator.Variables());
        result.AssertNoErrors();
        var rows = Results(result);
        Assert.True((bool)rows[0].Properties["WhatIf"].Value);
        Assert.Equal("Removed", P(rows[1], "Action"));
        Assert.Equal("+14155550101", P(rows[1], "PhoneNumber"));
        Assert.Equal(new[] { "+14155550100", "+14155550102" }, emulator.Org.Dnc().Find("Opt-outs")!.PhoneNumbers);

        var cleared = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            Remove-GenesysDncListEntry 'Opt-outs' -All -Force
            Remove-GenesysDncList 'Opt-outs' -WhatIf", emulator.Variables());
        cleared.AssertNoErrors();
        Assert.Equal(0, emulator.Org.Dnc().Find("Opt-outs")!.Size);

        var deleted = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysDncList -Name 'Opt-outs' | Remove-GenesysDncList -Force", emulator.Variables());
        deleted.AssertNoErrors();
        Assert.Null(emulator.Org.Dnc().Find("Opt-outs"));
    }

    [Fact]
    public async Task ARefusedRequestFailsItsRowsAndProviderListsAreRefusedUpFront()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.Dnc.MaxPhoneNumbersPerList = 3);
        using (var http = new HttpClient { BaseAddress = emulator.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Org.IssueToken(EmulatorHost.ClientId));
            var body = new StringContent("{\"name\":\"Provider\",\"dncSourceType\":\"gryphon\",\"licenseId\":\"L-1\"}", Encoding.UTF8, "application/json");
            Assert.True((await http.PostAsync("/api/v2/outbound/dnclists", body)).IsSuccessStatusCode);
        }
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $null = New-GenesysDncList -Name 'Small'
            Add-GenesysDncListEntry 'Small' -PhoneNumber '+14155550100', '+14155550101' -BatchSize 2
            Add-GenesysDncListEntry 'Small' -PhoneNumber '+14155550102', '+14155550103' -BatchSize 2", emulator.Variables());
        Assert.Null(result.Terminating);
        var rows = Results(result);
        Assert.Equal(new[] { "Added", "Added", "Failed", "Failed" }, rows.Select(r => P(r, "Action")));
        Assert.Equal("dnc.phone.numbers.per.list.limit.exceeded", P(rows[2], "ErrorCode"));
        Assert.Equal("400", P(rows[3], "HttpStatus"));
        Assert.Single(result.Errors); // one error for the refused request, not one per row
        Assert.Equal("DncListAddFailed,GenesysSync.Commands.Dnc.AddGenesysDncListEntryCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(2, emulator.Org.Dnc().Find("Small")!.Size);

        var provider = PowerShellRun.Invoke(EmulatorHost.Connect + "Add-GenesysDncListEntry 'Provider' -PhoneNumber '+14155550100'", emulator.Variables());
        Assert.Equal("DncListNotInternal,GenesysSync.Commands.Dnc.AddGenesysDncListEntryCommand", provider.SingleError().FullyQualifiedErrorId);
    }
}
