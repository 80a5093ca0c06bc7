using System;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Identity;

/// <summary>Approve-GenesysExternalContact: promotes observed contacts (Ephemeral or Identified) to Curated contacts.</summary>
[Cmdlet(VerbsLifecycle.Approve, Nouns.ExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Approve-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact))]
public sealed class ApproveGenesysExternalContactCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!ShouldProcess(id, "Promote observed contact to Curated")) continue;
            try
            {
                WriteObject(new GenesysExternalContact(Run(ct => ActiveConnection.ContactIdentity.PromoteAsync(id, ct))));
            }
            catch (GenesysValidationException ex)
            {
                WriteItemError(ex, "ExternalContactNotObserved", id);
            }
            catch (GenesysNotFoundException ex)
            {
                WriteItemError(ex, "ExternalContactNotFound", id);
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalContactPromoteFailed", id);
            }
        }
    }
}
