using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Contacts;

/// <summary>The outcome of one enrich operation: the resulting contact JSON and whether it was created (201) or updated (200).</summary>
internal sealed class EnrichResult
{
    public EnrichResult(byte[] entity, bool created)
    {
        Entity = entity;
        Created = created;
    }

    public byte[] Entity { get; }
    public bool Created { get; }
    public int Status => Created ? 201 : 200;
}

/// <summary>
/// POST /contacts/enrich: find contacts by matchingIdentifiers (in order; first match wins) and then
/// Insert (409 if any match), Update (404 if none), Upsert (create or update) or Merge (create, update, or fold several
/// matches into the first: the others are deleted). Data is combined with fieldRules (default PreferProvided, arrays
/// Fill). The matching identifiers are claimed by the resulting contact, so the next enrich with them finds it.
/// dryRun computes the result without storing anything.
/// </summary>
internal sealed class ContactEnricher
{
    private static readonly string[] Actions = { "Merge", "Upsert", "Update", "Insert" };
    private static readonly string[] FieldActions = { "AlwaysUseProvided", "PreferExisting", "PreferProvided" };
    private static readonly string[] ArrayActions = { "Replace", "Extend", "Fill" };
    private static readonly Regex RulePath = new(@"^\$\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant);

    private readonly OrgState _org;

    // Find-then-write must be atomic, or two concurrent upserts of one identifier would both create.
    private readonly object _gate = new();

    public ContactEnricher(OrgState org) => _org = org;

    public EnrichResult Enrich(JsonObject request, bool dryRun)
    {
        var (draft, identifiers, action, rules) = Read(request);
        lock (_gate) return Apply(draft, identifiers, action, rules, dryRun);
    }

    private (ContactDraft Draft, List<Identifier> Identifiers, string Action, FieldRules Rules) Read(JsonObject request)
    {
        var errors = new List<FieldError>();
        foreach (var property in request)
        {
            if (property.Key == "dryRun") errors.Add(FieldError.Invalid("dryRun", "dryRun is a query parameter, not a body field"));
            else if (property.Key is not ("action" or "id" or "division" or "matchingIdentifiers" or "contact" or "fieldRules" or "options"))
            {
                errors.Add(FieldError.UnknownProperty(property.Key, "ContactEnrichRequest"));
            }
        }

        var action = JsonUtil.GetString(request, "action");
        if (action == null || !Actions.Contains(action)) errors.Add(FieldError.Invalid("action", "must be one of " + string.Join(", ", Actions)));

        if (request["id"] is { } idNode && idNode.GetValueKind() != JsonValueKind.String) errors.Add(FieldError.WrongType("id", "a string"));

        if (request["division"] is JsonObject division && JsonUtil.GetString(division, "id") is { } divisionId
            && !string.Equals(divisionId, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(FieldError.Invalid("division.id", "the division does not exist"));
        }

        var identifiers = new List<Identifier>();
        if (request["matchingIdentifiers"] is not JsonArray matching || matching.Count == 0)
        {
            errors.Add(FieldError.Required("matchingIdentifiers"));
        }
        else if (matching.Count > 25)
        {
            errors.Add(FieldError.TooMany("matchingIdentifiers", 25));
        }
        else
        {
            for (var i = 0; i < matching.Count; i++)
            {
                var identifier = Identifier.Read(matching[i], "matchingIdentifiers[" + i.ToString(CultureInfo.InvariantCulture) + "]", _org.Sources, errors);
                if (identifier != null) identifiers.Add(identifier);
            }
        }

        var contactBody = request["contact"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => null,
        };
        if (contactBody == null) errors.Add(FieldError.WrongType("contact", "an ExternalContact object"));
        var draft = contactBody == null ? null : ContactValidator.Validate(contactBody, _org.Sources, errors, "contact.", organizations: _org.Organizations, schemas: _org.Schemas);
        var rules = ReadFieldRules(request["fieldRules"], errors);
        if (request["options"] is { } options && options is not JsonObject) errors.Add(FieldError.WrongType("options", "a ContactEnrichOptions object"));
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return (draft!, identifiers, action!, rules);
    }

    private EnrichResult Apply(ContactDraft draft, List<Identifier> identifiers, string action, FieldRules rules, bool dryRun)
    {
        var now = _org.Clock.UtcNow;
        var claims = new JsonArray(identifiers.Select(i => (JsonNode)i.ToClaim(now)).ToArray());
        var matches = FindMatches(identifiers);

        if (action == "Insert" && matches.Count > 0) throw Errors.Conflict("A contact matching the identifiers already exists; Insert only creates new contacts.");
        if (action == "Update" && matches.Count == 0) throw Errors.NotFound("contact matching the identifiers");

        if (matches.Count == 0)
        {
            if (dryRun) return new EnrichResult(_org.Contacts.Preview(null, draft, now, claims), created: true);
            return new EnrichResult(_org.Contacts.Add(draft, now, claims).Json, created: true);
        }

        var target = matches[0];
        var combined = Combine(ContactService.WritableFields(target), draft.Fields, rules);
        var validated = Revalidate(combined);
        if (dryRun) return new EnrichResult(_org.Contacts.Preview(target, validated, now, claims), created: false);

        var updated = _org.Contacts.Replace(target.Id, validated, now, claims) ?? throw Errors.NotFound("contact");
        if (action == "Merge")
        {
            // Folding: the other matched contacts are merged into the first and disappear.
            foreach (var other in matches.Skip(1)) _org.Contacts.Remove(other.Id);
        }
        return new EnrichResult(updated.Json, created: false);
    }

    private List<StoredContact> FindMatches(List<Identifier> identifiers)
    {
        var result = new List<StoredContact>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var identifier in identifiers)
        {
            foreach (var contact in _org.Contacts.Find(identifier.Key))
            {
                if (seen.Add(contact.Id)) result.Add(contact);
            }
        }
        return result;
    }

    /// <summary>The combination can break a limit (e.g. Extend past 10 externalIds): check it like any write.</summary>
    private ContactDraft Revalidate(JsonObject combined)
    {
        foreach (var name in new[] { "externalIds", "appleOpaqueIds" })
        {
            if (combined[name] is JsonArray array && array.Count > ContactValidator.ArrayLimit(name))
            {
                throw Errors.ValidationFailed(FieldError.TooMany("contact." + name, ContactValidator.ArrayLimit(name)));
            }
        }
        return ContactValidator.Canonical(combined);
    }

    private sealed class FieldRules
    {
        public string DefaultAction { get; set; } = "PreferProvided";
        public string DefaultArrayAction { get; set; } = "Fill";
        public Dictionary<string, (string? Action, string? ArrayAction)> ByField { get; } = new(StringComparer.Ordinal);

        public string ActionFor(string path) => ByField.TryGetValue(path, out var rule) && rule.Action != null ? rule.Action : DefaultAction;

        public string ArrayActionFor(string path) => ByField.TryGetValue(path, out var rule) && rule.ArrayAction != null ? rule.ArrayAction : DefaultArrayAction;
    }

    private static FieldRules ReadFieldRules(JsonNode? node, List<FieldError> errors)
    {
        var rules = new FieldRules();
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
            var rule = list[i] as JsonObject;
            var field = JsonUtil.GetString(rule, "field");
            if (field == null || !RulePath.IsMatch(field))
            {
                errors.Add(FieldError.Invalid(path + ".field", "must be a dot-notation path starting with $."));
                continue;
            }
            var ruleAction = JsonUtil.GetString(rule, "action");
            var ruleArrayAction = JsonUtil.GetString(rule, "arrayAction");
            if (ruleAction != null && !FieldActions.Contains(ruleAction)) errors.Add(FieldError.Invalid(path + ".action", "must be one of " + string.Join(", ", FieldActions)));
            if (ruleArrayAction != null && !ArrayActions.Contains(ruleArrayAction)) errors.Add(FieldError.Invalid(path + ".arrayAction", "must be one of " + string.Join(", ", ArrayActions)));
            rules.ByField[field.Substring(2)] = (ruleAction, ruleArrayAction);
        }
        return rules;
    }

