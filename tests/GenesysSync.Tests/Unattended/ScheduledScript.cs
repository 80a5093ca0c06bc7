using System.Diagnostics;
using System.Text;
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
    private readonly StringBuilder _stdoutText = new();
    private readonly StringBuilder _stderrText = new();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private ScheduledScript(Process process)
    {
        _process = process;
        _stdout = Collect(process.StandardOutput, _stdoutText);
        _stderr = Collect(process.StandardError, _stderrText);
    }

    private static async Task Collect(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (into) into.AppendLine(line);
    }

    private static string Text(StringBuilder text) { lock (text) return text.ToString(); }

    /// <summary>Waits until stdout or stderr shows <paramref name="text"/>; false if the process ends or time runs out first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Text(_stdoutText).Contains(text) || Text(_stderrText).Contains(text)) return true;
            if (_process.HasExited && _stdout.IsCompleted && _stderr.IsCompleted) return false;
            await Task.Delay(50);
        }
        return false;
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
        Task.WaitAll(_stdout, _stderr);
        var result = new HostProcess.Result(_process.ExitCode, Text(_stdoutText), Text(_stderrText));
        _process.Dispose();
        return result;
    }
}
