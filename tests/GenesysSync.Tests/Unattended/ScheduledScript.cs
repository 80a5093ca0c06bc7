using System.Diagnostics;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>
/// Runs examples/scheduled-sync.ps1 the way a scheduler does: its own process (the module's host tool, standard input
/// closed, output redirected), credentials only in environment variables, an emulator over HTTP as the org.
/// </summary>
public sealed class ScheduledScript
{
    public static string ScriptPath => Path.Combine(TestPaths.RepoRoot, "examples", "scheduled-sync.ps1");

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ScheduledScript(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts the script; <paramref name="arguments"/> are the script's own (-Path ..., -Key ...).</summary>
    public static ScheduledScript Start(Uri api, string secret, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(TestPaths.HostDll);
        start.ArgumentList.Add("-File");
        start.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("-ApiBaseUri");
        start.ArgumentList.Add(api.ToString());
        start.Environment["GENESYSCLOUD_OAUTHCLIENT_ID"] = EmulatorHost.ClientId;
        start.Environment["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = secret;
        start.Environment.Remove("GENESYSCLOUD_REGION");
        start.Environment.Remove("GENESYSSYNC_NONINTERACTIVE");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close(); // a scheduler gives the job no input
        return new ScheduledScript(process);
    }

    public static HostProcess.Result Run(Uri api, string secret, params string[] arguments) => Start(api, secret, arguments).Wait();

    public bool HasExited => _process.HasExited;

    public HostProcess.Result Wait()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("The scheduled script did not finish in 3 minutes.");
        }
        var result = new HostProcess.Result(_process.ExitCode, _stdout.Result, _stderr.Result);
        _process.Dispose();
        return result;
    }
}
