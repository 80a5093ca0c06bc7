using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Api.Models;

namespace GenesysSync.Tests.Client;

public sealed class ModelJsonTests
{
    [Fact]
    public void Contact_round_trip_keeps_unknown_fields_and_drops_nulls()
    {
        const string json = """
        {"id":"c1","firstName":"Ann","workPhone":{"display":"+49 30 1234567","e164":"+49301234567","countryCode":"49","acceptsSMS":true,"futureFlag":1},
         "externalIds":[{"externalSource":{"id":"s1","name":"CRM"},"value":"L-1"}],
         "customFields":{"tier_text":"gold","score_number":4.5},
         "division":{"id":"d1","name":"Home"},"type":"Curated","createDate":"2024-05-01T10:00:00.000Z",
         "externalDataSources":[{"platform":"SALESFORCE"}],"mergeSet":[{"id":"x"}],"brandNewField":{"a":[1,2]}}
        """;

        var contact = JsonSerializer.Deserialize<ExternalContact>(json, GenesysJson.Options)!;
        Assert.Equal("+49301234567", contact.WorkPhone!.E164);
        Assert.True(contact.WorkPhone.AcceptsSms);
        Assert.Equal("L-1", contact.ExternalIds![0].Value);
        Assert.Equal("s1", contact.ExternalIds[0].ExternalSource!.Id);
        Assert.Equal(4.5, contact.CustomFields!["score_number"].GetDouble());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), contact.CreateDate);
        Assert.Contains("brandNewField", contact.AdditionalProperties!.Keys);

        contact.LastName = "Lee";
        var written = JsonNode.Parse(GenesysJson.Serialize(contact))!.AsObject();
        Assert.Equal("Lee", (string?)written["lastName"]);
        Assert.Equal(1, (int?)written["workPhone"]!["futureFlag"]);
        Assert.True((bool?)written["workPhone"]!["acceptsSMS"]);
        Assert.Equal(2, written["brandNewField"]!["a"]!.AsArray().Count);
        Assert.False(written.ContainsKey("middleName"));
        Assert.False(written.ContainsKey("address"));
    }

    [Fact]
    public void New_contact_serializes_camelCase_and_minimal()
    {
        var contact = new ExternalContact
        {
            FirstName = "Ann",
            CellPhone = new PhoneNumber { Display = "+15551234567" },
            Address = new ContactAddress { PostalCode = "10115", CountryCode = "DE" },
            ExternalIds = new() { new ExternalId { ExternalSource = new ExternalSource { Id = "s1" }, Value = "L-1" } },
        };
        Assert.Equal(
            """{"firstName":"Ann","cellPhone":{"display":"+15551234567"},"address":{"postalCode":"10115","countryCode":"DE"},"externalIds":[{"externalSource":{"id":"s1"},"value":"L-1"}]}""",
            GenesysJson.Serialize(contact));
    }

    [Fact]
    public void Error_body_and_bulk_response_parse()
    {
        var error = GenesysJson.Deserialize<ErrorBody>("""
            {"message":"Rate limit exceeded","code":"too.many.requests.retry.after","status":429,"contextId":"ctx","messageParams":{"n":3},
             "details":[{"errorCode":"x","fieldName":"workEmail"}],"errors":[{"code":"inner"}],"limit":{"namespace":"platform.api","key":"token.rate.per.minute","value":300}}
            """)!;
        Assert.Equal("ctx", error.ContextId);
        Assert.Equal(300, error.Limit!.Value);
        Assert.Equal("inner", error.Errors![0].Code);
        Assert.Equal("workEmail", error.Details![0].FieldName);

        var bulk = GenesysJson.Deserialize<BulkResponse<ExternalContact>>("""
            {"results":[{"id":"a","success":true,"entity":{"id":"a"},"status":200},{"success":false,"error":{"code":"bad","retryable":true,"entity":{"firstName":"B"}}}],"errorCount":1,"errorIndexes":[1]}
            """)!;
        Assert.Equal("a", bulk.Results![0].Entity!.Id);
        Assert.True(bulk.Results[1].Error!.Retryable);
        Assert.Equal(new[] { 1 }, bulk.ErrorIndexes);
    }
}
