using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Identity;

/// <summary>
/// Merge-GenesysExternalContact: merges 2..25 contacts (ids given or piped) into one new contact. Each field comes from
/// -Override when given, else from the most recently modified contact. -WhatIf writes the predicted result (no id)
/// without merging. The old ids keep resolving to the new contact.
/// </summary>
[Cmdlet(VerbsData.Merge, Nouns.ExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Merge-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact))]
public sealed class MergeGenesysExternalContactCommand : SurfaceCmdlet
{
    private readonly List<string> _ids = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Values that win over the merged ones, as field → value (firstName, workEmail, cellPhone, city, ...).</summary>
    [Parameter]
    public Hashtable? Override { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!_ids.Contains(id, StringComparer.OrdinalIgnoreCase)) _ids.Add(id);
        }
    }

    protected override void EndProcessing()
    {
        if (_ids.Count < 2 || _ids.Count > ContactIdentityApi.MaxMergeContacts)
        {
            ThrowTerminating(new PSArgumentException($"A merge takes 2 to {ContactIdentityApi.MaxMergeContacts} different contacts; {_ids.Count} were given."), "InvalidMergeSet", _ids.ToArray());
            return;
        }
        ExternalContact? valueOverride;
        try
        {
            valueOverride = Override is null ? null : FieldValues.ToModel<ExternalContact>(FieldValues.Entries(Override), FieldValues.ContactPhones, DefaultRegion);
        }
        catch (PSArgumentException ex)
        {
            ThrowTerminating(ex, "InvalidMergeOverride", Override);
            return;
        }
        var target = string.Join(", ", _ids);
        if (IsWhatIf)
        {
            // Show the predicted result: read the contacts, apply the documented rules locally, write nothing.
            var contacts = new List<ExternalContact>();
            foreach (var id in _ids)
            {
                var contact = Run(ct => ActiveConnection.ExternalContacts.GetContactAsync(id, ct));
                if (contact is null)
                {
                    WriteNotFound($"No external contact has the id '{id}'.", "ExternalContactNotFound", id);
                    return;
                }
                contacts.Add(contact);
            }
            ShouldProcess(target, $"Merge {_ids.Count} external contacts into a new contact");
            WriteObject(new GenesysExternalContact(ContactMergePreview.Preview(contacts, valueOverride)));
            return;
        }
        if (!ShouldProcess(target, $"Merge {_ids.Count} external contacts into a new contact")) return;
        try
        {
            var merged = Run(ct => ActiveConnection.ContactIdentity.MergeAsync(_ids, valueOverride, ct));
            WriteVerbose($"Merged {target} into {merged.Id}.");
            WriteObject(new GenesysExternalContact(merged));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactMergeFailed", target);
        }
    }
}
