using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Http;

/// <summary>
/// Builds the platform error body every 4xx/5xx carries:
/// {message, code, status, messageParams, messageWithParams, contextId, details[], errors[]}; a new contextId each time.
/// </summary>
internal static class Errors
{
    public static ApiResponse Body(int status, string code, string messageWithParams,
        IDictionary<string, string>? messageParams = null, IReadOnlyList<FieldError>? fieldErrors = null)
    {
        var parameters = messageParams ?? new Dictionary<string, string>();
        var message = Fill(messageWithParams, parameters);
        var json = JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("code", code);
            w.WriteNumber("status", status);
            w.WriteStartObject("messageParams");
            foreach (var pair in parameters) w.WriteString(pair.Key, pair.Value);
            w.WriteEndObject();
            w.WriteString("messageWithParams", messageWithParams);
            w.WriteString("contextId", Guid.NewGuid().ToString());
            w.WriteStartArray("details");
            foreach (var error in fieldErrors ?? Array.Empty<FieldError>())
            {
                w.WriteStartObject();
                w.WriteString("errorCode", error.Code);
                w.WriteString("fieldName", error.Field);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var error in fieldErrors ?? Array.Empty<FieldError>())
            {
                w.WriteStartObject();
                w.WriteString("message", error.Message);
                w.WriteString("code", error.Code);
                w.WriteNumber("status", status);
                w.WriteStartObject("messageParams");
                foreach (var pair in error.Params) w.WriteString(pair.Key, pair.Value);
                w.WriteEndObject();
                w.WriteString("messageWithParams", error.MessageWithParams);
                w.WriteStartArray("details");
                w.WriteEndArray();
                w.WriteStartArray("errors");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return new ApiResponse(status, json);
    }

    private static string Fill(string template, IDictionary<string, string> parameters)
    {
        foreach (var pair in parameters) template = template.Replace("{" + pair.Key + "}", pair.Value);
        return template;
    }

    private static ApiException Raise(ApiResponse response) => new(response);

    /// <summary>400 for rejected fields: the first field's message, all of them in details/errors.</summary>
    public static ApiResponse Validation(IReadOnlyList<FieldError> errors)
    {
        var first = errors[0];
        var template = errors.Count == 1 ? first.MessageWithParams : first.MessageWithParams + " (and {more} more)";
        var parameters = new Dictionary<string, string>(first.Params);
        if (errors.Count > 1) parameters["more"] = (errors.Count - 1).ToString(CultureInfo.InvariantCulture);
        return Body(400, first.Code, template, parameters, errors);
    }

    public static ApiException ValidationFailed(IReadOnlyList<FieldError> errors) => Raise(Validation(errors));

    public static ApiException ValidationFailed(FieldError error) => Raise(Validation(new[] { error }));

    public static ApiException BadRequest(string message)
        => Raise(Body(400, "bad.request", message));

    public static ApiResponse MalformedBody()
        => Body(400, "bad.request", "The request could not be understood by the server due to malformed syntax.");

    public static ApiException InvalidQueryParam(string name, string value, string allowed)
        => Raise(Body(400, "invalid.query.param.value", "Value [{value}] is not valid for parameter [{param}]. Allowable values are: {allowed}",
            new Dictionary<string, string> { ["value"] = value, ["param"] = name, ["allowed"] = allowed }));

    public static ApiResponse NotFoundBody(string? entityName = null)
        => Body(404, "not.found", entityName == null ? "The requested resource was not found." : "The requested {entity} was not found.",
            entityName == null ? null : new Dictionary<string, string> { ["entity"] = entityName });

    public static ApiException NotFound(string? entityName = null) => Raise(NotFoundBody(entityName));

    public static ApiException Conflict(string message)
        => Raise(Body(409, "conflict", message));

    public static ApiResponse TooLarge(string what, long max)
        => Body(413, "request.entity.too.large", "The request is over the size limit. Maximum {what}: {max}",
            new Dictionary<string, string> { ["what"] = what, ["max"] = max.ToString(CultureInfo.InvariantCulture) });

    public static ApiResponse UnsupportedMediaType()
        => Body(415, "unsupported.media.type",
            "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.");

    public static ApiResponse TooManyRequests(int retryAfterSeconds)
    {
        var seconds = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Body(429, "too.many.requests.retry.after", "Rate limit exceeded the maximum. Retry the request in [{seconds}] seconds",
                new Dictionary<string, string> { ["seconds"] = seconds })
            .WithHeader("Retry-After", seconds);
    }

    public static ApiResponse ServerError(int status) => status switch
    {
        500 => Body(500, "internal.server.error", "The server encountered an unexpected condition which prevented it from fulfilling the request."),
        502 => Body(502, "bad.gateway", "The server received an invalid response from an upstream server."),
        503 => Body(503, "service.unavailable", "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance)."),
        504 => Body(504, "request.timeout", "The request timed out."),
        _ => Body(status, "server.error", "The server failed to fulfil the request."),
    };

    /// <summary>What a load balancer in front of the platform answers when the service behind it is down: HTML, no JSON error body.</summary>
    public static ApiResponse LoadBalancerPage(int status)
        => new(status, System.Text.Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{status} Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>{status} Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"),
            "text/html");

    public static ApiResponse AuthenticationRequired()
        => Body(401, "authentication.required", "No authentication bearer token specified in authorization header.");

    public static ApiResponse BadCredentials()
        => Body(401, "bad.credentials", "Invalid login credentials.");

    public static ApiResponse MethodNotAllowed()
        => Body(405, "method.not.allowed", "The requested method is not allowed for this resource.");

    /// <summary>The login host answers in the OAuth shape, not the platform error body.</summary>
    public static ApiResponse OAuth(int status, string error, string description)
        => new(status, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("description", description);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        }));

    /// <summary>The error object inside a bulk result (BulkEntityError*): {code, message, status, retryable, details[], entity?}.</summary>
    public static void WriteBulkError(Utf8JsonWriter w, ApiResponse error, byte[]? entity)
    {
        using var doc = JsonDocument.Parse(error.Body);
        var root = doc.RootElement;
        w.WriteStartObject();
        w.WriteString("code", root.TryGetProperty("code", out var code) ? code.GetString() : "bad.request");
        w.WriteString("message", root.TryGetProperty("message", out var message) ? message.GetString() : "");
        w.WriteNumber("status", error.Status);
        w.WriteBoolean("retryable", error.Status == 429 || error.Status >= 500);
        w.WriteStartArray("details");
        if (root.TryGetProperty("errors", out var errors))
        {
            foreach (var e in errors.EnumerateArray())
            {
                w.WriteStartObject();
                if (e.TryGetProperty("messageParams", out var p) && p.TryGetProperty("field", out var f)) w.WriteString("fieldName", f.GetString());
                w.WriteString("message", e.GetProperty("message").GetString());
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        if (entity != null)
        {
            w.WritePropertyName("entity");
            w.WriteRawValue(entity, skipInputValidation: true);
        }
        w.WriteEndObject();
    }
}
