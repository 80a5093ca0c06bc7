using System;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>A note on a contact or an organization; <see cref="NoteText"/> holds 1..32,000 characters.</summary>
public sealed class Note : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>"contact" or "organization" (set by the server; needed in bulk requests).</summary>
    [JsonPropertyName("entityType")] public string? EntityType { get; set; }
    [JsonPropertyName("entityId")] public string? EntityId { get; set; }
    [JsonPropertyName("noteText")] public string? NoteText { get; set; }
    /// <summary>The author; only the user id is sent.</summary>
    [JsonPropertyName("createdBy")] public UserRef? CreatedBy { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("createDate")] public DateTimeOffset? CreateDate { get; set; }
    [JsonPropertyName("modifyDate")] public DateTimeOffset? ModifyDate { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>Which Genesys user something refers to (only the id is needed when writing).</summary>
public sealed class UserRef : JsonModel
{
    public UserRef() { }
    public UserRef(string id) => Id = id;

    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>A user's role at an external organization (e.g. Account Manager); relationship is 1..100 characters.</summary>
public sealed class Relationship : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("user")] public UserRef? User { get; set; }
    [JsonPropertyName("externalOrganization")] public ExternalOrganizationRef? ExternalOrganization { get; set; }
    [JsonPropertyName("relationship")] public string? RelationshipText { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}
