using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Notes;

/// <summary>Get-GenesysExternalNote: the notes of contacts or organizations (newest first with -Newest), one note by id, or every note (-All).</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalNote, DefaultParameterSetName = ContactIdSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalNote.md")]
[OutputType(typeof(GenesysExternalNote))]
public sealed class GetGenesysExternalNoteCommand : ContactOrOrganizationCmdlet
{
    private const string AllSet = "All";

    /// <summary>Every note of the org (contacts and organizations) through the scan cursor.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>One note by id instead of the list.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NoteId { get; set; }

    /// <summary>Newest note first (default: oldest first).</summary>
    [Parameter]
    public SwitchParameter Newest { get; set; }

    /// <summary>Contacts: also the notes of contacts that were merged into this one.</summary>
    [Parameter]
    public SwitchParameter IncludeMerged { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalNotes;
        if (ParameterSetName == AllSet)
        {
            var enumerator = api.ScanAsync(200, CancellationToken).GetAsyncEnumerator(CancellationToken);
            try
            {
                while (Run(ct => enumerator.MoveNextAsync().AsTask()))
                {
                    var note = enumerator.Current;
                    WriteObject(new GenesysExternalNote(note, !string.Equals(note.EntityType, "organization", System.StringComparison.OrdinalIgnoreCase), note.EntityId ?? ""));
                }
            }
            finally
            {
                Run(ct => enumerator.DisposeAsync().AsTask());
            }
            return;
        }
        try
        {
            if (NoteId is not null)
            {
                var note = Run(ct => api.GetAsync(OwnerKind, OwnerId, NoteId, ct));
                if (note is null) WriteNotFound($"The {OwnerLabel} has no note '{NoteId}' (or does not exist).", "ExternalNoteNotFound", NoteId);
                else WriteObject(new GenesysExternalNote(note, OnContact, OwnerId));
                return;
            }
            var notes = Run(ct => api.ListAsync(OwnerKind, OwnerId, Newest, IncludeMerged, ct));
            foreach (var note in notes.Items) WriteObject(new GenesysExternalNote(note, OnContact, OwnerId));
            if (notes.Capped) WriteWarning(Invariant($"The {OwnerLabel} has more notes than the API lists (it stops at 1,000)."));
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"No {OwnerLabel} exists.", OnContact ? "ExternalContactNotFound" : "ExternalOrganizationNotFound", OwnerId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalNoteGetFailed", OwnerId);
        }
    }
}
