using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.Tests.Emulator;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Set-/Remove-GenesysExternalContactSchema against the emulator: new versions, version conflicts, deletes.</summary>
public class ContactSchemaCmdletTests
{
    private const string Schemas = "/api/v2/externalcontacts/contacts/schemas";
    private const string SetCommand = "GenesysSync.Commands.ExternalContacts.SetGenesysExternalContactSchemaCommand";
    private const string RemoveCommand = "GenesysSync.Commands.ExternalContacts.RemoveGenesysExternalContactSchemaCommand";

    private static async Task<string> SchemaAsync(EmulatorHost emulator, string name = "CRM")
        => Id(await PostAsync(emulator, Schemas, ContactSchemaContractTests.CrmSchema(name)));

    private static JsonObject Latest(EmulatorHost emulator, string name = "CRM")
        => emulator.Org.ContactSchemas.Single(s => s["name"]!.GetValue<string>() == name);

    private static string[] Keys(JsonObject schema) => schema["jsonSchema"]!["properties"]!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    private static Dictionary<string, object?> State() => new() { ["state"] = Path.Combine(Path.GetTempPath(), $"gs-schema-state-{Guid.NewGuid():N}.db") };

    [Fact]
    public async Task AddFieldStoresANewVersionThatASyncCanFill()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var id = await SchemaAsync(emulator);
        var result = Run(emulator, @"
            $s = Get-GenesysExternalContactSchema -Name CRM | Set-GenesysExternalContactSchema -AddField @{ territory = 'Text'; plan = @{ Type = 'Enum'; Values = 'Basic', 'Pro' } } -Description 'CRM v2'
            [string]$s.Version + '|' + $s.Id + '|' + ($s.FieldNames -contains 'territory_text') + '|' + ($s.FieldNames -contains 'plan_enum') + '|' + $s.Description
            $out = [pscustomobject]@{ CrmId = 'C-1'; FirstName = 'Ada'; Territory = 'North'; Plan = 'pro' } | Sync-GenesysExternalContact -Key CrmId -Schema CRM -StatePath $state
            $out.Action", State());
        Assert.True(Values(result).SequenceEqual(new object?[] { $"2|{id}|True|True|CRM v2", "Created" }), Dump(result));
        var latest = Latest(emulator);
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.Contains("territory_text", Keys(latest));
        Assert.Contains("accountTier_enum", Keys(latest));
        Assert.Equal("Basic", latest["jsonSchema"]!["properties"]!["plan_enum"]!["enum"]![0]!.GetValue<string>());
        var ada = emulator.Org.ExternalContacts.Single();
        Assert.Equal("North", ada["customFields"]!["territory_text"]!.GetValue<string>());
        Assert.Equal("Pro", ada["customFields"]!["plan_enum"]!.GetValue<string>());
        Assert.Equal(2, ada["schema"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task RemoveFieldByKeyOrNameStoresAVersionWithoutIt()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var state = State();
        var result = Run(emulator, @"
            $row = [pscustomobject]@{ CrmId = 'C-1'; FirstName = 'Ada'; Seats = '12'; AccountTier = 'Gold' }
            ($row | Sync-GenesysExternalContact -Key CrmId -Schema CRM -StatePath $state).Action
            $w = Set-GenesysExternalContactSchema -Name crm -RemoveField seats -WhatIf
            [string]$w.Count + '|' + (Get-GenesysExternalContactSchema -Name CRM).Version
            $s = Set-GenesysExternalContactSchema -Name crm -RemoveField seats, segment_text -Confirm:$false
            [string]$s.Version + '|' + ($s.FieldNames -join ',')
            Set-GenesysExternalContactSchema -Name CRM -RemoveField nope -ErrorAction SilentlyContinue -ErrorVariable e1
            $e1[0].FullyQualifiedErrorId
            $row.AccountTier = 'Silver'
            $r = $row | Sync-GenesysExternalContact -Key CrmId -Schema CRM -StatePath $state
            $r.Action + ':' + $r.ErrorCode", state);
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "Created", "0|1",
            "2|accountTier_enum,interests_tag,loyaltyId_identifier,renewal_date,score_number,vip_checkbox",
            "InvalidSchemaField," + SetCommand,
            "Updated:",
        }), Dump(result));
        var latest = Latest(emulator);
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.DoesNotContain("seats_integer", Keys(latest));
        Assert.DoesNotContain("segment_text", Keys(latest));
        // The contact moved to version 2: the removed field's value could not come along.
        var ada = emulator.Org.ExternalContacts.Single();
        Assert.Equal(2, ada["schema"]!["version"]!.GetValue<int>());
        Assert.Equal("Silver", ada["customFields"]!["accountTier_enum"]!.GetValue<string>());
        Assert.Null(ada["customFields"]!["seats_integer"]);
    }

