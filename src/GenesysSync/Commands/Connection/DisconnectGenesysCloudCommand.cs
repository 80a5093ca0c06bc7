using System.Management.Automation;
using GenesysSync.Infrastructure;
using GenesysSync.Session;

namespace GenesysSync.Commands.Connection;

/// <summary>Disconnect-GenesysCloud: closes the session's connection (or the one given).</summary>
[Cmdlet(VerbsCommunications.Disconnect, Nouns.Cloud, HelpUri = HelpLinks.Base + "Disconnect-GenesysCloud.md")]
[OutputType(typeof(void))]
public sealed class DisconnectGenesysCloudCommand : PSCmdlet
{
    /// <summary>The connection to close; the session default when omitted.</summary>
    [Parameter(ValueFromPipeline = true)]
    public GenesysConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        if (Connection is null || ReferenceEquals(Connection, GenesysSession.Current))
        {
            if (GenesysSession.Current is null) WriteVerbose("No connection to close.");
            GenesysSession.Clear();
        }
        else
        {
            Connection.Dispose();
        }
    }
}
