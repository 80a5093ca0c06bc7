using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Journey;

/// <summary>Get-GenesysExternalContactSegment: the journey segments assigned to contacts (unexpired).</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalContactSegment, HelpUri = HelpLinks.Base + "Get-GenesysExternalContactSegment.md")]
[OutputType(typeof(GenesysExternalContactSegment))]
public sealed class GetGenesysExternalContactSegmentCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    /// <summary>Also the assignments of contacts merged into this one.</summary>
    [Parameter]
    public SwitchParameter IncludeMerged { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            foreach (var assignment in Run(ct => ActiveConnection.ContactIdentity.GetSegmentsAsync(ContactId, IncludeMerged, 500, ct)))
                WriteObject(new GenesysExternalContactSegment(assignment, ContactId));
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"No external contact has the id '{ContactId}'.", "ExternalContactNotFound", ContactId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSegmentGetFailed", ContactId);
        }
    }
}
