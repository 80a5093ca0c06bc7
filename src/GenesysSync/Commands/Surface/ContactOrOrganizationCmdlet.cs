using System.Management.Automation;
using GenesysSync.Api;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.Surface;

/// <summary>
/// Base of cmdlets that act on a contact or an organization (notes, identifiers). Module objects bind by value
/// (a GenesysExternalContact to -Contact, a GenesysExternalOrganization to -Organization); other objects bind by
/// property name (-ContactId, alias Id; -OrganizationId), so both `Get-GenesysExternalContact | ...` and
/// `[pscustomobject]@{ OrganizationId = ... } | ...` work.
/// </summary>
public abstract class ContactOrOrganizationCmdlet : SurfaceCmdlet
{
    protected const string ContactIdSet = "ContactId";
    protected const string OrganizationIdSet = "OrganizationId";
    protected const string ContactSet = "Contact";
    protected const string OrganizationSet = "Organization";

    [Parameter(ParameterSetName = ContactIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    [Parameter(ParameterSetName = OrganizationIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    [Parameter(ParameterSetName = ContactSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalContact? Contact { get; set; }

    [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalOrganization? Organization { get; set; }

    /// <summary>True when the target is a contact (else an organization).</summary>
    protected bool OnContact => ParameterSetName is ContactIdSet or ContactSet;

    protected string OwnerId => ParameterSetName switch
    {
        ContactSet => Contact!.Id,
        OrganizationSet => Organization!.Id,
        OrganizationIdSet => OrganizationId,
        _ => ContactId,
    };

    protected NoteOwner OwnerKind => OnContact ? NoteOwner.Contact : NoteOwner.Organization;

    /// <summary>"contact 1234" / "organization 5678", for prompts and messages.</summary>
    protected string OwnerLabel => (OnContact ? "contact " : "organization ") + OwnerId;
}
