using GenesysSync.Sync;
using static GenesysSync.Tests.Sync.TestRows;

namespace GenesysSync.Tests.Sync;

public class KeyResolverTests
{
    private static (KeyResolver Keys, ContactNormalizer Normalizer) Setup(MatchOn matchOn, string[] columns, params string[] keyColumns)
    {
        var keyOptions = new KeyOptions { MatchOn = matchOn };
        foreach (var k in keyColumns) keyOptions.KeyColumns.Add(k);
        var keys = new KeyResolver(keyOptions, columns);
        var mapOptions = new MappingOptions();
        foreach (var k in keys.KeyColumns) mapOptions.KeyColumns.Add(k);
        return (keys, new ContactNormalizer(ContactMapping.Resolve(columns, mapOptions)));
    }

    private static MatchKey? KeyOf((KeyResolver Keys, ContactNormalizer Normalizer) s, GenesysSync.Input.ISourceRow row, out RowIssue? issue)
    {
        s.Keys.TryGetKey(row, s.Normalizer.Normalize(row), out var key, out issue);
        return key;
    }

    [Fact]
    public void ExternalIdKeyColumnIsDetectedAndTrimmed()
    {
        var s = Setup(MatchOn.ExternalId, new[] { "Customer ID", "First Name" });
        Assert.Equal(new[] { "Customer ID" }, s.Keys.KeyColumns);
        var key = KeyOf(s, Row(1, ("Customer ID", " C-42 "), ("First Name", "Ann")), out _)!;
        Assert.Equal("C-42", key.Value);
        Assert.True(key.IsExternalId);
        Assert.Equal(KeyHash.Compute("externalid", "C-42"), key.Hash);
        Assert.NotEqual(KeyHash.Compute("externalid", "c-42"), key.Hash); // CRM ids are case-sensitive
    }

    [Fact]
    public void NoDetectableKeyColumnIsAConfigurationError()
    {
        var ex = Assert.Throws<MappingException>(() => new KeyResolver(new KeyOptions(), new[] { "First Name" }));
        Assert.Contains("key column", ex.Message);
    }

    [Fact]
    public void RowsWithoutKeyOrWithBadKeyGetIssues()
    {
        var s = Setup(MatchOn.ExternalId, new[] { "CrmId", "First Name" });
        Assert.Null(KeyOf(s, Row(5, ("CrmId", "  "), ("First Name", "Ann")), out var missing));
        Assert.Equal(RowIssueCodes.MissingKey, missing!.Code);
        Assert.Equal("CrmId", missing.Field);
        Assert.Null(KeyOf(s, Row(6, ("CrmId", new string('k', 256)), ("First Name", "Ann")), out var tooLong));
        Assert.Equal(RowIssueCodes.InvalidKey, tooLong!.Code);

        var ids = Setup(MatchOn.Id, new[] { "Id", "First Name" });
        Assert.Null(KeyOf(ids, Row(1, ("Id", "not-a-guid"), ("First Name", "A")), out var badId));
        Assert.Equal(RowIssueCodes.InvalidKey, badId!.Code);
        var guid = Guid.NewGuid();
        Assert.Equal(guid.ToString("D"), KeyOf(ids, Row(2, ("Id", guid.ToString("B").ToUpperInvariant()), ("First Name", "A")), out _)!.Value);
    }

    [Fact]
    public void WorkEmailKeyIsCaseInsensitive()
    {
        var s = Setup(MatchOn.WorkEmail, new[] { "Email", "First Name" });
        var a = KeyOf(s, Row(1, ("Email", "Ann@Example.com")), out _)!;
        var b = KeyOf(s, Row(2, ("Email", " ann@EXAMPLE.COM")), out _)!;
        Assert.Equal(a.Hash, b.Hash);
        Assert.False(a.IsExternalId);

        Assert.Null(KeyOf(s, Row(3, ("Email", "nope")), out var invalid));
        Assert.Equal(RowIssueCodes.InvalidKey, invalid!.Code);
        Assert.Null(KeyOf(s, Row(4, ("Email", ""), ("First Name", "A")), out var missing));
        Assert.Equal(RowIssueCodes.MissingKey, missing!.Code);
    }

    [Fact]
    public void CompositeKeyIsStableAndOrderIndependent()
    {
        var ab = Setup(MatchOn.Composite, new[] { "AccountId", "Phone", "First Name" }, "AccountId", "Phone");
        var ba = Setup(MatchOn.Composite, new[] { "AccountId", "Phone", "First Name" }, "phone", "accountid");
        var row = Row(1, ("AccountId", "A1"), ("Phone", "555"), ("First Name", "Ann"));
        var k1 = KeyOf(ab, row, out _)!;
        var k2 = KeyOf(ba, row, out _)!;
        Assert.Equal(k1.Value, k2.Value);
        Assert.Matches("^[0-9a-f]{64}$", k1.Value);
        Assert.True(k1.IsExternalId);
        // "A1"+"555" must not collide with "A15"+"55".
        Assert.NotEqual(k1.Value, KeyOf(ab, Row(2, ("AccountId", "A15"), ("Phone", "55")), out _)!.Value);
        Assert.Null(KeyOf(ab, Row(3, ("AccountId", "A1"), ("Phone", "")), out var missing));
        Assert.Equal("Phone", missing!.Field);
        // Key columns are not sent as fields: Phone would otherwise map to workPhone.
        Assert.DoesNotContain(ab.Normalizer.Mapping.Fields, f => f.Field == ContactFields.WorkPhone);
    }

    [Fact]
    public void KeyHashRoundTripsAndIsValueEqual()
    {
        var h = KeyHash.Compute("externalid", "x");
        Assert.Equal(h, KeyHash.Parse(h.ToString()));
        Assert.Equal(h, KeyHash.FromBytes(h.ToBytes()));
        Assert.Equal(64, h.ToString().Length);
        Assert.NotEqual(h, KeyHash.Compute("workemail", "x"));
    }

    [Fact]
    public void DuplicateKeysLastRowWins()
    {
        var index = new DuplicateKeyIndex();
        var a = KeyHash.Compute("externalid", "A");
        var b = KeyHash.Compute("externalid", "B");
        index.Add(a, 1);
        index.Add(b, 2);
        index.Add(a, 3);
        index.Add(a, 5);

        Assert.True(index.IsSuperseded(a, 1, out var w1));
        Assert.Equal(5, w1);
        Assert.True(index.IsSuperseded(a, 3, out _));
        Assert.False(index.IsSuperseded(a, 5, out _));
        Assert.False(index.IsSuperseded(b, 2, out _));
        Assert.Equal(2, index.Count);
        Assert.Equal(2, index.DuplicateRows);
    }
}
