using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Notes;

namespace GenesysSync.Emulator.Organizations;

/// <summary>
/// Organization operations shared by the single and bulk routes; each throws <see cref="ApiException"/> with the error
/// a single route answers, so bulk routes turn it into a per-entity result.
/// </summary>
internal sealed class OrganizationService
{
    private readonly OrgState _org;

    public OrganizationService(OrgState org) => _org = org;

    public JsonObject Validate(JsonObject body)
    {
        var errors = new List<FieldError>();
        var fields = OrganizationValidator.Validate(body, _org.Sources, errors);
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return fields;
    }

    public StoredOrganization Create(JsonObject body) => _org.Organizations.Add(Validate(body), _org.Clock.UtcNow);

    public StoredOrganization Get(string id) => _org.Organizations.Get(id) ?? throw Errors.NotFound("external organization");

    /// <summary>PUT: the body replaces every writable field (claims and trustor link are kept); 404 for an unknown id.</summary>
    public StoredOrganization Replace(string id, JsonObject body)
    {
        var existing = Get(id);
        var updated = existing.With(fields: Validate(body), modified: _org.Clock.UtcNow);
        _org.Organizations.Put(updated);
        return updated;
    }

    public StoredOrganization Patch(string id, JsonObject body)
    {
        var existing = Get(id);
        var patched = EntityPatcher.Apply(body, existing.Fields, OrganizationValidator.WritableFields.ToList(), "ExternalOrganization");
        var updated = existing.With(fields: Validate(patched), modified: _org.Clock.UtcNow);
        _org.Organizations.Put(updated);
        return updated;
    }

    /// <summary>Deletes the organization with its notes and relationships; its contacts stay, unlinked from it.</summary>
    public void Delete(string id)
    {
        var removed = _org.Organizations.Remove(id) ?? throw Errors.NotFound("external organization");
        _org.Notes.RemoveAllOf(StoredNote.OrganizationEntity, removed.Id);
        _org.Relationships.RemoveAllOf(removed.Id);
        var now = _org.Clock.UtcNow;
        foreach (var contact in _org.Contacts.Find(ContactKeys.Organization(removed.Id)))
        {
            var fields = ContactService.WritableFields(contact);
            fields.Remove("externalOrganization");
            _org.Contacts.Replace(contact.Id, ContactValidator.Canonical(fields), now);
        }
    }
}
