using System;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// Remove-GenesysExternalContactSchema: deletes contact custom-field schemas. Contacts that use one keep the values they
/// hold, but can no longer be written with that schema reference.
/// </summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalContactSchema, DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    HelpUri = HelpLinks.Base + "Remove-GenesysExternalContactSchema.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalContactSchemaCommand : ContactSchemaCmdlet
{
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SchemaId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Schema names (exact, any case; no wildcards).</summary>
    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var byName = ParameterSetName == ByNameSet;
        foreach (var item in byName ? Name : Id)
        {
            try
            {
                var schema = ReadSchema(item, byName);
                if (schema?.Id is null) continue;
                var label = Invariant($"{schema.Name} ({schema.Id})");
                if (!ShouldProcessUnlessForced(label, "Delete external contact schema (contacts that use it keep their values but can no longer be written with it)", Force)) continue;
                if (Run(ct => ActiveConnection.ExternalContacts.DeleteContactSchemaAsync(schema.Id, ct)))
                {
                    WriteVerbose($"Deleted external contact schema {label}.");
                }
                else
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"The external contact schema {label} was already gone."),
                        "ExternalContactSchemaNotFound", ErrorCategory.ObjectNotFound, item));
                }
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalContactSchemaRemoveFailed", item);
            }
        }
    }
}
