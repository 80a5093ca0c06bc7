using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Identity;

/// <summary>
/// Find-GenesysExternalContact: reverse whitepages lookup (an e-mail, a phone number or a Twitter screen name → every
/// contact holding it, at most 25 per value) or identifier lookup of any type (Cookie, SocialLine, ...).
/// </summary>
[Cmdlet(VerbsCommon.Find, Nouns.ExternalContact, DefaultParameterSetName = WhitepagesSet, HelpUri = HelpLinks.Base + "Find-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact))]
public sealed class FindGenesysExternalContactCommand : SurfaceCmdlet
{
    private const string WhitepagesSet = "Whitepages";
    private const string IdentifierSet = "Identifier";

    /// <summary>E-mail addresses, phone numbers (any format; sent as E.164) or Twitter screen names.</summary>
    [Parameter(ParameterSetName = WhitepagesSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Value { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = IdentifierSet, Mandatory = true)]
    [ValidateSet("Email", "Phone", "ExternalId", "Cookie", "SocialLine", "SocialFacebook", "SocialTwitter", "SocialWhatsapp", "SocialInstagram",
        "SocialWhatsappBsuid", "AppleOpaqueId", IgnoreCase = true)]
    public string IdentifierType { get; set; } = "";

    [Parameter(ParameterSetName = IdentifierSet, Mandatory = true, Position = 0)]
    [ValidateLength(1, 255)]
    public string IdentifierValue { get; set; } = "";

    /// <summary>Name or id of the External Source, for ExternalId identifiers.</summary>
    [Parameter(ParameterSetName = IdentifierSet)]
    [ValidateNotNullOrEmpty]
    public string? ExternalSource { get; set; }

    /// <summary>Region for phone numbers written without a country code.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdentifierSet)
        {
            LookupIdentifier();
            return;
        }
        for (var index = 0; index < Value.Length; index++)
        {
            var raw = Value[index];
            var value = raw.Trim();
            // Messages never repeat the value (a phone number or e-mail is PII, and errors end up in logs); it is the
            // error's TargetObject.
            var which = Value.Length == 1 ? "the value given" : $"value {index + 1} of -Value";
            // Phones are looked up in E.164; e-mails and screen names as given.
            if (!value.Contains("@") && value.Any(char.IsDigit) && ContactNormalizer.TryNormalizePhone(value, DefaultRegion, false, out var e164, out _, out _)) value = e164;
            try
            {
                var contacts = Run(ct => ActiveConnection.ContactIdentity.ReverseWhitepagesAsync(value, ct));
                foreach (var contact in contacts) WriteObject(new GenesysExternalContact(contact));
                if (contacts.Count == 0) WriteNotFound($"No external contact holds {which} (it is the error's TargetObject).", "ExternalContactNotFound", raw);
                else if (contacts.Count >= 25) WriteWarning($"{char.ToUpperInvariant(which[0])}{which.Substring(1)} matched 25 contacts, the most the lookup returns; there may be more.");
            }
            catch (GenesysApiException ex)
            {
                WriteItemError(ex, "ExternalContactLookupFailed", raw);
            }
        }
    }

    private void LookupIdentifier()
    {
        string? sourceId = null;
        if (ExternalSource is not null && (sourceId = ResolveSource(ExternalSource)?.Id) is null) return;
        ContactIdentifier identifier;
        try
        {
            identifier = IdentifierTypes.Build(IdentifierType, IdentifierValue, sourceId, DefaultRegion);
        }
        catch (PSArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "InvalidIdentifier", ErrorCategory.InvalidArgument, IdentifierValue));
            return;
        }
        try
        {
            var contact = Run(ct => ActiveConnection.ExternalContacts.LookupContactAsync(identifier.Type!, identifier.Value!, identifier.ExternalSource?.Id, ct));
            if (contact is null) WriteNotFound($"No external contact has the {identifier.Type} identifier.", "ExternalContactNotFound", IdentifierValue);
            else WriteObject(new GenesysExternalContact(contact));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactLookupFailed", IdentifierValue);
        }
    }
}
