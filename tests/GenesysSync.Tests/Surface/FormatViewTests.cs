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

    [Fact]
    public void ContactListViewShowsCustomFieldsOneALine()
    {
        // Format-List is not in the core cmdlets this engine has: run the list view's script blocks from the module's format file.
        var result = PowerShellRun.Invoke(@"
            $null = Connect-GenesysCloud -Sandbox
            $null = New-GenesysExternalContactSchema -Name CRM -Field @{ accountTier = @{ Type = 'Enum'; Values = 'Gold', 'Silver' }; seats = 'Integer'; interests = 'Tag' }
            $c = New-GenesysExternalContact -FirstName Ada -City London -CountryCode GB -Schema CRM -CustomField @{ accountTier = 'gold'; seats = '12'; interests = 'golf;wine' }
            [xml]$format = [IO.File]::ReadAllText($formatFile)
            $view = $format.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq 'GenesysSync.GenesysExternalContact' -and $_.ListControl }
            foreach ($label in 'CustomFields', 'Schema', 'Address') {
                $item = $view.ListControl.ListEntries.ListEntry.ListItems.ListItem | Where-Object Label -eq $label
                $c | ForEach-Object ([scriptblock]::Create($item.ScriptBlock))
            }
            # The table stays the default view (it comes first).
            @($format.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq 'GenesysSync.GenesysExternalContact' })[0].Name
            ", new Dictionary<string, object?> { ["formatFile"] = Path.Combine(TestPaths.ModuleDir, "GenesysSync.format.ps1xml") });
        result.AssertNoErrors();
        var lines = result.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal(string.Join(Environment.NewLine, "accountTier_enum = Gold", "interests_tag = golf; wine", "seats_integer = 12"), lines[0]);
        Assert.Matches(@"^[0-9a-f-]{36} \(version 1\)$", lines[1]);
        Assert.Equal("London, GB", lines[2]);
        Assert.Equal("GenesysSync.GenesysExternalContact", lines[3]);
    }
}
