using System.Management.Automation;

namespace GenesysSync.Commands.Journey;

/// <summary>Remove-GenesysExternalContactSegment: unassigns journey segments (≤ 10 per call) from contacts.</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalContactSegment, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Remove-GenesysExternalContactSegment.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalContactSegmentCommand : SegmentChangeCmdlet
{
    protected override void ProcessRecord() => Change(assign: false);
}
