using GenesysSync.Api.Models;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

public class SyncPlannerTests
{
    private static readonly StateRecord Known = new(KeyHash.Compute("externalid", "k"), "id-1", "hash-a", "r", DateTimeOffset.UnixEpoch);
    private static readonly StateRecord KnownNoContent = new(KeyHash.Compute("externalid", "k"), "id-1", null, "r", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(SyncMode.Upsert, "known", false, PlanKind.Unchanged, null)]
    [InlineData(SyncMode.Upsert, "changed", false, PlanKind.Update, null)]
    [InlineData(SyncMode.Upsert, "nocontent", false, PlanKind.Update, null)]
    [InlineData(SyncMode.Upsert, "none", false, PlanKind.Create, null)]
    [InlineData(SyncMode.Upsert, "none", true, PlanKind.LookupThenCreate, null)]
    [InlineData(SyncMode.Insert, "known", false, PlanKind.Skip, SkipReasons.Exists)]
    [InlineData(SyncMode.Insert, "none", false, PlanKind.Create, null)]
    [InlineData(SyncMode.Update, "none", false, PlanKind.Skip, SkipReasons.NotFound)]
    [InlineData(SyncMode.Update, "none", true, PlanKind.LookupThenCreate, null)]
    [InlineData(SyncMode.Update, "changed", false, PlanKind.Update, null)]
    [InlineData(SyncMode.Mirror, "none", false, PlanKind.Create, null)]
    public void DecisionMatrix(SyncMode mode, string state, bool pending, PlanKind kind, string? reason)
    {
        var record = state switch { "known" => Known, "changed" => Known, "nocontent" => KnownNoContent, _ => null };
        var hash = state == "changed" ? "hash-b" : "hash-a";
        var step = SyncPlanner.Decide(mode, MatchOn.ExternalId, hash, record, pending);
        Assert.Equal(kind, step.Kind);
        Assert.Equal(reason, step.Reason);
    }

    [Fact]
    public void MatchingOnIdNeverCreates()
    {
        Assert.Equal(PlanKind.Update, SyncPlanner.Decide(SyncMode.Upsert, MatchOn.Id, "h", null, false).Kind);
        Assert.Equal(SkipReasons.CannotCreateById, SyncPlanner.Decide(SyncMode.Insert, MatchOn.Id, "h", null, false).Reason);
    }

    [Theory]
    [InlineData(0, 0, 10, false, true)]
    [InlineData(10, 100, 10, false, true)]
    [InlineData(11, 100, 10, false, false)]
    [InlineData(11, 100, 10, true, true)]
    [InlineData(1, 0, 10, false, false)]
    [InlineData(100, 100, 100, false, true)]
    public void DeletionThreshold(long candidates, long managed, double threshold, bool force, bool allowed) =>
        Assert.Equal(allowed, SyncPlanner.DeletionAllowed(candidates, managed, threshold, force));
}

public class ContactPayloadTests
{
    private static readonly ContactPayload Payload = new("US", null, "src");

    private static (NormalizedContact Row, MatchKey Key) Normalized(params (string Column, string? Value)[] cells)
    {
        var columns = cells.Select(c => c.Column).ToArray();
        var keyOptions = new KeyOptions();
        keyOptions.KeyColumns.Add("Id");
        var keys = new KeyResolver(keyOptions, columns);
        var mapOptions = new MappingOptions();
        mapOptions.KeyColumns.Add("Id");
        var normalizer = new ContactNormalizer(ContactMapping.Resolve(columns, mapOptions));
        var row = TestRows.Row(1, cells);
        var contact = normalizer.Normalize(row);
        Assert.True(keys.TryGetKey(row, contact, out var key, out _));
        return (contact, key!);
    }

    [Fact]
    public void ServerFormattedValuesCompareEqualToTheInput()
    {
        var (row, key) = Normalized(("Id", "k1"), ("Phone", "(415) 555-2671 x12"), ("Email", "Ann@EXAMPLE.com"), ("Survey Opt Out", "no"));
        var stored = new ExternalContact
        {
            WorkPhone = new PhoneNumber { Display = "+1 415-555-2671", E164 = "+14155552671", Extension = 12, UserInput = "(415) 555-2671 x12" },
            WorkEmail = "Ann@example.com ",
            SurveyOptOut = false,
            ExternalIds = new() { new ExternalId { ExternalSource = new ExternalSource { Id = "src" }, Value = "k1" } },
        };
        Assert.Empty(Payload.ChangedFields(stored, row, key));

        stored.ExternalIds.Clear();
        Assert.Equal(new[] { "externalIds" }, Payload.ChangedFields(stored, row, key));
    }

    [Fact]
    public void MergeKeepsOtherFieldsAndSetsOnlyProvidedOnes()
    {
        var (row, key) = Normalized(("Id", "k1"), ("City", "Berlin"), ("Mobile", "+49 30 1234567"));
        var existing = new ExternalContact
        {
            Id = "c1", FirstName = "Ann", Title = "CEO", Address = new ContactAddress { Address1 = "Main St 1", City = "Bonn" },
            CellPhone = new PhoneNumber { Display = "+4922812345", AcceptsSms = true, E164 = "+4922812345" },
            CreateDate = DateTimeOffset.UnixEpoch,
        };
        var merged = Payload.Merge(existing, row, key);

        Assert.Equal(("Ann", "CEO", "Main St 1", "Berlin"), (merged.FirstName, merged.Title, merged.Address!.Address1, merged.Address.City));
        Assert.Equal(("+49301234567", true, null), (merged.CellPhone!.Display, merged.CellPhone.AcceptsSms, merged.CellPhone.E164));
        Assert.Null(merged.CreateDate);
        Assert.Equal("k1", merged.ExternalIds!.Single().Value);
        Assert.Equal("Bonn", existing.Address.City); // the input object is not modified
        Assert.Equal(new[] { "cellPhone", "city", "externalIds" }, Payload.ChangedFields(existing, row, key).OrderBy(x => x));
    }

    [Fact]
    public void BuildNewCarriesTheExternalIdAndCustomFields()
    {
        var schema = new CustomFieldSchema("schema-1", 3, "crm", new[] { new CustomFieldDefinition("tier") });
        var payload = new ContactPayload("US", schema, "src");
        var keyOptions = new KeyOptions();
        keyOptions.KeyColumns.Add("Id");
        var columns = new[] { "Id", "Tier", "WhatsApp" };
        var keys = new KeyResolver(keyOptions, columns);
        var mapOptions = new MappingOptions { Schema = schema };
        mapOptions.KeyColumns.Add("Id");
        var normalizer = new ContactNormalizer(ContactMapping.Resolve(columns, mapOptions));
        var row = TestRows.Row(1, ("Id", "k9"), ("Tier", "gold"), ("WhatsApp", "+1 415 555 2671"));
        var contact = normalizer.Normalize(row);
        keys.TryGetKey(row, contact, out var key, out _);

        var c = payload.BuildNew(contact, key!);
        Assert.Equal(("src", "k9"), (c.ExternalIds!.Single().ExternalSource!.Id, c.ExternalIds!.Single().Value));
        Assert.Equal(("schema-1", 3), (c.Schema!.Id, c.Schema.Version!.Value));
        Assert.Equal("gold", c.CustomFields!["tier"].GetString());
        Assert.Equal("14155552671", c.WhatsAppId!.PhoneNumber!.Display);
        Assert.Empty(payload.ChangedFields(c, contact, key!));
    }
}
