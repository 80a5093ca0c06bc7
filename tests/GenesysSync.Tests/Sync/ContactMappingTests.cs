using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

public class ContactMappingTests
{
    [Theory]
    [InlineData("First Name", "firstName")]
    [InlineData("first_name", "firstName")]
    [InlineData("FirstName", "firstName")]
    [InlineData("FIRST-NAME", "firstName")]
    [InlineData("E-mail", "workEmail")]
    [InlineData("Email", "workEmail")]
    [InlineData("Mobile", "cellPhone")]
    [InlineData("Cell", "cellPhone")]
    [InlineData("Telephone", "workPhone")]
    [InlineData("Phone", "workPhone")]
    [InlineData("Zip", "postalCode")]
    [InlineData("ZipCode", "postalCode")]
    [InlineData("Post Code", "postalCode")]
    [InlineData("Street", "address1")]
    [InlineData("address.city", "city")]
    [InlineData("Survey Opt Out", "surveyOptOut")]
    public void ColumnNamesAndAliasesAutoMap(string column, string field)
    {
        var mapping = ContactMapping.Resolve(new[] { column }, new MappingOptions());
        var m = Assert.Single(mapping.Fields);
        Assert.Equal(field, m.Field.Name);
        Assert.True(m.Automatic);
        Assert.Equal(column, m.Source.Column);
        Assert.Empty(mapping.Report.Unmapped);
    }

    [Fact]
    public void UnknownAndUnsupportedColumnsAreReportedOnceAndNotMapped()
    {
        var mapping = ContactMapping.Resolve(new[] { "CustomerId", "First Name", "Department", "Company", "Shoe Size" },
            KeyOpts("CustomerId"));

        Assert.Equal(new[] { "firstName" }, mapping.Fields.Select(f => f.Field.Name));
        Assert.Equal(new[] { "Department", "Company", "Shoe Size" }, mapping.Report.UnmappedColumnNames);
        var dept = mapping.Report.Unmapped.Single(u => u.Column == "Department");
        Assert.True(dept.IsUnsupportedField);
        Assert.Contains("no department field", dept.Reason);
        Assert.False(mapping.Report.Unmapped.Single(u => u.Column == "Shoe Size").IsUnsupportedField);
        Assert.Equal(new[] { "CustomerId" }, mapping.Report.KeyColumns); // key column is neither mapped nor unmapped
    }

    [Fact]
    public void ExactFieldNameBeatsAliasAndTheLoserIsReported()
    {
        var mapping = ContactMapping.Resolve(new[] { "Email", "Work Email" }, new MappingOptions());
        var m = Assert.Single(mapping.Fields);
        Assert.Equal("Work Email", m.Source.Column);
        var loser = Assert.Single(mapping.Report.Unmapped);
        Assert.Equal("Email", loser.Column);
        Assert.Contains("workEmail", loser.Reason);
    }

    [Fact]
    public void ExplicitMapOverridesAutoMappingAndAcceptsDelegates()
    {
        var options = new MappingOptions();
        options.Map["workEmail"] = FieldSource.FromColumn("contact_mail");
        options.Map["Zip"] = FieldSource.FromDelegate(r => r["PLZ"] + "-" + r["Ext"], "{ $_.PLZ }");
        options.Map["lastName"] = null; // do not map even though a column matches
        var mapping = ContactMapping.Resolve(new[] { "Email", "CONTACT_MAIL", "PLZ", "Ext", "Last Name" }, options);

        Assert.Equal(new[] { "workEmail", "postalCode" }, mapping.Fields.Select(f => f.Field.Name));
        Assert.Equal("CONTACT_MAIL", mapping.Fields[0].Source.Column); // resolved to the real column casing
        Assert.False(mapping.Fields[0].Automatic);
        Assert.Equal("{ $_.PLZ }", mapping.Fields[1].Source.Description);
        Assert.Equal("10115-7", mapping.Fields[1].Source.Read(TestRows.Row(1, ("PLZ", "10115"), ("Ext", "7"))));
        Assert.Contains(mapping.Report.Unmapped, u => u.Column == "Email" && u.Reason.Contains("map fills"));
        Assert.Contains(mapping.Report.Unmapped, u => u.Column == "Last Name" && u.Reason.Contains("excludes"));
    }

    [Fact]
    public void MapErrorsAreClear()
    {
        var unknownField = new MappingOptions();
        unknownField.Map["department"] = FieldSource.FromColumn("Dept");
        var ex = Assert.Throws<MappingException>(() => ContactMapping.Resolve(new[] { "Dept" }, unknownField));
        Assert.Contains("not a contact field", ex.Message);

        var missingColumn = new MappingOptions();
        missingColumn.Map["firstName"] = FieldSource.FromColumn("Vorname");
        ex = Assert.Throws<MappingException>(() => ContactMapping.Resolve(new[] { "Name" }, missingColumn));
        Assert.Contains("'Vorname'", ex.Message);
        Assert.Contains("Columns: Name", ex.Message);

        ex = Assert.Throws<MappingException>(() => ContactMapping.Resolve(new[] { "Foo", "Bar" }, new MappingOptions()));
        Assert.Contains("No input column maps", ex.Message);
    }

