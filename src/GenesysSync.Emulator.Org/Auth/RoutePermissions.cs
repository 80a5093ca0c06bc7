using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Auth;

/// <summary>
/// The permission a route needs, derived from its path and method the way the API documents them
/// (externalContacts:contact:view, outbound:contactList:add, outbound:dncList:delete, outbound:dnc:add, ...), and the
/// 403 an org answers when <see cref="EmulatorOptions.DeniedPermissions"/> takes one away. Routes of other areas need
/// nothing here (they are never denied).
/// </summary>
internal static class RoutePermissions
{
    public static string? For(string method, string template)
    {
        var path = template.ToLowerInvariant();
        if (path.StartsWith("/api/v2/externalcontacts/", StringComparison.Ordinal)) return ExternalContacts(method, path);
        if (path.StartsWith("/api/v2/outbound/dnclists", StringComparison.Ordinal))
            return path.Contains("/phonenumbers") ? "outbound:dnc:" + Action(method, path, writeVerb: "edit") : "outbound:dncList:" + Action(method, path, writeVerb: "edit");
        if (path.StartsWith("/api/v2/outbound/contactlists", StringComparison.Ordinal))
        {
            if (path.Contains("/contacts"))
                return "outbound:contact:" + (path.EndsWith("/contacts/bulk", StringComparison.Ordinal) ? "view" : Action(method, path, writeVerb: "edit"));
            if (path.EndsWith("/clear", StringComparison.Ordinal)) return "outbound:contactList:edit";
            if (path.EndsWith("/export", StringComparison.Ordinal) || path.EndsWith("/importstatus", StringComparison.Ordinal)) return "outbound:contactList:view";
            return "outbound:contactList:" + Action(method, path, writeVerb: "edit");
        }
        return null;
    }

    /// <summary>The denied prefix that covers <paramref name="permission"/>, if any (case-insensitive).</summary>
    public static string? Denied(EmulatorOptions options, string? permission)
    {
        if (permission == null || options.DeniedPermissions.Count == 0) return null;
        return options.DeniedPermissions.FirstOrDefault(p =>
            permission.Equals(p, StringComparison.OrdinalIgnoreCase)
            || permission.StartsWith(p.TrimEnd(':') + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>403 missing.permissions naming the permission the caller's role lacks.</summary>
    public static ApiResponse Missing(string permission)
        => Errors.Body(403, "missing.permissions", "Unable to perform the requested action. You are missing the following permission(s): [{permissions}]",
            new Dictionary<string, string> { ["permissions"] = permission });

    private static string ExternalContacts(string method, string path)
    {
        // Custom-field schemas: view, add, and edit for both PUT and DELETE (as the API documents).
        if (path.StartsWith("/api/v2/externalcontacts/contacts/schemas", StringComparison.Ordinal))
            return "externalContacts:customFields:" + (method == "GET" ? "view" : method == "POST" ? "add" : "edit");
        var entity = path.Contains("/externalsources") ? "externalSource"
            : path.Contains("/organizations") ? "externalOrganization"
            : path.Contains("/relationships") ? "relationship"
            : "contact";
        // Reads sent as POST (bulk fetch, identifier lookup) and the scan cursor are views.
        if (path.Contains("/scan/") || path.Contains("identifierlookup") || path.EndsWith("/bulk/contacts", StringComparison.Ordinal)
            || path.EndsWith("/bulk/organizations", StringComparison.Ordinal) || path.EndsWith("/bulk/relationships", StringComparison.Ordinal))
            return "externalContacts:" + entity + ":view";
        return "externalContacts:" + entity + ":" + Action(method, path, writeVerb: "edit");
    }

    private static string Action(string method, string path, string writeVerb)
    {
        if (path.EndsWith("/add", StringComparison.Ordinal)) return "add";
        if (path.EndsWith("/remove", StringComparison.Ordinal)) return "delete";
        if (path.EndsWith("/update", StringComparison.Ordinal)) return "edit";
        return method switch
        {
            "GET" => "view",
            "DELETE" => "delete",
            // POST to a collection creates; POST to an action route (enrich, merge, phonenumbers, ...) changes.
            "POST" => path.EndsWith("}", StringComparison.Ordinal) || path.Contains("/enrich") || path.Contains("/merge") || path.EndsWith("/phonenumbers", StringComparison.Ordinal)
                ? (path.EndsWith("/phonenumbers", StringComparison.Ordinal) ? "add" : writeVerb)
                : "add",
            _ => writeVerb,
        };
    }
}
