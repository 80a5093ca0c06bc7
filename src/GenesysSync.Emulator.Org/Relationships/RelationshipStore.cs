using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Organizations;

namespace GenesysSync.Emulator.Relationships;

/// <summary>A user's role at an external organization ("Account Manager"). Immutable.</summary>
internal sealed class StoredRelationship : IEntityRecord
{
    public StoredRelationship(string id, long seq, string userId, string organizationId, string relationship, DateTimeOffset createDate)
    {
        Id = id;
        Seq = seq;
        UserId = userId;
        OrganizationId = organizationId;
        Relationship = relationship;
        CreateDate = createDate;
    }

    public string Id { get; }
    public long Seq { get; }
    public string UserId { get; }
    public string OrganizationId { get; }
    public string Relationship { get; }
    public DateTimeOffset CreateDate { get; }

    public static string UriFor(string id) => "/api/v2/externalcontacts/relationships/" + id;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["division"] = new JsonObject { ["id"] = OrgState.HomeDivisionId, ["name"] = OrgState.HomeDivisionName, ["selfUri"] = OrgState.DivisionUri },
        ["user"] = new JsonObject { ["id"] = UserId, ["selfUri"] = "/api/v2/users/" + UserId },
        ["externalOrganization"] = new JsonObject { ["id"] = OrganizationId, ["selfUri"] = StoredOrganization.UriFor(OrganizationId) },
        ["relationship"] = Relationship,
        ["selfUri"] = UriFor(Id),
    };
}

/// <summary>Relationships by id, indexed by organization. Thread-safe.</summary>
internal sealed class RelationshipStore
{
    private readonly EntityTable<StoredRelationship> _table = new(r => new[] { OrganizationKey(r.OrganizationId) });

    public StoredRelationship? Get(string id) => _table.Get(id);

    public long NextSeq() => _table.NextSeq();

    public void Put(StoredRelationship relationship) => _table.Put(relationship);

    public StoredRelationship? Remove(string id) => _table.Remove(id);

    public List<StoredRelationship> Of(string organizationId) => _table.Find(OrganizationKey(organizationId));

    public void RemoveAllOf(string organizationId)
    {
        foreach (var relationship in Of(organizationId)) _table.Remove(relationship.Id);
    }

    public List<StoredRelationship> After(long afterSeq, int take) => _table.After(afterSeq, take);

    public List<JsonObject> Snapshot() => _table.All().Select(r => r.ToJson()).ToList();

    public void Clear() => _table.Clear();

    private static string OrganizationKey(string organizationId) => "o:" + organizationId.ToLowerInvariant();
}
