using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>Register-GenesysExternalOrganizationTrustor: links a trustor org (a Genesys org that trusts this one) to an organization.</summary>
[Cmdlet(VerbsLifecycle.Register, Nouns.ExternalOrganizationTrustor, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Register-GenesysExternalOrganizationTrustor.md")]
[OutputType(typeof(GenesysExternalOrganizationTrustor))]
public sealed class RegisterGenesysExternalOrganizationTrustorCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    /// <summary>The id of the Genesys Cloud org that has granted trust to this org.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string TrustorId { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(OrganizationId, "Link trustor " + TrustorId + " to external organization")) return;
        try
        {
            var link = Run(ct => ActiveConnection.ExternalOrganizations.LinkTrustorAsync(OrganizationId, TrustorId, ct));
            WriteObject(new GenesysExternalOrganizationTrustor(link, OrganizationId, TrustorId));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationTrustorLinkFailed", OrganizationId);
        }
    }
}
