using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Listing;
using GenesysSync.Emulator.Merge;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Who a contact is: its claimed identifiers (GET, PATCH claim/release: an identifier another contact claimed → 409,
/// releasing one the contact does not hold → 404), merge (POST /contacts/merge), the unresolved (pre-merge) form of a
/// contact (GET /contacts/{id}/unresolved, POST /bulk/contacts/unresolved), promotion of an observed (Ephemeral or
/// Identified) contact to Curated (a Curated contact → 400), and reverse whitepages lookup (lookupVal: an e-mail,
/// an E.164 phone or a Twitter screen name; at most 25 contacts).
/// </summary>
internal sealed class ContactIdentityRoutes : IRouteFamily
{
    public const string Contact = "/api/v2/externalcontacts/contacts/{contactId}";
    public const string Merge = "/api/v2/externalcontacts/contacts/merge";
    public const string BulkUnresolved = "/api/v2/externalcontacts/bulk/contacts/unresolved";
    public const string Whitepages = "/api/v2/externalcontacts/reversewhitepageslookup";
    public const int MaxWhitepagesResults = 25;

    private readonly OrgState _org;
    private readonly ContactService _contacts;
    private readonly ContactMerger _merger;

    public ContactIdentityRoutes(OrgState org)
    {
        _org = org;
        _contacts = new ContactService(org);
        _merger = new ContactMerger(org);
    }

    public void Register(Router router)
    {
        router.Map("GET", Contact + "/identifiers", c =>
        {
            var contact = _contacts.Get(c.Param("contactId"));
            return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject { ["entities"] = contact.Claims ?? new JsonArray() }));
        });
        router.Map("PATCH", Contact + "/identifiers", ClaimOrRelease);
        router.Map("POST", Merge, c => ApiResponse.Json(200, _merger.Merge(c.BodyObject()).Json));
        router.Map("GET", Contact + "/unresolved", c =>
        {
            OrganizationRoutes.CheckExpand(c, new[] { "externalOrganization", "externalDataSources", "identifiers", "division" });
            return ApiResponse.Json(200, JsonUtil.ToBytes(Unresolved(c.Param("contactId"))));
        });
        router.Map("POST", BulkUnresolved, c =>
        {
            var entities = BulkResults.ReadEntities(c, _org.Options.MaxBulkEntities);
            var outcomes = entities.Select(e => BulkResults.Run(e, () =>
            {
                var json = Unresolved(BulkResults.RequireId(e));
                return new BulkOutcome { Id = JsonUtil.GetString(json, "id"), Success = true, Status = 200, Entity = JsonUtil.ToBytes(json) };
            })).ToList();
            return BulkResults.Write(outcomes);
        });
        router.Map("POST", Contact + "/promotion", Promote);
        router.Map("GET", Whitepages, LookupWhitepages);
    }

    private JsonObject Unresolved(string id)
        => _org.Merges.Unresolved(id) ?? _org.Contacts.Get(id)?.ToJsonObject() ?? throw Errors.NotFound("contact");

    private ApiResponse ClaimOrRelease(RouteContext context)
    {
        var (operation, identifier) = ClaimRequest.Read(context.BodyObject(), _org, "IdentifierClaimRequest");
        var now = _org.Clock.UtcNow;
        lock (_merger)
        {
            var contact = _org.Contacts.Get(context.Param("contactId")) ?? throw Errors.NotFound("contact");
            var claims = contact.Claims ?? new JsonArray();
            var held = claims.OfType<JsonObject>().FirstOrDefault(c => ContactKeys.KeyOfClaim(c) == identifier.Key);
            if (operation == "Claim")
            {
                if (held != null) return ApiResponse.Json(200, JsonUtil.ToBytes(held));
                var others = _org.Contacts.Find(identifier.Key).Where(c => c.Id != contact.Id && c.HasClaims
                    && c.Claims!.OfType<JsonObject>().Any(claim => ContactKeys.KeyOfClaim(claim) == identifier.Key));
                if (others.Any()) throw Errors.Conflict("Another contact has already claimed this identifier; release it there first.");
                var claim = identifier.ToClaim(now);
                var updated = (JsonArray)claims.DeepClone();
                updated.Add(claim);
                _org.Contacts.Rewrite(contact.Id, now, claims: updated);
                return ApiResponse.Json(200, JsonUtil.ToBytes(claim));
            }
            if (held == null) throw Errors.NotFound("identifier claimed by this contact");
            var remaining = new JsonArray(claims.OfType<JsonObject>().Where(c => ContactKeys.KeyOfClaim(c) != identifier.Key).Select(c => (JsonNode)c.DeepClone()).ToArray());
            _org.Contacts.Rewrite(contact.Id, now, claims: remaining);
            return ApiResponse.Json(200, JsonUtil.ToBytes(held));
        }
    }

    private ApiResponse Promote(RouteContext context)
    {
        var contact = _org.Contacts.Get(context.Param("contactId")) ?? throw Errors.NotFound("contact");
        if (contact.Type == StoredContact.Curated)
        {
            throw Errors.ValidationFailed(FieldError.Invalid("type", "the contact is already Curated; only Ephemeral or Identified contacts can be promoted"));
        }
        var promoted = _org.Contacts.Rewrite(contact.Id, _org.Clock.UtcNow, type: StoredContact.Curated) ?? throw Errors.NotFound("contact");
        return ApiResponse.Json(200, promoted.Json);
    }

    private ApiResponse LookupWhitepages(RouteContext context)
    {
        var value = context.Request.QueryValue("lookupVal")?.Trim();
        if (string.IsNullOrEmpty(value)) throw Errors.InvalidQueryParam("lookupVal", value ?? "", "an e-mail address, an E.164 phone number or a Twitter screen name");
        OrganizationRoutes.CheckExpand(context, new[] { "contacts.externalOrganization", "externalDataSources", "division" });
        var division = context.Request.QueryValue("divisionId") ?? "*";
        var inDivision = division == "*" || string.Equals(division, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase);

        List<StoredContact> matches;
        if (!inDivision) matches = new List<StoredContact>();
        else if (value!.Contains("@") && ContactValidator.LooksLikeEmail(value)) matches = _org.Contacts.Find(ContactKeys.Email(value));
        else if (value.StartsWith("+", StringComparison.Ordinal) && PhoneNormalizer.E164OrNull(value) is { } e164) matches = _org.Contacts.Find(ContactKeys.Phone(e164));
        else
        {
            var screenName = value.TrimStart('@');
            matches = _org.Contacts.All().Where(c => string.Equals(JsonUtil.GetString(JsonUtil.GetObject(c.ToJsonObject(), "twitterId"), "screenName")?.TrimStart('@'),
                screenName, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("contacts");
            foreach (var contact in matches.Take(MaxWhitepagesResults)) contact.WriteTo(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }
}
