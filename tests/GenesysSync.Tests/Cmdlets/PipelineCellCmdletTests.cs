using System.Management.Automation;
using GenesysSync.Tests.Emulator;
using GenesysSync.Tests.Hosting;
using GenesysSync.Tests.Surface;

namespace GenesysSync.Tests.Cmdlets;

/// <summary>
/// Pipeline objects whose properties are not one value (an array, a nested object, a hashtable), against the sandbox
/// org: a used property fails its row with NotAValue naming the row and column (never the value); an unused one is
/// ignored; a one-item array is its item; every other row goes through.
/// </summary>
public sealed class PipelineCellCmdletTests
{
    private static List<PSObject> Results(PowerShellResult result, string type) =>
        result.Output.Where(o => o.TypeNames[0] == type).ToList();

    private static string? Prop(PSObject o, string name) => o.Properties[name].Value?.ToString();

    private static string Dump(PowerShellResult result) =>
        string.Join("\n", result.Output.Select(o => o?.ToString())) + "\n" + string.Join("\n", result.Errors.Select(e => e.ToString())) + "\n" + result.Terminating;

    [Fact]
    public void Sync_fails_only_the_rows_whose_used_properties_are_not_one_value()
    {
        var result = PowerShellRun.Invoke(@"
            Connect-GenesysCloud -Sandbox | Out-Null
            $rows = @(
                [pscustomobject]@{ CrmId = @('SECRET-A', 'SECRET-B'); FirstName = 'Ada'; Groups = 'g' }
                [pscustomobject]@{ CrmId = 'C2'; FirstName = 'Bob'; Groups = @('SECRET-G1', 'SECRET-G2') }
                [pscustomobject]@{ CrmId = @('C3'); FirstName = 'Cy'; Groups = $null }
                [pscustomobject]@{ CrmId = 'C4'; FirstName = [pscustomobject]@{ Given = 'SECRET-D' }; Groups = 'g' }
                [pscustomobject]@{ CrmId = 'C5'; FirstName = @{ Given = 'SECRET-E' }; Groups = 'g' }
                [pscustomobject]@{ CrmId = 'C6'; FirstName = 'Fay'; Groups = 'g' }
            )
            $rows | Sync-GenesysExternalContact -Key CrmId -ExternalSource CRM
            (Get-GenesysExternalContact -All | ForEach-Object { $_.FirstName }) -join ','
        ");

        Assert.Null(result.Terminating);
        var rows = Results(result, "GenesysSync.GenesysSyncResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        Assert.Equal(6, rows.Count);
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[1], "Action"), Prop(rows[1], "ErrorCode")));
        Assert.Equal("Row 1: column 'CrmId' (the key) holds 2 values; give one value.", Prop(rows[1], "Message"));
        Assert.Equal(("Created", "C2"), (Prop(rows[2], "Action"), Prop(rows[2], "Key")));
        Assert.Equal(("Created", "C3"), (Prop(rows[3], "Action"), Prop(rows[3], "Key")));
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[4], "Action"), Prop(rows[4], "ErrorCode")));
        Assert.Equal("Row 4: column 'FirstName' (mapped to firstName) holds an object, not a value; give one value.", Prop(rows[4], "Message"));
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[5], "Action"), Prop(rows[5], "ErrorCode")));
        Assert.Contains("column 'FirstName' (mapped to firstName) holds an object", Prop(rows[5], "Message"));
        Assert.Equal("Created", Prop(rows[6], "Action"));
        Assert.Equal("Bob,Cy,Fay", string.Join(",", result.Output.Last().ToString().Split(',').Order(StringComparer.Ordinal)));
        Assert.DoesNotContain("SECRET", string.Join("\n", rows.Values.Select(r => Prop(r, "Message")).Concat(result.Errors.Select(e => e.ToString()))));
        Assert.DoesNotContain("System.", string.Join("\n", rows.Values.Select(r => Prop(r, "Key"))));
    }

    [Fact]
    public void Sync_composite_key_and_map_expressions_that_are_not_one_value_fail_their_rows()
    {
        var result = PowerShellRun.Invoke(@"
            Connect-GenesysCloud -Sandbox | Out-Null
            @(
                [pscustomobject]@{ Region = 'EU'; CrmId = @('SECRET-A', 'SECRET-B'); First = 'Ada'; Meta = 'm' }
                [pscustomobject]@{ Region = 'EU'; CrmId = 'C2'; First = 'Bob'; Meta = @{ x = 'SECRET-M' } }
                [pscustomobject]@{ Region = @('EU'); CrmId = 'C3'; First = 'Cy'; Meta = 'm' }
            ) | Sync-GenesysExternalContact -MatchOn Composite -Key Region,CrmId -ExternalSource CRM -Map @{ FirstName = 'First'; Title = { $_.Meta } } -ErrorAction SilentlyContinue
        ");

        Assert.Null(result.Terminating);
        var rows = Results(result, "GenesysSync.GenesysSyncResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[1], "Action"), Prop(rows[1], "ErrorCode")));
        Assert.Contains("column 'CrmId' (the key) holds 2 values", Prop(rows[1], "Message"));
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[2], "Action"), Prop(rows[2], "ErrorCode")));
        Assert.Contains("Row 2: the value of the map expression for title holds an object, not a value", Prop(rows[2], "Message"));
        Assert.Equal("Created", Prop(rows[3], "Action"));
        Assert.DoesNotContain("SECRET", string.Join("\n", rows.Values.Select(r => Prop(r, "Message"))));
    }

    [Fact]
    public void Add_fails_only_the_leads_whose_used_properties_are_not_one_value()
    {
        var result = PowerShellRun.Invoke(@"
            Connect-GenesysCloud -Sandbox | Out-Null
            $list = New-GenesysContactList -Name Leads -Column LeadId,Name,Mobile -PhoneColumn Mobile
            @(
                [pscustomobject]@{ LeadId = @('SECRET-A', 'SECRET-B'); Name = 'Ann'; Mobile = '(415) 555-0101'; Tags = 't' }
                [pscustomobject]@{ LeadId = 'L2'; Name = 'Bob'; Mobile = '(415) 555-0102'; Tags = @('SECRET-T1', 'SECRET-T2') }
                [pscustomobject]@{ LeadId = @('L3'); Name = 'Cy'; Mobile = '(415) 555-0103'; Tags = 't' }
                [pscustomobject]@{ LeadId = 'L4'; Name = 'Di'; Mobile = [pscustomobject]@{ Number = 'SECRET-P' }; Tags = 't' }
            ) | Add-GenesysContactListContact -ContactList $list -IdColumn LeadId -ErrorAction SilentlyContinue -ErrorVariable failed
            'errors:' + $failed.Count
            (Get-GenesysContactList -Name Leads).Size
        ");

        Assert.Null(result.Terminating);
        var rows = Results(result, "GenesysSync.GenesysContactListLoadResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
        Assert.True(rows.Count == 4, Dump(result));
        Assert.Equal(("Failed", "NotAValue"), (Prop(rows[1], "Action"), Prop(rows[1], "ErrorCode")));
        Assert.Null(Prop(rows[1], "LeadId"));
        Assert.Equal("Row 1: column 'LeadId' (the Lead ID) holds 2 values; give one value.", Prop(rows[1], "Message"));
        Assert.Equal(("Added", "L2"), (Prop(rows[2], "Action"), Prop(rows[2], "LeadId")));
        Assert.Equal(("Added", "L3"), (Prop(rows[3], "Action"), Prop(rows[3], "LeadId")));
        Assert.Equal(("Failed", "NotAValue", "L4"), (Prop(rows[4], "Action"), Prop(rows[4], "ErrorCode"), Prop(rows[4], "LeadId")));
        Assert.Equal("Row 4: column 'Mobile' holds an object, not a value; give one value.", Prop(rows[4], "Message"));
        Assert.True(result.Output.Any(o => o?.ToString() == "errors:2"), Dump(result));
        Assert.Equal(2L, Convert.ToInt64(result.Output.Last().BaseObject));
        Assert.DoesNotContain("SECRET", string.Join("\n", rows.Values.Select(r => Prop(r, "Message")).Concat(result.Errors.Select(e => e.ToString()))));
    }

    [Fact]
    public async Task A_tag_custom_field_takes_an_array_and_a_text_one_does_not()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = SurfaceSeed.Run(emulator, @"
            New-GenesysExternalContactSchema -Name 'CRM' -Field @{ interests_tag = @{ MaxLength = 20 }; tier = 'Text' } | Out-Null
            $map = @{ FirstName = 'First'; 'customFields.interests_tag' = 'Interests'; 'customFields.tier_text' = 'Tier' }
            @(
                [pscustomobject]@{ CrmId = 'C1'; First = 'Ada'; Interests = @('golf', 'wine'); Tier = 'gold' }
                [pscustomobject]@{ CrmId = 'C2'; First = 'Bob'; Interests = 'chess'; Tier = @('SECRET-A', 'SECRET-B') }
            ) | Sync-GenesysExternalContact -Key CrmId -Schema CRM -Map $map | ForEach-Object { $_.Action + ':' + $_.ErrorCode + ':' + $_.Message }
            New-GenesysExternalContact -FirstName Cy -Schema CRM -CustomField @{ tier = @{ x = 'SECRET-C' } } -ErrorAction SilentlyContinue -ErrorVariable e
            $e[0].FullyQualifiedErrorId + ':' + $e[0].Exception.Message
        ");

        // Rows that fail before any request are reported first.
        Assert.True(SurfaceSeed.Values(result).SequenceEqual(new object?[]
        {
            "Failed:NotAValue:Row 2: column 'Tier' (mapped to custom field tier_text) holds 2 values; give one value.",
            "Created::",
            "NotAValue,GenesysSync.Commands.ExternalContacts.NewGenesysExternalContactCommand:-CustomField 'tier' (mapped to custom field tier_text) holds an object, not a value; give one value.",
        }), SurfaceSeed.Dump(result));
        var ada = Assert.Single(emulator.Org.ExternalContacts);
        Assert.Equal(new[] { "golf", "wine" }, ada["customFields"]!["interests_tag"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
