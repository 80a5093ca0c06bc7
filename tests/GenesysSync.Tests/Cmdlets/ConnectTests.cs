using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

public class ConnectTests
{
    [Fact]
    public void SandboxConnectsWithoutCredentialsAndBecomesTheDefault()
    {
        var result = PowerShellRun.Invoke("$c = Connect-GenesysCloud -Sandbox; $c; Get-GenesysContext");
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        var connection = result.Output[0];
        Assert.Equal("GenesysSync.GenesysConnection", connection.TypeNames[0]);
        Assert.True((bool)connection.Properties["IsSandbox"].Value);
        Assert.Equal("sandbox", connection.Properties["Region"].Value);
        Assert.Equal(300, connection.Properties["RequestsPerMinute"].Value);
        Assert.Same(connection.BaseObject, result.Output[1].BaseObject);
    }

    [Fact]
    public void CmdletsWithoutAConnectionStopWithNotConnected()
    {
        var result = PowerShellRun.Invoke("Get-GenesysExternalContact -Id abc");
        var error = result.SingleError();
        Assert.Equal("NotConnected,GenesysSync.Commands.ExternalContacts.GetGenesysExternalContactCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-GenesysCloud", error.Exception.Message);
    }

    [Theory]
    [InlineData("Connect-GenesysCloud -Region mars-north-1 -ClientId x -ClientSecret $s", "UnknownRegion")]
    [InlineData("Connect-GenesysCloud -ApiBaseUri http://10.1.2.3/ -ClientId x -ClientSecret $s", "InvalidConnectionSettings")]
    public void BadSettingsAreClearTerminatingErrors(string script, string errorId)
    {
        var secure = EmulatorHost.ToSecure("x");
        var result = PowerShellRun.Invoke(script, new Dictionary<string, object?> { ["s"] = secure });
        Assert.StartsWith(errorId + ",", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void UnknownRegionListsTheValidNames()
    {
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Region mars-north-1 -ClientId x -ClientSecret $s",
            new Dictionary<string, object?> { ["s"] = EmulatorHost.ToSecure("x") });
        var message = result.SingleError().Exception.Message;
        Assert.Contains("eu-central-1", message);
        Assert.Contains("mars-north-1", message);
    }

    [Fact]
    public async Task ConnectsOverHttpWithACredentialAndNeverShowsTheSecret()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -ApiBaseUri $GenesysUri -Credential $GenesysCredential -Verbose; Get-GenesysContext | ForEach-Object ToString",
            emulator.Variables());
        result.AssertNoErrors();
        var connection = result.Output[0];
        Assert.False((bool)connection.Properties["IsSandbox"].Value);
        Assert.Equal(new[] { EmulatorHost.ClientId }, (string[])connection.Properties["ClientIds"].Value);
        Assert.NotNull(connection.Properties["TokenExpiresAt"].Value);
        Assert.DoesNotContain(EmulatorHost.ClientSecret, result.AllText());
    }

    [Fact]
    public async Task WrongSecretIsAnAuthenticationErrorWithoutTheSecret()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var wrong = "wrong-Secret-Value-42";
        var result = PowerShellRun.Invoke(EmulatorHost.Connect, emulator.Variables(wrong));
        var error = result.SingleError();
        Assert.Equal("AuthenticationFailed,GenesysSync.Commands.Connection.ConnectGenesysCloudCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain(wrong, result.AllText());
        Assert.DoesNotContain(wrong, error.ErrorDetails?.Message ?? "");
    }

    [Fact]
    public async Task TokenPoolMultipliesTheBudget()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.Clients["second"] = "second-secret");
        var variables = emulator.Variables();
        variables["Second"] = new System.Management.Automation.PSCredential("second", EmulatorHost.ToSecure("second-secret"));
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -ApiBaseUri $GenesysUri -Credential $GenesysCredential, $Second -RequestsPerMinute 250", variables);
        result.AssertNoErrors();
        var connection = result.Output.Single();
        Assert.Equal(2, connection.Properties["TokenCount"].Value);
        Assert.Equal(500, connection.Properties["TotalRequestsPerMinute"].Value);
    }

    [Fact]
    public void DisconnectClearsTheDefault()
    {
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Sandbox | Out-Null; Disconnect-GenesysCloud; @(Get-GenesysContext).Count");
        result.AssertNoErrors();
        Assert.Equal(0, result.Output.Single().BaseObject);
    }
}

/// <summary>Environment variables are process-wide: these tests never run beside each other.</summary>
[Collection(nameof(EnvironmentCollection))]
public class ConnectFromEnvironmentTests
{
    [Fact]
    public async Task FallsBackToGenesysCloudEnvironmentVariables()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        Environment.SetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_ID", EmulatorHost.ClientId);
        Environment.SetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_SECRET", EmulatorHost.ClientSecret);
        try
        {
            var result = PowerShellRun.Invoke("Connect-GenesysCloud -ApiBaseUri $GenesysUri", emulator.Variables());
            result.AssertNoErrors();
            Assert.Equal(new[] { EmulatorHost.ClientId }, (string[])result.Output.Single().Properties["ClientIds"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_ID", null);
            Environment.SetEnvironmentVariable("GENESYSCLOUD_OAUTHCLIENT_SECRET", null);
        }
    }

    [Fact]
    public void MissingEnvironmentGivesMissingCredential()
    {
        var result = PowerShellRun.Invoke("Connect-GenesysCloud -Region us-east-1");
        Assert.StartsWith("MissingCredential,", result.SingleError().FullyQualifiedErrorId);
    }
}

[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection { }
