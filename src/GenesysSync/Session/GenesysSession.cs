using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GenesysSync.Session;

/// <summary>
/// The default connection set by Connect-GenesysCloud, one per runspace: two runspaces in one
/// process (ForEach-Object -Parallel, hosted engines, tests) never see each other's connection.
/// </summary>
internal static class GenesysSession
{
    private sealed class Slot
    {
        public GenesysConnection? Connection;
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();
    private static readonly Slot NoRunspace = new();

    private static Slot Current_ => Runspace.DefaultRunspace is { } runspace ? Slots.GetValue(runspace, _ => new Slot()) : NoRunspace;

    internal static GenesysConnection? Current
    {
        get
        {
            var slot = Current_;
            lock (slot) return slot.Connection;
        }
    }

    internal static void Set(GenesysConnection connection)
    {
        var slot = Current_;
        GenesysConnection? previous;
        lock (slot)
        {
            previous = slot.Connection;
            slot.Connection = connection;
        }
        if (!ReferenceEquals(previous, connection)) previous?.Dispose();
    }

    internal static void Clear()
    {
        var slot = Current_;
        GenesysConnection? previous;
        lock (slot)
        {
            previous = slot.Connection;
            slot.Connection = null;
        }
        previous?.Dispose();
    }
}
