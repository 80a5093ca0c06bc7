using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Journey;

/// <summary>Set-GenesysConversationExternalContact: associates a conversation with an external contact.</summary>
[Cmdlet(VerbsCommon.Set, Nouns.ConversationExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Set-GenesysConversationExternalContact.md")]
[OutputType(typeof(void))]
public sealed class SetGenesysConversationExternalContactCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConversationId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    /// <summary>The communication (participant's session) within the conversation.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CommunicationId { get; set; } = "";

    /// <summary>The media type of the communication (e.g. call, callback, chat, email, message).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string MediaType { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess("conversation " + ConversationId, "Associate with external contact " + ContactId)) return;
        try
        {
            Run(ct => ActiveConnection.ContactIdentity.AssociateConversationAsync(ConversationId, ContactId, CommunicationId, MediaType, ct));
            WriteVerbose($"Conversation {ConversationId} is associated with contact {ContactId}.");
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ConversationAssociationFailed", ConversationId);
        }
    }
}
