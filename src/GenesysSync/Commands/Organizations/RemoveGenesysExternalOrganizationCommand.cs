using System;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>Remove-GenesysExternalOrganization: deletes organizations (their notes and relationships go too; contacts stay, unlinked).</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalOrganization, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysExternalOrganization.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalOrganizationCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!ShouldProcessUnlessForced(id, "Delete external organization (and its notes and relationships)", Force)) continue;
            try
            {
                if (Run(ct => ActiveConnection.ExternalOrganizations.DeleteAsync(id, ct))) WriteVerbose($"Deleted external organization {id}.");
                else WriteNotFound($"No external organization has the id '{id}'.", "ExternalOrganizationNotFound", id);
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalOrganizationRemoveFailed", id);
            }
        }
    }
}
