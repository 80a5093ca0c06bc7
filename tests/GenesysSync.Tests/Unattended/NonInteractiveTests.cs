using System.Reflection;
using GenesysSync.Emulator;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>Progress and prompts are suppressed automatically when nobody is watching.</summary>
public sealed class NonInteractiveTests
{
    private static Dictionary<string, string> Environment(EmulatorHost emulator, string? nonInteractive = null)
    {
        var env = new Dictionary<string, string>
        {
            ["GENESYSCLOUD_OAUTHCLIENT_ID"] = EmulatorHost.ClientId,
            ["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = EmulatorHost.ClientSecret,
            ["GS_TEST_API"] = emulator.BaseAddress.ToString(),
        };
        if (nonInteractive != null) env["GENESYSSYNC_NONINTERACTIVE"] = nonInteractive;
        return env;
    }

    private const string Connect = "$null = Connect-GenesysCloud -ApiBaseUri $env:GS_TEST_API; ";

    [Fact]
    public async Task AScheduledJobThatWouldPromptStopsAtOnceInsteadOfHanging()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var create = HostProcess.Run(new[] { "-Command", Connect + "$null = New-GenesysDncList -Name 'Opt-outs'" }, Environment(emulator));
        Assert.True(create.ExitCode == 0, create.StdOut + create.StdErr);

        // Standard input is closed, as under Task Scheduler, cron or systemd: Remove-* (ConfirmImpact High) would ask.
        var started = DateTime.UtcNow;
        var refused = HostProcess.Run(new[] { "-Command", Connect + "Remove-GenesysDncList -DncList 'Opt-outs'" }, Environment(emulator));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not interactive", refused.StdErr);
        Assert.Contains("-Confirm:$false", refused.StdErr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1));
        Assert.NotNull(emulator.Org.Dnc().Find("Opt-outs")); // nothing deleted

        var forced = HostProcess.Run(new[] { "-Command", Connect + "Remove-GenesysDncList -DncList 'Opt-outs' -Force" }, Environment(emulator));
        Assert.True(forced.ExitCode == 0, forced.StdOut + forced.StdErr);
        Assert.Null(emulator.Org.Dnc().Find("Opt-outs"));
    }

    [Fact]
    public async Task TheSessionCheckSaysWhetherTheJobIsInteractive()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        const string session = "(Test-GenesysConnection | Where-Object Check -eq 'Session').Detail";
        var scheduled = HostProcess.Run(new[] { "-Command", Connect + session }, Environment(emulator));
        Assert.Contains("Non-interactive", scheduled.StdOut);
        var overridden = HostProcess.Run(new[] { "-Command", Connect + session }, Environment(emulator, nonInteractive: "0"));
        Assert.Contains("Interactive (", overridden.StdOut);
    }

    [Theory]
    [InlineData(null, new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", "x.ps1" }, true, "ConsoleHost", false, true)]
    [InlineData(null, new[] { "powershell.exe", "-noni", "-File", "x.ps1" }, true, "ConsoleHost", false, true)]
    [InlineData(null, new[] { "pwsh", "-File", "x.ps1", "-NonInteractive" }, true, "ConsoleHost", false, false)] // the script's own argument
    [InlineData(null, new[] { "pwsh" }, false, "ConsoleHost", false, true)]                                      // service / task without a desktop
    [InlineData(null, new[] { "pwsh", "-File", "x.ps1" }, true, "ConsoleHost", true, true)]                     // cron, systemd
    [InlineData(null, new[] { "pwsh" }, true, "ConsoleHost", false, false)]                                     // a person at a prompt
    [InlineData(null, new[] { "testhost" }, true, "Default Host", true, false)]                                 // an embedding application
    [InlineData("0", new[] { "pwsh", "-NonInteractive" }, false, "ConsoleHost", true, false)]                    // override: interactive
    [InlineData("1", new[] { "pwsh" }, true, "ConsoleHost", false, true)]                                        // override: not
    public void DetectionRules(string? overrideValue, string[] commandLine, bool userInteractive, string host, bool inputRedirected, bool expected)
    {
        var module = PowerShellRun.Invoke("[GenesysSync.GenesysConnectionCheck].Assembly");
        var assembly = (Assembly)module.Output.Single().BaseObject;
        var decide = assembly.GetType("GenesysSync.Infrastructure.Interactivity")!.GetMethod("Decide", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Equal(expected, (bool)decide.Invoke(null, new object?[] { overrideValue, commandLine, userInteractive, host, inputRedirected })!);
    }
}
