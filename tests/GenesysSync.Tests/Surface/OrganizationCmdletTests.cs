using System.Management.Automation;
using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Get-/New-/Set-/Remove-/Update-GenesysExternalOrganization and the trustor link, through the hosted engine.</summary>
public class OrganizationCmdletTests
{
    [Fact]
    public async Task NewNormalizesFieldsAndCreatesTheExternalIdSource()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, @"
            New-GenesysExternalOrganization -Name ' Acme Corp ' -Industry Manufacturing -Phone '(317) 555-0100' -City Indianapolis `
                -EmployeeCount 250 -Website 'https://acme.example' -Tag key,vip -ExternalId 'ACC-1' -ExternalSource 'CRM'
            New-GenesysExternalOrganization -Name 'Bad Phone' -Phone 'call me'
            New-GenesysExternalOrganization -Name 'Never' -WhatIf");
        var organization = Assert.Single(result.Output);
        Assert.Equal("GenesysSync.GenesysExternalOrganization", organization.TypeNames[0]);
        Assert.Equal("Acme Corp", Prop(organization, "Name"));
        Assert.Equal("+13175550100", Prop(organization, "Phone"));
        Assert.Equal(new[] { "key", "vip" }, (string[])Prop(organization, "Tags")!);
        Assert.Equal("ACC-1", Prop(PSObject.AsPSObject(((Array)Prop(organization, "ExternalIds")!).GetValue(0)!), "Value"));
        Assert.Equal("InvalidPhoneNumber,GenesysSync.Commands.Organizations.NewGenesysExternalOrganizationCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Single(emulator.Org.ExternalOrganizations);
        Assert.Equal("CRM", emulator.Org.ExternalSources.Single()["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetCoversEveryParameterSet()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var source = Id(await SourceAsync(emulator, "CRM"));
        var acme = await OrganizationAsync(emulator, new { name = "Acme", externalIds = new[] { new { externalSource = new { id = source }, value = "ACC-1" } } });
        var globex = await OrganizationAsync(emulator, new { name = "Globex" });
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "Lovelace", externalOrganization = new { id = Id(acme) } });
        await SurfaceSeed.PutAsync(emulator, "/api/v2/externalcontacts/organizations/" + Id(globex) + "/trustor/" + "11111111-2222-3333-4444-555555555555", new { });

        var result = Run(emulator, @"
            'byid', (Get-GenesysExternalOrganization -Id $acme).Name
            'search', (Get-GenesysExternalOrganization -Search 'glob').Name
            'all', @(Get-GenesysExternalOrganization -All).Count
            'extid', (Get-GenesysExternalOrganization -ExternalId 'ACC-1' -ExternalSource 'CRM').Name
            'trustor', (Get-GenesysExternalOrganization -TrustorId '11111111-2222-3333-4444-555555555555').TrustorId
            'contact', (Get-GenesysExternalContact -Id $contact | Get-GenesysExternalOrganization).Name
            'pipeid', ([pscustomobject]@{ ExternalOrganizationId = $globex } | Get-GenesysExternalOrganization -IncludeTrustor).TrustorId
            Get-GenesysExternalOrganization -Id 'nope', $globex | ForEach-Object Name",
            new Dictionary<string, object?> { ["acme"] = Id(acme), ["globex"] = Id(globex), ["contact"] = Id(contact) });
        var text = result.Output.Select(o => o?.ToString()).ToList();
        Assert.True(text.Count == 15, Dump(result));
        Assert.Equal(new[] { "byid", "Acme", "search", "Globex", "all", "2", "extid", "Acme", "trustor", "11111111-2222-3333-4444-555555555555",
            "contact", "Acme", "pipeid", "11111111-2222-3333-4444-555555555555", "Globex" }, text);
        var error = result.SingleError();
        Assert.Equal("ExternalOrganizationNotFound,GenesysSync.Commands.Organizations.GetGenesysExternalOrganizationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task SetMergesFieldsOrPatchesAndRemoveHonoursWhatIfAndForce()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Acme", industry = "Manufacturing", companyType = "Customer" });
        var result = Run(emulator, @"
            $set = Set-GenesysExternalOrganization -Id $id -Industry Retail -City Oslo
            $set.Industry; $set.CompanyType; $set.City
            $patched = Get-GenesysExternalOrganization -Id $id | Set-GenesysExternalOrganization -Changes @{ companyType = $null; 'address.postalCode' = '0150' }
            [string]$patched.CompanyType; $patched.PostalCode; $patched.City
            Set-GenesysExternalOrganization -Id 'missing' -Industry X
            Get-GenesysExternalOrganization -Id $id | Remove-GenesysExternalOrganization -WhatIf -Force
            @(Get-GenesysExternalOrganization -All).Count
            Get-GenesysExternalOrganization -Id $id | Remove-GenesysExternalOrganization -Force
            @(Get-GenesysExternalOrganization -All).Count",
            new Dictionary<string, object?> { ["id"] = Id(org) });
        Assert.Equal(new object[] { "Retail", "Customer", "Oslo", "", "0150", "Oslo", 1, 0 }, Values(result));
        Assert.Equal("ExternalOrganizationNotFound,GenesysSync.Commands.Organizations.SetGenesysExternalOrganizationCommand", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public async Task UpdateEnrichesOneOrManyRowsAndDryRunsStoreNothing()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, @"
            $r = Update-GenesysExternalOrganization -MatchExternalId 'ACC-1' -ExternalSource CRM -Name 'Acme' -DryRun
            $r.Outcome; $r.DryRun; $r.Id
            (Update-GenesysExternalOrganization -MatchExternalId 'ACC-1' -ExternalSource CRM -Name 'Acme' -Fields @{ industry = 'Retail'; phoneNumber = '317 555 0100' }).Outcome
            $u = Update-GenesysExternalOrganization -MatchExternalId 'ACC-1' -ExternalSource CRM -Fields @{ industry = 'Wholesale' }
            $u.Outcome; $u.Organization.Industry; $u.Organization.Name; $u.Organization.Phone
            Update-GenesysExternalOrganization -MatchExternalId 'ACC-1' -ExternalSource CRM -Name 'Again' -Action Insert
            $rows = [pscustomobject]@{ ExternalId = 'ACC-2'; name = 'Two'; industry = 'A' }, [pscustomobject]@{ ExternalId = 'ACC-3'; name = 'Three' }
            $rows | Update-GenesysExternalOrganization -ExternalSource CRM | ForEach-Object { $_.Outcome + ':' + $_.Organization.Name }");
        Assert.Equal(new object[] { "Created", true, "", "Created", "Updated", "Wholesale", "Acme", "+13175550100", "Created:Two", "Created:Three" },
            Values(result));
        Assert.Equal("ExternalOrganizationEnrichFailed,GenesysSync.Commands.Organizations.UpdateGenesysExternalOrganizationCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Equal(3, emulator.Org.ExternalOrganizations.Count);
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/organizations/enrich"));
    }

    [Fact]
    public async Task TrustorRegisterAndUnregister()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Partner" });
        var result = Run(emulator, @"
            $link = Get-GenesysExternalOrganization -Id $id | Register-GenesysExternalOrganizationTrustor -TrustorId '0f7d1c9e-2b1c-4a34-9f3e-8e7a6b5c4d3e'
            $link.TrustorId
            (Get-GenesysExternalOrganization -Id $id -IncludeTrustor).TrustorId
            Unregister-GenesysExternalOrganizationTrustor -OrganizationId $id
            [string](Get-GenesysExternalOrganization -Id $id -IncludeTrustor).TrustorId
            Unregister-GenesysExternalOrganizationTrustor -OrganizationId $id",
            new Dictionary<string, object?> { ["id"] = Id(org) });
        Assert.Equal(new object[] { "0f7d1c9e-2b1c-4a34-9f3e-8e7a6b5c4d3e", "0f7d1c9e-2b1c-4a34-9f3e-8e7a6b5c4d3e", "" }, Values(result));
        Assert.Equal("TrustorLinkNotFound,GenesysSync.Commands.Organizations.UnregisterGenesysExternalOrganizationTrustorCommand", result.SingleError().FullyQualifiedErrorId);
    }
}
