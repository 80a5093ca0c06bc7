using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Module;

/// <summary>
/// The host tool, run as its own process: it does not reference the engine, so this is also where
/// dependency isolation is proven (in this test process the engine is already on the default path).
/// </summary>
public class HostToolTests
{
    [Fact]
    public void DependenciesLoadIsolatedFromTheModuleFolder()
    {
        var result = HostProcess.Run(new[] { "-Command", @"
            # Engine types are private to the module's load context: reach them by reflection.
            $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'GenesysSync.Core' }
            $null = $core.GetType('GenesysSync.Diagnostics.DependencyCheck')::Run() | Where-Object { -not $_.Ok } | ForEach-Object { throw ""$($_.Name): $($_.Detail)"" }
            $names = 'GenesysSync.Core','Polly.Core','PhoneNumbers','CsvHelper','Microsoft.Data.Sqlite','SQLitePCLRaw.core'
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in $names } | ForEach-Object {
                '{0}|{1}|{2}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name, $_.Location
            }" });
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains('|')).Select(l => l.Split('|')).ToDictionary(p => p[0], p => (Context: p[1], Location: p[2]));
        var dependencies = Path.Combine(TestPaths.ModuleDir, "Dependencies");
        foreach (var name in new[] { "GenesysSync.Core", "Polly.Core", "PhoneNumbers", "CsvHelper", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core" })
        {
            Assert.True(lines.ContainsKey(name), name + " was not loaded:\n" + result.StdOut);
            Assert.Equal("DependencyLoadContext", lines[name].Context);
            Assert.StartsWith(Path.GetFullPath(dependencies), Path.GetFullPath(lines[name].Location));
        }
    }

    [Fact]
    public void FileRunsWithArgumentsAndPassesItsExitCode()
    {
        var script = Path.Combine(Path.GetTempPath(), $"gs-host-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, "param($Name) \"hello $Name\"; exit 7");
        try
        {
            var result = HostProcess.Run(new[] { "-File", script, "world" });
            Assert.Equal(7, result.ExitCode);
            Assert.Contains("hello world", result.StdOut);
        }
        finally { File.Delete(script); }
    }

    [Theory]
    [InlineData("'fine'", 0)]
    [InlineData("throw 'terminating'", 1)]
    [InlineData("Get-Item -Path /no/such/path/anywhere", 1)]
    public void CommandExitCodeFollowsPwsh(string command, int expected)
    {
        var result = HostProcess.Run(new[] { "-Command", command });
        Assert.Equal(expected, result.ExitCode);
        if (expected != 0) Assert.False(string.IsNullOrWhiteSpace(result.StdErr), "the error must be shown");
    }

    [Fact]
    public void ModuleCmdletsAreAvailableAndRenderedAsTables()
    {
        var result = HostProcess.Run(new[] { "-Command", "Get-Command -Module GenesysSync" });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Get-GenesysContext", result.StdOut);
        Assert.Contains("CommandType", result.StdOut); // a real table header from the format views
        Assert.DoesNotContain("\u001b[", result.StdOut); // no ANSI escapes when output is redirected
    }

    [Fact]
    public void UnknownArgumentsGiveUsage()
    {
        var result = HostProcess.Run(new[] { "-Bogus" });
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("usage:", result.StdErr);
    }
}
