using System.Collections.Generic;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// POST /contacts/enrich (201 created, 200 updated; ?dryRun=true stores nothing) and POST /bulk/contacts/enrich
/// (at most 10 operations → 413 past it; each result carries the operation's own "id" tracker).
/// </summary>
internal sealed class EnrichRoutes : IRouteFamily
{
    public const string Enrich = "/api/v2/externalcontacts/contacts/enrich";
    public const string BulkEnrich = "/api/v2/externalcontacts/bulk/contacts/enrich";
    public const int MaxBulkOperations = 10;

    private readonly ContactEnricher _enricher;

    public EnrichRoutes(OrgState org) => _enricher = new ContactEnricher(org);

    public void Register(Router router)
    {
        router.Map("POST", Enrich, c =>
        {
            var result = _enricher.Enrich(c.BodyObject(), c.QueryBool("dryRun"));
            return ApiResponse.Json(result.Status, result.Entity);
        });
        router.Map("POST", BulkEnrich, c =>
        {
            var dryRun = c.QueryBool("dryRun");
            var operations = BulkResults.ReadEntities(c, MaxBulkOperations);
            var outcomes = new List<BulkOutcome>(operations.Count);
            foreach (var operation in operations)
            {
                outcomes.Add(BulkResults.Run(operation, () =>
                {
                    var result = _enricher.Enrich(BulkResults.RequireObject(operation), dryRun);
                    return new BulkOutcome
                    {
                        Id = JsonUtil.GetString(operation as System.Text.Json.Nodes.JsonObject, "id"),
                        Success = true,
                        Status = result.Status,
                        Entity = result.Entity,
                    };
                }));
            }
            return BulkResults.Write(outcomes);
        });
    }
}