    [Fact]
    public void CustomFieldsComeFromTheSchemaExplicitlyOrByName()
    {
        var schema = new CustomFieldSchema("s1", 2, "crm", new[]
        {
            new CustomFieldDefinition("department_text", 100),
            new CustomFieldDefinition("segment"),
            new CustomFieldDefinition("score_number", isText: false),
        });
        var options = new MappingOptions { Schema = schema };
        options.Map["custom:segment"] = FieldSource.FromColumn("Tier");
        var mapping = ContactMapping.Resolve(new[] { "First", "Department Text", "Tier" }, options);

        Assert.Equal(new[] { "department_text", "segment" }, mapping.CustomFields.Select(c => c.Field.Name));
        Assert.True(mapping.CustomFields[0].Automatic);
        Assert.Empty(mapping.Report.Unmapped);

        // Typed fields map too (values are converted per type), and a column finds a field by its name without the type suffix.
        var numeric = new MappingOptions { Schema = schema };
        numeric.Map["customFields.score_number"] = FieldSource.FromColumn("First");
        Assert.Equal(CustomFieldType.Number, ContactMapping.Resolve(new[] { "First" }, numeric).CustomFields.Single().Field.Type);
        var bySuffixlessName = ContactMapping.Resolve(new[] { "First", "Score" }, new MappingOptions { Schema = schema });
        Assert.Contains(bySuffixlessName.CustomFields, c => c.Field.Name == "score_number" && c.Automatic);
    }

    [Fact]
    public void UnmappedColumnsPointToCustomFieldsAndWithASchemaSayItLacksTheField()
    {
        var withoutSchema = ContactMapping.Resolve(new[] { "CrmId", "First", "AccountTier", "Department" }, KeyOpts("CrmId"));
        Assert.Contains("-Schema", withoutSchema.Report.Unmapped.Single(u => u.Column == "AccountTier").Reason);
        Assert.Contains("-Schema", withoutSchema.Report.Unmapped.Single(u => u.Column == "Department").Reason);

        var options = KeyOpts("CrmId");
        options.Schema = new CustomFieldSchema("s1", 1, "CRM fields", new[] { new CustomFieldDefinition("accountTier_enum", CustomFieldType.Enum, enumValues: new[] { "Gold" }) });
        var withSchema = ContactMapping.Resolve(new[] { "CrmId", "First", "AccountTier", "Department", "Tier" }, options);
        Assert.Equal(new[] { "Department", "Tier" }, withSchema.Report.UnmappedColumnNames);
        var department = withSchema.Report.Unmapped.Single(u => u.Column == "Department").Reason;
        Assert.Contains("schema 'CRM fields' has no field of this name", department);
        Assert.Contains("Set-GenesysExternalContactSchema -AddField", department);
        var tier = withSchema.Report.Unmapped.Single(u => u.Column == "Tier").Reason;
        Assert.Contains("schema 'CRM fields'", tier);
        Assert.Contains("'customFields.<key>' = 'Tier'", tier);

        // Organizations have no custom fields: their messages do not mention schemas.
        var organizations = ContactMapping.Resolve(new[] { "Name", "Shoe Size" }, new MappingOptions(), GenesysSync.Sync.OrganizationFields.Catalog);
        Assert.DoesNotContain("Schema", organizations.Report.Unmapped.Single().Reason);
    }

    [Fact]
    public void CatalogueHasTheApiLimits()
    {
        Assert.Equal(1000, ContactFields.FirstName.MaxLength);
        Assert.Equal(256, ContactFields.WorkEmail.MaxLength);
        Assert.Equal(200, ContactFields.Address1.MaxLength);
        Assert.Equal(100, ContactFields.City.MaxLength);
        Assert.Equal(50, ContactFields.State.MaxLength);
        Assert.Equal(25, ContactFields.PostalCode.MaxLength);
        Assert.Equal(25, ContactFields.CountryCode.MaxLength);
        Assert.Equal(1000, ContactFields.ExternalSystemUrl.MaxLength);
        Assert.Equal(ContactFields.All.Count, ContactFields.All.Select(f => f.Name).Distinct().Count());
    }

    private static MappingOptions KeyOpts(string keyColumn)
    {
        var o = new MappingOptions();
        o.KeyColumns.Add(keyColumn);
        return o;
    }
}
