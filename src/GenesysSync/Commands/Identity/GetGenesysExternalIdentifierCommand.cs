using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Identity;

/// <summary>Get-GenesysExternalIdentifier: the identifiers a contact or organization has claimed.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalIdentifier, DefaultParameterSetName = ContactIdSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalIdentifier.md")]
[OutputType(typeof(GenesysExternalIdentifier))]
public sealed class GetGenesysExternalIdentifierCommand : ContactOrOrganizationCmdlet
{
    protected override void ProcessRecord()
    {
        try
        {
            var identifiers = OnContact
                ? Run(ct => ActiveConnection.ContactIdentity.GetIdentifiersAsync(OwnerId, ct))
                : Run(ct => ActiveConnection.ExternalOrganizations.GetIdentifiersAsync(OwnerId, ct));
            foreach (var identifier in identifiers) WriteObject(new GenesysExternalIdentifier(identifier, OnContact, OwnerId));
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"No {OwnerLabel} exists.", OnContact ? "ExternalContactNotFound" : "ExternalOrganizationNotFound", OwnerId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalIdentifierGetFailed", OwnerId);
        }
    }
}
