using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>The outcome of one entity of a bulk request.</summary>
internal sealed class BulkOutcome
{
    public string? Id { get; set; }
    public bool Success { get; set; }
    public int Status { get; set; }
    public byte[]? Entity { get; set; }
    public ApiResponse? Error { get; set; }

    /// <summary>The entity as submitted, echoed inside a failure's error.</summary>
    public byte[]? Submitted { get; set; }
}

/// <summary>
/// Shared bulk plumbing: reading {entities:[...]} (400 when missing, 413 past the entity cap) and writing
/// {results:[{id, success, entity, error{code,message,status,retryable,details,entity}, status}], errorCount, errorIndexes}.
/// One entity's failure never fails the request; results keep request order (the real API does not promise any).
/// </summary>
internal static class BulkResults
{
    public static JsonArray ReadEntities(RouteContext context, int max)
    {
        var body = context.BodyObject();
        foreach (var property in body)
        {
            if (property.Key != "entities") throw Errors.ValidationFailed(FieldError.UnknownProperty(property.Key, "bulk request"));
        }
        if (body["entities"] is not JsonArray entities) throw Errors.ValidationFailed(FieldError.Required("entities"));
        if (entities.Count > max) throw new ApiException(Errors.TooLarge("entities", max));
        return entities;
    }

    /// <summary>Runs one entity's operation, turning an API error into a failed outcome.</summary>
    public static BulkOutcome Run(JsonNode? entity, Func<BulkOutcome> operation)
    {
        try
        {
            return operation();
        }
        catch (ApiException e)
        {
            return new BulkOutcome
            {
                Id = (entity as JsonObject) is { } obj ? JsonUtil.GetString(obj, "id") : null,
                Success = false,
                Status = e.Response.Status,
                Error = e.Response,
                Submitted = entity == null ? null : JsonUtil.ToBytes(entity),
            };
        }
    }

    public static string RequireId(JsonNode? entity)
    {
        if (entity is not JsonObject obj) throw Errors.ValidationFailed(FieldError.WrongType("entity", "an object"));
        var id = JsonUtil.GetString(obj, "id");
        if (string.IsNullOrWhiteSpace(id)) throw Errors.ValidationFailed(FieldError.Required("id"));
        return id!;
    }

    public static JsonObject RequireObject(JsonNode? entity)
        => entity as JsonObject ?? throw Errors.ValidationFailed(FieldError.WrongType("entity", "an object"));

    public static ApiResponse Write(IReadOnlyList<BulkOutcome> outcomes) => ApiResponse.Json(200, JsonUtil.Write(w =>
    {
        var failed = new List<int>();
        w.WriteStartObject();
        w.WriteStartArray("results");
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            if (!outcome.Success) failed.Add(i);
            w.WriteStartObject();
            if (outcome.Id != null) w.WriteString("id", outcome.Id);
            w.WriteBoolean("success", outcome.Success);
            if (outcome.Success && outcome.Entity != null)
            {
                w.WritePropertyName("entity");
                w.WriteRawValue(outcome.Entity, skipInputValidation: true);
            }
            if (!outcome.Success && outcome.Error != null)
            {
                w.WritePropertyName("error");
                Errors.WriteBulkError(w, outcome.Error, outcome.Submitted);
            }
            w.WriteNumber("status", outcome.Status);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("errorCount", failed.Count);
        w.WriteStartArray("errorIndexes");
        foreach (var index in failed) w.WriteNumberValue(index);
        w.WriteEndArray();
        w.WriteEndObject();
    }));
}
