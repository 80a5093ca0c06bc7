using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>A source system (e.g. "Salesforce"); name is unique in the org, ≤ 200 characters.</summary>
public sealed class ExternalSource : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("active")] public bool? Active { get; set; }
    [JsonPropertyName("linkConfiguration")] public LinkConfiguration? LinkConfiguration { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

public sealed class LinkConfiguration : JsonModel
{
    /// <summary>URL template to open the record in the source system (≤ 400 characters).</summary>
    [JsonPropertyName("uriTemplate")] public string? UriTemplate { get; set; }
}
