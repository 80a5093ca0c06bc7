using System;
using System.Text;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Http;

/// <summary>Turns a failed HTTP answer into the typed exception for its status.</summary>
internal static class ErrorMapper
{
    public static GenesysApiException FromResponse(string route, int status, byte[] body, string? headerContextId,
        int attempts, string? giveUpReason, TimeSpan? retryAfter)
    {
        var text = body.Length == 0 ? null : Encoding.UTF8.GetString(body);
        var error = TryParse(text);
        var code = error?.Code;
        var contextId = error?.ContextId ?? headerContextId;
        var serverMessage = error?.Message;

        var message = new StringBuilder();
        message.Append(route).Append(" failed: HTTP ").Append(status);
        if (!string.IsNullOrEmpty(code)) message.Append(' ').Append(code);
        if (!string.IsNullOrEmpty(serverMessage)) message.Append(": ").Append(serverMessage);
        if (!string.IsNullOrEmpty(giveUpReason)) message.Append(" (").Append(giveUpReason).Append(')');
        if (!string.IsNullOrEmpty(contextId)) message.Append(" [contextId ").Append(contextId).Append(']');
        var m = message.ToString();

        GenesysApiException ex = status switch
        {
            400 or 422 => new GenesysValidationException(m, status, code, contextId, text),
            401 => new GenesysAuthenticationException(m, status, code, contextId, text),
            403 => new GenesysPermissionException(m, status, code, contextId, text),
            404 => new GenesysNotFoundException(m, status, code, contextId, text),
            408 or 504 => new GenesysTimeoutException(m, status, code, contextId, text),
            409 => new GenesysConflictException(m, status, code, contextId, text),
            413 => new GenesysPayloadTooLargeException(m, code, contextId, text),
            429 => new GenesysRateLimitException(m, code, contextId, text, retryAfter),
            _ => new GenesysApiException(m, status, code, contextId, text, isRetryable: status >= 500),
        };
        ex.Route = route;
        ex.Attempts = attempts;
        return ex;
    }

    public static ErrorBody? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<ErrorBody>(text!, GenesysJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
