using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.Notes;

/// <summary>Remove-GenesysExternalNote: deletes notes (pipe in Get-GenesysExternalNote output).</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalNote, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NoteSet, HelpUri = HelpLinks.Base + "Remove-GenesysExternalNote.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalNoteCommand : NoteTargetCmdlet
{
    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcessUnlessForced(Target, "Delete note", Force)) return;
        try
        {
            if (Run(ct => ActiveConnection.ExternalNotes.DeleteAsync(OwnerKind, OwnerId, TargetNoteId, ct))) WriteVerbose($"Deleted {Target}.");
            else WriteNotFound($"There is no {Target}.", "ExternalNoteNotFound", TargetNoteId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalNoteRemoveFailed", TargetNoteId);
        }
    }
}
