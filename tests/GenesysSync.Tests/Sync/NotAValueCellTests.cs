using System.Collections;
using GenesysSync.Api.Models;
using GenesysSync.Input;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

/// <summary>
/// Pipeline values that are not one value (an array of several items, a nested object): the row holds them as a cell
/// problem, and only the readers of a used column (mapped field, key, lead columns) fail the row with NotAValue.
/// </summary>
public class NotAValueCellTests
{
    private sealed class Opaque { }
    private sealed class Named { public override string ToString() => "named"; }

    private static DictionaryRow Row(int n, params (string Column, object? Value)[] cells) =>
        DictionaryRow.FromObjects(n, cells.Select(c => new KeyValuePair<string, object?>(c.Column, c.Value)));

    [Fact]
    public void Collections_of_zero_or_one_item_read_as_a_value_and_others_are_not_one_value()
    {
        var row = Row(1,
            ("Empty", Array.Empty<string>()), ("One", new object[] { 42 }), ("Two", new[] { "SECRET-A", "SECRET-B" }),
            ("Table", new Hashtable { ["k"] = "v" }), ("Opaque", new Opaque()), ("OneOpaque", new object[] { new Opaque() }),
            ("Named", new Named()), ("Lazy", Enumerable.Range(1, 3).Select(i => i)), ("Date", new DateTime(2024, 5, 1)), ("Plain", "x"));

        Assert.Null(row["Empty"]);
        Assert.Null(row.CellProblem("Empty"));
        Assert.Equal("42", row["One"]);
        Assert.Null(row.CellProblem("one"));
        Assert.Null(row["Two"]);
        Assert.Equal("holds 2 values", row.CellProblem("TWO"));
        Assert.Equal("SECRET-A;SECRET-B", row.CellList("Two"));
        Assert.Equal("holds an object, not a value", row.CellProblem("Table"));
        Assert.Null(row.CellList("Table"));
        Assert.Equal("holds an object, not a value", row.CellProblem("Opaque"));
        Assert.Equal("holds an object, not a value", row.CellProblem("OneOpaque"));
        Assert.Equal("named", row["Named"]);
        Assert.Equal("holds more than one value", row.CellProblem("Lazy"));
        Assert.Equal("1;2;3", row.CellList("Lazy"));
        Assert.StartsWith("2024-05-01T00:00:00", row["Date"]);
        Assert.Null(row.CellProblem("Plain"));
        Assert.Null(row.CellProblem("Absent"));
        Assert.Null(row.CellList("Plain"));
    }

    [Fact]
    public void A_mapped_column_that_is_not_one_value_fails_the_row_and_an_unmapped_one_does_not()
    {
        var columns = new[] { "CrmId", "First Name", "Email", "Groups" };
        var normalizer = new ContactNormalizer(ContactMapping.Resolve(columns, new MappingOptions { KeyColumns = { "CrmId" } }));

        var fine = normalizer.Normalize(Row(1, ("CrmId", "C1"), ("First Name", "Ada"), ("Email", "ada@example.com"), ("Groups", new[] { "g1", "g2" })));
        Assert.Empty(fine.Issues);
        Assert.Equal("Ada", fine.Fields["firstName"]);

        var bad = normalizer.Normalize(Row(3, ("CrmId", "C3"), ("First Name", new[] { "SECRET-A", "SECRET-B" }), ("Email", new Hashtable { ["x"] = "SECRET-C" })));
        Assert.True(bad.IsRejected);
        Assert.Equal(new[] { (RowIssueCodes.NotAValue, "firstName"), (RowIssueCodes.NotAValue, "workEmail") }, bad.Issues.Select(i => (i.Code, i.Field!)).OrderBy(i => i.Item2));
        var first = bad.Issues.Single(i => i.Field == "firstName");
        Assert.Equal("Row 3: column 'First Name' (mapped to firstName) holds 2 values; give one value.", first.Message);
        Assert.Contains("holds an object, not a value", bad.Issues.Single(i => i.Field == "workEmail").Message);
        Assert.DoesNotContain(bad.Issues, i => i.Message.Contains("SECRET") || i.Message.Contains("System."));
    }

