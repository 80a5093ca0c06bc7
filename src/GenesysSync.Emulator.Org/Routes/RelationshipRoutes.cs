using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Listing;
using GenesysSync.Emulator.Relationships;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Relationships: POST /relationships (200), GET/PUT/PATCH/DELETE /relationships/{relationshipId}, the list of an
/// organization (GET /organizations/{id}/relationships: paging window 1000, sortOrder createDate|relationship), bulk
/// fetch/add/update/remove and scan. There is no org-wide list route; scan reads them all.
/// </summary>
internal sealed class RelationshipRoutes : IRouteFamily
{
    public const string Relationships = "/api/v2/externalcontacts/relationships";
    public const string Relationship = Relationships + "/{relationshipId}";
    public const string OfOrganization = "/api/v2/externalcontacts/organizations/{externalOrganizationId}/relationships";
    public const string Bulk = "/api/v2/externalcontacts/bulk/relationships";
    public const string Scan = "/api/v2/externalcontacts/scan/relationships";

    private static readonly string[] Expand = { "externalDataSources", "division" };

    private readonly OrgState _org;
    private readonly RelationshipService _relationships;

    public RelationshipRoutes(OrgState org)
    {
        _org = org;
        _relationships = new RelationshipService(org);
    }

    public void Register(Router router)
    {
        router.Map("POST", Relationships, c => Json(_relationships.Create(c.BodyObject())));
        router.Map("GET", Relationship, c =>
        {
            OrganizationRoutes.CheckExpand(c, Expand);
            return Json(_relationships.Get(c.Param("relationshipId")));
        });
        router.Map("PUT", Relationship, c => Json(_relationships.Replace(c.Param("relationshipId"), c.BodyObject())));
        router.Map("PATCH", Relationship, c => Json(_relationships.Patch(c.Param("relationshipId"), c.BodyObject())));
        router.Map("DELETE", Relationship, c =>
        {
            _relationships.Delete(c.Param("relationshipId"));
            return ApiResponse.Json(200, "{}");
        });
        router.Map("GET", OfOrganization, c =>
        {
            var organization = _org.Organizations.Get(c.Param("externalOrganizationId")) ?? throw Errors.NotFound("external organization");
            var page = PageRequest.Read(c);
            OrganizationRoutes.CheckExpand(c, Expand);
            var (sortField, descending) = PageRequest.SortOrder(c, "createDate", "relationship");
            return page.Write(_relationships.Of(organization.Id, sortField, descending), OfOrganization.Replace("{externalOrganizationId}", organization.Id),
                (w, r) => r.ToJson().WriteTo(w, JsonUtil.SerializerOptions));
        });
        router.Map("POST", Bulk, c => Each(c, e => Ok(_relationships.Get(BulkResults.RequireId(e)), 200)));
        router.Map("POST", Bulk + "/add", c => Each(c, e => Ok(_relationships.Create(BulkResults.RequireObject(e)), 201)));
        router.Map("POST", Bulk + "/update", c => Each(c, e => Ok(_relationships.Replace(BulkResults.RequireId(e), BulkResults.RequireObject(e)), 200)));
        router.Map("POST", Bulk + "/remove", c => Each(c, e =>
        {
            var id = BulkResults.RequireId(e);
            _relationships.Delete(id);
            return new BulkOutcome { Id = id, Success = true, Status = 200 };
        }));
        router.Map("GET", Scan, c => ScanPage(c, Scan));
        router.Map("GET", Scan + "/divisionviews/all", c => ScanPage(c, Scan + "/divisionviews/all"));
    }

    private ApiResponse ScanPage(RouteContext context, string path)
        => ScanCursor.Page(context, "rel", path, (after, take) => _org.Relationships.After(after, take), r => r.Seq,
            (w, r) => r.ToJson().WriteTo(w, JsonUtil.SerializerOptions));

    private static BulkOutcome Ok(StoredRelationship relationship, int status)
        => new() { Id = relationship.Id, Success = true, Status = status, Entity = JsonUtil.ToBytes(relationship.ToJson()) };

    private static ApiResponse Json(StoredRelationship relationship) => ApiResponse.Json(200, JsonUtil.ToBytes(relationship.ToJson()));

    private ApiResponse Each(RouteContext context, Func<JsonNode?, BulkOutcome> operation)
    {
        var entities = BulkResults.ReadEntities(context, _org.Options.MaxBulkEntities);
        var outcomes = new List<BulkOutcome>(entities.Count);
        foreach (var entity in entities) outcomes.Add(BulkResults.Run(entity, () => operation(entity)));
        return BulkResults.Write(outcomes);
    }
}
