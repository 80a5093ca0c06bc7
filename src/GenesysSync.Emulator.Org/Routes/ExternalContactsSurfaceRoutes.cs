using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Everything around contacts beyond CRUD/search/bulk/enrich: organizations (and their bulk routes), notes,
/// relationships, identifiers/merge/unresolved/promotion/whitepages, journey and conversation association.
/// One family so the shared wiring in EmulatorOrg stays a single line.
/// </summary>
internal sealed class ExternalContactsSurfaceRoutes : IRouteFamily
{
    private readonly OrgState _org;

    public ExternalContactsSurfaceRoutes(OrgState org) => _org = org;

    public void Register(Router router)
    {
        IRouteFamily[] families =
        {
            new OrganizationRoutes(_org),
            new OrganizationBulkRoutes(_org),
            new NoteRoutes(_org),
            new RelationshipRoutes(_org),
            new ContactIdentityRoutes(_org),
            new JourneyRoutes(_org),
        };
        foreach (var family in families) family.Register(router);
    }
}
