using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Identity;

/// <summary>
/// Add-GenesysExternalIdentifier: claims an identifier for a contact or organization, so lookups, enrich and routing
/// find it by that identifier. An identifier another record has claimed is a conflict (release it there first).
/// </summary>
[Cmdlet(VerbsCommon.Add, Nouns.ExternalIdentifier, SupportsShouldProcess = true, DefaultParameterSetName = ContactIdSet, HelpUri = HelpLinks.Base + "Add-GenesysExternalIdentifier.md")]
[OutputType(typeof(GenesysExternalIdentifier))]
public sealed class AddGenesysExternalIdentifierCommand : ContactOrOrganizationCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateSet("Email", "Phone", "ExternalId", "Cookie", "SocialLine", "SocialFacebook", "SocialTwitter", "SocialWhatsapp", "SocialInstagram",
        "SocialWhatsappBsuid", "AppleOpaqueId", IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateLength(1, 255)]
    public string Value { get; set; } = "";

    /// <summary>Name or id of the External Source of an ExternalId identifier.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExternalSource { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    protected override void ProcessRecord()
    {
        if (!OnContact && !string.Equals(Type, "ExternalId", System.StringComparison.OrdinalIgnoreCase))
        {
            WriteInvalid("Organizations claim ExternalId identifiers only.", "UnsupportedIdentifierType", Type);
            return;
        }
        string? sourceId = null;
        if (ExternalSource is not null && (sourceId = ResolveSource(ExternalSource)?.Id) is null) return;
        ContactIdentifier identifier;
        try
        {
            identifier = IdentifierTypes.Build(Type, Value, sourceId, DefaultRegion);
        }
        catch (PSArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "InvalidIdentifier", ErrorCategory.InvalidArgument, Value));
            return;
        }
        if (!ShouldProcess(OwnerLabel, "Claim identifier " + identifier.Type + " " + identifier.Value)) return;
        try
        {
            var claimed = OnContact
                ? Run(ct => ActiveConnection.ContactIdentity.ChangeIdentifierAsync(OwnerId, IdentifierClaimRequest.Claim, identifier, ct))
                : Run(ct => ActiveConnection.ExternalOrganizations.ChangeIdentifierAsync(OwnerId, IdentifierClaimRequest.Claim, sourceId!, identifier.Value!, ct));
            WriteObject(new GenesysExternalIdentifier(claimed, OnContact, OwnerId));
        }
        catch (GenesysConflictException ex)
        {
            WriteItemError(ex, "IdentifierClaimedElsewhere", Value);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalIdentifierClaimFailed", Value);
        }
    }
}
