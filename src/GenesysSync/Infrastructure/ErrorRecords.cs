using System;
using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Infrastructure;

/// <summary>Maps engine exceptions to ErrorRecords: a real category, the Genesys details, the item as target.</summary>
internal static class ErrorRecords
{
    internal static ErrorRecord From(Exception exception, string errorId, object? target)
    {
        var record = new ErrorRecord(exception, errorId, Category(exception), target);
        if (exception is GenesysApiException api)
        {
            var details = api.Message;
            if (api.StatusCode != 0) details += $" (HTTP {api.StatusCode}";
            if (!string.IsNullOrEmpty(api.Code)) details += $", code {api.Code}";
            if (!string.IsNullOrEmpty(api.ContextId)) details += $", contextId {api.ContextId}";
            if (api.StatusCode != 0) details += ")";
            record.ErrorDetails = new ErrorDetails(details)
            {
                RecommendedAction = Recommend(api),
            };
        }
        return record;
    }

    internal static ErrorCategory Category(Exception exception) => exception switch
    {
        GenesysNotFoundException => ErrorCategory.ObjectNotFound,
        GenesysAuthenticationException => ErrorCategory.AuthenticationError,
        GenesysPermissionException => ErrorCategory.PermissionDenied,
        GenesysRateLimitException => ErrorCategory.LimitsExceeded,
        GenesysValidationException => ErrorCategory.InvalidData,
        GenesysTimeoutException => ErrorCategory.OperationTimeout,
        GenesysCircuitOpenException => ErrorCategory.ResourceUnavailable,
        GenesysApiException { StatusCode: 409 } => ErrorCategory.ResourceExists,
        GenesysApiException { StatusCode: 0 } => ErrorCategory.ConnectionError,
        GenesysApiException => ErrorCategory.NotSpecified,
        ItemNotFoundException => ErrorCategory.ObjectNotFound,
        ArgumentException => ErrorCategory.InvalidArgument,
        FormatException => ErrorCategory.InvalidData,
        OperationCanceledException => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotSpecified,
    };

    private static string? Recommend(GenesysApiException api) => api switch
    {
        GenesysAuthenticationException => "Check the OAuth client id and secret, and that -Region is the org's region.",
        GenesysPermissionException => "Give the OAuth client's role the permission named in the message (Test-GenesysConnection lists what each cmdlet needs).",
        GenesysRateLimitException => "Lower the load (fewer parallel jobs) or add OAuth clients to the pool: Connect-GenesysCloud -Credential $a,$b.",
        GenesysCircuitOpenException => "Genesys Cloud is failing repeatedly; wait a few minutes and run again. Already-synced rows are not redone.",
        _ when !string.IsNullOrEmpty(api.ContextId) => "Quote the contextId to Genesys support if the problem persists.",
        _ => null,
    };
}
