using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Identity;

/// <summary>
/// Remove-GenesysExternalIdentifier: releases a claimed identifier (pipe in Get-GenesysExternalIdentifier output), so it
/// no longer finds the contact or organization and another record may claim it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ExternalIdentifier, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdentifierSet, HelpUri = HelpLinks.Base + "Remove-GenesysExternalIdentifier.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysExternalIdentifierCommand : ContactOrOrganizationCmdlet
{
    private const string IdentifierSet = "Identifier";

    [Parameter(ParameterSetName = IdentifierSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalIdentifier? InputObject { get; set; }

    [Parameter(ParameterSetName = ContactIdSet, Mandatory = true)]
    [Parameter(ParameterSetName = OrganizationIdSet, Mandatory = true)]
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [Parameter(ParameterSetName = OrganizationSet, Mandatory = true)]
    [ValidateSet("Email", "Phone", "ExternalId", "Cookie", "SocialLine", "SocialFacebook", "SocialTwitter", "SocialWhatsapp", "SocialInstagram",
        "SocialWhatsappBsuid", "AppleOpaqueId", IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(ParameterSetName = ContactIdSet, Mandatory = true)]
    [Parameter(ParameterSetName = OrganizationIdSet, Mandatory = true)]
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [Parameter(ParameterSetName = OrganizationSet, Mandatory = true)]
    [ValidateLength(1, 255)]
    public string Value { get; set; } = "";

    /// <summary>Name or id of the External Source of an ExternalId identifier.</summary>
    [Parameter(ParameterSetName = ContactIdSet)]
    [Parameter(ParameterSetName = OrganizationIdSet)]
    [Parameter(ParameterSetName = ContactSet)]
    [Parameter(ParameterSetName = OrganizationSet)]
    [ValidateNotNullOrEmpty]
    public string? ExternalSource { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    /// <summary>Release without asking for confirmation (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var onContact = ParameterSetName == IdentifierSet ? InputObject!.OnContact : OnContact;
        var ownerId = ParameterSetName == IdentifierSet ? InputObject!.OwnerId : OwnerId;
        ContactIdentifier identifier;
        try
        {
            if (ParameterSetName == IdentifierSet)
            {
                identifier = new ContactIdentifier(InputObject!.Type, InputObject.Value, InputObject.ExternalSourceId is null ? null : new ExternalSource { Id = InputObject.ExternalSourceId });
            }
            else
            {
                string? sourceId = null;
                if (ExternalSource is not null && (sourceId = ResolveSource(ExternalSource)?.Id) is null) return;
                identifier = IdentifierTypes.Build(Type, Value, sourceId, DefaultRegion);
            }
        }
        catch (PSArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "InvalidIdentifier", ErrorCategory.InvalidArgument, Value));
            return;
        }
        var owner = (onContact ? "contact " : "organization ") + ownerId;
        if (!ShouldProcessUnlessForced(owner, "Release identifier " + identifier.Type + " " + identifier.Value, Force)) return;
        try
        {
            if (onContact) Run(ct => ActiveConnection.ContactIdentity.ChangeIdentifierAsync(ownerId, IdentifierClaimRequest.Release, identifier, ct));
            else Run(ct => ActiveConnection.ExternalOrganizations.ChangeIdentifierAsync(ownerId, IdentifierClaimRequest.Release, identifier.ExternalSource?.Id ?? "", identifier.Value!, ct));
            WriteVerbose($"Released {identifier.Type} {identifier.Value} from {owner}.");
        }
        catch (GenesysNotFoundException ex)
        {
            WriteItemError(ex, "ExternalIdentifierNotFound", identifier.Value);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalIdentifierReleaseFailed", identifier.Value);
        }
    }
}
