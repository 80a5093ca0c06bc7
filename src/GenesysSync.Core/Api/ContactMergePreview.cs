using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Api.Models;

namespace GenesysSync.Api;

/// <summary>
/// What <c>POST /contacts/merge</c> will produce, computed locally for -WhatIf from the documented rules: a field comes
/// from valueOverride when given, else from the most recently modified contact that has it; e-mails and phones that
/// conflict move to a free slot of the same kind instead of being lost; external ids (≤ 10) and identifiers are united.
/// The server has the last word (the preview has no id); it never writes anything.
/// </summary>
public static class ContactMergePreview
{
    private static readonly string[] Emails = { "workEmail", "personalEmail", "otherEmail" };
    private static readonly string[] Phones = { "workPhone", "cellPhone", "homePhone", "otherPhone" };
    private static readonly string[] Server = { "id", "type", "division", "createDate", "modifyDate", "selfUri", "identifiers", "externalDataSources",
        "canonicalContact", "mergeSet", "mergedFrom", "mergedTo", "mergeOperation" };

    public static ExternalContact Preview(IReadOnlyList<ExternalContact> contacts, ExternalContact? valueOverride = null)
    {
        if (contacts is null || contacts.Count < 2) throw new ArgumentException("A merge needs at least two contacts.", nameof(contacts));
        var recentFirst = contacts.Select((c, i) => (Contact: c, Index: i))
            .OrderByDescending(x => x.Contact.ModifyDate ?? DateTimeOffset.MinValue).ThenByDescending(x => x.Index)
            .Select(x => ToJson(x.Contact)).ToList();
        var overrides = valueOverride is null ? new JsonObject() : ToJson(valueOverride);
        foreach (var name in Server) overrides.Remove(name);

        var result = new JsonObject();
        var names = recentFirst.SelectMany(c => c.Select(p => p.Key)).Concat(overrides.Select(p => p.Key)).Distinct(StringComparer.Ordinal)
            .Where(n => !Server.Contains(n) && !Emails.Contains(n) && !Phones.Contains(n) && n != "externalIds").ToList();
        foreach (var name in names)
        {
            var value = overrides[name] ?? recentFirst.Select(c => c[name]).FirstOrDefault(v => v is not null);
            if (value is not null) result[name] = value.DeepClone();
        }
        Slots(result, Emails, recentFirst, overrides, v => v.GetValue<string>().Trim().ToLowerInvariant());
        Slots(result, Phones, recentFirst, overrides, v => (v["e164"] ?? v["display"])?.ToString() ?? "");

        var externalIds = new JsonArray();
        foreach (var item in new[] { overrides }.Concat(recentFirst).SelectMany(c => c["externalIds"] as JsonArray ?? new JsonArray()))
        {
            if (externalIds.Count < 10 && !externalIds.Any(e => Same(e, item))) externalIds.Add(item?.DeepClone());
        }
        if (externalIds.Count > 0) result["externalIds"] = externalIds;
        var identifiers = new JsonArray();
        foreach (var item in recentFirst.SelectMany(c => c["identifiers"] as JsonArray ?? new JsonArray()))
        {
            if (!identifiers.Any(e => e?["type"]?.ToString() == item?["type"]?.ToString() && e?["value"]?.ToString() == item?["value"]?.ToString())) identifiers.Add(item?.DeepClone());
        }
        if (identifiers.Count > 0) result["identifiers"] = identifiers;
        result["type"] = contacts.Any(c => c.Type is null || c.Type == "Curated") ? "Curated" : contacts.Any(c => c.Type == "Identified") ? "Identified" : "Ephemeral";
        result["mergedFrom"] = new JsonArray(contacts.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id }).ToArray());
        return result.Deserialize<ExternalContact>(GenesysJson.Options)!;
    }

    private static void Slots(JsonObject result, string[] slots, List<JsonObject> recentFirst, JsonObject overrides, Func<JsonNode, string> key)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            var value = overrides[slot] ?? recentFirst.Select(c => c[slot]).FirstOrDefault(v => v is not null && !placed.Contains(key(v)));
            if (value is null) continue;
            result[slot] = value.DeepClone();
            placed.Add(key(value));
        }
        var leftovers = recentFirst.SelectMany(c => slots.Select(s => c[s])).Where(v => v is not null && placed.Add(key(v!))).ToList();
        foreach (var slot in slots.Where(s => result[s] is null))
        {
            if (leftovers.Count == 0) break;
            result[slot] = leftovers[0]!.DeepClone();
            leftovers.RemoveAt(0);
        }
    }

    private static bool Same(JsonNode? a, JsonNode? b)
        => a?["externalSource"]?["id"]?.ToString() == b?["externalSource"]?["id"]?.ToString() && a?["value"]?.ToString() == b?["value"]?.ToString();

    private static JsonObject ToJson(ExternalContact contact)
        => JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(contact, GenesysJson.Options))!.AsObject();
}
