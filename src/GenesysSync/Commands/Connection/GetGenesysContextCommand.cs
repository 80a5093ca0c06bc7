using System.Management.Automation;
using GenesysSync.Session;

namespace GenesysSync.Commands.Connection;

/// <summary>Get-GenesysContext: the session's current connection, if any.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.Context, HelpUri = HelpLinks.Base + "Get-GenesysContext.md")]
[OutputType(typeof(GenesysConnection))]
public sealed class GetGenesysContextCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var current = GenesysSession.Current;
        if (current is not null) WriteObject(current);
    }
}
