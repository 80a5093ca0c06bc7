using System.Collections.Generic;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Bulk external contacts, each {entities:[...]} of at most MaxBulkEntities (413 past it):
/// POST /bulk/contacts/add (contacts), /bulk/contacts/update (contacts with id; full replace),
/// /bulk/contacts (fetch by {id}), /bulk/contacts/remove (delete by {id}). Always 200 with per-entity results.
/// </summary>
internal sealed class ContactBulkRoutes : IRouteFamily
{
    public const string Add = "/api/v2/externalcontacts/bulk/contacts/add";
    public const string Update = "/api/v2/externalcontacts/bulk/contacts/update";
    public const string Fetch = "/api/v2/externalcontacts/bulk/contacts";
    public const string Remove = "/api/v2/externalcontacts/bulk/contacts/remove";

    private readonly OrgState _org;
    private readonly ContactService _contacts;

    public ContactBulkRoutes(OrgState org)
    {
        _org = org;
        _contacts = new ContactService(org);
    }

    public void Register(Router router)
    {
        router.Map("POST", Add, c => Each(c, entity =>
        {
            var created = _contacts.Create(BulkResults.RequireObject(entity));
            return new BulkOutcome { Id = created.Id, Success = true, Status = 201, Entity = created.Json };
        }));
        router.Map("POST", Update, c => Each(c, entity =>
        {
            var updated = _contacts.Replace(BulkResults.RequireId(entity), BulkResults.RequireObject(entity));
            return new BulkOutcome { Id = updated.Id, Success = true, Status = 200, Entity = updated.Json };
        }));
        router.Map("POST", Fetch, c => Each(c, entity =>
        {
            var contact = _contacts.Get(BulkResults.RequireId(entity));
            return new BulkOutcome { Id = contact.Id, Success = true, Status = 200, Entity = contact.Json };
        }));
        router.Map("POST", Remove, c => Each(c, entity =>
        {
            var id = BulkResults.RequireId(entity);
            _contacts.Delete(id);
            return new BulkOutcome { Id = id, Success = true, Status = 200 };
        }));
    }

    private Http.ApiResponse Each(RouteContext context, System.Func<System.Text.Json.Nodes.JsonNode?, BulkOutcome> operation)
    {
        var entities = BulkResults.ReadEntities(context, _org.Options.MaxBulkEntities);
        var outcomes = new List<BulkOutcome>(entities.Count);
        foreach (var entity in entities) outcomes.Add(BulkResults.Run(entity, () => operation(entity)));
        return BulkResults.Write(outcomes);
    }
}
