using System.Text.Json.Nodes;
using GenesysSync.Tests.Hosting;
using static GenesysSync.Tests.Surface.SurfaceSeed;

namespace GenesysSync.Tests.Surface;

/// <summary>Journey segments and sessions of contacts, and conversation association, through the hosted engine.</summary>
public class JourneyCmdletTests
{
    [Fact]
    public async Task SegmentsAssignListUnassignWithTheTenLimit()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada" });
        var result = Run(emulator, @"
            $a = Get-GenesysExternalContact -Id $id | Add-GenesysExternalContactSegment -SegmentId vip, churn-risk
            @($a).Count
            $a.SegmentId -contains 'vip' -and $a.SegmentId -contains 'churn-risk'
            ($a | Where-Object SegmentId -eq vip).DateForUnassignment -gt [DateTimeOffset]::UtcNow.AddDays(29)
            Remove-GenesysExternalContactSegment -ContactId $id -SegmentId churn-risk
            (Get-GenesysExternalContactSegment -ContactId $id).SegmentId
            Add-GenesysExternalContactSegment -ContactId $id -SegmentId (1..11 | ForEach-Object { ""s$_"" })
            Add-GenesysExternalContactSegment -ContactId $id -SegmentId vip -WhatIf
            Get-GenesysExternalContactSegment -ContactId 'nope'",
            new Dictionary<string, object?> { ["id"] = Id(contact) });
        Assert.True(Values(result).SequenceEqual(new object?[] { 2, true, true, "vip" }), Dump(result));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError,") && e.FullyQualifiedErrorId.EndsWith("AddGenesysExternalContactSegmentCommand"));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "ExternalContactNotFound,GenesysSync.Commands.Journey.GetGenesysExternalContactSegmentCommand");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public async Task SessionsFollowTheCursorAndMerges()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var a = await emulator.SeedContactAsync(new { firstName = "A" });
        var b = await emulator.SeedContactAsync(new { firstName = "B" });
        for (var i = 0; i < 205; i++) emulator.Org.AddJourneySession(Id(a), new JsonObject { ["type"] = "web", ["eventCount"] = i });
        emulator.Org.AddJourneySession(Id(b), new JsonObject { ["type"] = "app", ["conversation"] = new JsonObject { ["id"] = "conv-1" } });
        var before = Run(emulator, "@(Get-GenesysExternalContact -Id $a | Get-GenesysExternalContactSession).Count", new Dictionary<string, object?> { ["a"] = Id(a) });
        Assert.True(Values(before).SequenceEqual(new object?[] { 205 }), Dump(before));
        Assert.Equal(2, emulator.Org.Stats.Count("GET /api/v2/externalcontacts/contacts/{contactId}/journey/sessions")); // 200 + 5: two pages
        var merged = await SurfaceSeed.PostAsync(emulator, "/api/v2/externalcontacts/contacts/merge", new { contactIds = new[] { Id(a), Id(b) } });
        var result = Run(emulator, @"
            @(Get-GenesysExternalContactSession -ContactId $merged).Count
            $all = Get-GenesysExternalContactSession -ContactId $merged -IncludeMerged
            @($all).Count
            ($all | Where-Object Type -eq app).ConversationId",
            new Dictionary<string, object?> { ["a"] = Id(a), ["merged"] = Id(merged) });
        Assert.True(Values(result).SequenceEqual(new object?[] { 0, 206, "conv-1" }), Dump(result));
    }

    [Fact]
    public async Task ConversationAssociateAndClear()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var contact = await emulator.SeedContactAsync(new { firstName = "Ada" });
        var result = Run(emulator, @"
            Get-GenesysExternalContact -Id $id | Set-GenesysConversationExternalContact -ConversationId 'conv-1' -CommunicationId 'comm-1' -MediaType call
            Set-GenesysConversationExternalContact -ConversationId 'conv-2' -ContactId 'no-such-contact' -CommunicationId 'c' -MediaType chat
            Set-GenesysConversationExternalContact -ConversationId 'conv-3' -ContactId $id -CommunicationId 'c' -MediaType chat -WhatIf",
            new Dictionary<string, object?> { ["id"] = Id(contact) });
        Assert.Equal("ConversationAssociationFailed,GenesysSync.Commands.Journey.SetGenesysConversationExternalContactCommand", result.SingleError().FullyQualifiedErrorId);
        var association = Assert.Single(emulator.Org.ConversationAssociations);
        Assert.Equal(Id(contact), association["externalContactId"]!.GetValue<string>());
        var cleared = Run(emulator, "Clear-GenesysConversationExternalContact -ConversationId 'conv-1' -CommunicationId 'comm-1' -MediaType call");
        cleared.AssertNoErrors();
        Assert.Empty(emulator.Org.ConversationAssociations);
    }
}
