using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>Unregister-GenesysExternalOrganizationTrustor: removes the trustor link of an organization.</summary>
[Cmdlet(VerbsLifecycle.Unregister, Nouns.ExternalOrganizationTrustor, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Unregister-GenesysExternalOrganizationTrustor.md")]
[OutputType(typeof(void))]
public sealed class UnregisterGenesysExternalOrganizationTrustorCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(OrganizationId, "Unlink the trustor of external organization")) return;
        try
        {
            if (Run(ct => ActiveConnection.ExternalOrganizations.UnlinkTrustorAsync(OrganizationId, ct))) WriteVerbose($"Unlinked the trustor of {OrganizationId}.");
            else WriteNotFound($"The external organization '{OrganizationId}' does not exist or has no trustor linked.", "TrustorLinkNotFound", OrganizationId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationTrustorUnlinkFailed", OrganizationId);
        }
    }
}
