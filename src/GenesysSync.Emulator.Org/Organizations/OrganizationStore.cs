using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Entities;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Organizations;

/// <summary>A stored external organization. Immutable: every write stores a new instance.</summary>
internal sealed class StoredOrganization : IEntityRecord
{
    public StoredOrganization(string id, long seq, JsonObject fields, JsonArray? claims, string? trustorId, DateTimeOffset createDate, DateTimeOffset modifyDate)
    {
        Id = id;
        Seq = seq;
        Fields = fields;
        Claims = claims;
        TrustorId = trustorId;
        CreateDate = createDate;
        ModifyDate = modifyDate;
    }

    public string Id { get; }
    public long Seq { get; }

    /// <summary>The writable fields, validated and in canonical order.</summary>
    public JsonObject Fields { get; }

    /// <summary>Identifiers claimed through claim requests or enrich (ExternalId only), or null.</summary>
    public JsonArray? Claims { get; }

    /// <summary>The trustor org linked to this organization, or null.</summary>
    public string? TrustorId { get; }

    public DateTimeOffset CreateDate { get; }
    public DateTimeOffset ModifyDate { get; }

    public string? Name => JsonUtil.GetString(Fields, "name");

    public static string UriFor(string id) => "/api/v2/externalcontacts/organizations/" + id;

    public StoredOrganization With(JsonObject? fields = null, JsonArray? claims = null, bool replaceClaims = false, string? trustorId = null,
        bool replaceTrustor = false, DateTimeOffset? modified = null)
        => new(Id, Seq, fields ?? Fields, replaceClaims ? claims : Claims, replaceTrustor ? trustorId : TrustorId, CreateDate, modified ?? ModifyDate);

    /// <summary>The organization as the API returns it; the trustor only when asked (includeTrustors=true).</summary>
    public JsonObject ToJson(bool includeTrustor = false)
    {
        var json = new JsonObject { ["id"] = Id };
        foreach (var field in Fields)
        {
            if (field.Key == "name") json["name"] = field.Value?.DeepClone();
        }
        json["division"] = new JsonObject { ["id"] = OrgState.HomeDivisionId, ["name"] = OrgState.HomeDivisionName, ["selfUri"] = OrgState.DivisionUri };
        foreach (var field in Fields)
        {
            if (field.Key != "name") json[field.Key] = field.Value?.DeepClone();
        }
        if (Claims != null && Claims.Count > 0) json["identifiers"] = Claims.DeepClone();
        if (includeTrustor && TrustorId != null) json["trustor"] = new JsonObject { ["id"] = TrustorId, ["enabled"] = true };
        json["modifyDate"] = JsonUtil.Timestamp(ModifyDate);
        json["createDate"] = JsonUtil.Timestamp(CreateDate);
        json["selfUri"] = UriFor(Id);
        return json;
    }
}

/// <summary>
/// The org's external organizations: by id, in creation order, indexed by external id (source + value, from
/// externalIds and claimed identifiers) and by linked trustor. Thread-safe.
/// </summary>
internal sealed class OrganizationStore
{
    private readonly EntityTable<StoredOrganization> _table = new(KeysOf);

    public int Count => _table.Count;

    /// <summary>The table's lock: hold it around find-then-write sequences (enrich, claims, trustor links).</summary>
    public object Gate => _table.Gate;

    public StoredOrganization? Get(string id) => _table.Get(id);

    public bool Exists(string id) => _table.Get(id) != null;

    public StoredOrganization Add(JsonObject fields, DateTimeOffset now, JsonArray? claims = null)
    {
        var organization = new StoredOrganization(Guid.NewGuid().ToString(), _table.NextSeq(), fields, claims, null, now, now);
        _table.Put(organization);
        return organization;
    }

    public void Put(StoredOrganization organization) => _table.Put(organization);

    public StoredOrganization? Remove(string id) => _table.Remove(id);

    /// <summary>Organizations holding an ExternalId (in externalIds or claimed), oldest first.</summary>
    public List<StoredOrganization> FindByExternalId(string sourceId, string value) => _table.Find(ContactKeys.ExternalId(sourceId, value));

    public StoredOrganization? FindByTrustor(string trustorId) => _table.Find(TrustorKey(trustorId)).FirstOrDefault();

    public List<StoredOrganization> All() => _table.All();

    public List<StoredOrganization> After(long afterSeq, int take) => _table.After(afterSeq, take);

    public List<JsonObject> Snapshot() => _table.All().Select(o => o.ToJson(includeTrustor: true)).ToList();

    public void Clear() => _table.Clear();

    private static string TrustorKey(string trustorId) => "t:" + trustorId.ToLowerInvariant();

    private static IEnumerable<string> KeysOf(StoredOrganization organization)
    {
        foreach (var item in JsonUtil.GetArray(organization.Fields, "externalIds") ?? new JsonArray())
        {
            var source = JsonUtil.GetString(JsonUtil.GetObject(item as JsonObject, "externalSource"), "id");
            var value = JsonUtil.GetString(item as JsonObject, "value");
            if (source != null && value != null) yield return ContactKeys.ExternalId(source, value);
        }
        foreach (var claim in organization.Claims ?? new JsonArray())
        {
            if (claim is JsonObject c && ContactKeys.KeyOfClaim(c) is { } key) yield return key;
        }
        if (organization.TrustorId != null) yield return TrustorKey(organization.TrustorId);
    }
}
