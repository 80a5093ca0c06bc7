using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Relationships;

/// <summary>New-GenesysExternalRelationship: records a Genesys user's role at an organization (e.g. Account Manager).</summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalRelationship, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalRelationship.md")]
[OutputType(typeof(GenesysExternalRelationship))]
public sealed class NewGenesysExternalRelationshipCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    /// <summary>The Genesys user id.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UserId { get; set; } = "";

    /// <summary>The role, 1..100 characters (e.g. Account Manager, Sales Engineer).</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 100)]
    public string Relationship { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess("organization " + OrganizationId, "Add relationship '" + Relationship + "' for user " + UserId)) return;
        try
        {
            WriteObject(new GenesysExternalRelationship(Run(ct => ActiveConnection.ExternalRelationships.CreateAsync(OrganizationId, UserId, Relationship, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalRelationshipCreateFailed", OrganizationId);
        }
    }
}
