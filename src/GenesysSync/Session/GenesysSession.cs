namespace GenesysSync.Session;

/// <summary>The module-wide default connection, set by Connect-GenesysCloud, cleared on Remove-Module.</summary>
internal static class GenesysSession
{
    private static readonly object Gate = new();
    private static GenesysConnection? _current;

    internal static GenesysConnection? Current
    {
        get { lock (Gate) return _current; }
    }

    internal static void Set(GenesysConnection connection)
    {
        GenesysConnection? previous;
        lock (Gate)
        {
            previous = _current;
            _current = connection;
        }
        if (!ReferenceEquals(previous, connection)) previous?.Dispose();
    }

    internal static void Clear()
    {
        GenesysConnection? previous;
        lock (Gate)
        {
            previous = _current;
            _current = null;
        }
        previous?.Dispose();
    }
}
