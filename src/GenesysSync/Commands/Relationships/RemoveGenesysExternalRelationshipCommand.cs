using System;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Relationships;

/// <summary>Remove-GenesysExternalRelationship: deletes relationships (pipe in Get-GenesysExternalRelationship output).</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalRelationship, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysExternalRelationship.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalRelationshipCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RelationshipId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!ShouldProcessUnlessForced("relationship " + id, "Delete relationship", Force)) continue;
            try
            {
                if (Run(ct => ActiveConnection.ExternalRelationships.DeleteAsync(id, ct))) WriteVerbose($"Deleted relationship {id}.");
                else WriteNotFound($"No relationship has the id '{id}'.", "ExternalRelationshipNotFound", id);
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalRelationshipRemoveFailed", id);
            }
        }
    }
}