    /// <summary>Combines stored and provided fields field by field; "address" is combined per sub-field, phones as a whole.</summary>
    private static JsonObject Combine(JsonObject existing, JsonObject provided, FieldRules rules)
    {
        var result = new JsonObject();
        foreach (var name in ContactValidator.WritableFields)
        {
            var value = CombineField(name, existing[name], provided[name], rules);
            if (value != null) result[name] = value;
        }
        return result;
    }

    private static JsonNode? CombineField(string path, JsonNode? existing, JsonNode? provided, FieldRules rules)
    {
        var action = rules.ActionFor(path);
        if (ContactValidator.IsArrayField(path)) return CombineArray(path, existing as JsonArray, provided as JsonArray, action, rules.ArrayActionFor(path));
        if (path == "address" && existing is JsonObject oldAddress && provided is JsonObject newAddress && action != "AlwaysUseProvided")
        {
            var address = new JsonObject();
            foreach (var key in oldAddress.Select(p => p.Key).Union(newAddress.Select(p => p.Key)).ToList())
            {
                var value = CombineField(path + "." + key, oldAddress[key], newAddress[key], rules);
                if (value != null) address[key] = value;
            }
            return address;
        }
        var chosen = action switch
        {
            "AlwaysUseProvided" => provided,
            "PreferExisting" => existing ?? provided,
            _ => provided ?? existing,
        };
        return chosen?.DeepClone();
    }

    private static JsonNode? CombineArray(string path, JsonArray? existing, JsonArray? provided, string action, string arrayAction)
    {
        if (action == "AlwaysUseProvided") return provided?.DeepClone();
        if (provided == null || provided.Count == 0) return existing?.DeepClone();
        if (existing == null || existing.Count == 0) return provided.DeepClone();
        if (action == "PreferExisting") return existing.DeepClone();
        if (arrayAction == "Replace") return provided.DeepClone();
        var result = (JsonArray)existing.DeepClone();
        foreach (var item in provided)
        {
            if (result.Any(r => JsonNode.DeepEquals(r, item))) continue;
            if (arrayAction == "Fill" && result.Count >= ContactValidator.ArrayLimit(path)) break;
            result.Add(item?.DeepClone());
        }
        return result;
    }
}
