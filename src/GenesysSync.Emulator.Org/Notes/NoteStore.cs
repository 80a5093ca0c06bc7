using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Notes;

/// <summary>A note on a contact or an organization. Immutable.</summary>
internal sealed class StoredNote : IEntityRecord
{
    public const string ContactEntity = "contact";
    public const string OrganizationEntity = "organization";

    public StoredNote(string id, long seq, string entityType, string entityId, string text, string createdById, DateTimeOffset createDate, DateTimeOffset modifyDate)
    {
        Id = id;
        Seq = seq;
        EntityType = entityType;
        EntityId = entityId;
        Text = text;
        CreatedById = createdById;
        CreateDate = createDate;
        ModifyDate = modifyDate;
    }

    public string Id { get; }
    public long Seq { get; }
    public string EntityType { get; }
    public string EntityId { get; }
    public string Text { get; }
    public string CreatedById { get; }
    public DateTimeOffset CreateDate { get; }
    public DateTimeOffset ModifyDate { get; }

    public string SelfUri => (EntityType == ContactEntity ? "/api/v2/externalcontacts/contacts/" : "/api/v2/externalcontacts/organizations/")
        + EntityId + "/notes/" + Id;

    public StoredNote WithText(string text, DateTimeOffset now) => new(Id, Seq, EntityType, EntityId, text, CreatedById, CreateDate, now);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["division"] = new JsonObject { ["id"] = OrgState.HomeDivisionId, ["name"] = OrgState.HomeDivisionName, ["selfUri"] = OrgState.DivisionUri },
        ["entityType"] = EntityType,
        ["entityId"] = EntityId,
        ["noteText"] = Text,
        ["modifyDate"] = JsonUtil.Timestamp(ModifyDate),
        ["createDate"] = JsonUtil.Timestamp(CreateDate),
        ["createdBy"] = new JsonObject { ["id"] = CreatedById, ["selfUri"] = "/api/v2/users/" + CreatedById },
        ["selfUri"] = SelfUri,
    };
}

/// <summary>Notes by id, indexed by the entity they belong to. Thread-safe.</summary>
internal sealed class NoteStore
{
    private readonly EntityTable<StoredNote> _table = new(n => new[] { EntityKey(n.EntityType, n.EntityId) });

    public StoredNote? Get(string id) => _table.Get(id);

    public StoredNote Add(string entityType, string entityId, string text, string createdById, DateTimeOffset now)
    {
        var note = new StoredNote(Guid.NewGuid().ToString(), _table.NextSeq(), entityType, entityId, text, createdById, now, now);
        _table.Put(note);
        return note;
    }

    public void Put(StoredNote note) => _table.Put(note);

    public StoredNote? Remove(string id) => _table.Remove(id);

    /// <summary>The notes of one contact or organization, oldest first.</summary>
    public List<StoredNote> Of(string entityType, string entityId) => _table.Find(EntityKey(entityType, entityId));

    /// <summary>Deletes every note of an entity (the entity itself was deleted).</summary>
    public void RemoveAllOf(string entityType, string entityId)
    {
        foreach (var note in Of(entityType, entityId)) _table.Remove(note.Id);
    }

    public List<StoredNote> After(long afterSeq, int take, Func<StoredNote, bool> filter) => _table.After(afterSeq, take, filter);

    public List<JsonObject> Snapshot() => _table.All().Select(n => n.ToJson()).ToList();

    public void Clear() => _table.Clear();

    private static string EntityKey(string entityType, string entityId) => entityType + ":" + entityId.ToLowerInvariant();
}
