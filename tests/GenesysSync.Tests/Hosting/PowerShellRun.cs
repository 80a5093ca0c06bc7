using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace GenesysSync.Tests.Hosting;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class PowerShellResult
{
    public required Collection<PSObject> Output { get; init; }
    public required List<ErrorRecord> Errors { get; init; }
    public required List<WarningRecord> Warnings { get; init; }
    public required List<VerboseRecord> Verbose { get; init; }
    public required List<DebugRecord> Debug { get; init; }
    public required List<ProgressRecord> Progress { get; init; }
    public required List<InformationRecord> Information { get; init; }
    public RuntimeException? Terminating { get; init; }

    /// <summary>All text of every stream, for "no secret anywhere" assertions.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
        foreach (var o in Output.Where(o => o is not null))
            parts.AddRange(o.Properties.Select(p => { try { return p.Value?.ToString() ?? ""; } catch (Exception) { return ""; } }));
        parts.AddRange(Errors.Select(e => e.ToString() + " " + e.ErrorDetails?.Message + " " + e.Exception));
        parts.AddRange(Warnings.Select(w => w.Message));
        parts.AddRange(Verbose.Select(v => v.Message));
        parts.AddRange(Debug.Select(d => d.Message));
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
        parts.AddRange(Information.Select(i => i.MessageData?.ToString() ?? ""));
        if (Terminating is not null) parts.Add(Terminating.ToString());
        return string.Join("\n", parts);
    }

    /// <summary>
    /// The one error the script produced: a cmdlet's ThrowTerminatingError stops its statement and
    /// lands in the error stream (the script goes on), a throw escapes as <see cref="Terminating"/>.
    /// </summary>
    public ErrorRecord SingleError()
    {
        if (Terminating is not null) return Terminating.ErrorRecord;
        Assert.True(Errors.Count == 1, "expected one error, got " + Errors.Count + ":\n" + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return Errors[0];
    }

    public void AssertNoErrors()
    {
        Assert.True(Terminating is null, "terminating error: " + Terminating);
        Assert.True(Errors.Count == 0, "errors:\n" + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
    }
}

/// <summary>
/// Runs scripts in a fresh PowerShell 7 runspace with the built module imported, the way a
/// user's session would see it. Variables can be handed in (e.g. an emulator URL).
/// </summary>
public static class PowerShellRun
{
    public static PowerShellResult Invoke(string script, IDictionary<string, object?>? variables = null, bool importModule = true)
    {
        var state = InitialSessionState.CreateDefault2();
        if (importModule) state.ImportPSModule(TestPaths.ModuleManifest);
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            state.Variables.Add(new SessionStateVariableEntry(name, value, ""));
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        Collection<PSObject> output = new();
        RuntimeException? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        return new PowerShellResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Debug = ps.Streams.Debug.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Information = ps.Streams.Information.ToList(),
            Terminating = terminating,
        };
    }
}
