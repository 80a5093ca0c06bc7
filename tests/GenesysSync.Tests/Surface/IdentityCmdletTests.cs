using System.Management.Automation;
using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Identifiers, Find (whitepages and identifier lookup), Merge, Update (enrich), Approve, and Get-GenesysExternalContact's new sets.</summary>
public class IdentityCmdletTests
{
    [Fact]
    public async Task IdentifiersClaimListAndReleaseForContactsAndOrganizations()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var ada = await emulator.SeedContactAsync(new { firstName = "Ada" });
        var bob = await emulator.SeedContactAsync(new { firstName = "Bob" });
        var org = await OrganizationAsync(emulator, new { name = "Acme" });
        await SourceAsync(emulator, "CRM");
        var result = Run(emulator, @"
            (Get-GenesysExternalContact -Id $ada | Add-GenesysExternalIdentifier -Type Cookie -Value 'c-1').Value
            (Add-GenesysExternalIdentifier -ContactId $ada -Type Phone -Value '(415) 555-2671').Value
            Add-GenesysExternalIdentifier -ContactId $bob -Type Cookie -Value 'c-1'
            Add-GenesysExternalIdentifier -ContactId $bob -Type Email -Value 'not an email'
            (Get-GenesysExternalIdentifier -ContactId $ada).Type -join ','
            (Get-GenesysExternalOrganization -Id $org | Add-GenesysExternalIdentifier -Type ExternalId -Value 'ACC-1' -ExternalSource CRM).OrganizationId -eq $org
            Add-GenesysExternalIdentifier -OrganizationId $org -Type Cookie -Value 'x'
            (Get-GenesysExternalOrganization -Id $org | Get-GenesysExternalIdentifier).Value
            Get-GenesysExternalIdentifier -ContactId $ada | Where-Object Type -eq Cookie | Remove-GenesysExternalIdentifier -WhatIf
            @(Get-GenesysExternalIdentifier -ContactId $ada).Count
            Get-GenesysExternalIdentifier -ContactId $ada | Where-Object Type -eq Cookie | Remove-GenesysExternalIdentifier -Force
            Remove-GenesysExternalIdentifier -ContactId $ada -Type Phone -Value '+14155552671' -Force
            Remove-GenesysExternalIdentifier -OrganizationId $org -Type ExternalId -Value 'ACC-1' -ExternalSource CRM -Force
            Remove-GenesysExternalIdentifier -ContactId $ada -Type Phone -Value '+14155552671' -Force
            @(Get-GenesysExternalIdentifier -ContactId $ada).Count
            (Add-GenesysExternalIdentifier -ContactId $bob -Type Cookie -Value 'c-1').Value
            Get-GenesysExternalContact -Id $bob | Remove-GenesysExternalIdentifier -Type Cookie -Value 'c-1' -Force
            @(Get-GenesysExternalContact -Id $bob | Get-GenesysExternalIdentifier).Count",
            new Dictionary<string, object?> { ["ada"] = Id(ada), ["bob"] = Id(bob), ["org"] = Id(org) });
        Assert.True(Values(result).SequenceEqual(new object?[] { "c-1", "+14155552671", "Cookie,Phone", true, "ACC-1", 2, 0, "c-1", 0 }), Dump(result));
        Assert.Equal(new[]
        {
            "IdentifierClaimedElsewhere,GenesysSync.Commands.Identity.AddGenesysExternalIdentifierCommand",
            "InvalidIdentifier,GenesysSync.Commands.Identity.AddGenesysExternalIdentifierCommand",
            "UnsupportedIdentifierType,GenesysSync.Commands.Identity.AddGenesysExternalIdentifierCommand",
            "ExternalIdentifierNotFound,GenesysSync.Commands.Identity.RemoveGenesysExternalIdentifierCommand",
        }, result.Errors.Select(e => e.FullyQualifiedErrorId).ToArray());
        Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public async Task FindUsesWhitepagesAndIdentifierLookup()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var a = await emulator.SeedContactAsync(new { firstName = "A", cellPhone = new { display = "+14155552671" } });
        await emulator.SeedContactAsync(new { firstName = "B", workPhone = new { display = "+14155552671" }, workEmail = "b@example.com" });
        var result = Run(emulator, @"
            (Find-GenesysExternalContact '(415) 555-2671').FirstName -join ','
            ('B@Example.com' | Find-GenesysExternalContact).FirstName
            Find-GenesysExternalContact 'nobody@example.com'
            (Find-GenesysExternalContact -IdentifierType Phone -IdentifierValue '415.555.2671').FirstName
            Find-GenesysExternalContact -IdentifierType Cookie -IdentifierValue 'none'");
        Assert.True(Values(result).SequenceEqual(new object?[] { "A,B", "B", "A" }), Dump(result));
        Assert.Equal(new[] { "ExternalContactNotFound", "ExternalContactNotFound" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray());
        // The e-mail searched for is PII: it is the error's target, never part of its message.
        Assert.DoesNotContain("nobody@", result.Errors[0].ToString());
        Assert.Equal("nobody@example.com", result.Errors[0].TargetObject);
    }

    [Fact]
    public async Task MergeWhatIfPredictsAndMergeMerges()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var older = await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "Lovelace", workEmail = "ada@old.example", title = "Countess" });
        await Task.Delay(20);
        var newer = await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "King", workEmail = "ada@new.example" });
        var result = Run(emulator, @"
            $preview = Get-GenesysExternalContact -Search 'Ada' | Merge-GenesysExternalContact -Override @{ firstName = 'Augusta' } -WhatIf
            $preview.Id; $preview.FirstName; $preview.LastName; $preview.Title; $preview.WorkEmail; $preview.PersonalEmail
            @(Get-GenesysExternalContact -All).Count
            $merged = Merge-GenesysExternalContact -Id $older, $newer -Override @{ firstName = 'Augusta' }
            $merged.FirstName; $merged.LastName; $merged.Title; $merged.WorkEmail; $merged.PersonalEmail
            @(Get-GenesysExternalContact -All).Count
            (Get-GenesysExternalContact -Id $older).Id -eq $merged.Id
            (Get-GenesysExternalContact -Id $older -Unresolved).LastName
            Merge-GenesysExternalContact -Id $merged.Id",
            new Dictionary<string, object?> { ["older"] = Id(older), ["newer"] = Id(newer) });
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "", "Augusta", "King", "Countess", "ada@new.example", "ada@old.example", 2,
            "Augusta", "King", "Countess", "ada@new.example", "ada@old.example", 1, true, "Lovelace",
        }), Dump(result));
        Assert.Equal("InvalidMergeSet,GenesysSync.Commands.Identity.MergeGenesysExternalContactCommand", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public async Task UpdateEnrichesWithEveryActionDryRunAndBulk()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, @"
            $dry = Update-GenesysExternalContact -MatchExternalId 'CRM-1' -ExternalSource CRM -Fields @{ firstName = 'Ada' } -DryRun
            $dry.Outcome; $dry.DryRun; $dry.Contact.FirstName
            @(Get-GenesysExternalContact -All).Count
            $c = Update-GenesysExternalContact -MatchExternalId 'CRM-1' -ExternalSource CRM -Fields @{ firstName = 'Ada'; cellPhone = '415 555 2671'; city = 'London' }
            $c.Outcome; $c.Contact.CellPhone; $c.Contact.City
            $u = Update-GenesysExternalContact -MatchPhone '(415) 555-2671' -Fields @{ lastName = 'Lovelace' }
            $u.Outcome; $u.Id -eq $c.Id; $u.Contact.FirstName; $u.Contact.LastName
            (Update-GenesysExternalContact -MatchExternalId 'CRM-1' -ExternalSource CRM -Fields @{ firstName = 'Keep' } -FieldRule PreferExisting).Contact.FirstName
            (Update-GenesysExternalContact -MatchingIdentifier @{ Type = 'Cookie'; Value = 'ck-9' } -Fields @{ firstName = 'Visitor' } -DryRun).Outcome
            Update-GenesysExternalContact -MatchExternalId 'CRM-1' -ExternalSource CRM -Action Insert -Fields @{ firstName = 'Dup' }
            Update-GenesysExternalContact -MatchEmail 'nobody@example.com' -Action Update -Fields @{ firstName = 'X' }
            Update-GenesysExternalContact -Fields @{ firstName = 'No match' }
            $rows = [pscustomobject]@{ ExternalId = 'CRM-2'; firstName = 'Two'; Ignored = 'x' }, [pscustomobject]@{ ExternalId = 'CRM-3'; firstName = 'Three' }
            $rows | Update-GenesysExternalContact -ExternalSource CRM | ForEach-Object { $_.Outcome + ':' + $_.Contact.FirstName }
            @(Get-GenesysExternalContact -All).Count");
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "Created", true, "Ada", 0, "Created", "+14155552671", "London", "Updated", true, "Ada", "Lovelace", "Ada", "Created", "Created:Two", "Created:Three", 3,
        }), Dump(result));
        Assert.Equal(new[] { "ExternalContactEnrichFailed", "ExternalContactEnrichFailed", "NoMatchingIdentifier" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray());
        Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/enrich"));
    }

    [Fact]
    public async Task ApprovePromotesObservedContactsOnly()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var observed = emulator.Org.AddObservedContact(new JsonObject { ["firstName"] = "Visitor" }, "Ephemeral");
        var curated = await emulator.SeedContactAsync(new { firstName = "Ada" });
        var result = Run(emulator, @"
            (Get-GenesysExternalContact -Id $observed).Type
            (Get-GenesysExternalContact -Id $observed | Approve-GenesysExternalContact).Type
            Approve-GenesysExternalContact -Id $curated
            Approve-GenesysExternalContact -Id $observed -WhatIf",
            new Dictionary<string, object?> { ["observed"] = Id(observed), ["curated"] = Id(curated) });
        Assert.True(Values(result).SequenceEqual(new object?[] { "Ephemeral", "Curated" }), Dump(result));
        Assert.Equal("ExternalContactNotObserved,GenesysSync.Commands.Identity.ApproveGenesysExternalContactCommand", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public async Task GetExternalContactListsTheContactsOfAnOrganization()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Acme" });
        await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "Smith", externalOrganization = new { id = Id(org) } });
        await emulator.SeedContactAsync(new { firstName = "Bob", lastName = "Jones", externalOrganization = new { id = Id(org) } });
        await emulator.SeedContactAsync(new { firstName = "Cy", lastName = "Smith" });
        var result = Run(emulator, @"
            @(Get-GenesysExternalContact -OrganizationId $org).Count
            (Get-GenesysExternalOrganization -Id $org | Get-GenesysExternalContact -Search 'smith').FirstName
            (Get-GenesysExternalContact -OrganizationId $org -Search 'jones').OrganizationId -eq $org
            Get-GenesysExternalContact -OrganizationId 'nope'",
            new Dictionary<string, object?> { ["org"] = Id(org) });
        Assert.True(Values(result).SequenceEqual(new object?[] { 2, "Ada", true }), Dump(result));
        Assert.Equal("ExternalOrganizationNotFound,GenesysSync.Commands.ExternalContacts.GetGenesysExternalContactCommand", result.SingleError().FullyQualifiedErrorId);
    }
}
