using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.Notes;

/// <summary>Set-GenesysExternalNote: replaces the text of notes.</summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalNote, SupportsShouldProcess = true, DefaultParameterSetName = NoteSet, HelpUri = HelpLinks.Base + "Set-GenesysExternalNote.md")]
[OutputType(typeof(GenesysExternalNote))]
public sealed class SetGenesysExternalNoteCommand : NoteTargetCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateLength(1, 32000)]
    public string Text { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            WriteInvalid("A note needs text that is not only spaces.", "EmptyNoteText", TargetNoteId);
            return;
        }
        if (!ShouldProcess(Target, "Update note text")) return;
        try
        {
            var note = Run(ct => ActiveConnection.ExternalNotes.UpdateAsync(OwnerKind, OwnerId, TargetNoteId, Text, ct));
            WriteObject(new GenesysExternalNote(note, OnContact, OwnerId));
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"There is no {Target}.", "ExternalNoteNotFound", TargetNoteId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalNoteUpdateFailed", TargetNoteId);
        }
    }
}
