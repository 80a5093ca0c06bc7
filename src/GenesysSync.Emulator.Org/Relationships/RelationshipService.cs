using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Relationships;

/// <summary>
/// Relationships {user{id}, externalOrganization{id}, relationship}: all three required; relationship 1..100 characters
/// (trimmed); the organization must exist. Users live outside External Contacts and this org holds none, so any
/// non-empty user id is accepted.
/// </summary>
internal sealed class RelationshipService
{
    public const int MaxRelationship = 100;

    private static readonly string[] Writable = { "user", "externalOrganization", "relationship" };

    private readonly OrgState _org;

    public RelationshipService(OrgState org) => _org = org;

    public StoredRelationship Get(string id) => _org.Relationships.Get(id) ?? throw Errors.NotFound("relationship");

    public StoredRelationship Create(JsonObject body)
    {
        var (user, organization, relationship) = Read(body);
        var created = new StoredRelationship(Guid.NewGuid().ToString(), _org.Relationships.NextSeq(), user, organization, relationship, _org.Clock.UtcNow);
        _org.Relationships.Put(created);
        return created;
    }

    public StoredRelationship Replace(string id, JsonObject body)
    {
        var existing = Get(id);
        var (user, organization, relationship) = Read(body);
        var updated = new StoredRelationship(existing.Id, existing.Seq, user, organization, relationship, existing.CreateDate);
        _org.Relationships.Put(updated);
        return updated;
    }

    public StoredRelationship Patch(string id, JsonObject body)
    {
        var existing = Get(id);
        var current = existing.ToJson();
        var fields = new JsonObject { ["user"] = current["user"]!.DeepClone(), ["externalOrganization"] = current["externalOrganization"]!.DeepClone(), ["relationship"] = existing.Relationship };
        return Replace(id, EntityPatcher.Apply(body, fields, Writable, "Relationship"));
    }

    public void Delete(string id)
    {
        if (_org.Relationships.Remove(id) == null) throw Errors.NotFound("relationship");
    }

    private (string User, string Organization, string Relationship) Read(JsonObject body)
    {
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("id" or "division" or "user" or "externalOrganization" or "relationship" or "externalDataSources" or "selfUri"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "Relationship"));
            }
        }
        var user = JsonUtil.GetString(JsonUtil.GetObject(body, "user"), "id")?.Trim();
        if (string.IsNullOrEmpty(user)) errors.Add(FieldError.Required("user.id"));
        var organization = JsonUtil.GetString(JsonUtil.GetObject(body, "externalOrganization"), "id")?.Trim();
        if (string.IsNullOrEmpty(organization)) errors.Add(FieldError.Required("externalOrganization.id"));
        else if (_org.Organizations.Get(organization!) is { } stored) organization = stored.Id;
        else errors.Add(FieldError.Invalid("externalOrganization.id", "the external organization does not exist"));
        string? relationship = null;
        if (body["relationship"] is { } node && node.GetValueKind() != JsonValueKind.String) errors.Add(FieldError.WrongType("relationship", "a string"));
        else
        {
            relationship = JsonUtil.GetString(body, "relationship")?.Trim();
            if (string.IsNullOrEmpty(relationship)) errors.Add(FieldError.Required("relationship"));
            else if (relationship!.Length > MaxRelationship) errors.Add(FieldError.TooLong("relationship", MaxRelationship));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return (user!, organization!, relationship!);
    }

    /// <summary>The relationships of an organization, sorted by createDate (default) or relationship.</summary>
    public List<StoredRelationship> Of(string organizationId, string? sortField, bool descending)
    {
        var list = _org.Relationships.Of(organizationId);
        IOrderedEnumerable<StoredRelationship> ordered = sortField == "relationship"
            ? list.OrderBy(r => r.Relationship, StringComparer.OrdinalIgnoreCase)
            : list.OrderBy(r => r.Seq);
        var result = ordered.ToList();
        if (descending) result.Reverse();
        return result;
    }
}
