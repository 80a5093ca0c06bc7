using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace GenesysSync.Host;

/// <summary>
/// GenesysSync.Host -File script.ps1 [args...] | -Command 'text' [-Module path] [-NoModule]
/// Runs PowerShell with the GenesysSync module imported, renders output through the module's
/// format views, and exits non-zero on a terminating error, on `exit N`, or when $? is false.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var parsed = HostArguments.Parse(args);
        if (parsed.Error is not null)
        {
            Console.Error.WriteLine(parsed.Error);
            Console.Error.WriteLine(HostArguments.Usage);
            return 64;
        }

        var host = new ConsoleHost();
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        if (Console.IsOutputRedirected) Run(runspace, host, ps => ps.AddScript("$PSStyle.OutputRendering = 'PlainText'"), render: false);

        if (!parsed.NoModule)
        {
            var module = parsed.ModulePath ?? DefaultModulePath();
            if (!Run(runspace, host, ps => ps.AddCommand("Import-Module").AddParameter("Name", module).AddParameter("ErrorAction", "Stop"), render: false))
            {
                Console.Error.WriteLine($"Could not import the module from '{module}'. Build it first: dotnet build");
                return 1;
            }
        }

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            host.StopCurrent();
        };

        var ok = Run(runspace, host, ps =>
        {
            if (parsed.File is not null)
            {
                // pwsh -File semantics: "-Name value", "-Name:value" and "-Switch" bind by name, the rest by position.
                ps.AddScript(ScriptArguments.Invocation(parsed.Arguments))
                    .AddArgument(Path.GetFullPath(parsed.File))
                    .AddArgument(parsed.Arguments.ToArray());
            }
            else
            {
                // pwsh -Command semantics: the run failed when $? is false at the end.
                ps.AddScript(parsed.Command! + "\n$global:__GenesysSyncHostOk = $?");
            }
        }, render: true);

        if (host.ExitCode is int code) return code;
        if (!ok) return 1;
        var lastExit = ReadVariable(runspace, "LASTEXITCODE");
        if (lastExit is int last && last != 0) return last;
        return 0;
    }

    private static bool Run(Runspace runspace, ConsoleHost host, Action<PowerShell> build, bool render)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        // Errors flow into Out-Default with the output, so they render in order, like pwsh.
        ps.Commands.Commands[^1].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        if (render) ps.AddCommand("Out-Default");
        host.Current = ps;
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            host.UI.WriteErrorLine(ex.ErrorRecord?.ToString() ?? ex.Message);
            if (ex.ErrorRecord?.InvocationInfo?.PositionMessage is { Length: > 0 } position) host.UI.WriteErrorLine(position);
            return false;
        }
        catch (PSInvalidOperationException ex) when (host.ExitCode is not null)
        {
            _ = ex; // `exit` while the pipeline ran
            return true;
        }
        finally
        {
            host.Current = null;
        }
        if (ps.InvocationStateInfo.State == PSInvocationState.Stopped) return false;
        if (!render) return !ps.HadErrors;
        return ReadVariable(runspace, "global:__GenesysSyncHostOk") is not false;
    }

    private static object? ReadVariable(Runspace runspace, string name)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("$" + name);
        var result = ps.Invoke();
        return result.Count == 0 ? null : result[0]?.BaseObject;
    }

    private static string DefaultModulePath()
    {
        var fromBuild = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ModuleDir")?.Value;
        return Path.Combine(fromBuild ?? Path.Combine(AppContext.BaseDirectory, "GenesysSync"), "GenesysSync.psd1");
    }
}
