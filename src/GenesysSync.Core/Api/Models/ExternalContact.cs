using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>An external contact as the API sends and receives it (<c>/api/v2/externalcontacts/contacts</c>).</summary>
public sealed class ExternalContact : JsonModel
{
    /// <summary>Server-assigned GUID; read-only (never the CRM id: use <see cref="ExternalIds"/>).</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>Curated, Ephemeral or Identified (server-set).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("firstName")] public string? FirstName { get; set; }
    [JsonPropertyName("middleName")] public string? MiddleName { get; set; }
    [JsonPropertyName("lastName")] public string? LastName { get; set; }
    [JsonPropertyName("salutation")] public string? Salutation { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("workPhone")] public PhoneNumber? WorkPhone { get; set; }
    [JsonPropertyName("cellPhone")] public PhoneNumber? CellPhone { get; set; }
    [JsonPropertyName("homePhone")] public PhoneNumber? HomePhone { get; set; }
    [JsonPropertyName("otherPhone")] public PhoneNumber? OtherPhone { get; set; }
    [JsonPropertyName("workEmail")] public string? WorkEmail { get; set; }
    [JsonPropertyName("personalEmail")] public string? PersonalEmail { get; set; }
    [JsonPropertyName("otherEmail")] public string? OtherEmail { get; set; }
    [JsonPropertyName("address")] public ContactAddress? Address { get; set; }
    [JsonPropertyName("twitterId")] public TwitterId? TwitterId { get; set; }
    [JsonPropertyName("whatsAppId")] public WhatsAppId? WhatsAppId { get; set; }
    /// <summary>Scoped social ids (facebookId, lineId, instagramId) are kept as raw JSON.</summary>
    [JsonPropertyName("facebookId")] public JsonElement? FacebookId { get; set; }
    [JsonPropertyName("lineId")] public JsonElement? LineId { get; set; }
    [JsonPropertyName("instagramId")] public JsonElement? InstagramId { get; set; }
    [JsonPropertyName("externalIds")] public List<ExternalId>? ExternalIds { get; set; }
    [JsonPropertyName("identifiers")] public List<ContactIdentifier>? Identifiers { get; set; }
    [JsonPropertyName("externalOrganization")] public ExternalOrganizationRef? ExternalOrganization { get; set; }
    [JsonPropertyName("surveyOptOut")] public bool? SurveyOptOut { get; set; }
    [JsonPropertyName("externalSystemUrl")] public string? ExternalSystemUrl { get; set; }
    [JsonPropertyName("schema")] public DataSchemaRef? Schema { get; set; }
    /// <summary>Values of the custom fields defined by <see cref="Schema"/> (any JSON type).</summary>
    [JsonPropertyName("customFields")] public Dictionary<string, JsonElement>? CustomFields { get; set; }
    [JsonPropertyName("createDate")] public DateTimeOffset? CreateDate { get; set; }
    [JsonPropertyName("modifyDate")] public DateTimeOffset? ModifyDate { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>
/// A phone number. Send E.164 in <see cref="Display"/>; the server fills <see cref="E164"/>,
/// <see cref="CountryCode"/>, <see cref="UserInput"/> and may reformat <see cref="Display"/>.
/// </summary>
public sealed class PhoneNumber : JsonModel
{
    [JsonPropertyName("display")] public string? Display { get; set; }
    [JsonPropertyName("extension")] public long? Extension { get; set; }
    [JsonPropertyName("acceptsSMS")] public bool? AcceptsSms { get; set; }
    [JsonPropertyName("normalizationCountryCode")] public string? NormalizationCountryCode { get; set; }
    [JsonPropertyName("userInput")] public string? UserInput { get; set; }
    [JsonPropertyName("e164")] public string? E164 { get; set; }
    [JsonPropertyName("countryCode")] public string? CountryCode { get; set; }
}

public sealed class ContactAddress : JsonModel
{
    [JsonPropertyName("address1")] public string? Address1 { get; set; }
    [JsonPropertyName("address2")] public string? Address2 { get; set; }
    [JsonPropertyName("city")] public string? City { get; set; }
    [JsonPropertyName("state")] public string? State { get; set; }
    [JsonPropertyName("postalCode")] public string? PostalCode { get; set; }
    [JsonPropertyName("countryCode")] public string? CountryCode { get; set; }
}

/// <summary>Ties a contact to a record in a source system (the home of a CRM id).</summary>
public sealed class ExternalId : JsonModel
{
    /// <summary>The source; only <c>id</c> is needed when writing.</summary>
    [JsonPropertyName("externalSource")] public ExternalSource? ExternalSource { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

public sealed class TwitterId : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("screenName")] public string? ScreenName { get; set; }
    [JsonPropertyName("verified")] public bool? Verified { get; set; }
    [JsonPropertyName("profileUrl")] public string? ProfileUrl { get; set; }
}

public sealed class WhatsAppId : JsonModel
{
    [JsonPropertyName("phoneNumber")] public PhoneNumber? PhoneNumber { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
}

/// <summary>The custom-field schema a contact uses (id + version is what writes need).</summary>
public sealed class DataSchemaRef : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("version")] public int? Version { get; set; }
}
