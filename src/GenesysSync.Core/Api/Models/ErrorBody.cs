using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>The error body every 4xx/5xx carries.</summary>
public sealed class ErrorBody : JsonModel
{
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("entityId")] public string? EntityId { get; set; }
    [JsonPropertyName("entityName")] public string? EntityName { get; set; }
    [JsonPropertyName("messageWithParams")] public string? MessageWithParams { get; set; }
    [JsonPropertyName("messageParams")] public Dictionary<string, JsonElement>? MessageParams { get; set; }
    /// <summary>Correlation id support asks for.</summary>
    [JsonPropertyName("contextId")] public string? ContextId { get; set; }
    [JsonPropertyName("details")] public List<ErrorDetail>? Details { get; set; }
    [JsonPropertyName("errors")] public List<ErrorBody>? Errors { get; set; }
    [JsonPropertyName("limit")] public ErrorLimit? Limit { get; set; }
}

public sealed class ErrorDetail : JsonModel
{
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }
    [JsonPropertyName("fieldName")] public string? FieldName { get; set; }
    [JsonPropertyName("entityId")] public string? EntityId { get; set; }
    [JsonPropertyName("entityName")] public string? EntityName { get; set; }
}

public sealed class ErrorLimit : JsonModel
{
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("value")] public long? Value { get; set; }
}
