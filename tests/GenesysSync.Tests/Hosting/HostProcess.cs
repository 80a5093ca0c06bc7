using System.Diagnostics;

namespace GenesysSync.Tests.Hosting;

/// <summary>Runs tools/GenesysSync.Host as a child process, exactly as README's quick start does.</summary>
public static class HostProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(TestPaths.HostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("GenesysSync.Host did not finish in 3 minutes.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
