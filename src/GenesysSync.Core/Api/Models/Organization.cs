using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>An external organization (<c>/api/v2/externalcontacts/organizations</c>): the company contacts belong to.</summary>
public sealed class ExternalOrganization : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>Required, ≤ 1000 characters.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("companyType")] public string? CompanyType { get; set; }
    [JsonPropertyName("industry")] public string? Industry { get; set; }
    [JsonPropertyName("address")] public ContactAddress? Address { get; set; }
    [JsonPropertyName("phoneNumber")] public PhoneNumber? PhoneNumber { get; set; }
    [JsonPropertyName("faxNumber")] public PhoneNumber? FaxNumber { get; set; }
    [JsonPropertyName("employeeCount")] public long? EmployeeCount { get; set; }
    [JsonPropertyName("revenue")] public long? Revenue { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("websites")] public List<string>? Websites { get; set; }
    [JsonPropertyName("tickers")] public List<Ticker>? Tickers { get; set; }
    [JsonPropertyName("twitterId")] public TwitterId? TwitterId { get; set; }
    [JsonPropertyName("externalSystemUrl")] public string? ExternalSystemUrl { get; set; }
    /// <summary>≤ 10; the home of a CRM account id.</summary>
    [JsonPropertyName("externalIds")] public List<ExternalId>? ExternalIds { get; set; }
    /// <summary>Identifiers claimed by the organization (ExternalId only); read-only here, changed through claim/release.</summary>
    [JsonPropertyName("identifiers")] public List<ContactIdentifier>? Identifiers { get; set; }
    /// <summary>The trustor org linked to this organization (returned with includeTrustors=true).</summary>
    [JsonPropertyName("trustor")] public TrustorRef? Trustor { get; set; }
    [JsonPropertyName("schema")] public DataSchemaRef? Schema { get; set; }
    [JsonPropertyName("customFields")] public Dictionary<string, JsonElement>? CustomFields { get; set; }
    [JsonPropertyName("createDate")] public DateTimeOffset? CreateDate { get; set; }
    [JsonPropertyName("modifyDate")] public DateTimeOffset? ModifyDate { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

public sealed class Ticker : JsonModel
{
    [JsonPropertyName("symbol")] public string? Symbol { get; set; }
    [JsonPropertyName("exchange")] public string? Exchange { get; set; }
}

/// <summary>The trust relationship embedded in an organization.</summary>
public sealed class TrustorRef : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
}

/// <summary>The answer to linking a trustor: which organization represents which trustor org.</summary>
public sealed class ExternalOrganizationTrustorLink : JsonModel
{
    [JsonPropertyName("externalOrganizationId")] public string? ExternalOrganizationId { get; set; }
    [JsonPropertyName("trustorOrgId")] public string? TrustorOrgId { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    [JsonPropertyName("externalOrganizationUri")] public string? ExternalOrganizationUri { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
}

/// <summary>
/// The organization upsert (<c>POST /organizations/enrich</c>): find by <see cref="MatchingIdentifiers"/>
/// (1..25, ExternalId only) and apply <see cref="ExternalOrganization"/> per <see cref="Action"/> (Upsert, Update, Insert).
/// </summary>
public sealed class OrganizationEnrichRequest : JsonModel
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    /// <summary>A tracker string echoed in bulk enrich results.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("matchingIdentifiers")] public List<ContactIdentifier>? MatchingIdentifiers { get; set; }
    [JsonPropertyName("externalOrganization")] public ExternalOrganization? ExternalOrganization { get; set; }
    [JsonPropertyName("fieldRules")] public JsonElement? FieldRules { get; set; }
}

/// <summary>Body of <c>POST /bulk/organizations/enrich</c> (≤ 10 operations).</summary>
public sealed class BulkOrganizationsEnrichRequest : JsonModel
{
    [JsonPropertyName("entities")] public List<OrganizationEnrichRequest> Entities { get; set; } = new();
}

/// <summary>Body of bulk organization add/update.</summary>
public sealed class BulkOrganizationsRequest : JsonModel
{
    [JsonPropertyName("entities")] public List<ExternalOrganization> Entities { get; set; } = new();
}
