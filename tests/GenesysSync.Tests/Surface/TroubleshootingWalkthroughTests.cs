using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>
/// The issue's troubleshooting walk-through, end to end against the emulator over HTTP: find a contact by phone, see its
/// organization, notes, identifiers and journey sessions, merge two duplicates, release an identifier.
/// </summary>
public class TroubleshootingWalkthroughTests
{
    [Fact]
    public async Task FindInspectMergeAndRelease()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var org = await OrganizationAsync(emulator, new { name = "Acme Corp", industry = "Manufacturing" });
        var primary = await emulator.SeedContactAsync(new
        {
            firstName = "Ada", lastName = "Lovelace", cellPhone = new { display = "+14155552671" }, workEmail = "ada@acme.example",
            externalOrganization = new { id = Id(org) },
        });
        var duplicate = await emulator.SeedContactAsync(new { firstName = "Ada", lastName = "L.", workPhone = new { display = "(415) 555-2671" } });
        await NoteAsync(emulator, Id(primary), "Asked for a callback about invoice 42.");
        await NoteAsync(emulator, Id(duplicate), "Created by the web chat bot.");
        emulator.Org.AddJourneySession(Id(primary), new JsonObject { ["type"] = "web", ["eventCount"] = 12 });
        emulator.Org.AddJourneySession(Id(duplicate), new JsonObject { ["type"] = "conversation", ["conversation"] = new JsonObject { ["id"] = "conv-9" } });

        var result = Run(emulator, @"
            # 1. Who is calling? Two contacts hold the number: a duplicate.
            $callers = Find-GenesysExternalContact '(415) 555-2671'
            'callers=' + @($callers).Count
            $caller = Get-GenesysExternalContact -Phone '(415) 555-2671'
            'caller=' + $caller.LastName

            # 2. Its organization, notes, identifiers and journey sessions.
            'organization=' + ($caller | Get-GenesysExternalOrganization).Name
            'notes=' + (($caller | Get-GenesysExternalNote).Text -join ' / ')
            $null = $caller | Add-GenesysExternalIdentifier -Type Cookie -Value 'web-7f3a'
            'identifiers=' + (($caller | Get-GenesysExternalIdentifier).Value -join ',')
            'sessions=' + (($caller | Get-GenesysExternalContactSession).Type -join ',')

            # 3. Merge the duplicates: preview first, then for real.
            $preview = $callers | Merge-GenesysExternalContact -WhatIf
            'preview=' + $preview.OrganizationId + ':' + $preview.LastName
            $merged = $callers | Merge-GenesysExternalContact
            'merged=' + ($merged.OrganizationId -eq $orgId) + ':' + $merged.LastName + ':' + @(Find-GenesysExternalContact '(415) 555-2671').Count
            'merged notes=' + @($merged | Get-GenesysExternalNote -IncludeMerged).Count
            'merged sessions=' + @($merged | Get-GenesysExternalContactSession -IncludeMerged).Count
            'old id resolves=' + ((Get-GenesysExternalContact -Id $caller.Id).Id -eq $merged.Id)

            # 4. Release the stale web identifier.
            $merged | Get-GenesysExternalIdentifier | Where-Object Type -eq Cookie | Remove-GenesysExternalIdentifier -Force
            'identifiers after=' + @($merged | Get-GenesysExternalIdentifier).Count
            Find-GenesysExternalContact -IdentifierType Cookie -IdentifierValue 'web-7f3a' -ErrorAction SilentlyContinue
            'lookup after=' + $Error[0].FullyQualifiedErrorId",
            new Dictionary<string, object?> { ["orgId"] = Id(org) });

        Assert.Null(result.Terminating);
        var lines = result.Output.Select(o => o?.ToString()).ToList();
        Assert.True(lines.SequenceEqual(new[]
        {
            "callers=2",
            "caller=Lovelace",
            "organization=Acme Corp",
            "notes=Asked for a callback about invoice 42.",
            "identifiers=web-7f3a",
            "sessions=web",
            "preview=" + Id(org) + ":Lovelace",   // the primary was modified last (the cookie claim), so its name wins
            "merged=True:Lovelace:1",
            "merged notes=2",
            "merged sessions=2",
            "old id resolves=True",
            "identifiers after=0",
            "lookup after=ExternalContactNotFound,GenesysSync.Commands.Identity.FindGenesysExternalContactCommand",
        }), Dump(result));
        Assert.Single(emulator.Org.ExternalContacts);
    }
}
