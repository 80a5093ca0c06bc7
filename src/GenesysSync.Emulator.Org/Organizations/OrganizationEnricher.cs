using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Organizations;

/// <summary>
/// POST /organizations/enrich: find organizations by matchingIdentifiers (1..25, ExternalId only, in order; first match
/// wins), then Insert (409 on a match), Update (404 without one) or Upsert. Data is combined with fieldRules
/// (defaultAction PreferProvided / PreferExisting / AlwaysUseProvided; defaultArrayAction Fill / Extend / Replace;
/// per-field rules with "$.field"). The matching identifiers are claimed. dryRun stores nothing.
/// </summary>
internal sealed class OrganizationEnricher
{
    private static readonly string[] Actions = { "Upsert", "Update", "Insert" };
    private static readonly string[] FieldActions = { "AlwaysUseProvided", "PreferExisting", "PreferProvided" };
    private static readonly string[] ArrayActions = { "Replace", "Extend", "Fill" };

    private readonly OrgState _org;

    public OrganizationEnricher(OrgState org) => _org = org;

    /// <summary>The resulting organization JSON and whether it was created (201) or updated (200).</summary>
    public (JsonObject Entity, bool Created) Enrich(JsonObject request, bool dryRun)
    {
        var errors = new List<FieldError>();
        foreach (var property in request)
        {
            if (property.Key == "dryRun") errors.Add(FieldError.Invalid("dryRun", "dryRun is a query parameter, not a body field"));
            else if (property.Key is not ("action" or "id" or "division" or "matchingIdentifiers" or "externalOrganization" or "fieldRules"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "ExternalOrganizationEnrichRequest"));
            }
        }
        var action = JsonUtil.GetString(request, "action");
        if (action == null || !Actions.Contains(action)) errors.Add(FieldError.Invalid("action", "must be one of " + string.Join(", ", Actions)));
        var identifiers = new List<Identifier>();
        if (request["matchingIdentifiers"] is not JsonArray matching || matching.Count == 0) errors.Add(FieldError.Required("matchingIdentifiers"));
        else if (matching.Count > 25) errors.Add(FieldError.TooMany("matchingIdentifiers", 25));
        else
        {
            for (var i = 0; i < matching.Count; i++)
            {
                var path = "matchingIdentifiers[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var identifier = Identifier.Read(matching[i], path, _org.Sources, errors);
                if (identifier == null) continue;
                if (identifier.Type != "ExternalId") errors.Add(FieldError.Invalid(path + ".type", "organizations are matched by ExternalId identifiers only"));
                else identifiers.Add(identifier);
            }
        }
        var body = request["externalOrganization"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => null,
        };
        if (body == null) errors.Add(FieldError.WrongType("externalOrganization", "an ExternalOrganization object"));
        var provided = body == null ? new JsonObject() : OrganizationValidator.Validate(body, _org.Sources, errors, "externalOrganization.", requireName: false);
        var rules = ReadRules(request["fieldRules"], errors);
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);

        var now = _org.Clock.UtcNow;
        var claims = identifiers.Select(i => (JsonNode)i.ToClaim(now)).ToList();
        lock (_org.Organizations.Gate)
        {
            var match = identifiers.SelectMany(i => _org.Organizations.FindByExternalId(i.SourceId!, i.Value)).FirstOrDefault();
            if (action == "Insert" && match != null) throw Errors.Conflict("An external organization matching the identifiers already exists; Insert only creates new ones.");
            if (action == "Update" && match == null) throw Errors.NotFound("external organization matching the identifiers");
            if (match == null)
            {
                if (provided["name"] == null) throw Errors.ValidationFailed(FieldError.Required("externalOrganization.name"));
                var newClaims = new JsonArray(claims.Select(c => c.DeepClone()).ToArray());
                if (dryRun)
                {
                    var preview = new StoredOrganization("", 0, provided, newClaims, null, now, now).ToJson();
                    preview.Remove("id");
                    preview.Remove("selfUri");
                    return (preview, true);
                }
                return (_org.Organizations.Add(provided, now, newClaims).ToJson(), true);
            }
            var combined = OrganizationValidator.Canonical(Combine(match.Fields, provided, rules));
            if (combined["externalIds"] is JsonArray ids && ids.Count > 10) throw Errors.ValidationFailed(FieldError.TooMany("externalOrganization.externalIds", 10));
            var updated = match.With(fields: combined, claims: MergeClaims(match.Claims, claims), replaceClaims: true, modified: now);
            if (!dryRun) _org.Organizations.Put(updated);
            return (updated.ToJson(), false);
        }
    }

    internal static JsonArray? MergeClaims(JsonArray? existing, IEnumerable<JsonNode> added)
    {
        var result = existing == null ? new JsonArray() : (JsonArray)existing.DeepClone();
        var keys = new HashSet<string>(result.OfType<JsonObject>().Select(ContactKeys.KeyOfClaim).Where(k => k != null)!, StringComparer.Ordinal);
        foreach (var claim in added.OfType<JsonObject>())
        {
            if (ContactKeys.KeyOfClaim(claim) is { } key && keys.Add(key)) result.Add(claim.DeepClone());
        }
        return result.Count == 0 ? null : result;
    }

    private sealed class Rules
    {
        public string DefaultAction { get; set; } = "PreferProvided";
        public string DefaultArrayAction { get; set; } = "Fill";
        public Dictionary<string, (string? Action, string? ArrayAction)> ByField { get; } = new(StringComparer.Ordinal);
    }

    private static Rules ReadRules(JsonNode? node, List<FieldError> errors)
    {
        var rules = new Rules();
        if (node == null) return rules;
        if (node is not JsonObject obj)
        {
            errors.Add(FieldError.WrongType("fieldRules", "an EnrichFieldRules object"));
            return rules;
        }
        if (JsonUtil.GetString(obj, "defaultAction") is { } action)
        {
            if (FieldActions.Contains(action)) rules.DefaultAction = action;
            else errors.Add(FieldError.Invalid("fieldRules.defaultAction", "must be one of " + string.Join(", ", FieldActions)));
        }
        if (JsonUtil.GetString(obj, "defaultArrayAction") is { } arrayAction)
        {
            if (ArrayActions.Contains(arrayAction)) rules.DefaultArrayAction = arrayAction;
            else errors.Add(FieldError.Invalid("fieldRules.defaultArrayAction", "must be one of " + string.Join(", ", ArrayActions)));
        }
        var list = JsonUtil.GetArray(obj, "rules") ?? new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var path = "fieldRules.rules[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var field = JsonUtil.GetString(list[i] as JsonObject, "field");
            if (field == null || !field.StartsWith("$.", StringComparison.Ordinal) || !OrganizationValidator.IsKnownField(field.Substring(2)))
            {
                errors.Add(FieldError.Invalid(path + ".field", "must be \"$.\" followed by an ExternalOrganization field"));
                continue;
            }
            var ruleAction = JsonUtil.GetString(list[i] as JsonObject, "action");
            var ruleArrayAction = JsonUtil.GetString(list[i] as JsonObject, "arrayAction");
            if (ruleAction != null && !FieldActions.Contains(ruleAction)) errors.Add(FieldError.Invalid(path + ".action", "must be one of " + string.Join(", ", FieldActions)));
            if (ruleArrayAction != null && !ArrayActions.Contains(ruleArrayAction)) errors.Add(FieldError.Invalid(path + ".arrayAction", "must be one of " + string.Join(", ", ArrayActions)));
            rules.ByField[field.Substring(2)] = (ruleAction, ruleArrayAction);
        }
        return rules;
    }

    private static JsonObject Combine(JsonObject existing, JsonObject provided, Rules rules)
    {
        var result = new JsonObject();
        foreach (var name in OrganizationValidator.WritableFields)
        {
            var rule = rules.ByField.TryGetValue(name, out var r) ? r : (null, null);
            var action = rule.Action ?? rules.DefaultAction;
            var old = existing[name];
            var given = provided[name];
            JsonNode? chosen;
            if (OrganizationValidator.IsArrayField(name) && action != "AlwaysUseProvided" && old is JsonArray oldArray && given is JsonArray newArray)
            {
                var arrayAction = rule.ArrayAction ?? rules.DefaultArrayAction;
                if (action == "PreferExisting" || arrayAction == "Replace") chosen = action == "PreferExisting" ? oldArray : newArray;
                else
                {
                    var union = (JsonArray)oldArray.DeepClone();
                    foreach (var item in newArray)
                    {
                        if (union.Any(u => JsonNode.DeepEquals(u, item))) continue;
                        if (arrayAction == "Fill" && name == "externalIds" && union.Count >= 10) break;
                        union.Add(item?.DeepClone());
                    }
                    chosen = union;
                }
            }
            else
            {
                chosen = action switch
                {
                    "AlwaysUseProvided" => given,
                    "PreferExisting" => old ?? given,
                    _ => given ?? old,
                };
            }
            if (chosen != null) result[name] = chosen.DeepClone();
        }
        return result;
    }
}
