using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Journey;

/// <summary>Clear-GenesysConversationExternalContact: removes the association between a conversation and its external contact.</summary>
[Cmdlet(VerbsCommon.Clear, Nouns.ConversationExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Clear-GenesysConversationExternalContact.md")]
[OutputType(typeof(void))]
public sealed class ClearGenesysConversationExternalContactCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConversationId { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CommunicationId { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string MediaType { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess("conversation " + ConversationId, "Disassociate from its external contact")) return;
        try
        {
            Run(ct => ActiveConnection.ContactIdentity.AssociateConversationAsync(ConversationId, null, CommunicationId, MediaType, ct));
            WriteVerbose($"Conversation {ConversationId} is no longer associated with an external contact.");
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ConversationDisassociationFailed", ConversationId);
        }
    }
}
