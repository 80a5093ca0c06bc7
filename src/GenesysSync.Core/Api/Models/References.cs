using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>A bare <c>{id}</c> reference (bulk fetch/remove bodies and similar).</summary>
public sealed class EntityRef : JsonModel
{
    public EntityRef() { }
    public EntityRef(string id) => Id = id;

    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

public sealed class DivisionRef : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>The organization a contact belongs to; the full organization's other fields stay in <see cref="JsonModel.AdditionalProperties"/>.</summary>
public sealed class ExternalOrganizationRef : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}
