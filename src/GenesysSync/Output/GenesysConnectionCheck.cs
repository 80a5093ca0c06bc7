using GenesysSync.Diagnostics;

namespace GenesysSync;

/// <summary>One check of Test-GenesysConnection: what, Pass/Warn/Fail, and what to do in plain words.</summary>
public sealed class GenesysConnectionCheck
{
    internal GenesysConnectionCheck(ConnectionCheckResult result)
        : this(result.Check, result.Status.ToString(), result.Detail, result.Permission, result.Cmdlets)
    {
    }

    internal GenesysConnectionCheck(string check, string status, string detail, string? permission = null, string? cmdlets = null)
    {
        Check = check;
        Status = status;
        Detail = detail;
        Permission = permission;
        Cmdlets = cmdlets;
    }

    public string Check { get; }
    /// <summary>Pass, Warn or Fail.</summary>
    public string Status { get; }
    public string Detail { get; }
    /// <summary>The permission the check needs or found missing, when it is about one.</summary>
    public string? Permission { get; }
    /// <summary>The cmdlets that depend on this check.</summary>
    public string? Cmdlets { get; }

    public override string ToString() => $"{Check}: {Status} - {Detail}";
}
