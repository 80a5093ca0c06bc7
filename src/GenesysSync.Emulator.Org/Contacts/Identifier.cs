using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Sources;

namespace GenesysSync.Emulator.Contacts;

/// <summary>A checked ContactIdentifier {type, value, externalSource?}: its normalized value and index key.</summary>
internal sealed class Identifier
{
    public static readonly string[] Types =
    {
        "SocialLine", "SocialFacebook", "SocialTwitter", "SocialWhatsapp", "SocialInstagram", "SocialWhatsappBsuid",
        "AppleOpaqueId", "Email", "Phone", "Cookie", "ExternalId",
    };

    private Identifier(string type, string value, string? sourceId, string key)
    {
        Type = type;
        Value = value;
        SourceId = sourceId;
        Key = key;
    }

    public string Type { get; }

    /// <summary>Phones as E.164, emails as given (matched case-insensitively), others trimmed.</summary>
    public string Value { get; }

    public string? SourceId { get; }
    public string Key { get; }

    /// <summary>The claim stored on a contact that enrich created or matched with this identifier.</summary>
    public JsonObject ToClaim(DateTimeOffset now)
    {
        var claim = new JsonObject { ["type"] = Type, ["value"] = Value };
        if (SourceId != null) claim["externalSource"] = new JsonObject { ["id"] = SourceId, ["selfUri"] = ExternalSource.UriFor(SourceId) };
        claim["dateCreated"] = JsonUtil.Timestamp(now);
        return claim;
    }

    /// <summary>
    /// Reads one identifier. Rules: type from the enum; value 1..255 chars; Phone values must carry '+' and a
    /// country code; Email values must look like an address; ExternalId needs an existing externalSource.
    /// </summary>
    public static Identifier? Read(JsonNode? node, string path, ExternalSourceStore sources, List<FieldError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(FieldError.WrongType(path.Length == 0 ? "identifier" : path, "a ContactIdentifier object"));
            return null;
        }
        var prefix = path.Length == 0 ? "" : path + ".";
        foreach (var property in obj)
        {
            if (property.Key is not ("type" or "value" or "externalSource" or "division" or "dateCreated"))
            {
                errors.Add(FieldError.UnknownProperty(prefix + property.Key, "ContactIdentifier"));
            }
        }
        var before = errors.Count;
        var type = JsonUtil.GetString(obj, "type");
        if (type == null || !Types.Contains(type)) errors.Add(FieldError.Invalid(prefix + "type", "must be one of " + string.Join(", ", Types)));
        string? value = null;
        if (obj["value"] is not { } valueNode || valueNode.GetValueKind() != JsonValueKind.String || valueNode.GetValue<string>().Trim().Length == 0)
        {
            errors.Add(FieldError.Required(prefix + "value"));
        }
        else
        {
            value = valueNode.GetValue<string>().Trim();
            if (value.Length > 255) errors.Add(FieldError.TooLong(prefix + "value", 255));
        }
        if (errors.Count != before || type == null || value == null) return null;

        switch (type)
        {
            case "Email":
                if (!ContactValidator.LooksLikeEmail(value))
                {
                    errors.Add(FieldError.Invalid(prefix + "value", "not a valid email address"));
                    return null;
                }
                return new Identifier(type, value, null, ContactKeys.Email(value));
            case "Phone":
                var e164 = PhoneNormalizer.E164OrNull(value);
                if (e164 == null)
                {
                    errors.Add(FieldError.Invalid(prefix + "value", "phone identifiers need a leading '+' and a country code"));
                    return null;
                }
                return new Identifier(type, e164, null, ContactKeys.Phone(e164));
            case "ExternalId":
                var sourceId = ContactValidator.ReadSourceReference(obj["externalSource"], prefix + "externalSource", sources, errors);
                return sourceId == null ? null : new Identifier(type, value, sourceId, ContactKeys.ExternalId(sourceId, value));
            default:
                return new Identifier(type, value, null, ContactKeys.Other(type, value));
        }
    }
}
