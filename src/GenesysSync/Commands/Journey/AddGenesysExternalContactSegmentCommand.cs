using System.Management.Automation;

namespace GenesysSync.Commands.Journey;

/// <summary>
/// Add-GenesysExternalContactSegment: assigns journey segments (≤ 10 per call) to contacts. Assigning a segment that is
/// already assigned pushes its expiry (DateForUnassignment) out.
/// </summary>
[Cmdlet(VerbsCommon.Add, Nouns.ExternalContactSegment, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Add-GenesysExternalContactSegment.md")]
[OutputType(typeof(GenesysExternalContactSegment))]
public sealed class AddGenesysExternalContactSegmentCommand : SegmentChangeCmdlet
{
    protected override void ProcessRecord() => Change(assign: true);
}
