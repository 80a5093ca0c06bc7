using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>Body of bulk add/update (<c>{entities:[ExternalContact]}</c>).</summary>
public sealed class BulkContactsRequest : JsonModel
{
    [JsonPropertyName("entities")] public List<ExternalContact> Entities { get; set; } = new();
}

/// <summary>Body of bulk fetch/remove (<c>{entities:[{id}]}</c>).</summary>
public sealed class BulkIdsRequest : JsonModel
{
    [JsonPropertyName("entities")] public List<EntityRef> Entities { get; set; } = new();
}

/// <summary>
/// Response of every bulk call. Status 200 may still hold failed rows; result order is not
/// guaranteed, so callers match results to rows explicitly (the typed API does this).
/// </summary>
public sealed class BulkResponse<TEntity> : JsonModel where TEntity : class
{
    [JsonPropertyName("results")] public List<BulkResult<TEntity>>? Results { get; set; }
    [JsonPropertyName("errorCount")] public int? ErrorCount { get; set; }
    [JsonPropertyName("errorIndexes")] public List<int>? ErrorIndexes { get; set; }
}

public sealed class BulkResult<TEntity> : JsonModel where TEntity : class
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("success")] public bool Success { get; set; }
    /// <summary>The affected entity; only on success.</summary>
    [JsonPropertyName("entity")] public TEntity? Entity { get; set; }
    [JsonPropertyName("error")] public BulkEntityError? Error { get; set; }
    [JsonPropertyName("status")] public int? Status { get; set; }
}

public sealed class BulkEntityError : JsonModel
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("status")] public int? Status { get; set; }
    /// <summary>True when the row may succeed if sent again (only such rows are retried).</summary>
    [JsonPropertyName("retryable")] public bool? Retryable { get; set; }
    [JsonPropertyName("details")] public List<BulkErrorDetail>? Details { get; set; }
    /// <summary>The input entity the error is about, as the server echoes it.</summary>
    [JsonPropertyName("entity")] public JsonElement? Entity { get; set; }
}

public sealed class BulkErrorDetail : JsonModel
{
    [JsonPropertyName("fieldName")] public string? FieldName { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
