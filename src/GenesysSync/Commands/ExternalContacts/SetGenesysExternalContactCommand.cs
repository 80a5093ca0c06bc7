using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// Set-GenesysExternalContact: changes a contact. By default the current contact is read and the
/// given fields are merged into it before a PUT (PUT replaces the whole contact, so nothing else
/// is lost); -Changes sends a PATCH of exactly the given field paths instead.
/// </summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalContact, SupportsShouldProcess = true, DefaultParameterSetName = FieldsSet, HelpUri = HelpLinks.Base + "Set-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact))]
public sealed class SetGenesysExternalContactCommand : ContactFieldsCmdlet
{
    private const string FieldsSet = "Fields";
    private const string PatchSet = "Patch";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    /// <summary>PATCH: field path → new value ($null removes it), e.g. @{ 'workEmail' = 'a@b.com'; 'address.city' = 'Oslo' }.</summary>
    [Parameter(ParameterSetName = PatchSet, Mandatory = true)]
    public Hashtable? Changes { get; set; }

    /// <summary>With field parameters: an empty value erases the field instead of leaving it as it is.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    public SwitchParameter ClearEmpty { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalContacts;
        try
        {
            if (ParameterSetName == PatchSet)
            {
                var changes = new List<ContactPatchChange>();
                foreach (DictionaryEntry entry in Changes!)
                {
                    var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                    // The API wants JSONPath from the root ("$.address.city"); accept plain paths too.
                    var path = entry.Key?.ToString() ?? "";
                    if (!path.StartsWith("$.", StringComparison.Ordinal)) path = "$." + path;
                    changes.Add(new ContactPatchChange(path, value, value is null ? ContactPatchActions.Remove : ContactPatchActions.Update));
                }
                if (!ShouldProcess(Id, "Patch external contact (" + string.Join(", ", changes.ConvertAll(c => c.Field)) + ")")) return;
                WriteObject(new GenesysExternalContact(Run(ct => api.PatchContactAsync(Id, changes, ct))));
                return;
            }

            var existing = Run(ct => api.GetContactAsync(Id, ct));
            if (existing is null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No external contact has the id '{Id}'."), "ExternalContactNotFound", ErrorCategory.ObjectNotFound, Id));
                return;
            }
            var schema = ResolveCustomFieldSchema(Id, existing.Schema?.Id, out var failed);
            if (failed) return;
            var contact = NormalizeGiven(Id, ClearEmpty, schema);
            if (contact is null) return;
            var (key, sourceId) = ResolveKey(IsWhatIfRun);
            var merged = Merge(existing, contact, key, sourceId, DefaultRegion, schema);
            if (!ShouldProcess(Id, "Update external contact")) return;
            WriteObject(new GenesysExternalContact(Run(ct => api.UpdateContactAsync(Id, merged, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactUpdateFailed", Id);
        }
    }

    private bool IsWhatIfRun => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true };
}
