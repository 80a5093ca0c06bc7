using System.Management.Automation;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

public class ExternalContactCmdletTests
{
    private static async Task<(EmulatorHost Emulator, string Id)> SeedAsync()
    {
        var emulator = await EmulatorHost.StartAsync();
        var contact = await emulator.SeedContactAsync(new
        {
            firstName = "Ada",
            lastName = "Lovelace",
            workEmail = "ada@example.com",
            cellPhone = new { display = "+14155552671" },
        });
        return (emulator, (string)contact["id"]!);
    }

    [Fact]
    public async Task GetByIdReturnsAFlatTypedContact()
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysExternalContact -Id $id", With(emulator, id));
        result.AssertNoErrors();
        var contact = result.Output.Single();
        Assert.Equal("GenesysSync.GenesysExternalContact", contact.TypeNames[0]);
        Assert.Equal(id, contact.Properties["Id"].Value);
        Assert.Equal("ada@example.com", contact.Properties["WorkEmail"].Value);
        Assert.Equal("+14155552671", contact.Properties["CellPhone"].Value);
        Assert.Contains("\"workEmail\":\"ada@example.com\"", (string)contact.Properties["Raw"].Value);
    }

    [Fact]
    public async Task UnknownIdIsNonTerminatingAndThePipelineGoesOn()
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "'00000000-0000-0000-0000-000000000000', $id | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Get-GenesysExternalContact", With(emulator, id));
        Assert.Null(result.Terminating);
        Assert.Equal("ExternalContactNotFound,GenesysSync.Commands.ExternalContacts.GetGenesysExternalContactCommand", result.Errors.Single().FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors.Single().CategoryInfo.Category);
        Assert.Equal(id, result.Output.Single().Properties["Id"].Value);
    }

    [Theory]
    [InlineData("-Phone '(415) 555-2671'")]
    [InlineData("-Phone '415.555.2671' -DefaultRegion US")]
    [InlineData("-Email 'ADA@Example.com'")]
    [InlineData("-Search 'Lovelace'")]
    [InlineData("-All")]
    public async Task LookupsFindTheContact(string parameters)
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysExternalContact " + parameters, With(emulator, id));
        result.AssertNoErrors();
        Assert.Equal(id, result.Output.Single().Properties["Id"].Value);
    }

    [Fact]
    public async Task UnparseablePhoneIsAClearErrorWithoutARequest()
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysExternalContact -Phone 'call me maybe'", With(emulator, id));
        var error = result.SingleError();
        Assert.StartsWith("InvalidPhoneNumber,", error.FullyQualifiedErrorId);
        Assert.Contains("-Phone", error.Exception.Message);
        Assert.Equal(0, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/identifierlookup/contacts"));
    }

    [Fact]
    public async Task ExternalIdLookupUsesTheNamedSource()
    {
        var (emulator, _) = await SeedAsync();
        await using var __ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $source = New-GenesysExternalSource -Name 'CRM'
            $source
            Get-GenesysExternalSource -Name 'CR*'
            Get-GenesysExternalContact -ExternalId 'X-1' -ExternalSource 'NoSuchSource'", With(emulator, ""));
        Assert.Equal(2, result.Output.Count);
        Assert.Equal("CRM", result.Output[1].Properties["Name"].Value);
        Assert.Equal("ExternalSourceNotFound,GenesysSync.Commands.ExternalContacts.GetGenesysExternalContactCommand", result.Errors.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public async Task RemoveHonoursWhatIfAndForce()
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            Get-GenesysExternalContact -Id $id | Remove-GenesysExternalContact -WhatIf -Force
            @(Get-GenesysExternalContact -All).Count
            Get-GenesysExternalContact -Id $id | Remove-GenesysExternalContact -Force
            @(Get-GenesysExternalContact -All).Count", With(emulator, id));
        result.AssertNoErrors();
        Assert.Equal(new object[] { 1, 0 }, result.Output.Select(o => o.BaseObject).ToArray());
        Assert.Empty(emulator.Org.ExternalContacts);
    }

    [Fact]
    public async Task VerboseShowsRoutesButNeverTokensOrBodies()
    {
        var (emulator, id) = await SeedAsync();
        await using var _ = emulator;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Get-GenesysExternalContact -Id $id -Verbose", With(emulator, id));
        result.AssertNoErrors();
        var verbose = string.Join("\n", result.Verbose.Select(v => v.Message));
        Assert.Contains("GET /api/v2/externalcontacts/contacts/{id}", verbose);
        Assert.Contains("200", verbose);
        Assert.DoesNotContain("ada@example.com", verbose);
        Assert.DoesNotContain("Bearer", verbose);
        Assert.DoesNotContain(EmulatorHost.ClientSecret, result.AllText());
    }

    private static Dictionary<string, object?> With(EmulatorHost emulator, string id)
    {
        var variables = emulator.Variables();
        variables["id"] = id;
        return variables;
    }
}

