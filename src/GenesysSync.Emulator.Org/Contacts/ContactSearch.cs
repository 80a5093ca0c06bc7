using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// Full-text search as the emulator does it: every whitespace-separated term of q must occur (case-insensitive
/// substring) in a contact's first/middle/last name, one of its emails, or one of its E.164 phone numbers.
/// Phones stored without an E.164 form are not searchable, as in the real org. O(n): search is not for enumeration.
/// </summary>
internal static class ContactSearch
{
    private static readonly string[] TextFields = { "firstName", "middleName", "lastName", "workEmail", "personalEmail", "otherEmail" };
    public static readonly string[] SortFields = { "firstName", "lastName", "middleName", "title" };

    public static List<StoredContact> Find(IEnumerable<StoredContact> contacts, string? q, string? sortField, bool descending)
    {
        var terms = (q ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray();
        var matches = terms.Length == 0 ? contacts.ToList() : contacts.Where(c => Matches(c.Json, terms)).ToList();
        if (sortField == null) return matches;
        var keyed = matches.Select(c => (Contact: c, Key: ReadString(c.Json, sortField))).ToList();
        // Contacts without the sort field go last either way; ties keep creation order.
        var ordered = descending
            ? keyed.OrderBy(k => k.Key == null).ThenByDescending(k => k.Key, StringComparer.OrdinalIgnoreCase).ThenBy(k => k.Contact.Seq)
            : keyed.OrderBy(k => k.Key == null).ThenBy(k => k.Key, StringComparer.OrdinalIgnoreCase).ThenBy(k => k.Contact.Seq);
        return ordered.Select(k => k.Contact).ToList();
    }

    private static bool Matches(byte[] json, string[] terms)
    {
        var values = Searchable(json);
        foreach (var term in terms)
        {
            if (!values.Any(v => v.IndexOf(term, StringComparison.Ordinal) >= 0)) return false;
        }
        return true;
    }

    private static List<string> Searchable(byte[] json)
    {
        var values = new List<string>(8);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var name in TextFields)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) values.Add(value.GetString()!.ToLowerInvariant());
        }
        foreach (var name in ContactKeys.PhoneFields)
        {
            if (root.TryGetProperty(name, out var phone) && phone.ValueKind == JsonValueKind.Object
                && phone.TryGetProperty("e164", out var e164) && e164.ValueKind == JsonValueKind.String)
            {
                values.Add(e164.GetString()!);
            }
        }
        return values;
    }

    private static string? ReadString(byte[] json, string name)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
