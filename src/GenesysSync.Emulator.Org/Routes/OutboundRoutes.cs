using System.Runtime.CompilerServices;
using GenesysSync.Emulator.Outbound;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// The outbound area: contact lists, dialer contacts, CSV upload/export. One family to register, so the shared
/// wiring in EmulatorOrg stays a single line; it also attaches the area's store to its org (see OutboundView).
/// </summary>
internal sealed class OutboundRoutes : IRouteFamily
{
    private static readonly ConditionalWeakTable<EmulatorOrg, OutboundStore> Stores = new();

    private readonly OutboundStore _store;

    public OutboundRoutes(EmulatorOrg org, OrgState state)
    {
        _store = new OutboundStore(state);
        Stores.Add(org, _store);
    }

    internal static OutboundStore StoreOf(EmulatorOrg org)
        => Stores.TryGetValue(org, out var store) ? store : throw new System.InvalidOperationException("This org has no outbound routes.");

    public void Register(Router router)
    {
        new OutboundContactListRoutes(_store).Register(router);
        new OutboundContactRoutes(_store).Register(router);
        new OutboundTransferRoutes(_store).Register(router);
    }
}
