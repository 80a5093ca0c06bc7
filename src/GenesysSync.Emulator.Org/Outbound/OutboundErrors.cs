using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// The outbound errors beyond the generic ones. Limits answer 400 with the platform's optional "limit" object
/// {namespace, key, value} naming what was hit. The exact codes of these limit errors are not documented in the
/// sources read; the ones here are this emulator's (see docs/emulator.md) and clients should key on "limit".
/// </summary>
internal static class OutboundErrors
{
    public const string ListSizeKey = "max.contacts.per.contact.list";
    public const string OrgContactsKey = "max.contacts.per.organization";
    public const string OrgListsKey = "max.contact.lists.per.organization";

    public static ApiException ListFull(int max)
        => Limit("contact.list.size.limit.exceeded", "The contact list cannot hold more than {max} contacts.", ListSizeKey, max);

    public static ApiException OrgContactsFull(long max)
        => Limit("organization.contact.limit.exceeded", "The organization cannot hold more than {max} outbound contacts.", OrgContactsKey, max);

    public static ApiException OrgListsFull(int max)
        => Limit("organization.contact.list.limit.exceeded", "The organization cannot hold more than {max} contact lists.", OrgListsKey, max);

    public static ApiException DuplicateName()
        => new(Errors.Body(409, "conflict", "A contact list with this name already exists; names must be unique."));

    public static ApiException VersionMismatch(int current)
        => new(Errors.Body(409, "conflict", "The version supplied does not match the current version {version}; get the contact list again and retry.",
            new Dictionary<string, string> { ["version"] = current.ToString(CultureInfo.InvariantCulture) }));

    private static ApiException Limit(string code, string message, string key, long max)
    {
        var value = max.ToString(CultureInfo.InvariantCulture);
        var body = JsonUtil.ParseObject(Errors.Body(400, code, message, new Dictionary<string, string> { ["max"] = value }).Body);
        body["limit"] = new JsonObject { ["namespace"] = "outbound", ["key"] = key, ["value"] = max };
        return new ApiException(new ApiResponse(400, JsonUtil.ToBytes(body)));
    }
}
