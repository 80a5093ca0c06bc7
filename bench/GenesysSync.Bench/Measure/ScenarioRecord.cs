using System.Globalization;
using GenesysSync.Harness;

namespace GenesysSync.Bench.Measure;

/// <summary>One row of the results table (and one JSON record).</summary>
public sealed class ScenarioRecord
{
    /// <summary>The API budget the projection assumes: one OAuth client's default rate limit.</summary>
    public const double BudgetPerMinute = 300;

    public string Scenario { get; set; } = "";
    public long Rows { get; set; }
    /// <summary>API requests (the emulator's count: every attempt, retries included; token requests excluded).</summary>
    public long Requests { get; set; }
    public Dictionary<string, long> RequestsByKind { get; set; } = new();
    public long Throttled429 { get; set; }
    public long ClientRetries { get; set; }
    public double WallSeconds { get; set; }
    /// <summary>Set when the step ran in a child process: the time of its measured part.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? ChildWallSeconds { get; set; }
    /// <summary>Where it ran: "child" (a fresh process per step) or "bench" (the benchmark process).</summary>
    public string Process => ChildWallSeconds is null ? "bench" : "child";
    /// <summary>Input rows per second of wall time, with the rate limit lifted (emulator and client).</summary>
    public double RowsPerSecond { get; set; }
    /// <summary>Requests ÷ 300 per minute: how long the run takes against one real OAuth client's budget.</summary>
    public double ProjectedMinutesAt300 => Requests / BudgetPerMinute;
    public long PeakWorkingSetBytes { get; set; }
    /// <summary>Largest GC heap seen after a collection (live objects plus garbage not yet collected).</summary>
    public long PeakGcHeapBytes { get; set; }
    public long? EmulatorPeakBytes { get; set; }
    /// <summary>This run's requests ÷ the per-row baseline's requests for the same rows (2 per row).</summary>
    public double? BaselineRatio { get; set; }
    public Dictionary<string, long> Outcomes { get; set; } = new();
    public string Notes { get; set; } = "";
    public bool Verified { get; set; } = true;

    public static Dictionary<string, long> Kinds(EmulatorStats delta)
    {
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (route, n) in delta.ByRoute)
        {
            if (route == EmulatorStats.TokenRoute) continue;
            var kind = Kind(route);
            kinds[kind] = (kinds.TryGetValue(kind, out var k) ? k : 0) + n;
        }
        return kinds;
    }

    /// <summary>A short name for a route key such as "POST /api/v2/externalcontacts/bulk/contacts/add".</summary>
    public static string Kind(string route) => route switch
    {
        "GET /api/v2/externalcontacts/contacts" => "search",
        "POST /api/v2/externalcontacts/contacts" => "create",
        "PUT /api/v2/externalcontacts/contacts/{contactId}" => "put",
        "PATCH /api/v2/externalcontacts/contacts/{contactId}" => "patch",
        "GET /api/v2/externalcontacts/contacts/{contactId}" => "get",
        "DELETE /api/v2/externalcontacts/contacts/{contactId}" => "delete",
        "POST /api/v2/externalcontacts/bulk/contacts/add" => "bulkAdd",
        "POST /api/v2/externalcontacts/bulk/contacts/update" => "bulkUpdate",
        "POST /api/v2/externalcontacts/bulk/contacts/remove" => "bulkRemove",
        "POST /api/v2/externalcontacts/bulk/contacts" => "bulkFetch",
        "GET /api/v2/externalcontacts/scan/contacts" => "scan",
        "POST /api/v2/externalcontacts/identifierlookup/contacts" => "lookup",
        _ when route.Contains("/externalsources", StringComparison.Ordinal) => "source",
        _ when route.StartsWith("POST ", StringComparison.Ordinal) && route.EndsWith("/contactlists/{contactListId}/contacts", StringComparison.Ordinal) => "leadAdd",
        _ when route.EndsWith("/export", StringComparison.Ordinal) => route.StartsWith("POST ", StringComparison.Ordinal) ? "export" : "exportStatus",
        _ when route.Contains("/downloads/", StringComparison.Ordinal) => "download",
        _ when route.EndsWith("/outbound/contactlists", StringComparison.Ordinal) => route.StartsWith("POST ", StringComparison.Ordinal) ? "createList" : "findLists",
        _ when route.EndsWith("/outbound/contactlists/{contactListId}", StringComparison.Ordinal) => "getList",
        _ => route,
    };

    public string KindsText() => string.Join(", ", RequestsByKind.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => $"{p.Key} {Number(p.Value)}"));

    public static string Number(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Duration(double minutes)
    {
        if (minutes < 1) return (minutes * 60).ToString("0", CultureInfo.InvariantCulture) + " s";
        if (minutes < 60) return minutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";
        var hours = minutes / 60;
        if (hours < 48) return hours.ToString("0.#", CultureInfo.InvariantCulture) + " h";
        return (hours / 24).ToString("0.#", CultureInfo.InvariantCulture) + " days";
    }

    public static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB";

    public string RatioText()
    {
        if (BaselineRatio is not double r) return "—";
        if (r <= 0) return "0 (∞× fewer)";
        if (r >= 0.5) return r.ToString("0.00", CultureInfo.InvariantCulture) + "×";
        return r.ToString(r < 0.001 ? "0.000000" : "0.0000", CultureInfo.InvariantCulture) + $" ({Number(1 / r)}× fewer)";
    }
}
