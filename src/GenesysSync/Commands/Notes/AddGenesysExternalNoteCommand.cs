using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Notes;

/// <summary>Add-GenesysExternalNote: adds a note (1..32,000 characters) to contacts or organizations.</summary>
[Cmdlet(VerbsCommon.Add, Nouns.ExternalNote, SupportsShouldProcess = true, DefaultParameterSetName = ContactIdSet, HelpUri = HelpLinks.Base + "Add-GenesysExternalNote.md")]
[OutputType(typeof(GenesysExternalNote))]
public sealed class AddGenesysExternalNoteCommand : ContactOrOrganizationCmdlet
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateLength(1, 32000)]
    public string Text { get; set; } = "";

    /// <summary>The Genesys user id to record as the author (default: the API records the caller).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CreatedBy { get; set; }

    protected override void ProcessRecord()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            WriteInvalid("A note needs text that is not only spaces.", "EmptyNoteText", OwnerId);
            return;
        }
        if (!ShouldProcess(OwnerLabel, "Add note")) return;
        try
        {
            var note = Run(ct => ActiveConnection.ExternalNotes.AddAsync(OwnerKind, OwnerId, Text, CreatedBy, ct));
            WriteObject(new GenesysExternalNote(note, OnContact, OwnerId));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalNoteAddFailed", OwnerId);
        }
    }
}
