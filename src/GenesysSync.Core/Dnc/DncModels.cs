using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using GenesysSync.Api.Models;

namespace GenesysSync.Dnc;

/// <summary>
/// An outbound DNC list. name and dncSourceType are required; an internal list (dncSourceType "rds") also needs
/// contactMethod (Phone, Email, Any, WhatsApp) and is the only kind whose numbers the API can add or remove.
/// </summary>
public sealed class DncList : JsonModel
{
    public const string InternalSourceType = "rds";

    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    [JsonPropertyName("dateModified")] public DateTimeOffset? DateModified { get; set; }
    /// <summary>Required on update: must match the current version (409 otherwise).</summary>
    [JsonPropertyName("version")] public int? Version { get; set; }
    /// <summary>rds (internal), rds_custom, dnc.com or gryphon.</summary>
    [JsonPropertyName("dncSourceType")] public string? DncSourceType { get; set; }
    [JsonPropertyName("contactMethod")] public string? ContactMethod { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    /// <summary>Read-only: phone numbers in the list (only when asked for with includeSize).</summary>
    [JsonPropertyName("size")] public long? Size { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }

    public override string ToString() => Name ?? Id ?? "(DNC list)";
}

/// <summary>A page of GET /api/v2/outbound/dnclists (pageSize ≤ 100).</summary>
public sealed class DncListEntityListing : JsonModel
{
    [JsonPropertyName("entities")] public List<DncList>? Entities { get; set; }
    [JsonPropertyName("pageSize")] public int? PageSize { get; set; }
    [JsonPropertyName("pageNumber")] public int? PageNumber { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("pageCount")] public int? PageCount { get; set; }
}

/// <summary>PATCH .../phonenumbers body: add or remove numbers, with an optional expiry for added ones.</summary>
public sealed class DncPhoneNumbersPatch : JsonModel
{
    /// <summary>"Add" or "Remove".</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("phoneNumbers")] public List<string>? PhoneNumbers { get; set; }
    /// <summary>yyyy-MM-ddTHH:mmZ.</summary>
    [JsonPropertyName("expirationDateTime")] public string? ExpirationDateTime { get; set; }
}
