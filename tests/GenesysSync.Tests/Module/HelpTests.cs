using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Module;

/// <summary>Get-Help -Full shows real content for every exported cmdlet.</summary>
public class HelpTests
{
    [Fact]
    public void EveryCmdletHasSynopsisDescriptionParametersAndExamples()
    {
        var result = PowerShellRun.Invoke(@"
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($command in Get-Command -Module GenesysSync) {
                $help = Get-Help $command.Name -Full
                $documented = @($help.parameters.parameter | Where-Object { $_.description.Text -and $_.description.Text.Trim() }) | ForEach-Object name
                $parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
                [pscustomobject]@{
                    Name = $command.Name
                    Synopsis = [string]$help.Synopsis
                    Description = [string]($help.description.Text -join ' ')
                    Examples = @($help.examples.example).Count
                    Missing = @($parameters | Where-Object { $_ -notin $documented })
                }
            }");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        var problems = new List<string>();
        foreach (var row in result.Output)
        {
            var name = (string)row.Properties["Name"].Value;
            var synopsis = (string)row.Properties["Synopsis"].Value;
            if (string.IsNullOrWhiteSpace(synopsis) || synopsis.Trim() == name) problems.Add(name + ": no synopsis");
            if (string.IsNullOrWhiteSpace((string)row.Properties["Description"].Value)) problems.Add(name + ": no description");
            if ((int)row.Properties["Examples"].Value < 1) problems.Add(name + ": no example");
            foreach (var missing in (object[])row.Properties["Missing"].Value) problems.Add(name + ": parameter -" + missing + " undocumented");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheModuleHasAConceptualHelpTopic()
    {
        var result = PowerShellRun.Invoke("[string](Get-Help about_GenesysSync)");
        result.AssertNoErrors();
        var text = string.Concat(result.Output.Select(o => o.BaseObject as string));
        Assert.Contains("Connect-GenesysCloud -Sandbox", text);
        Assert.Contains("Sync-GenesysExternalContact", text);
    }
}
