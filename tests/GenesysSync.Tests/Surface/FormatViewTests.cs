using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Surface;

/// <summary>The new output types render as tables through the format views (the host tool renders like pwsh).</summary>
public class FormatViewTests
{
    [Fact]
    public void SurfaceOutputTypesRenderAsTables()
    {
        var result = HostProcess.Run(new[] { "-Command", @"
            Connect-GenesysCloud -Sandbox | Out-Null
            $org = New-GenesysExternalOrganization -Name 'Acme Corp' -Industry Retail -ExternalId 'ACC-1'
            $org
            $contact = New-GenesysExternalContact -FirstName Ada -LastName Lovelace -CellPhone '+14155552671'
            $contact | Add-GenesysExternalNote -Text 'Prefers e-mail.'
            New-GenesysExternalRelationship -OrganizationId $org.Id -UserId 'user-1' -Relationship 'Account Manager'
            $contact | Add-GenesysExternalIdentifier -Type Cookie -Value 'c-1'
            $contact | Add-GenesysExternalContactSegment -SegmentId vip
            Update-GenesysExternalContact -MatchEmail 'ada@example.com' -Fields @{ firstName = 'Ada' } -DryRun" });
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        foreach (var header in new[] { "Industry", "ExternalIds", "EntityType", "CreatedBy", "Relationship", "UserId", "DateCreated", "SegmentId",
            "DateForUnassignment", "Outcome", "DryRun" })
        {
            Assert.Contains(header, result.StdOut);
        }
        Assert.Contains("ACC-1", result.StdOut);
        Assert.Contains("Prefers e-mail.", result.StdOut);
    }
}
