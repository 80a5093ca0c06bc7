using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>New-GenesysExternalContact: creates one contact per call or pipeline item.</summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact))]
public sealed class NewGenesysExternalContactCommand : ContactFieldsCmdlet
{
    protected override void ProcessRecord()
    {
        var target = ExternalId ?? WorkEmail ?? string.Join(" ", FirstName, LastName).Trim();
        var schema = ResolveCustomFieldSchema(target, null, out var failed);
        if (failed) return;
        var contact = NormalizeGiven(target, clearEmpty: false, schema);
        if (contact is null) return;
        if (contact.Fields.Count == 0 && contact.CustomFields.Count == 0 && string.IsNullOrEmpty(ExternalId))
        {
            WriteError(new ErrorRecord(new PSArgumentException("Give at least one field (for example -FirstName, -WorkEmail or -CellPhone)."), "NoContactFields", ErrorCategory.InvalidArgument, null));
            return;
        }
        if (!ShouldProcess(target.Length > 0 ? target : "new contact", "Create external contact")) return;
        var (key, sourceId) = ResolveKey(whatIf: false);
        try
        {
            var created = Run(ct => ActiveConnection.ExternalContacts.CreateContactAsync(Build(contact, key, sourceId, DefaultRegion, schema), ct));
            WriteObject(new GenesysExternalContact(created));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactCreateFailed", target);
        }
    }
}