public class ExternalContactWriteCmdletTests
{
    [Fact]
    public async Task NewNormalizesAndAttachesTheExternalId()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            New-GenesysExternalContact -FirstName Alan -LastName Turing -WorkEmail ' Alan@Example.CO.UK ' -CellPhone '020 7946 0958' -DefaultRegion GB -ExternalId CRM-42 -ExternalSource Salesforce
            Get-GenesysExternalContact -ExternalId CRM-42 -ExternalSource Salesforce", emulator.Variables());
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(result.Output[0].Properties["Id"].Value, result.Output[1].Properties["Id"].Value);
        var stored = emulator.Org.ExternalContacts.Single();
        Assert.Equal("+442079460958", (string?)stored["cellPhone"]!["e164"]);
        Assert.Equal("Alan@example.co.uk", (string?)stored["workEmail"]);
        Assert.Equal("CRM-42", (string?)stored["externalIds"]![0]!["value"]);
    }

    [Fact]
    public async Task BadValuesAreNamedPerItemAndOtherItemsGoOn()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            @(
                [pscustomobject]@{ FirstName = 'Ok'; WorkEmail = 'ok@example.com' }
                [pscustomobject]@{ FirstName = 'BadMail'; WorkEmail = 'nope@' }
                [pscustomobject]@{ FirstName = 'BadPhone'; CellPhone = 'not a number' }
                [pscustomobject]@{ FirstName = ('x' * 1001) }
            ) | New-GenesysExternalContact", emulator.Variables());
        Assert.Single(result.Output);
        var ids = result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();
        Assert.Equal(new[] { "InvalidEmail", "InvalidPhoneNumber", "FieldTooLong" }, ids);
        Assert.Contains("workEmail", result.Errors[0].Exception.Message);
        Assert.Contains("cellPhone", result.Errors[1].Exception.Message);
        Assert.Contains("firstName", result.Errors[2].Exception.Message);
        Assert.DoesNotContain("nope@", result.Errors[0].Exception.Message);
        Assert.Single(emulator.Org.ExternalContacts);
    }

    [Fact]
    public async Task SetMergesFieldsAndPatchChangesPaths()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var seeded = await emulator.SeedContactAsync(new { firstName = "Grace", lastName = "Hopper", title = "Admiral", workEmail = "grace@example.com" });
        var variables = emulator.Variables();
        variables["id"] = (string)seeded["id"]!;
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            Set-GenesysExternalContact -Id $id -Title 'Rear Admiral' -CellPhone '+1 212 555 0143' -WhatIf
            Get-GenesysExternalContact -Id $id | Set-GenesysExternalContact -Title 'Rear Admiral' -CellPhone '+1 212 555 0143'
            Set-GenesysExternalContact -Id $id -Changes @{ 'address.city' = 'New York' }", variables);
        result.AssertNoErrors();
        var stored = emulator.Org.ExternalContacts.Single();
        Assert.Equal("Rear Admiral", (string?)stored["title"]);
        Assert.Equal("Hopper", (string?)stored["lastName"]); // untouched fields survive the PUT
        Assert.Equal("+12125550143", (string?)stored["cellPhone"]!["e164"]);
        Assert.Equal("New York", (string?)stored["address"]!["city"]);
        Assert.Equal(1, emulator.Org.Stats.Count("PUT /api/v2/externalcontacts/contacts/{contactId}"));
    }

    [Fact]
    public async Task SetOnAnUnknownIdIsNotFound()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Set-GenesysExternalContact -Id 00000000-0000-0000-0000-000000000001 -Title x", emulator.Variables());
        Assert.StartsWith("ExternalContactNotFound,", result.SingleError().FullyQualifiedErrorId);
    }
}
