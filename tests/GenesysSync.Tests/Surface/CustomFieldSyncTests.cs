using System.Text.Json.Nodes;
using GenesysSync.Tests.Emulator;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Sync-GenesysExternalContact -Schema: CRM columns into typed custom fields, with delta sync on their values.</summary>
public class CustomFieldSyncTests
{
    private const string Rows = @"
        $rows = @(
            [pscustomobject]@{ CrmId = 'C-1'; First = 'Ada'; Last = 'Lovelace'; AccountTier = 'gold'; Seats = '1,200'; Score = '4.50'; Vip = 'yes'; Renewal = '2026-01-31'; Loyalty = 'L-1' }
            [pscustomobject]@{ CrmId = 'C-2'; First = 'Alan'; Last = 'Turing'; AccountTier = 'Silver'; Seats = '3'; Score = '-0.25'; Vip = 'no'; Renewal = ''; Loyalty = 'L-2' }
            [pscustomobject]@{ CrmId = 'C-3'; First = 'Grace'; Last = 'Hopper'; AccountTier = 'Bronze'; Seats = 'many'; Score = '1'; Vip = '1'; Renewal = ''; Loyalty = 'L-3' }
        )
        $map = @{ FirstName = 'First'; LastName = 'Last'; 'customFields.loyaltyId_identifier' = 'Loyalty'; 'custom:score_number' = 'Score'; 'customFields.renewal_date' = 'Renewal' }
        function Outcome($results) { [string[]]$a = @($results | ForEach-Object { $_.Key + ':' + $_.Action + ':' + $_.ErrorCode + ':' + $(if ($_.Action -eq 'Updated') { $_.ChangedFields -join '+' }) }); [Array]::Sort($a, [StringComparer]::Ordinal); $a -join ',' }
";

    private static Dictionary<string, object?> State(string path) => new() { ["state"] = path };

    private static async Task<string> SchemaAsync(EmulatorHost emulator)
        => Id(await PostAsync(emulator, "/api/v2/externalcontacts/contacts/schemas", ContactSchemaContractTests.CrmSchema()));

    /// <summary>Requests to contact routes (not schemas, sources or tokens).</summary>
    private static long ContactRequests(EmulatorHost emulator)
        => emulator.Org.Stats.ByRoute.Where(r => r.Key.Contains("/externalcontacts/") && !r.Key.Contains("/schemas") && !r.Key.Contains("/externalsources"))
            .Sum(r => r.Value.Values.Sum());

    [Fact]
    public async Task TypedCustomFieldsAreWrittenAndOnlyChangedValuesCostARequest()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var state = State(Path.Combine(Path.GetTempPath(), $"gs-custom-state-{Guid.NewGuid():N}.db"));

        var first = Run(emulator, Rows + "Outcome ($rows | Sync-GenesysExternalContact -Key CrmId -Schema 'crm' -Map $map -StatePath $state)", state);
        Assert.True(Values(first).SequenceEqual(new object?[] { "C-1:Created::,C-2:Created::,C-3:Failed:InvalidCustomField:" }), Dump(first));
        Assert.DoesNotContain(first.Errors, e => e.ToString().Contains("many"));
        Assert.Equal(2, emulator.Org.ExternalContactCount);
        var ada = emulator.Org.ExternalContacts.Single(c => c["firstName"]!.GetValue<string>() == "Ada");
        var custom = ada["customFields"]!.AsObject();
        Assert.Equal("Gold", custom["accountTier_enum"]!.GetValue<string>());
        Assert.Equal(1200, custom["seats_integer"]!.GetValue<int>());
        Assert.Equal(4.5m, custom["score_number"]!.GetValue<decimal>());
        Assert.True(custom["vip_checkbox"]!.GetValue<bool>());
        Assert.Equal("2026-01-31", custom["renewal_date"]!.GetValue<string>());
        Assert.Equal("L-1", custom["loyaltyId_identifier"]!.GetValue<string>());
        Assert.Equal(1, ada["schema"]!["version"]!.GetValue<int>());
        var alan = emulator.Org.ExternalContacts.Single(c => c["firstName"]!.GetValue<string>() == "Alan");
        Assert.Equal(-0.25m, alan["customFields"]!["score_number"]!.GetValue<decimal>());
        Assert.False(alan["customFields"]!["vip_checkbox"]!.GetValue<bool>());
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/add"));

        // Same input again: nothing to write, not one contact request.
        var before = ContactRequests(emulator);
        var second = Run(emulator, Rows + "Outcome ($rows[0..1] | Sync-GenesysExternalContact -Key CrmId -Schema 'CRM' -Map $map -StatePath $state)", state);
        Assert.True(Values(second).SequenceEqual(new object?[] { "C-1:Unchanged::,C-2:Unchanged::" }), Dump(second));
        Assert.Equal(before, ContactRequests(emulator));

