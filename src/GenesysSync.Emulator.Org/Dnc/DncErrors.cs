using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Dnc;

/// <summary>
/// DNC errors beyond the generic ones. The codes of the record limits and of appending to a non-internal list are the
/// ones the API's 400 responses declare (dnc.phone.numbers.per.list.limit.exceeded, ...); the limit object
/// {namespace, key, value} names what was hit.
/// </summary>
internal static class DncErrors
{
    public static ApiException ListFull(int max)
        => Limit("dnc.phone.numbers.per.list.limit.exceeded", "The DNC list cannot hold more than {max} records.", "max.records.per.dnc.list", max);

    public static ApiException OrgFull(long max)
        => Limit("dnc.phone.numbers.per.organization.limit.exceeded", "The organization cannot hold more than {max} DNC records.", "max.dnc.records.per.organization", max);

    public static ApiException NotInternal()
        => new(Errors.Body(400, "dnc.source.operation.not.supported",
            "Phone numbers can be added to or removed from internal (rds) DNC lists for phone numbers only."));

    public static ApiException DuplicateName()
        => new(Errors.Body(409, "conflict", "A DNC list with this name already exists; names must be unique."));

    public static ApiException VersionMismatch(int current)
        => new(Errors.Body(409, "conflict", "The version supplied does not match the current version {version}; get the DNC list again and retry.",
            new Dictionary<string, string> { ["version"] = current.ToString(CultureInfo.InvariantCulture) }));

    public static ApiException InvalidDate(string field)
        => new(Errors.Body(400, "invalid.date", "Dates must be specified as ISO-8601 strings, for example yyyy-MM-ddTHH:mmZ (field [{field}]).",
            new Dictionary<string, string> { ["field"] = field }));

    private static ApiException Limit(string code, string message, string key, long max)
    {
        var value = max.ToString(CultureInfo.InvariantCulture);
        var body = JsonUtil.ParseObject(Errors.Body(400, code, message, new Dictionary<string, string> { ["max"] = value }).Body);
        body["limit"] = new JsonObject { ["namespace"] = "outbound", ["key"] = key, ["value"] = max };
        return new ApiException(new ApiResponse(400, JsonUtil.ToBytes(body)));
    }
}
