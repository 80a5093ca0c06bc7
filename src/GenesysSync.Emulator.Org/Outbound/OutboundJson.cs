using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Outbound;

/// <summary>The ContactList and DialerContact bodies the org answers with.</summary>
internal static class OutboundJson
{
    public const string ListsPath = "/api/v2/outbound/contactlists";

    public static string ListUri(string listId) => ListsPath + "/" + listId;

    public static JsonObject ContactList(StoredContactList list, bool includeSize, bool includeImportStatus)
    {
        var json = new JsonObject
        {
            ["id"] = list.Id,
            ["name"] = list.Name,
            ["dateCreated"] = JsonUtil.Timestamp(list.DateCreated),
            ["dateModified"] = JsonUtil.Timestamp(list.DateModified),
            ["version"] = list.Version,
            ["division"] = new JsonObject
            {
                ["id"] = OrgState.HomeDivisionId,
                ["name"] = OrgState.HomeDivisionName,
                ["selfUri"] = OrgState.DivisionUri,
            },
        };
        foreach (var setting in list.Settings) json[setting.Key] = setting.Value?.DeepClone();
        if (includeSize) json["size"] = list.Contacts.Count;
        if (includeImportStatus && OutboundStore.ImportStatusJson(list) is { } status) json["importStatus"] = status;
        json["selfUri"] = ListUri(list.Id);
        return json;
    }

    public static void WriteContact(Utf8JsonWriter w, StoredContactList list, DialerContactRecord contact)
    {
        var columns = list.Layout.Names;
        var values = contact.ValuesFor(columns);
        w.WriteStartObject();
        w.WriteString("id", contact.Id);
        w.WriteString("contactListId", list.Id);
        w.WriteStartObject("data");
        for (var i = 0; i < columns.Count; i++)
        {
            if (values[i] != null) w.WriteString(columns[i], values[i]);
        }
        w.WriteEndObject();
        w.WriteBoolean("callable", contact.Callable);
        w.WritePropertyName("phoneNumberStatus");
        if (contact.PhoneNumberStatusJson != null)
        {
            w.WriteRawValue(contact.PhoneNumberStatusJson, skipInputValidation: true);
        }
        else
        {
            // Default: every phone column with a number is callable when the contact is.
            w.WriteStartObject();
            foreach (var column in list.PhoneColumns)
            {
                var i = list.Layout.IndexOf(column);
                if (i < 0 || string.IsNullOrEmpty(values[i])) continue;
                w.WriteStartObject(column);
                w.WriteBoolean("callable", contact.Callable);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (contact.ContactableStatusJson != null)
        {
            w.WritePropertyName("contactableStatus");
            w.WriteRawValue(contact.ContactableStatusJson, skipInputValidation: true);
        }
        w.WriteString("dateCreated", JsonUtil.Timestamp(contact.DateCreated));
        w.WriteString("selfUri", ListUri(list.Id) + "/contacts/" + System.Uri.EscapeDataString(contact.Id));
        w.WriteEndObject();
    }
}
