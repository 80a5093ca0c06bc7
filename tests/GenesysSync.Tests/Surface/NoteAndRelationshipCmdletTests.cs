using System.Management.Automation;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Notes on contacts and organizations, relationships, and External Source Set/Remove through the hosted engine.</summary>
public class NoteAndRelationshipCmdletTests
{
    [Fact]
    public async Task NotesFollowThePipelineFromContactsAndOrganizations()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "Lovelace", workEmail = "ada@example.com" });
        var org = await OrganizationAsync(emulator, new { name = "Acme" });
        var result = Run(emulator, @"
            $c = Get-GenesysExternalContact -Search 'Lovelace' | Add-GenesysExternalNote -Text 'First'
            $c.EntityType; $c.ContactId -eq $contactId
            $null = Get-GenesysExternalContact -Id $contactId | Add-GenesysExternalNote -Text 'Second' -CreatedBy 'user-7'
            $o = Get-GenesysExternalOrganization -Id $orgId | Add-GenesysExternalNote -Text 'Key account'
            $o.EntityType; $o.OrganizationId -eq $orgId
            (Get-GenesysExternalContact -Search 'acme' -ErrorAction SilentlyContinue | Measure-Object).Count
            (Get-GenesysExternalContact -Search 'Lovelace' | Get-GenesysExternalNote).Text -join ','
            (Get-GenesysExternalNote -ContactId $contactId -Newest).Text -join ','
            (Get-GenesysExternalNote -ContactId $contactId -Newest)[0].CreatedBy
            ([pscustomobject]@{ OrganizationId = $orgId } | Get-GenesysExternalNote).Text
            (Get-GenesysExternalNote -ContactId $contactId -NoteId $c.Id).Text
            (Get-GenesysExternalNote -All | ForEach-Object { $_.EntityType + ':' + $_.Text }) -join ','",
            new Dictionary<string, object?> { ["contactId"] = Id(contact), ["orgId"] = Id(org) });
        Assert.True(result.Errors.All(e => e.FullyQualifiedErrorId.StartsWith("CommandNotFoundException")), Dump(result));
        Assert.Equal(new object?[] { "Contact", true, "Organization", true, "First,Second", "Second,First", "user-7", "Key account", "First", "Contact:First,Contact:Second,Organization:Key account" },
            Values(result).Where(v => v is not int).ToArray());
    }

    [Fact]
    public async Task SetAndRemoveNotesByObjectOrByIdsWithWhatIfAndErrors()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada" });
        var note = await NoteAsync(emulator, Id(contact), "Prefers e-mail");
        await NoteAsync(emulator, Id(contact), "Second");
        var result = Run(emulator, @"
            (Get-GenesysExternalNote -ContactId $contactId | Where-Object Text -like '*e-mail*' | Set-GenesysExternalNote -Text 'Prefers phone').Text
            (Set-GenesysExternalNote -ContactId $contactId -NoteId $noteId -Text 'By ids').Text
            [pscustomobject]@{ ContactId = $contactId; Id = $noteId } | Set-GenesysExternalNote -Text 'By property names' | ForEach-Object Text
            Add-GenesysExternalNote -ContactId $contactId -Text '   '
            Get-GenesysExternalNote -ContactId $contactId | Remove-GenesysExternalNote -WhatIf -Force
            @(Get-GenesysExternalNote -ContactId $contactId).Count
            Get-GenesysExternalNote -ContactId $contactId | Remove-GenesysExternalNote -Force
            @(Get-GenesysExternalNote -ContactId $contactId).Count
            Remove-GenesysExternalNote -ContactId $contactId -NoteId $noteId -Force
            Get-GenesysExternalNote -ContactId 'no-such-contact'",
            new Dictionary<string, object?> { ["contactId"] = Id(contact), ["noteId"] = Id(note) });
        Assert.Equal(new object?[] { "Prefers phone", "By ids", "By property names", 2, 0 }, Values(result));
        Assert.Equal(new[]
        {
            "EmptyNoteText,GenesysSync.Commands.Notes.AddGenesysExternalNoteCommand",
            "ExternalNoteNotFound,GenesysSync.Commands.Notes.RemoveGenesysExternalNoteCommand",
            "ExternalContactNotFound,GenesysSync.Commands.Notes.GetGenesysExternalNoteCommand",
        }, result.Errors.Select(e => e.FullyQualifiedErrorId).ToArray());
        Assert.Empty(emulator.Org.ExternalNotes);
    }

    [Fact]
    public async Task OrganizationNotesByIdsForEveryVerb()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Acme" });
        var result = Run(emulator, @"
            $n = Add-GenesysExternalNote -OrganizationId $orgId -Text 'Key account'
            $n.OrganizationId -eq $orgId
            (Set-GenesysExternalNote -OrganizationId $orgId -NoteId $n.Id -Text 'Strategic account').Text
            (Get-GenesysExternalNote -OrganizationId $orgId -NoteId $n.Id).Text
            Remove-GenesysExternalNote -OrganizationId $orgId -NoteId $n.Id -Confirm:$false
            @(Get-GenesysExternalNote -OrganizationId $orgId).Count
            Set-GenesysExternalNote -OrganizationId $orgId -NoteId $n.Id -Text 'gone'",
            new Dictionary<string, object?> { ["orgId"] = Id(org) });
        Assert.True(Values(result).SequenceEqual(new object?[] { true, "Strategic account", "Strategic account", 0 }), Dump(result));
        Assert.Equal("ExternalNoteNotFound,GenesysSync.Commands.Notes.SetGenesysExternalNoteCommand", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public async Task MergedContactNotesShowWithIncludeMerged()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var a = await emulator.SeedContactAsync(new { firstName = "A" });
        var b = await emulator.SeedContactAsync(new { firstName = "B" });
        await NoteAsync(emulator, Id(a), "note of A");
        var merged = await SurfaceSeed.PostAsync(emulator, "/api/v2/externalcontacts/contacts/merge", new { contactIds = new[] { Id(a), Id(b) } });
        var result = Run(emulator, @"
            @(Get-GenesysExternalNote -ContactId $merged).Count
            (Get-GenesysExternalNote -ContactId $merged -IncludeMerged).Text",
            new Dictionary<string, object?> { ["merged"] = Id(merged) });
        result.AssertNoErrors();
        Assert.Equal(new object?[] { 0, "note of A" }, Values(result));
    }

    [Fact]
    public async Task RelationshipsCrudAndPipelineFromOrganizationsAndContacts()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Acme" });
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada", externalOrganization = new { id = Id(org) } });
        var result = Run(emulator, @"
            $r = New-GenesysExternalRelationship -OrganizationId $orgId -UserId 'user-1' -Relationship 'Account Manager'
            $null = New-GenesysExternalRelationship -OrganizationId $orgId -UserId 'user-2' -Relationship 'Architect'
            (Get-GenesysExternalOrganization -Id $orgId | Get-GenesysExternalRelationship -SortByRelationship).Relationship -join ','
            (Get-GenesysExternalContact -Id $contactId | Get-GenesysExternalRelationship).Count
            (Get-GenesysExternalRelationship -RelationshipId $r.Id).UserId
            @(Get-GenesysExternalRelationship -All).Count
            (Get-GenesysExternalRelationship -RelationshipId $r.Id | Set-GenesysExternalRelationship -Relationship 'Sponsor').Relationship
            (Set-GenesysExternalRelationship -Id $r.Id -UserId 'user-9').UserId
            New-GenesysExternalRelationship -OrganizationId $orgId -UserId 'u' -Relationship ('x' * 101)
            Get-GenesysExternalRelationship -OrganizationId $orgId | Remove-GenesysExternalRelationship -WhatIf
            Get-GenesysExternalRelationship -OrganizationId $orgId | Remove-GenesysExternalRelationship -Force
            @(Get-GenesysExternalRelationship -All).Count
            Get-GenesysExternalRelationship -RelationshipId $r.Id",
            new Dictionary<string, object?> { ["orgId"] = Id(org), ["contactId"] = Id(contact) });
        Assert.True(Values(result).SequenceEqual(new object?[] { "Account Manager,Architect", 2, "user-1", 2, "Sponsor", "user-9", 0 }), Dump(result));
        Assert.Equal("ParameterArgumentValidationError,GenesysSync.Commands.Relationships.NewGenesysExternalRelationshipCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal("ExternalRelationshipNotFound,GenesysSync.Commands.Relationships.GetGenesysExternalRelationshipCommand", result.Errors.Last().FullyQualifiedErrorId);
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public async Task ExternalSourcesSetAndRemoveWithTheCleanupWarning()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SourceAsync(emulator, "OldCRM");
        await SourceAsync(emulator, "Other");
        var result = Run(emulator, @"
            $s = Get-GenesysExternalSource -Name 'OldCRM' | Set-GenesysExternalSource -Name 'LegacyCRM' -Active $false -LinkUriTemplate 'https://crm.example.com/{{externalId}}'
            $s.Name; $s.Active; $s.LinkUriTemplate
            (Set-GenesysExternalSource -Id $s.Id -LinkUriTemplate '').LinkUriTemplate -eq $null
            Set-GenesysExternalSource -Id $s.Id -Name 'Other'
            Get-GenesysExternalSource -Name 'LegacyCRM' | Remove-GenesysExternalSource -WhatIf
            @(Get-GenesysExternalSource).Count
            Get-GenesysExternalSource -Name 'LegacyCRM' | Remove-GenesysExternalSource -Force
            @(Get-GenesysExternalSource).Count
            Remove-GenesysExternalSource -Id 'gone' -Force");
        Assert.Equal(new object?[] { "LegacyCRM", false, "https://crm.example.com/{{externalId}}", true, 2, 1 }, Values(result));
        Assert.Equal(new[]
        {
            "ExternalSourceUpdateFailed,GenesysSync.Commands.ExternalContacts.SetGenesysExternalSourceCommand",
            "ExternalSourceNotFound,GenesysSync.Commands.ExternalContacts.RemoveGenesysExternalSourceCommand",
        }, result.Errors.Select(e => e.FullyQualifiedErrorId).ToArray());
        Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
        Assert.Contains(result.Warnings, w => w.Message.Contains("does not clean up records"));
    }
}
