using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Identity;

/// <summary>Identifier types and how a typed value is sent (e-mails lower-cased, phones as E.164).</summary>
internal static class IdentifierTypes
{
    public static readonly string[] All =
    {
        "Email", "Phone", "ExternalId", "Cookie", "SocialLine", "SocialFacebook", "SocialTwitter", "SocialWhatsapp", "SocialInstagram",
        "SocialWhatsappBsuid", "AppleOpaqueId",
    };

    /// <summary>The identifier to send; throws <see cref="PSArgumentException"/> for an unreadable e-mail or phone.</summary>
    public static ContactIdentifier Build(string type, string value, string? sourceId, string defaultRegion)
    {
        var canonical = System.Array.Find(All, t => string.Equals(t, type, System.StringComparison.OrdinalIgnoreCase)) ?? type;
        switch (canonical)
        {
            case "Email":
                if (!EmailAddress.TryNormalize(value, out var email)) throw new PSArgumentException("The value is not a valid e-mail address.");
                return new ContactIdentifier(canonical, email);
            case "Phone":
                if (!ContactNormalizer.TryNormalizePhone(value, defaultRegion, false, out var e164, out _, out _))
                    throw new PSArgumentException($"The value cannot be read as a phone number (default region {defaultRegion}).");
                return new ContactIdentifier(canonical, e164);
            case "ExternalId":
                if (string.IsNullOrEmpty(sourceId)) throw new PSArgumentException("An ExternalId identifier needs -ExternalSource.");
                return new ContactIdentifier(canonical, value.Trim(), new ExternalSource { Id = sourceId });
            default:
                return new ContactIdentifier(canonical, value.Trim());
        }
    }
}