    [Fact]
    public void Keys_that_are_not_one_value_fail_with_NotAValue_naming_the_column()
    {
        var columns = new[] { "Region", "CrmId", "First Name" };
        foreach (var (matchOn, keyColumns) in new[] { (MatchOn.ExternalId, new[] { "CrmId" }), (MatchOn.Composite, new[] { "Region", "CrmId" }) })
        {
            var options = new KeyOptions { MatchOn = matchOn };
            foreach (var k in keyColumns) options.KeyColumns.Add(k);
            var keys = new KeyResolver(options, columns);
            var normalizer = new ContactNormalizer(ContactMapping.Resolve(columns, new MappingOptions { KeyColumns = { "Region", "CrmId" } }));

            var row = Row(7, ("Region", "EU"), ("CrmId", new[] { "SECRET-A", "SECRET-B" }), ("First Name", "Ada"));
            Assert.False(keys.TryGetKey(row, normalizer.Normalize(row), out _, out var issue));
            Assert.Equal((RowIssueCodes.NotAValue, "CrmId"), (issue!.Code, issue.Field));
            Assert.Equal("Row 7: column 'CrmId' (the key) holds 2 values; give one value.", issue.Message);

            var one = Row(8, ("Region", new[] { "EU" }), ("CrmId", new object[] { "C8" }), ("First Name", "Ada"));
            Assert.True(keys.TryGetKey(one, normalizer.Normalize(one), out var key, out _));
            if (matchOn == MatchOn.ExternalId) Assert.Equal("C8", key!.Value);
        }
    }

    [Fact]
    public void A_tag_custom_field_takes_a_list_and_other_custom_fields_do_not()
    {
        var schema = new CustomFieldSchema("s1", 1, "CRM", new[]
        {
            new CustomFieldDefinition("interests_tag", CustomFieldType.Tag, 20),
            new CustomFieldDefinition("tier_text", CustomFieldType.Text, 50),
        });
        var options = new MappingOptions { Schema = schema, KeyColumns = { "CrmId" } };
        options.Map["customFields.interests_tag"] = FieldSource.FromColumn("Interests");
        options.Map["customFields.tier_text"] = FieldSource.FromColumn("Tier");
        var normalizer = new ContactNormalizer(ContactMapping.Resolve(new[] { "CrmId", "Interests", "Tier" }, options));

        var listed = normalizer.Normalize(Row(1, ("CrmId", "C1"), ("Interests", new[] { "golf", "wine" }), ("Tier", "gold")));
        Assert.Empty(listed.Issues);
        Assert.Equal("golf;wine", listed.CustomFields["interests_tag"]);

        var bad = normalizer.Normalize(Row(2, ("CrmId", "C2"), ("Interests", new object[] { "golf", new Hashtable() }), ("Tier", new[] { "gold", "silver" })));
        Assert.Equal(new[] { "interests_tag", "tier_text" }, bad.Issues.Where(i => i.Code == RowIssueCodes.NotAValue).Select(i => i.Field).OrderBy(f => f));
        Assert.Contains("(mapped to custom field tier_text) holds 2 values", bad.Issues.Single(i => i.Field == "tier_text").Message);
    }

    [Fact]
    public void The_lead_validator_fails_a_lead_whose_used_column_is_not_one_value()
    {
        var list = new ContactList
        {
            Name = "Leads",
            ColumnNames = new List<string> { "LeadId", "Name", "Phone" },
            PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
        };
        var validator = new LeadValidator(list, new LeadLoadOptions { IdColumn = "LeadId", ConsentColumn = "Consent" });

        LeadCheck Check(params (string, object?)[] cells) => validator.Check(Row(4, cells));

        var id = Check(("LeadId", new[] { "SECRET-A", "SECRET-B" }), ("Name", "Ann"), ("Phone", "(415) 555-0101"));
        Assert.Equal((LeadErrorCodes.NotAValue, "LeadId"), (id.ErrorCode, id.Column));
        Assert.Equal("Row 4: column 'LeadId' (the Lead ID) holds 2 values; give one value.", id.Message);

        var phone = Check(("LeadId", "L4"), ("Name", "Ann"), ("Phone", new Hashtable { ["n"] = "SECRET" }));
        Assert.Equal((LeadErrorCodes.NotAValue, "Phone", "L4"), (phone.ErrorCode, phone.Column, phone.LeadId));
        Assert.Equal("Row 4: column 'Phone' holds an object, not a value; give one value.", phone.Message);

        var consent = Check(("LeadId", "L4"), ("Name", "Ann"), ("Phone", "(415) 555-0101"), ("Consent", new[] { true, false }));
        Assert.Equal((LeadErrorCodes.NotAValue, "Consent"), (consent.ErrorCode, consent.Column));

        var fine = Check(("LeadId", new[] { "L4" }), ("Name", "Ann"), ("Phone", "(415) 555-0101"), ("Consent", true), ("Tags", new[] { "a", "b" }));
        Assert.True(fine.IsValid, fine.Message);
        Assert.Equal("L4", fine.LeadId);
    }
}