    [Fact]
    public async Task AChangeBetweenReadAndWriteIsAConflictAndNothingIsOverwritten()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var id = await SchemaAsync(emulator);
        // The cmdlet's read is answered late; the schema is changed behind its back while the reply is on its way.
        const string getSchema = Schemas + "/{schemaId}";
        emulator.Org.Faults.Add(new FaultRule { Kind = FaultKind.SlowReply, Route = getSchema, Method = "GET", Times = 1, Delay = TimeSpan.FromSeconds(3) });
        var run = Task.Run(() => Run(emulator, @"
            Set-GenesysExternalContactSchema -Name CRM -AddField @{ region = 'Text' } -ErrorAction SilentlyContinue -ErrorVariable e
            $e[0].FullyQualifiedErrorId
            $e[0].ErrorDetails.Message"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (emulator.Org.Stats.Count("GET " + getSchema) == 0 && DateTime.UtcNow < deadline && !run.IsCompleted) await Task.Delay(20);
        Assert.Equal(1, emulator.Org.Stats.Count("GET " + getSchema));
        var other = ContactSchemaContractTests.CrmSchema();
        other["version"] = 1;
        other["jsonSchema"]!["description"] = "changed elsewhere";
        await PutAsync(emulator, Schemas + "/" + id, other);

        var result = await run;
        var values = Values(result);
        Assert.True(values.Length == 2 && (string?)values[0] == "ExternalContactSchemaConflict," + SetCommand, Dump(result));
        Assert.Contains("run the command again", (string)values[1]!);
        Assert.Contains("version 1", (string)values[1]!);
        Assert.Equal(1, emulator.Org.Stats.Count("PUT " + getSchema, 409));
        var latest = Latest(emulator);
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.Equal("changed elsewhere", latest["jsonSchema"]!["description"]!.GetValue<string>());
        Assert.DoesNotContain("region_text", Keys(latest));
    }

    [Fact]
    public async Task RemoveHonoursWhatIfEvenWithForceAndDeletesWithForce()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator, "CRM");
        await SchemaAsync(emulator, "Test-A");
        await SchemaAsync(emulator, "Test-B");
        var result = Run(emulator, @"
            Remove-GenesysExternalContactSchema -Name CRM -WhatIf
            Remove-GenesysExternalContactSchema -Name CRM -Force -WhatIf
            (Get-GenesysExternalContactSchema).Count
            Get-GenesysExternalContactSchema -Name 'Test-*' | Remove-GenesysExternalContactSchema -Force
            (Get-GenesysExternalContactSchema).Name -join ','
            Remove-GenesysExternalContactSchema -Name Nope, CRM -Force -ErrorAction SilentlyContinue -ErrorVariable e
            [string]$e.Count + '|' + $e[0].FullyQualifiedErrorId + '|' + $e[0].CategoryInfo.Category + '|' + $e[0].Exception.Message
            Remove-GenesysExternalContactSchema -Id '00000000-0000-0000-0000-000000000000' -Force -ErrorAction SilentlyContinue -ErrorVariable e2
            $e2[0].FullyQualifiedErrorId");
        var values = Values(result);
        Assert.True(values.Length == 4, Dump(result));
        Assert.Equal(3, values[0]);
        Assert.Equal("CRM", values[1]);
        Assert.StartsWith("1|ExternalContactSchemaNotFound," + RemoveCommand + "|ObjectNotFound|No external contact schema is named 'Nope'", (string)values[2]!);
        Assert.Equal("ExternalContactSchemaNotFound," + RemoveCommand, values[3]);
        Assert.Empty(emulator.Org.ContactSchemas);
        Assert.Equal(3, emulator.Org.Stats.Count("DELETE " + Schemas + "/{schemaId}", 204));
    }

    [Fact]
    public async Task SetOnAnUnknownSchemaIsNotFoundAndABadFieldSpecStopsBeforeAnyRequest()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var result = Run(emulator, @"
            Set-GenesysExternalContactSchema -Name Nope -Enabled $false -ErrorAction SilentlyContinue -ErrorVariable e1
            $e1[0].FullyQualifiedErrorId
            Set-GenesysExternalContactSchema -Name CRM -AddField @{ accountTier = @{ Type = 'Enum'; Values = 'X' } } -ErrorAction SilentlyContinue -ErrorVariable e2
            $e2[0].FullyQualifiedErrorId
            try { Set-GenesysExternalContactSchema -Name CRM -AddField @{ region = 'Colour' } } catch { $_.FullyQualifiedErrorId }
            (Set-GenesysExternalContactSchema -Name CRM -Enabled $false).Enabled");
        Assert.True(Values(result).SequenceEqual(new object?[]
        {
            "ExternalContactSchemaNotFound," + SetCommand, "InvalidSchemaField," + SetCommand, "InvalidSchemaField," + SetCommand, false,
        }), Dump(result));
        Assert.Equal(1, emulator.Org.Stats.Count("PUT " + Schemas + "/{schemaId}"));
        Assert.False(Latest(emulator)["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ADisabledSchemaStopsASyncAndANewContactBeforeAnyWrite()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await SchemaAsync(emulator);
        var result = Run(emulator, @"
            $null = Set-GenesysExternalContactSchema -Name CRM -Enabled $false
            try { [pscustomobject]@{ CrmId = 'C-1'; FirstName = 'Ada' } | Sync-GenesysExternalContact -Key CrmId -Schema CRM -StatePath $state } catch { $_.FullyQualifiedErrorId + '|' + $_.Exception.Message }
            try { New-GenesysExternalContact -FirstName Bob -Schema CRM -CustomField @{ accountTier = 'Gold' } } catch { $_.FullyQualifiedErrorId }", State());
        var values = Values(result);
        Assert.StartsWith("ExternalContactSchemaDisabled,GenesysSync.Commands.Sync.SyncGenesysExternalContactCommand|The external contact schema 'CRM' is disabled", (string)values[0]!);
        Assert.Contains("-Enabled $true", (string)values[0]!);
        Assert.StartsWith("ExternalContactSchemaDisabled,", (string)values[1]!);
        Assert.Equal(0, emulator.Org.ExternalContactCount);
        Assert.Equal(0, emulator.Org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/add") + emulator.Org.Stats.Count("POST /api/v2/externalcontacts/contacts"));
    }
}
