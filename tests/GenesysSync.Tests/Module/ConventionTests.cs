using System.Management.Automation;
using System.Reflection;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Module;

/// <summary>Every exported cmdlet follows the conventions users of a serious module rely on.</summary>
public class ConventionTests
{
    private static readonly HashSet<string> ApprovedVerbs = new[]
        {
            typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
            typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity),
        }
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet(StringComparer.Ordinal);

    // Verbs that change something: these cmdlets must support -WhatIf/-Confirm.
    private static readonly HashSet<string> Mutating = new(StringComparer.Ordinal)
    {
        "New", "Set", "Remove", "Add", "Clear", "Sync", "Import", "Merge", "Update", "Register", "Unregister",
        "Grant", "Revoke", "Move", "Rename", "Reset", "Invoke", "Start", "Stop", "Enable", "Disable", "Publish", "Unpublish", "Lock", "Unlock",
    };

    private static List<(string Name, string Verb, string Noun, bool WhatIf, int OutputTypes, string[] Parameters)> Commands()
    {
        var result = PowerShellRun.Invoke(@"
            foreach ($c in Get-Command -Module GenesysSync) {
                [pscustomobject]@{
                    Name = $c.Name; Verb = $c.Verb; Noun = $c.Noun
                    WhatIf = $c.Parameters.ContainsKey('WhatIf')
                    OutputTypes = @($c.OutputType).Count
                    Parameters = @($c.Parameters.Keys)
                }
            }");
        result.AssertNoErrors();
        return result.Output.Select(o => ((string)o.Properties["Name"].Value, (string)o.Properties["Verb"].Value, (string)o.Properties["Noun"].Value,
            (bool)o.Properties["WhatIf"].Value, (int)o.Properties["OutputTypes"].Value,
            ((object[])o.Properties["Parameters"].Value).Select(p => p.ToString()!).ToArray())).ToList();
    }

    [Fact]
    public void VerbsAreApprovedNounsSingularAndPrefixed()
    {
        var problems = new List<string>();
        foreach (var c in Commands())
        {
            if (!ApprovedVerbs.Contains(c.Verb)) problems.Add(c.Name + ": unapproved verb");
            if (!c.Noun.StartsWith("Genesys", StringComparison.Ordinal)) problems.Add(c.Name + ": noun lacks the Genesys prefix");
            if (c.Noun.EndsWith('s') && !c.Noun.EndsWith("ss", StringComparison.Ordinal) && !c.Noun.EndsWith("Status", StringComparison.Ordinal))
                problems.Add(c.Name + ": plural noun");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputAndWritesSupportWhatIf()
    {
        var problems = new List<string>();
        foreach (var c in Commands())
        {
            if (c.OutputTypes == 0) problems.Add(c.Name + ": no [OutputType]");
            if (Mutating.Contains(c.Verb) && !c.WhatIf) problems.Add(c.Name + ": changes things but has no -WhatIf");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void CmdletsThatTalkToGenesysTakeAConnection()
    {
        var local = new HashSet<string> { "Connect-GenesysCloud", "Disconnect-GenesysCloud", "Get-GenesysContext" };
        var missing = Commands().Where(c => !local.Contains(c.Name) && !c.Parameters.Contains("Connection")).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "no -Connection: " + string.Join(", ", missing));
    }
}