        // One changed custom value: one update, naming the field.
        var third = Run(emulator, Rows + "$rows[1].AccountTier = 'Gold'; Outcome ($rows[0..1] | Sync-GenesysExternalContact -Key CrmId -Schema 'CRM' -Map $map -StatePath $state)", state);
        Assert.True(Values(third).SequenceEqual(new object?[] { "C-1:Unchanged::,C-2:Updated::custom.accountTier_enum" }), Dump(third));
        Assert.Equal(1, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/update"));
        alan = emulator.Org.ExternalContacts.Single(c => c["firstName"]!.GetValue<string>() == "Alan");
        Assert.Equal("Gold", alan["customFields"]!["accountTier_enum"]!.GetValue<string>());
        Assert.Equal("L-2", alan["customFields"]!["loyaltyId_identifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadValuesFailTheirRowNamingRowAndFieldButNotTheValue()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var result = Run(emulator, Rows + @"
            $rows[0].AccountTier = 'Platinum-Secret'
            $rows[1].Renewal = '31/01/2026'
            $out = $rows | Sync-GenesysExternalContact -Key CrmId -Schema 'CRM' -Map $map -StatePath $state -ErrorVariable failedRows -ErrorAction SilentlyContinue
            Outcome $out
            ($out | Where-Object { $_.Action -eq 'Failed' } | ForEach-Object { $_.Message }) -join ' | '",
            State(Path.Combine(Path.GetTempPath(), $"gs-custom-state-{Guid.NewGuid():N}.db")));
        var values = Values(result);
        Assert.Equal("C-1:Failed:InvalidCustomField:,C-2:Failed:InvalidCustomField:,C-3:Failed:InvalidCustomField:", values[0]);
        var messages = (string)values[1]!;
        Assert.Contains("accountTier_enum", messages);
        Assert.Contains("renewal_date", messages);
        Assert.Contains("seats_integer", messages);
        Assert.DoesNotContain("Platinum-Secret", messages);
        Assert.DoesNotContain("31/01/2026", messages);
        Assert.DoesNotContain("Platinum-Secret", Dump(result));
        Assert.Equal(0, emulator.Org.ExternalContactCount);
    }

    [Fact]
    public async Task SchemaCmdletsAndCustomFieldsOnSingleContacts()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = Run(emulator, @"
            $s = New-GenesysExternalContactSchema -Name 'CRM' -Field @{
                accountTier = @{ Type = 'Enum'; Values = 'Gold', 'Silver'; Title = 'Account tier' }
                seats = @{ Type = 'Integer'; Minimum = 0 }
                vip = 'Boolean'
                interests_tag = @{ MaxLength = 20 }
            }
            ($s.FieldNames -join ',') + '|' + $s.Version
            (Get-GenesysExternalContactSchema -Name 'cr*').Name
            (Get-GenesysExternalContactSchema -Id $s.Id).Fields.Where({ $_.Name -eq 'accountTier_enum' }).EnumValues -join ','
            $c = New-GenesysExternalContact -FirstName Ada -Schema CRM -CustomField @{ accountTier = 'gold'; seats = '12'; vip = 'yes'; interests_tag = @('golf', 'wine') }
            $c.CustomFields['accountTier_enum'] + '|' + $c.CustomFields['seats_integer'] + '|' + $c.CustomFields['vip_checkbox'] + '|' + ($c.CustomFields['interests_tag'] -join ';')
            $u = Set-GenesysExternalContact -Id $c.Id -CustomField @{ seats_integer = 30 }
            $u.CustomFields['seats_integer'].ToString() + '|' + $u.CustomFields['accountTier_enum'] + '|' + $u.SchemaVersion
            (Get-GenesysExternalContact -Id $c.Id).CustomFields['seats_integer']
            Set-GenesysExternalContact -Id $c.Id -CustomField @{ seats = 'lots' } -ErrorAction SilentlyContinue -ErrorVariable e1
            $e1[0].FullyQualifiedErrorId
            New-GenesysExternalContact -FirstName Bob -CustomField @{ seats = 1 } -ErrorAction SilentlyContinue -ErrorVariable e2
            $e2[0].FullyQualifiedErrorId
            New-GenesysExternalContact -FirstName Bob -Schema CRM -CustomField @{ nope = 1 } -ErrorAction SilentlyContinue -ErrorVariable e3
            $e3[0].FullyQualifiedErrorId
            # A custom field given as $null is erased; an empty standard field without -ClearEmpty is left alone.
            $v = Set-GenesysExternalContact -Id $c.Id -CustomField @{ vip = $null } -FirstName ''
            [string]$v.CustomFields.Contains('vip_checkbox') + '|' + $v.FirstName");
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "accountTier_enum,interests_tag,seats_integer,vip_checkbox|1", "CRM", "Gold,Silver", "Gold|12|True|golf;wine", "30|Gold|1", 30L,
            "InvalidCustomField,GenesysSync.Commands.ExternalContacts.SetGenesysExternalContactCommand",
            "CustomFieldNeedsSchema,GenesysSync.Commands.ExternalContacts.NewGenesysExternalContactCommand",
            "UnknownCustomField,GenesysSync.Commands.ExternalContacts.NewGenesysExternalContactCommand",
            "False|Ada",
        }), Dump(result));
        var stored = emulator.Org.ExternalContacts.Single();
        Assert.Equal(30, stored["customFields"]!["seats_integer"]!.GetValue<int>());
        Assert.Null(stored["customFields"]!["vip_checkbox"]);
        Assert.Single(emulator.Org.ContactSchemas);
    }

    [Fact]
    public async Task AnUnknownSchemaStopsTheRunBeforeAnyWrite()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var result = Run(emulator, Rows + "$rows | Sync-GenesysExternalContact -Key CrmId -Schema 'Nope' -Map $map -StatePath $state",
            State(Path.Combine(Path.GetTempPath(), $"gs-custom-state-{Guid.NewGuid():N}.db")));
        var error = result.SingleError();
        Assert.Equal("ExternalContactSchemaNotFound,GenesysSync.Commands.Sync.SyncGenesysExternalContactCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("'CRM'", error.Exception.Message);
        Assert.Equal(0, emulator.Org.ExternalContactCount);
    }
}
