using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.Surface;

/// <summary>Base of the organization, note, relationship, identifier and journey cmdlets: shared lookups and errors.</summary>
public abstract class SurfaceCmdlet : GenesysCmdlet
{
    /// <summary>An External Source by id or name, or null after a non-terminating ExternalSourceNotFound error.</summary>
    internal ExternalSource? ResolveSource(string nameOrId)
    {
        var sources = Run(ct => ActiveConnection.ExternalContacts.ListExternalSourcesAsync(null, ct));
        var source = sources.FirstOrDefault(s => string.Equals(s.Id, nameOrId, StringComparison.OrdinalIgnoreCase))
            ?? sources.FirstOrDefault(s => string.Equals(s.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
        if (source is null)
        {
            WriteNotFound($"No External Source is named '{nameOrId}'. Get-GenesysExternalSource lists them.", "ExternalSourceNotFound", nameOrId);
        }
        return source;
    }

    /// <summary>A non-terminating "not found" error with a stable id (the pipeline goes on).</summary>
    protected void WriteNotFound(string message, string errorId, object? target)
        => WriteError(new ErrorRecord(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target));

    /// <summary>A non-terminating invalid-argument error for one item.</summary>
    protected void WriteInvalid(string message, string errorId, object? target)
        => WriteError(new ErrorRecord(new PSArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));

    /// <summary>True when -WhatIf is in effect (explicitly or through $WhatIfPreference).</summary>
    protected bool IsWhatIf
        => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }
           || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };

    protected bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
