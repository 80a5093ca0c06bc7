using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator;

/// <summary>Inspection and seeding for organizations, notes, relationships, merges and journey data.</summary>
public sealed partial class EmulatorOrg
{
    /// <summary>A snapshot of the external organizations (creation order, trustor included when linked).</summary>
    public IReadOnlyList<JsonObject> ExternalOrganizations => _state.Organizations.Snapshot();

    /// <summary>A snapshot of the contact custom-field schemas (latest version of each, creation order).</summary>
    public IReadOnlyList<JsonObject> ContactSchemas => _state.Schemas.Snapshot();

    /// <summary>A snapshot of every note (contact and organization notes, creation order).</summary>
    public IReadOnlyList<JsonObject> ExternalNotes => _state.Notes.Snapshot();

    /// <summary>A snapshot of every relationship (creation order).</summary>
    public IReadOnlyList<JsonObject> ExternalRelationships => _state.Relationships.Snapshot();

    /// <summary>The conversation ↔ contact associations made through PUT /externalcontacts/conversations/{id}.</summary>
    public IReadOnlyList<JsonObject> ConversationAssociations => _state.Journey.AssociationSnapshot();

    /// <summary>
    /// Adds an observed contact (what journey tracking or a messaging channel creates, not the API): type Ephemeral or
    /// Identified, so promotion can be exercised. The body is validated like a create. Returns the stored contact.
    /// </summary>
    public JsonObject AddObservedContact(JsonObject contact, string type = StoredContact.Ephemeral)
    {
        if (type is not (StoredContact.Ephemeral or StoredContact.Identified)) throw new ArgumentException("An observed contact is Ephemeral or Identified.", nameof(type));
        try
        {
            var draft = new ContactService(_state).Validate(contact ?? throw new ArgumentNullException(nameof(contact)));
            return _state.Contacts.Add(draft, _state.Clock.UtcNow, type: type).ToJsonObject();
        }
        catch (ApiException e)
        {
            throw new ArgumentException("The contact is not valid: " + System.Text.Encoding.UTF8.GetString(e.Response.Body), nameof(contact));
        }
    }

    /// <summary>
    /// Records a journey session for a contact (sessions come from journey tracking, not from External Contacts).
    /// Missing id, type ("web"), createdDate, eventCount and authenticated are filled in. Returns the stored session.
    /// </summary>
    public JsonObject AddJourneySession(string contactId, JsonObject? session = null)
    {
        var contact = _state.Contacts.Get(contactId) ?? throw new ArgumentException("No contact has the id '" + contactId + "'.", nameof(contactId));
        return _state.Journey.AddSession(contact.Id, session ?? new JsonObject(), _state.Clock.UtcNow);
    }

    private void ResetSurface()
    {
        _state.Organizations.Clear();
        _state.Notes.Clear();
        _state.Relationships.Clear();
        _state.Merges.Clear();
        _state.Journey.Clear();
    }
}
