using GenesysSync.Sync;
using static GenesysSync.Tests.Sync.TestRows;

namespace GenesysSync.Tests.Sync;

public class ContactNormalizerTests
{
    private static ContactNormalizer For(string[] columns, NormalizationOptions? options = null) =>
        new(ContactMapping.Resolve(columns, new MappingOptions()), options);

    [Theory]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("415.555.2671", "US", "+14155552671")]
    [InlineData("+1 415 555 2671", "DE", "+14155552671")]
    [InlineData("0044 20 7946 0958", "US", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("(415) 555-2671 ext. 42", "US", "+14155552671;ext=42")]
    [InlineData("+14155552671 x 007", "US", "+14155552671;ext=7")]
    public void PhonesBecomeE164WithExtensions(string input, string region, string expected)
    {
        var n = For(new[] { "Phone" }, new NormalizationOptions { DefaultRegion = region });
        var c = n.Normalize(Row(1, ("Phone", input)));
        Assert.Empty(c.Issues);
        Assert.Equal(expected, c.Fields["workPhone"]);
    }

    [Theory]
    [InlineData("555-1234", "is a local number without its area code")]
    [InlineData("12", "has too few digits")]
    [InlineData("n/a", "has no digits")]
    [InlineData("415.555.2671;415.555.2672", "holds more than one value")]
    [InlineData("+999 1234 5678", "unknown country code")]
    public void PhonesWithoutAnE164FormFailWithTheReason(string input, string reason)
    {
        var n = For(new[] { "Mobile" }, new NormalizationOptions { DefaultRegion = "US" });
        var c = n.Normalize(Row(4, ("Mobile", input)));

        var issue = Assert.Single(c.Issues);
        Assert.Equal((RowIssueCodes.InvalidPhone, "cellPhone", RowIssueSeverity.Error), (issue.Code, issue.Field, issue.Severity));
        Assert.StartsWith("Row 4: cellPhone ", issue.Message);
        Assert.Contains(reason, issue.Message);
        Assert.DoesNotContain(input, issue.Message);
        Assert.False(c.Fields.ContainsKey("cellPhone"));
    }

    [Fact]
    public void NulCharactersAreRemovedFromValues()
    {
        var c = For(new[] { "First Name", "Email" }).Normalize(Row(1, ("First Name", "A\0da\0\0"), ("Email", "ada@example.com\0")));
        Assert.Empty(c.Issues);
        Assert.Equal("Ada", c.Fields["firstName"]);
        Assert.Equal("ada@example.com", c.Fields["workEmail"]);
    }

    [Fact]
    public void SamePhoneInDifferentFormatsHashesTheSame()
    {
        var n = For(new[] { "Mobile" });
        var a = n.Normalize(Row(1, ("Mobile", "(415) 555-2671")));
        var b = n.Normalize(Row(2, ("Mobile", "+14155552671")));
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash);
    }

    [Theory]
    [InlineData(InvalidPhonePolicy.Fail, RowIssueSeverity.Error, null)]
    [InlineData(InvalidPhonePolicy.Skip, RowIssueSeverity.Skip, null)]
    [InlineData(InvalidPhonePolicy.KeepAsIs, RowIssueSeverity.Warning, "call me maybe")]
    [InlineData(InvalidPhonePolicy.DropField, RowIssueSeverity.Warning, null)]
    public void UnparseablePhonesFollowThePolicy(InvalidPhonePolicy policy, RowIssueSeverity severity, string? kept)
    {
        var n = For(new[] { "Phone", "First Name" }, new NormalizationOptions { InvalidPhone = policy });
        var c = n.Normalize(Row(7, ("Phone", " call me maybe "), ("First Name", "Ann")));

        var issue = Assert.Single(c.Issues);
        Assert.Equal(RowIssueCodes.InvalidPhone, issue.Code);
        Assert.Equal("workPhone", issue.Field);
        Assert.Equal(7, issue.RowNumber);
        Assert.Equal(severity, issue.Severity);
        Assert.DoesNotContain("call me", issue.Message); // never the value
        Assert.Contains("Row 7", issue.Message);
        Assert.Equal(severity != RowIssueSeverity.Warning, c.IsRejected);
        Assert.Equal(kept, c.Fields.TryGetValue("workPhone", out var v) ? v : null);
        Assert.Equal("Ann", c.Fields["firstName"]);
    }

    [Theory]
    [InlineData("  Ann.Lee@Example.COM ", "Ann.Lee@example.com")]
    [InlineData("mailto:bob@EXAMPLE.org", "bob@example.org")]
    [InlineData("<zoë@bücher.de>", "zoë@bücher.de")]
    public void EmailsAreTrimmedAndDomainLowerCased(string input, string expected)
    {
        var c = For(new[] { "Email" }).Normalize(Row(1, ("Email", input)));
        Assert.Empty(c.Issues);
        Assert.Equal(expected, c.Fields["workEmail"]);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("a@@b.com")]
    [InlineData("a b@c.com")]
    [InlineData("a@b..com")]
    [InlineData(".a@b.com")]
    [InlineData("a@-b.com")]
    [InlineData("a@1.2.3.4")]
    public void BadEmailsAreRowErrorsNamingTheField(string input)
    {
        var c = For(new[] { "Personal Email" }).Normalize(Row(3, ("Personal Email", input)));
        var issue = Assert.Single(c.Issues);
        Assert.Equal(RowIssueCodes.InvalidEmail, issue.Code);
        Assert.Equal("personalEmail", issue.Field);
        Assert.Equal(RowIssueSeverity.Error, issue.Severity);
        Assert.DoesNotContain(input, issue.Message);
        Assert.False(c.Fields.ContainsKey("personalEmail"));
    }

    [Fact]
    public void OverLongFieldsAreRowErrorsWithTheLimit()
    {
        var c = For(new[] { "City", "Zip", "First Name" }).Normalize(Row(4, ("City", new string('x', 101)), ("Zip", new string('1', 25)), ("First Name", new string('é', 1000))));
        var issue = Assert.Single(c.Issues);
        Assert.Equal(RowIssueCodes.TooLong, issue.Code);
        Assert.Equal("city", issue.Field);
        Assert.Contains("101", issue.Message);
        Assert.Contains("100", issue.Message);
        Assert.True(c.IsRejected);
        Assert.Equal(25, c.Fields["postalCode"]!.Length);
    }

    [Fact]
    public void EmptyCellsAreNotProvidedUnlessClearEmpty()
    {
        var row = Row(1, ("First Name", "  "), ("Last Name", "Lee"), ("Mobile", ""));
        var normal = For(new[] { "First Name", "Last Name", "Mobile" }).Normalize(row);
        Assert.Equal(new[] { "lastName" }, normal.Fields.Keys);

        var clearing = For(new[] { "First Name", "Last Name", "Mobile" }, new NormalizationOptions { ClearEmpty = true }).Normalize(row);
        Assert.Equal(new[] { "cellPhone", "firstName", "lastName" }, clearing.Fields.Keys);
        Assert.Null(clearing.Fields["firstName"]);
        Assert.NotEqual(normal.ContentHash, clearing.ContentHash);
    }

    [Fact]
    public void UnicodeIsComposedAndTrimmedSoEqualTextHashesEqual()
    {
        var n = For(new[] { "First Name" });
        var composed = n.Normalize(Row(1, ("First Name", "Zoë")));
        var decomposed = n.Normalize(Row(2, ("First Name", "\u00A0Zoe\u0308 ")));
        Assert.Equal("Zoë", decomposed.Fields["firstName"]);
        Assert.Equal(composed.ContentHash, decomposed.ContentHash);
        Assert.NotEqual(composed.ContentHash, n.Normalize(Row(3, ("First Name", "Zoe"))).ContentHash);
    }

    [Fact]
    public void BooleansUrlsAndWhatsApp()
    {
        var n = For(new[] { "surveyOptOut", "externalSystemUrl", "WhatsApp" });
        var ok = n.Normalize(Row(1, ("surveyOptOut", "Yes"), ("externalSystemUrl", "https://crm.example.com/c/1"), ("WhatsApp", "(415) 555-2671")));
        Assert.Empty(ok.Issues);
        Assert.Equal("true", ok.Fields["surveyOptOut"]);
        Assert.Equal("14155552671", ok.Fields["whatsAppNumber"]);

        var bad = n.Normalize(Row(2, ("surveyOptOut", "maybe"), ("externalSystemUrl", "crm/c/1"), ("WhatsApp", "")));
        Assert.Equal(new[] { RowIssueCodes.InvalidUrl, RowIssueCodes.InvalidBoolean }, bad.Issues.Select(i => i.Code)); // catalogue order
    }

    [Fact]
    public void RaggedRowsAndFailingExpressionsBecomeIssues()
    {
        var ragged = new GenesysSync.Input.CsvRowSource(() => new MemoryStream("First Name,Last Name\nAnn,Lee,extra\n"u8.ToArray()));
        var n = new ContactNormalizer(ContactMapping.Resolve(ragged.Columns, new MappingOptions()));
        var c = n.Normalize(ragged.ReadRows().Single());
        Assert.Equal(RowIssueCodes.RaggedRow, Assert.Single(c.Issues).Code);
        Assert.Empty(c.Fields);

        var options = new MappingOptions();
        options.Map["title"] = FieldSource.FromDelegate(_ => throw new InvalidOperationException("boom"));
        var withExpr = new ContactNormalizer(ContactMapping.Resolve(new[] { "First Name" }, options));
        var e = withExpr.Normalize(Row(9, ("First Name", "Ann")));
        var issue = Assert.Single(e.Issues);
        Assert.Equal(RowIssueCodes.MapExpressionFailed, issue.Code);
        // The exception's own message may quote the value it failed on: only its type is shown...
        Assert.Equal("Row 9: the map expression for title failed (InvalidOperationException).", issue.Message);
        Assert.Equal("Ann", e.Fields["firstName"]);

        // ...unless it is a MapExpressionException, whose message is value-free by contract.
        options.Map["title"] = FieldSource.FromDelegate(_ => throw new MapExpressionException("InvalidCastFromStringToInteger at line 1, char 3"));
        var safe = new ContactNormalizer(ContactMapping.Resolve(new[] { "First Name" }, options)).Normalize(Row(9, ("First Name", "Ann")));
        Assert.Equal("Row 9: the map expression for title failed (InvalidCastFromStringToInteger at line 1, char 3).", Assert.Single(safe.Issues).Message);
    }

    [Fact]
    public void CustomFieldsAreCheckedAgainstTheSchema()
    {
        var schema = new CustomFieldSchema("s", 1, "crm", new[] { new CustomFieldDefinition("tier", 5) });
        var n = new ContactNormalizer(ContactMapping.Resolve(new[] { "Tier", "First" }, new MappingOptions { Schema = schema }));
        Assert.Equal("gold", n.Normalize(Row(1, ("Tier", " gold "), ("First", "A"))).CustomFields["tier"]);
        var tooLong = n.Normalize(Row(2, ("Tier", "platinum"), ("First", "A")));
        Assert.Equal(RowIssueCodes.TooLong, Assert.Single(tooLong.Issues).Code);
    }

    [Fact]
    public void CustomFieldValuesAreConvertedToTheirTypeWithTheInvariantCulture()
    {
        var schema = new CustomFieldSchema("s", 1, "crm", new[]
        {
            new CustomFieldDefinition("tier_enum", CustomFieldType.Enum, enumValues: new[] { "Gold", "Silver" }),
            new CustomFieldDefinition("seats_integer", CustomFieldType.Integer, minimum: 0),
            new CustomFieldDefinition("score_number", CustomFieldType.Number),
            new CustomFieldDefinition("vip_checkbox", CustomFieldType.Checkbox),
            new CustomFieldDefinition("renewal_date", CustomFieldType.Date),
            new CustomFieldDefinition("seen_datetime", CustomFieldType.DateTime),
            new CustomFieldDefinition("interests_tag", CustomFieldType.Tag, maxLength: 10),
        });
        var columns = new[] { "First", "Tier", "Seats", "Score", "Vip", "Renewal", "Seen", "Interests" };
        var n = new ContactNormalizer(ContactMapping.Resolve(columns, new MappingOptions { Schema = schema }));
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var good = n.Normalize(Row(1, ("First", "A"), ("Tier", "gold"), ("Seats", "1,200"), ("Score", "4.50"), ("Vip", "Yes"),
                ("Renewal", "2026-01-31"), ("Seen", "2026-01-31T10:15:00+01:00"), ("Interests", "golf; wine;golf")));
            Assert.Empty(good.Issues);
            Assert.Equal("Gold", good.CustomFields["tier_enum"]);
            Assert.Equal("1200", good.CustomFields["seats_integer"]);
            Assert.Equal("4.5", good.CustomFields["score_number"]);
            Assert.Equal("true", good.CustomFields["vip_checkbox"]);
            Assert.Equal("2026-01-31", good.CustomFields["renewal_date"]);
            Assert.Equal("2026-01-31T09:15:00.000Z", good.CustomFields["seen_datetime"]);
            Assert.Equal("golf;wine", good.CustomFields["interests_tag"]);

            var bad = n.Normalize(Row(2, ("First", "A"), ("Tier", "Platinum"), ("Seats", "-1"), ("Score", "4,5"), ("Vip", "maybe"),
                ("Renewal", "31.01.2026"), ("Seen", "gestern"), ("Interests", "a-very-long-tag")));
            Assert.Equal(7, bad.Issues.Count);
            Assert.All(bad.Issues, i => Assert.Equal(RowIssueCodes.InvalidCustomField, i.Code));
            Assert.All(bad.Issues, i => Assert.StartsWith("Row 2: custom field " + i.Field + " ", i.Message));
            foreach (var secret in new[] { "Platinum", "4,5", "maybe", "31.01.2026", "gestern", "a-very-long-tag" })
                Assert.DoesNotContain(bad.Issues, i => i.Message.Contains(secret));
            Assert.Empty(bad.CustomFields);
            Assert.Equal("Row 2: custom field seats_integer must be at least 0.", bad.Issues.Single(i => i.Field == "seats_integer").Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("5", "10", "15", "must be between 5 and 10")]
    [InlineData(null, "10", "15", "must be at most 10")]
    [InlineData("0.5", null, "0.25", "must be at least 0.5")]
    public void AValueOutOfRangeSaysWhichBoundItMisses(string? minimum, string? maximum, string value, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var schema = new CustomFieldSchema("s", 1, "crm", new[]
        {
            new CustomFieldDefinition("score_number", CustomFieldType.Number,
                minimum: minimum is null ? null : decimal.Parse(minimum, inv), maximum: maximum is null ? null : decimal.Parse(maximum, inv)),
        });
        var n = new ContactNormalizer(ContactMapping.Resolve(new[] { "First", "Score" }, new MappingOptions { Schema = schema }));
        var issue = Assert.Single(n.Normalize(Row(3, ("First", "A"), ("Score", value))).Issues);
        Assert.Equal("Row 3: custom field score_number " + expected + ".", issue.Message);
    }

    [Fact]
    public void CustomValuesReadFromTheOrgCompareEqualToTheRowsCanonicalForm()
    {
        var schema = new CustomFieldSchema("s", 2, "crm", new[]
        {
            new CustomFieldDefinition("score_number", CustomFieldType.Number),
            new CustomFieldDefinition("interests_tag", CustomFieldType.Tag),
            new CustomFieldDefinition("vip_checkbox", CustomFieldType.Checkbox),
        });
        var payload = new ContactPayload("US", schema, null);
        var stored = System.Text.Json.JsonSerializer.Deserialize<GenesysSync.Api.Models.ExternalContact>(
            """{"schema":{"id":"s","version":1},"customFields":{"score_number":4.50,"interests_tag":["golf","wine"],"vip_checkbox":false}}""")!;
        Assert.Equal("4.5", payload.ProjectCustom(stored, "score_number"));
        Assert.Equal("golf;wine", payload.ProjectCustom(stored, "interests_tag"));
        Assert.Equal("false", payload.ProjectCustom(stored, "vip_checkbox"));
    }

    [Fact]
    public void UnknownRegionIsRejectedUpFront()
    {
        var ex = Assert.Throws<ArgumentException>(() => For(new[] { "Phone" }, new NormalizationOptions { DefaultRegion = "XX" }));
        Assert.Contains("XX", ex.Message);
    }
}
