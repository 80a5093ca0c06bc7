using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>A page of a cursor listing (scan, external sources): follow <see cref="Cursors"/>.After.</summary>
public sealed class CursorListing<T> : JsonModel
{
    [JsonPropertyName("entities")] public List<T>? Entities { get; set; }
    [JsonPropertyName("cursors")] public Cursors? Cursors { get; set; }
    [JsonPropertyName("nextUri")] public string? NextUri { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
    [JsonPropertyName("previousUri")] public string? PreviousUri { get; set; }
}

public sealed class Cursors : JsonModel
{
    [JsonPropertyName("before")] public string? Before { get; set; }
    [JsonPropertyName("after")] public string? After { get; set; }
}

/// <summary>A page of contact search (pageSize × pageNumber ≤ 1000).</summary>
public sealed class ContactListing : JsonModel
{
    [JsonPropertyName("entities")] public List<ExternalContact>? Entities { get; set; }
    [JsonPropertyName("pageSize")] public int? PageSize { get; set; }
    [JsonPropertyName("pageNumber")] public int? PageNumber { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("pageCount")] public int? PageCount { get; set; }
    [JsonPropertyName("partialResults")] public bool? PartialResults { get; set; }
    [JsonPropertyName("firstUri")] public string? FirstUri { get; set; }
    [JsonPropertyName("nextUri")] public string? NextUri { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
    [JsonPropertyName("previousUri")] public string? PreviousUri { get; set; }
    [JsonPropertyName("lastUri")] public string? LastUri { get; set; }
}
