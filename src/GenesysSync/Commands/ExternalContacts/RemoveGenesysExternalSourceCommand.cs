using System;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// Remove-GenesysExternalSource: deletes External Sources. Genesys does not clean up the contacts and organizations
/// whose external ids reference a deleted source, so the cmdlet warns before (and after) deleting.
/// </summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalSource, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysExternalSource.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalSourceCommand : SurfaceCmdlet
{
    private const string Warning = "Genesys does not clean up records that reference a deleted External Source: contacts and organizations keep their "
        + "external ids, which stay editable but may no longer show fully. Sync runs that match on this source must use another one.";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalSourceId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private bool _warned;

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!_warned)
            {
                WriteWarning(Warning);
                _warned = true;
            }
            if (!ShouldProcessUnlessForced(id, "Delete External Source (records that reference it are not cleaned up)", Force)) continue;
            try
            {
                if (Run(ct => ActiveConnection.ExternalContacts.DeleteExternalSourceAsync(id, ct))) WriteVerbose($"Deleted External Source {id}.");
                else WriteNotFound($"No External Source has the id '{id}'.", "ExternalSourceNotFound", id);
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalSourceRemoveFailed", id);
            }
        }
    }
}
