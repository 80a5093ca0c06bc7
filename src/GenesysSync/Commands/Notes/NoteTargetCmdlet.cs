using System.Management.Automation;
using GenesysSync.Api;
using GenesysSync.Commands.Surface;

namespace GenesysSync.Commands.Notes;

/// <summary>
/// Base of Set- and Remove-GenesysExternalNote: a note is named by the note objects Get-GenesysExternalNote writes
/// (-InputObject, by value), or by -NoteId (alias Id) with -ContactId or -OrganizationId.
/// </summary>
public abstract class NoteTargetCmdlet : SurfaceCmdlet
{
    protected const string NoteSet = "Note";
    protected const string ContactNoteSet = "ContactNote";
    protected const string OrganizationNoteSet = "OrganizationNote";

    [Parameter(ParameterSetName = NoteSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalNote? InputObject { get; set; }

    [Parameter(ParameterSetName = ContactNoteSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    [Parameter(ParameterSetName = OrganizationNoteSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    [Parameter(ParameterSetName = ContactNoteSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = OrganizationNoteSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string NoteId { get; set; } = "";

    protected bool OnContact => ParameterSetName == NoteSet ? InputObject!.OnContact : ParameterSetName == ContactNoteSet;
    protected string OwnerId => ParameterSetName switch { NoteSet => InputObject!.OwnerId, ContactNoteSet => ContactId, _ => OrganizationId };
    protected string TargetNoteId => ParameterSetName == NoteSet ? InputObject!.Id : NoteId;
    protected NoteOwner OwnerKind => OnContact ? NoteOwner.Contact : NoteOwner.Organization;
    protected string Target => "note " + TargetNoteId + " of " + (OnContact ? "contact " : "organization ") + OwnerId;
}
