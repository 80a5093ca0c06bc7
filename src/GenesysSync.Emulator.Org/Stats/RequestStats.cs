using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenesysSync.Emulator;

/// <summary>
/// Counts every request the org saw, by route key ("POST /api/v2/externalcontacts/bulk/contacts/add") and HTTP status,
/// plus every injected fault by kind. Status 0 means "no HTTP reply" (connection reset before the org saw the request).
/// Requests that matched no route are counted under "METHOD (unmatched)". Thread-safe.
/// </summary>
public sealed class RequestStats
{
    /// <summary>The route key used for requests that matched no route, e.g. "GET (unmatched)".</summary>
    public const string Unmatched = "(unmatched)";

    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<int, long>> _byRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<FaultKind, long> _faults = new();
    private long _total;

    /// <summary>All requests counted (each request once, whatever its outcome).</summary>
    public long Total
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>Requests to one route key, all statuses.</summary>
    public long Count(string routeKey)
    {
        lock (_gate) return _byRoute.TryGetValue(routeKey, out var byStatus) ? byStatus.Values.Sum() : 0;
    }

    /// <summary>Requests to one route key that got this status.</summary>
    public long Count(string routeKey, int status)
    {
        lock (_gate) return _byRoute.TryGetValue(routeKey, out var byStatus) && byStatus.TryGetValue(status, out var n) ? n : 0;
    }

    /// <summary>Requests on any route that got this status.</summary>
    public long CountStatus(int status)
    {
        lock (_gate) return _byRoute.Values.Sum(byStatus => byStatus.TryGetValue(status, out var n) ? n : 0);
    }

    /// <summary>Injected faults of one kind.</summary>
    public long CountFault(FaultKind kind)
    {
        lock (_gate) return _faults.TryGetValue(kind, out var n) ? n : 0;
    }

    /// <summary>All injected faults.</summary>
    public long FaultsInjected
    {
        get { lock (_gate) return _faults.Values.Sum(); }
    }

    /// <summary>A copy: route key → status → count.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> ByRoute
    {
        get
        {
            lock (_gate)
            {
                return _byRoute.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<int, long>)new Dictionary<int, long>(p.Value), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A copy: status → count over all routes.</summary>
    public IReadOnlyDictionary<int, long> ByStatus
    {
        get
        {
            lock (_gate)
            {
                var result = new Dictionary<int, long>();
                foreach (var byStatus in _byRoute.Values)
                {
                    foreach (var pair in byStatus) result[pair.Key] = (result.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
                }
                return result;
            }
        }
    }

    /// <summary>A copy: fault kind → count.</summary>
    public IReadOnlyDictionary<FaultKind, long> Faults
    {
        get { lock (_gate) return new Dictionary<FaultKind, long>(_faults); }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byRoute.Clear();
            _faults.Clear();
            _total = 0;
        }
    }

    /// <summary>{total, byStatus{"200":n}, byRoute{"POST /x":{"200":n}}, faults{"LostResponse":n}} (the control surface's GET stats).</summary>
    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var byRoute = new JsonObject();
            foreach (var route in _byRoute.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var statuses = new JsonObject();
                foreach (var status in route.Value.OrderBy(p => p.Key)) statuses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = status.Value;
                byRoute[route.Key] = statuses;
            }
            var byStatus = new JsonObject();
            foreach (var status in ByStatusUnlocked().OrderBy(p => p.Key)) byStatus[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = status.Value;
            var faults = new JsonObject();
            foreach (var fault in _faults.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)) faults[fault.Key.ToString()] = fault.Value;
            return new JsonObject
            {
                ["total"] = _total,
                ["byStatus"] = byStatus,
                ["byRoute"] = byRoute,
                ["faults"] = faults,
            };
        }
    }

    internal void Record(string routeKey, int status)
    {
        lock (_gate)
        {
            _total++;
            if (!_byRoute.TryGetValue(routeKey, out var byStatus)) _byRoute[routeKey] = byStatus = new Dictionary<int, long>();
            byStatus[status] = (byStatus.TryGetValue(status, out var n) ? n : 0) + 1;
        }
    }

    internal void RecordFault(FaultKind kind)
    {
        lock (_gate) _faults[kind] = (_faults.TryGetValue(kind, out var n) ? n : 0) + 1;
    }

    private Dictionary<int, long> ByStatusUnlocked()
    {
        var result = new Dictionary<int, long>();
        foreach (var byStatus in _byRoute.Values)
        {
            foreach (var pair in byStatus) result[pair.Key] = (result.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
        }
        return result;
    }
}
