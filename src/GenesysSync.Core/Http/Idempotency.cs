using System;
using System.Linq;

namespace GenesysSync.Http;

/// <summary>
/// Whether a request may be sent again after its outcome became unknown (connection dropped after
/// sending, reply lost, timeout, 502/504 from a gateway that may have passed it on). Sending a
/// create twice makes a duplicate, so only requests that are safe to repeat are re-sent; for the
/// others the caller gets a <see cref="GenesysTransportException"/> and must check before trying
/// again (the sync engine looks the keys up). 429, 503 and 408 mean "not processed" and are
/// retried for every request.
/// </summary>
public static class Idempotency
{
    // POST routes that read, upsert by a caller-chosen id, or apply the same final state again.
    private static readonly string[] SafePostSuffixes =
    {
        "/oauth/token",
        "/identifierlookup", "/identifierlookup/contacts", "/identifierlookup/organizations",
        "/bulk/contacts", "/bulk/contacts/update", "/bulk/contacts/remove", "/bulk/contacts/enrich", "/contacts/enrich",
        "/bulk/organizations", "/bulk/organizations/update", "/bulk/organizations/remove", "/bulk/organizations/enrich", "/organizations/enrich",
        "/bulk/notes", "/bulk/notes/update", "/bulk/notes/remove",
        "/bulk/relationships", "/bulk/relationships/update", "/bulk/relationships/remove",
        "/contactlists/{id}/contacts", "/contactlists/{id}/contacts/bulk", "/contactlists/{id}/contacts/bulk/remove",
        "/contactlists/{id}/contacts/search", "/contactlists/{id}/export", "/contactlists/{id}/clear",
        "/dnclists/{id}/phonenumbers",
    };

    /// <summary>True when <paramref name="methodAndRoute"/> ("POST /api/v2/.../{id}/...") may be sent twice.</summary>
    public static bool IsSafeToRepeat(string methodAndRoute)
    {
        var space = methodAndRoute.IndexOf(' ');
        var method = space < 0 ? methodAndRoute : methodAndRoute.Substring(0, space);
        var route = space < 0 ? "" : methodAndRoute.Substring(space + 1);
        switch (method)
        {
            case "GET": case "HEAD": case "OPTIONS": case "PUT": case "DELETE": case "PATCH":
                return true;
            case "POST":
                return SafePostSuffixes.Any(s => route.EndsWith(s, StringComparison.Ordinal));
            default:
                return false;
        }
    }
}
