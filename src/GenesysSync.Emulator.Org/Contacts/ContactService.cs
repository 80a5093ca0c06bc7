using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// The contact operations shared by the single, bulk and enrich routes. Each throws <see cref="ApiException"/> with
/// the error a single-contact route would answer, so bulk routes can turn it into a per-entity result.
/// </summary>
internal sealed class ContactService
{
    private readonly OrgState _org;

    public ContactService(OrgState org) => _org = org;

    public ContactDraft Validate(JsonObject body, bool isUpdate = false)
    {
        var errors = new List<FieldError>();
        var draft = ContactValidator.Validate(body, _org.Sources, errors, isUpdate: isUpdate, organizations: _org.Organizations, schemas: _org.Schemas);
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return draft;
    }

    public StoredContact Create(JsonObject body) => _org.Contacts.Add(Validate(body), _org.Clock.UtcNow);

    /// <summary>PUT semantics: the body replaces every writable field; 404 for an unknown id (PUT never creates).</summary>
    public StoredContact Replace(string id, JsonObject body)
    {
        if (_org.Contacts.Get(id) == null) throw Errors.NotFound("contact");
        var draft = Validate(body, isUpdate: true);
        return _org.Contacts.Replace(id, draft, _org.Clock.UtcNow) ?? throw Errors.NotFound("contact");
    }

    /// <summary>A contact by id; the id of a contact merged into another resolves to the surviving (canonical) contact.</summary>
    public StoredContact Get(string id) => _org.Contacts.Get(id) ?? _org.Merges.Resolve(id, _org.Contacts) ?? throw Errors.NotFound("contact");

    public void Delete(string id)
    {
        if (!_org.Contacts.Remove(id)) throw Errors.NotFound("contact");
    }

    /// <summary>The writable fields of a stored contact (server-owned fields removed), ready to be changed and re-stored.</summary>
    public static JsonObject WritableFields(StoredContact contact)
    {
        var json = contact.ToJsonObject();
        foreach (var name in new[] { "id", "division", "type", "createDate", "modifyDate", "selfUri", "identifiers" }) json.Remove(name);
        foreach (var name in ContactStore.ServerFieldNames) json.Remove(name);
        return json;
    }
}
