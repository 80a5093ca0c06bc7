using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Organizations;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Bulk external organizations, {entities:[...]} of at most MaxBulkEntities (413 past it), always 200 with per-entity
/// results like the contact bulk routes: /bulk/organizations (fetch by {id}; /divisionviews the same across divisions),
/// /add, /update (full replace, id required), /remove, and /enrich (≤10 ExternalOrganizationEnrichRequests, ?dryRun).
/// </summary>
internal sealed class OrganizationBulkRoutes : IRouteFamily
{
    public const string Bulk = "/api/v2/externalcontacts/bulk/organizations";
    public const int MaxBulkEnrich = 10;

    private readonly OrgState _org;
    private readonly OrganizationService _organizations;
    private readonly OrganizationEnricher _enricher;

    public OrganizationBulkRoutes(OrgState org)
    {
        _org = org;
        _organizations = new OrganizationService(org);
        _enricher = new OrganizationEnricher(org);
    }

    public void Register(Router router)
    {
        RouteHandler fetch = c => Each(c, entity =>
        {
            var organization = _organizations.Get(BulkResults.RequireId(entity));
            return Success(organization, 200);
        });
        router.Map("POST", Bulk, fetch);
        router.Map("POST", Bulk + "/divisionviews", fetch);
        router.Map("POST", Bulk + "/add", c => Each(c, entity => Success(_organizations.Create(BulkResults.RequireObject(entity)), 201)));
        router.Map("POST", Bulk + "/update", c => Each(c, entity =>
            Success(_organizations.Replace(BulkResults.RequireId(entity), BulkResults.RequireObject(entity)), 200)));
        router.Map("POST", Bulk + "/remove", c => Each(c, entity =>
        {
            var id = BulkResults.RequireId(entity);
            _organizations.Delete(id);
            return new BulkOutcome { Id = id, Success = true, Status = 200 };
        }));
        router.Map("POST", Bulk + "/enrich", c =>
        {
            var dryRun = c.QueryBool("dryRun");
            var operations = BulkResults.ReadEntities(c, MaxBulkEnrich);
            var outcomes = new List<BulkOutcome>(operations.Count);
            foreach (var operation in operations)
            {
                outcomes.Add(BulkResults.Run(operation, () =>
                {
                    var (entity, created) = _enricher.Enrich(BulkResults.RequireObject(operation), dryRun);
                    return new BulkOutcome
                    {
                        Id = JsonUtil.GetString(operation as JsonObject, "id"),
                        Success = true,
                        Status = created ? 201 : 200,
                        Entity = JsonUtil.ToBytes(entity),
                    };
                }));
            }
            return BulkResults.Write(outcomes);
        });
    }

    private static BulkOutcome Success(StoredOrganization organization, int status)
        => new() { Id = organization.Id, Success = true, Status = status, Entity = JsonUtil.ToBytes(organization.ToJson()) };

    private ApiResponse Each(RouteContext context, Func<JsonNode?, BulkOutcome> operation)
    {
        var entities = BulkResults.ReadEntities(context, _org.Options.MaxBulkEntities);
        var outcomes = new List<BulkOutcome>(entities.Count);
        foreach (var entity in entities) outcomes.Add(BulkResults.Run(entity, () => operation(entity)));
        return BulkResults.Write(outcomes);
    }
}
