using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// Lookup keys of the identity indexes: email (case-insensitive), phone (E.164), external id (source + value), and
/// other claimed identifier types. One key space serves identifier lookup and enrich matching.
/// </summary>
internal static class ContactKeys
{
    public static readonly string[] EmailFields = { "workEmail", "personalEmail", "otherEmail" };
    public static readonly string[] PhoneFields = { "workPhone", "cellPhone", "homePhone", "otherPhone" };

    public static string Email(string email) => "e:" + email.Trim().ToLowerInvariant();

    public static string Phone(string e164) => "p:" + e164;

    public static string ExternalId(string sourceId, string value) => "x:" + sourceId.ToLowerInvariant() + "\u001f" + value.Trim();

    public static string Other(string type, string value) => "o:" + type + "\u001f" + value.Trim();

    /// <summary>Contacts that belong to an external organization (for GET /organizations/{id}/contacts).</summary>
    public static string Organization(string organizationId) => "g:" + organizationId.ToLowerInvariant();

    /// <summary>The keys a stored contact answers to: its emails, E.164 phones, externalIds and claimed identifiers.</summary>
    public static string[] For(JsonObject fields, JsonArray? claims)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in EmailFields)
        {
            var email = JsonUtil.GetString(fields, name);
            if (email != null) keys.Add(Email(email));
        }
        foreach (var name in PhoneFields)
        {
            var e164 = JsonUtil.GetString(JsonUtil.GetObject(fields, name), "e164");
            if (e164 != null) keys.Add(Phone(e164));
        }
        foreach (var item in JsonUtil.GetArray(fields, "externalIds") ?? new JsonArray())
        {
            var source = JsonUtil.GetString(JsonUtil.GetObject(item as JsonObject, "externalSource"), "id");
            var value = JsonUtil.GetString(item as JsonObject, "value");
            if (source != null && value != null) keys.Add(ExternalId(source, value));
        }
        foreach (var claim in claims ?? new JsonArray())
        {
            if (claim is JsonObject c && KeyOfClaim(c) is { } key) keys.Add(key);
        }
        var organizationId = JsonUtil.GetString(JsonUtil.GetObject(fields, "externalOrganization"), "id");
        if (organizationId != null) keys.Add(Organization(organizationId));
        var result = new string[keys.Count];
        keys.CopyTo(result);
        return result;
    }

    /// <summary>The key of a stored claim {type, value, externalSource?}.</summary>
    public static string? KeyOfClaim(JsonObject claim)
    {
        var type = JsonUtil.GetString(claim, "type");
        var value = JsonUtil.GetString(claim, "value");
        if (type == null || value == null) return null;
        return type switch
        {
            "Email" => Email(value),
            "Phone" => Phone(value),
            "ExternalId" => JsonUtil.GetString(JsonUtil.GetObject(claim, "externalSource"), "id") is { } source ? ExternalId(source, value) : null,
            _ => Other(type, value),
        };
    }
}
