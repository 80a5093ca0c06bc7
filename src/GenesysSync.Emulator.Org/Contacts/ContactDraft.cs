using System.Text.Json.Nodes;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// A validated, normalized contact body: only writable fields, in canonical order, trimmed, phones parsed,
/// externalIds resolved. The store adds id, division, type, dates and selfUri.
/// </summary>
internal sealed class ContactDraft
{
    public ContactDraft(JsonObject fields) => Fields = fields;

    public JsonObject Fields { get; }
}
