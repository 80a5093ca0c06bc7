using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>The host tool's -File binds arguments like pwsh -File, so scheduled scripts run the same way in both.</summary>
public sealed class HostScriptArgumentTests : IDisposable
{
    private readonly string _script = Path.Combine(Path.GetTempPath(), $"gs-args-{Guid.NewGuid():N}.ps1");

    public HostScriptArgumentTests() => File.WriteAllText(_script,
        "param([string]$Name = 'none', [int]$Count = 1, [switch]$Flag, [string]$Rest)\n\"Name=$Name|Count=$Count|Flag=$Flag|Rest=$Rest\"\nexit $Count\n");

    public void Dispose() => File.Delete(_script);

    [Theory]
    [InlineData(new[] { "-Name", "x y", "-Count", "3", "-Flag" }, "Name=x y|Count=3|Flag=True|Rest=", 3)]
    [InlineData(new[] { "-Count:4", "-Name:a:b" }, "Name=a:b|Count=4|Flag=False|Rest=", 4)]
    [InlineData(new[] { "positional", "2" }, "Name=positional|Count=2|Flag=False|Rest=", 2)]
    [InlineData(new[] { "-Flag", "-Rest", "$(throw 'never run')" }, "Name=none|Count=1|Flag=True|Rest=$(throw 'never run')", 1)]
    public void NamedSwitchAndPositionalArgumentsBindLikePwsh(string[] arguments, string expected, int exitCode)
    {
        var result = HostProcess.Run(new[] { "-NoModule", "-File", _script }.Concat(arguments));
        Assert.True(result.StdOut.Contains(expected), result.StdOut + result.StdErr);
        Assert.Equal(exitCode, result.ExitCode);
    }
}
