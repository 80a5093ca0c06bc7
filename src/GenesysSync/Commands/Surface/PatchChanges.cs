using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysSync.Api.Models;

namespace GenesysSync.Commands.Surface;

/// <summary>Turns a -Changes hashtable (field path → value, $null removes) into PATCH changes.</summary>
internal static class PatchChanges
{
    public static List<ContactPatchChange> From(Hashtable changes)
    {
        var result = new List<ContactPatchChange>();
        foreach (DictionaryEntry entry in changes)
        {
            var value = Unwrap(entry.Value);
            result.Add(new ContactPatchChange(entry.Key?.ToString() ?? "", value, value is null ? ContactPatchActions.Remove : ContactPatchActions.Update));
        }
        return result;
    }

    /// <summary>PowerShell values as plain .NET values the JSON serializer understands (hashtables become dictionaries).</summary>
    public static object? Unwrap(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        switch (value)
        {
            case null:
                return null;
            case IDictionary dictionary:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in dictionary) map[e.Key?.ToString() ?? ""] = Unwrap(e.Value);
                return map;
            case string s:
                return s;
            case IEnumerable items:
                var list = new List<object?>();
                foreach (var item in items) list.Add(Unwrap(item));
                return list;
            default:
                return value;
        }
    }
}
