using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Journey;

/// <summary>Get-GenesysExternalContactSession: the journey sessions (web, app, conversation) of contacts.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalContactSession, HelpUri = HelpLinks.Base + "Get-GenesysExternalContactSession.md")]
[OutputType(typeof(GenesysExternalContactSession))]
public sealed class GetGenesysExternalContactSessionCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    /// <summary>Also the sessions of contacts merged into this one.</summary>
    [Parameter]
    public SwitchParameter IncludeMerged { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            foreach (var session in Run(ct => ActiveConnection.ContactIdentity.GetSessionsAsync(ContactId, IncludeMerged, ct)))
                WriteObject(new GenesysExternalContactSession(session, ContactId));
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"No external contact has the id '{ContactId}'.", "ExternalContactNotFound", ContactId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSessionGetFailed", ContactId);
        }
    }
}
