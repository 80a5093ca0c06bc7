using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Host;

namespace GenesysSync.Infrastructure;

/// <summary>
/// Whether a person can watch progress and answer prompts. A scheduled task, a cron job or a systemd service cannot:
/// progress there only costs time and clutters logs, and a prompt would hang the job until someone kills it.
/// </summary>
internal static class Interactivity
{
    /// <summary>Set to 1/true or 0/false to override the detection (e.g. a CI runner that looks interactive).</summary>
    internal const string OverrideVariable = "GENESYSSYNC_NONINTERACTIVE";

    /// <summary>Hosts that read prompts from the process console (pwsh, powershell.exe, the module's own host tool).</summary>
    private static readonly string[] ConsoleHosts = { "ConsoleHost", "GenesysSync.Host" };

    internal static bool IsNonInteractive(PSHost? host)
        => Decide(Environment.GetEnvironmentVariable(OverrideVariable), Environment.GetCommandLineArgs(), Environment.UserInteractive,
            host?.Name, SafeIsInputRedirected());

    /// <summary>The decision from its inputs (separate so each rule can be tested).</summary>
    internal static bool Decide(string? overrideValue, IReadOnlyList<string> commandLine, bool userInteractive, string? hostName, bool inputRedirected)
    {
        switch (overrideValue?.Trim().ToLowerInvariant())
        {
            case "1": case "true": case "yes": return true;
            case "0": case "false": case "no": return false;
        }
        // pwsh -NonInteractive / powershell.exe -NonInteractive (any unambiguous prefix such as -noni, also with '/');
        // what follows -File or -Command belongs to the script, not to PowerShell.
        if (commandLine.Skip(1).TakeWhile(a => !StartsScript(a)).Any(IsNonInteractiveSwitch)) return true;
        // Windows services and tasks run "whether the user is logged on or not" have no visible desktop.
        if (!userInteractive) return true;
        // cron, systemd, CI: no terminal on standard input of a console host.
        return inputRedirected && hostName != null && ConsoleHosts.Contains(hostName, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsNonInteractiveSwitch(string argument)
    {
        if (argument.Length < 5 || (argument[0] != '-' && argument[0] != '/')) return false;
        var name = argument.Substring(1).ToLowerInvariant();
        return name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal);
    }

    private static bool StartsScript(string argument)
    {
        if (argument.Length < 2 || (argument[0] != '-' && argument[0] != '/')) return false;
        var name = argument.Substring(1).ToLowerInvariant();
        return name is "f" or "file" or "c" or "command" or "e" or "ec" or "encodedcommand";
    }

    private static bool SafeIsInputRedirected()
    {
        try
        {
            return Console.IsInputRedirected;
        }
        catch (Exception ex) when (ex is System.IO.IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
