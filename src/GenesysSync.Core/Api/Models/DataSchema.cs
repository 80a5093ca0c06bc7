using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>
/// A custom-field schema (<c>/api/v2/externalcontacts/contacts/schemas</c>). <see cref="Version"/> is required on update
/// and must be the current one; every update stores a new version.
/// </summary>
public sealed class DataSchema : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("version")] public int? Version { get; set; }
    [JsonPropertyName("appliesTo")] public List<string>? AppliesTo { get; set; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    [JsonPropertyName("jsonSchema")] public JsonSchemaDocument? JsonSchema { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>The JSON Schema document of a <see cref="DataSchema"/>: one property per custom field, keyed "name_type".</summary>
public sealed class JsonSchemaDocument : JsonModel
{
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("required")] public List<string>? Required { get; set; }
    /// <summary>Field key → definition (<c>allOf: [{"$ref": "#/definitions/&lt;type&gt;"}]</c>, title, limits...).</summary>
    [JsonPropertyName("properties")] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A page of schemas (<c>{total, entities, selfUri}</c>).</summary>
public sealed class DataSchemaListing : JsonModel
{
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("entities")] public List<DataSchema>? Entities { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}
