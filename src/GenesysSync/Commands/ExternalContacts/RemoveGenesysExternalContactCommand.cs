using System;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>Remove-GenesysExternalContact: deletes contacts by id (pipe in Get-GenesysExternalContact output).</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalContact, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysExternalContact.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalContactCommand : GenesysCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!ShouldProcessUnlessForced(id, "Delete external contact", Force)) continue;
            try
            {
                var deleted = Run(ct => ActiveConnection.ExternalContacts.DeleteContactAsync(id, ct));
                if (!deleted)
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No external contact has the id '{id}'."), "ExternalContactNotFound", ErrorCategory.ObjectNotFound, id));
                else
                    WriteVerbose($"Deleted external contact {id}.");
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalContactRemoveFailed", id);
            }
        }
    }
}
