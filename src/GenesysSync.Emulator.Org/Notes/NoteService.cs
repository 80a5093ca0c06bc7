using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Notes;

/// <summary>
/// Notes on contacts and organizations. noteText is required, 1..32,000 characters (not trimmed away: a note of only
/// spaces is empty). createdBy {id} names the author; the model marks it required, but a client-credentials caller has
/// no user, so when it is omitted the emulator records the caller's OAuth client id. entityType/entityId are needed only
/// by the bulk routes; the single routes take the entity from the path.
/// </summary>
internal sealed class NoteService
{
    public const int MaxText = 32000;

    private readonly OrgState _org;

    public NoteService(OrgState org) => _org = org;

    /// <summary>The id of the contact (resolving merged ids) or organization a note route names; 404 when it does not exist.</summary>
    public string RequireEntity(string entityType, string entityId)
    {
        if (entityType == StoredNote.ContactEntity) return new ContactService(_org).Get(entityId).Id;
        return (_org.Organizations.Get(entityId) ?? throw Errors.NotFound("external organization")).Id;
    }

    public StoredNote Create(string entityType, string entityId, JsonObject body, string? clientId)
    {
        var (text, author) = Read(body, forBulk: false);
        return _org.Notes.Add(entityType, RequireEntity(entityType, entityId), text!, author ?? clientId ?? "unknown", _org.Clock.UtcNow);
    }

    /// <summary>A note of the given entity; 404 when the note does not exist or belongs to another entity.</summary>
    public StoredNote Get(string entityType, string entityId, string noteId)
    {
        var owner = RequireEntity(entityType, entityId);
        var note = _org.Notes.Get(noteId);
        if (note == null || note.EntityType != entityType || !string.Equals(note.EntityId, owner, System.StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.NotFound("note");
        }
        return note;
    }

    public StoredNote Replace(StoredNote note, JsonObject body)
    {
        var (text, _) = Read(body, forBulk: false);
        var updated = note.WithText(text!, _org.Clock.UtcNow);
        _org.Notes.Put(updated);
        return updated;
    }

    public StoredNote Patch(StoredNote note, JsonObject body)
    {
        var patched = EntityPatcher.Apply(body, new JsonObject { ["noteText"] = note.Text }, new[] { "noteText" }, "Note");
        return Replace(note, patched);
    }

    public void Delete(StoredNote note) => _org.Notes.Remove(note.Id);

    /// <summary>Bulk add: the body names its entity with entityType (contact|organization) and entityId.</summary>
    public StoredNote CreateFromBulk(JsonObject body, string? clientId)
    {
        var (text, author) = Read(body, forBulk: true);
        var entityType = JsonUtil.GetString(body, "entityType")!;
        return _org.Notes.Add(entityType, RequireEntity(entityType, JsonUtil.GetString(body, "entityId")!), text!, author ?? clientId ?? "unknown", _org.Clock.UtcNow);
    }

    public StoredNote GetById(string id) => _org.Notes.Get(id) ?? throw Errors.NotFound("note");

    /// <summary>True when the note's contact or organization still exists (scan skips notes of deleted entities).</summary>
    public bool EntityExists(StoredNote note) => note.EntityType == StoredNote.ContactEntity
        ? _org.Contacts.Get(note.EntityId) != null || _org.Merges.Resolve(note.EntityId, _org.Contacts) != null
        : _org.Organizations.Exists(note.EntityId);

    private static (string? Text, string? Author) Read(JsonObject body, bool forBulk)
    {
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("id" or "division" or "entityType" or "entityId" or "noteText" or "modifyDate" or "createDate" or "createdBy"
                or "externalDataSources" or "selfUri"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "Note"));
            }
        }
        string? text = null;
        if (body["noteText"] is not { } textNode || textNode.GetValueKind() != JsonValueKind.String || textNode.GetValue<string>().Trim().Length == 0)
        {
            errors.Add(body["noteText"] is { } n && n.GetValueKind() != JsonValueKind.String ? FieldError.WrongType("noteText", "a string") : FieldError.Required("noteText"));
        }
        else
        {
            text = textNode.GetValue<string>();
            if (text.Length > MaxText) errors.Add(FieldError.TooLong("noteText", MaxText));
        }
        string? author = null;
        if (body["createdBy"] is { } createdBy)
        {
            author = createdBy is JsonObject user ? JsonUtil.GetString(user, "id")?.Trim() : null;
            if (string.IsNullOrEmpty(author)) errors.Add(FieldError.Required("createdBy.id"));
        }
        if (forBulk)
        {
            var entityType = JsonUtil.GetString(body, "entityType");
            if (entityType is not (StoredNote.ContactEntity or StoredNote.OrganizationEntity)) errors.Add(FieldError.Invalid("entityType", "must be contact or organization"));
            if (string.IsNullOrWhiteSpace(JsonUtil.GetString(body, "entityId"))) errors.Add(FieldError.Required("entityId"));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return (text, author);
    }

    /// <summary>The ids whose notes a list shows: the contact itself, plus (expand=mergeset) the contacts merged into it.</summary>
    public List<string> ListedIds(string entityType, string ownerId, bool mergeSet)
    {
        var ids = new List<string> { ownerId };
        if (mergeSet && entityType == StoredNote.ContactEntity) ids.AddRange(_org.Merges.AncestorsOf(ownerId));
        return ids;
    }

    public List<StoredNote> Of(string entityType, IEnumerable<string> ids) => ids.SelectMany(id => _org.Notes.Of(entityType, id)).OrderBy(n => n.Seq).ToList();
}
