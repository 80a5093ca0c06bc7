using System.Management.Automation;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>Test-GenesysConnection through the hosted engine against the emulator over HTTP.</summary>
public sealed class TestConnectionTests
{
    private static Dictionary<string, PSObject> ByCheck(PowerShellResult result) =>
        result.Output.Where(o => o.TypeNames[0] == "GenesysSync.GenesysConnectionCheck")
            .ToDictionary(o => (string)o.Properties["Check"].Value);

    private static string Status(PSObject check) => (string)check.Properties["Status"].Value;
    private static string Detail(PSObject check) => (string)check.Properties["Detail"].Value;

    [Fact]
    public async Task AHealthyOrgPassesEveryCheck()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Test-GenesysConnection; Test-GenesysConnection -Quiet", emulator.Variables());
        result.AssertNoErrors();
        var checks = ByCheck(result);
        foreach (var name in new[] { "Session", "State folder", "Connection", "Endpoint", "Credentials", "Permissions: External contacts",
                     "Permissions: External sources", "Permissions: Contact lists", "Permissions: DNC lists", "Request budget", "Dependency: Microsoft.Data.Sqlite" })
        {
            Assert.True(checks.ContainsKey(name), "missing check " + name);
            Assert.True(Status(checks[name]) == "Pass", name + ": " + Status(checks[name]) + " " + Detail(checks[name]));
        }
        Assert.Contains("outbound:dncList:view granted", Detail(checks["Permissions: DNC lists"]));
        Assert.Contains("300 requests/min per token x 1 token(s)", Detail(checks["Request budget"]));
        Assert.Equal(true, result.Output.Last().BaseObject);
        // Probes read no contact data: one small GET per family plus the endpoint check.
        Assert.True(emulator.Org.Stats.Count("GET /api/v2/outbound/dnclists") == 2); // two invocations
    }

    [Fact]
    public async Task AMissingPermissionIsNamedWithTheCmdletsThatNeedIt()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.DeniedPermissions.Add("outbound:dncList"));
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + "Test-GenesysConnection; Test-GenesysConnection -Quiet", emulator.Variables());
        result.AssertNoErrors();
        var checks = ByCheck(result);
        var dnc = checks["Permissions: DNC lists"];
        Assert.Equal("Fail", Status(dnc));
        Assert.Equal("outbound:dncList:view", dnc.Properties["Permission"].Value);
        Assert.Contains("lacks outbound:dncList:view", Detail(dnc));
        Assert.Contains("Add-, Remove-GenesysDncListEntry", Detail(dnc));
        Assert.Equal("Pass", Status(checks["Permissions: Contact lists"]));
        Assert.Equal("Pass", Status(checks["Credentials"]));
        Assert.Equal(false, result.Output.Last().BaseObject);
    }

    [Fact]
    public async Task CredentialsThatStopWorkingAreReportedAndPermissionsAreNotGuessed()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(EmulatorHost.Connect + @"
            $GenesysOrg.Options.Clients['test-client'] = 'rotated-secret'   # someone rotated the OAuth client's secret
            $GenesysOrg.AdvanceClock([TimeSpan]::FromHours(2))             # and the token the job had expires
            Test-GenesysConnection", WithOrg(emulator));
        result.AssertNoErrors();
        var checks = ByCheck(result);
        Assert.Equal("Pass", Status(checks["Endpoint"]));
        Assert.Equal("Fail", Status(checks["Credentials"]));
        Assert.Contains("test-client", Detail(checks["Credentials"]));
        Assert.Equal("Warn", Status(checks["Permissions"]));
        Assert.DoesNotContain(EmulatorHost.ClientSecret, result.AllText());
    }

    [Fact]
    public async Task ABudgetAboveTheDefaultOrThrottlingWarns()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke(
            "$null = Connect-GenesysCloud -ApiBaseUri $GenesysUri -Credential $GenesysCredential -RequestsPerMinute 1000\nTest-GenesysConnection", emulator.Variables());
        result.AssertNoErrors();
        var budget = ByCheck(result)["Request budget"];
        Assert.Equal("Warn", Status(budget));
        Assert.Contains("300/min per token", Detail(budget));
    }

    [Fact]
    public void WithoutAConnectionItSaysWhatToDo()
    {
        var result = PowerShellRun.Invoke("Test-GenesysConnection");
        result.AssertNoErrors();
        var checks = ByCheck(result);
        Assert.Equal("Fail", Status(checks["Connection"]));
        Assert.Contains("Connect-GenesysCloud", Detail(checks["Connection"]));
        Assert.True(checks.ContainsKey("Environment"));
        Assert.All(checks.Where(c => c.Key.StartsWith("Dependency: ")), c => Assert.Equal("Pass", Status(c.Value)));
        Assert.False(checks.ContainsKey("Permissions: DNC lists"));
    }

    private static Dictionary<string, object?> WithOrg(EmulatorHost emulator)
    {
        var variables = emulator.Variables();
        variables["GenesysOrg"] = emulator.Org;
        return variables;
    }
}
