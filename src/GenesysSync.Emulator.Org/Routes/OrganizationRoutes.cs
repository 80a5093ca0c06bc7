using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Listing;
using GenesysSync.Emulator.Organizations;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// External organizations: search (GET /organizations: q over the name, trustorId ≤25 which overrides q, sortOrder
/// name|companyType|industry, divisionIds ≤50, includeTrustors, paging window 1000), create (200), GET/PUT/PATCH/DELETE
/// by id (delete also removes the organization's notes and relationships and unlinks its contacts), the contacts of an
/// organization, identifiers (list, claim/release ExternalId), trustor link/unlink, enrich (201/200, dryRun), identifier
/// lookup (ExternalId only) and scan (limit 10..200, 24 h cursors).
/// </summary>
internal sealed class OrganizationRoutes : IRouteFamily
{
    public const string Organizations = "/api/v2/externalcontacts/organizations";
    public const string Organization = Organizations + "/{externalOrganizationId}";
    public const string Scan = "/api/v2/externalcontacts/scan/organizations";
    public const string Lookup = "/api/v2/externalcontacts/identifierlookup/organizations";

    private static readonly string[] SearchExpand = { "externalDataSources", "division", "identifiers", "externalSources" };
    private static readonly string[] ContactExpand = { "externalOrganization", "externalDataSources", "identifiers", "externalSources", "division" };

    private readonly OrgState _org;
    private readonly OrganizationService _organizations;
    private readonly OrganizationEnricher _enricher;

    public OrganizationRoutes(OrgState org)
    {
        _org = org;
        _organizations = new OrganizationService(org);
        _enricher = new OrganizationEnricher(org);
    }

    public void Register(Router router)
    {
        router.Map("GET", Organizations, Search);
        router.Map("POST", Organizations, c => Json(200, _organizations.Create(c.BodyObject())));
        router.Map("GET", Organization, c =>
        {
            CheckExpand(c, SearchExpand);
            return Json(200, _organizations.Get(c.Param("externalOrganizationId")), c.QueryBool("includeTrustors"));
        });
        router.Map("PUT", Organization, c => Json(200, _organizations.Replace(c.Param("externalOrganizationId"), c.BodyObject())));
        router.Map("PATCH", Organization, c => Json(200, _organizations.Patch(c.Param("externalOrganizationId"), c.BodyObject())));
        router.Map("DELETE", Organization, c =>
        {
            _organizations.Delete(c.Param("externalOrganizationId"));
            return ApiResponse.Json(200, "{}");
        });
        router.Map("GET", Organization + "/contacts", ContactsOf);
        router.Map("GET", Organization + "/identifiers", c =>
        {
            var organization = _organizations.Get(c.Param("externalOrganizationId"));
            return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject { ["entities"] = organization.Claims?.DeepClone() ?? new JsonArray() }));
        });
        router.Map("PATCH", Organization + "/identifiers", ClaimOrRelease);
        router.Map("PUT", Organization + "/trustor/{trustorId}", LinkTrustor);
        router.Map("DELETE", Organization + "/trustor", UnlinkTrustor);
        router.Map("POST", Organizations + "/enrich", c =>
        {
            var (entity, created) = _enricher.Enrich(c.BodyObject(), c.QueryBool("dryRun"));
            return ApiResponse.Json(created ? 201 : 200, JsonUtil.ToBytes(entity));
        });
        router.Map("POST", Lookup, LookupOrganization);
        router.Map("GET", Scan, c => ScanPage(c, Scan));
        router.Map("GET", Scan + "/divisionviews/all", c => ScanPage(c, Scan + "/divisionviews/all"));
    }

    private ApiResponse Search(RouteContext context)
    {
        var page = PageRequest.Read(context);
        CheckExpand(context, SearchExpand);
        var (sortField, descending) = PageRequest.SortOrder(context, "companyType", "industry", "name");
        var includeTrustors = context.QueryBool("includeTrustors");
        var trustors = PageRequest.Values(context, "trustorId");
        if (trustors.Count > 25) throw Errors.InvalidQueryParam("trustorId", trustors.Count + " values", "at most 25 trustor ids");
        var inDivision = PageRequest.InHomeDivision(context);
        List<StoredOrganization> matches;
        if (!inDivision) matches = new List<StoredOrganization>();
        else if (trustors.Count > 0)
        {
            // By trustor: q is ignored and the order is the order asked for.
            matches = trustors.Select(t => _org.Organizations.FindByTrustor(t)).Where(o => o != null).Select(o => o!).Distinct().ToList();
        }
        else
        {
            var terms = (context.Request.QueryValue("q") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray();
            matches = _org.Organizations.All().Where(o => terms.All(t => (o.Name ?? "").ToLowerInvariant().Contains(t))).ToList();
        }
        if (sortField != null && trustors.Count == 0)
        {
            string? Key(StoredOrganization o) => JsonUtil.GetString(o.Fields, sortField);
            matches = (descending
                ? matches.OrderBy(o => Key(o) == null).ThenByDescending(Key, StringComparer.OrdinalIgnoreCase)
                : matches.OrderBy(o => Key(o) == null).ThenBy(Key, StringComparer.OrdinalIgnoreCase)).ThenBy(o => o.Seq).ToList();
        }
        var q = context.Request.QueryValue("q");
        return page.Write(matches, Organizations, (w, o) => o.ToJson(includeTrustors).WriteTo(w, JsonUtil.SerializerOptions),
            q == null ? null : "&q=" + Uri.EscapeDataString(q));
    }

    private ApiResponse ContactsOf(RouteContext context)
    {
        var organization = _organizations.Get(context.Param("externalOrganizationId"));
        var page = PageRequest.Read(context);
        CheckExpand(context, ContactExpand);
        var (sortField, descending) = PageRequest.SortOrder(context, ContactSearch.SortFields);
        var q = context.Request.QueryValue("q");
        var members = _org.Contacts.Find(ContactKeys.Organization(organization.Id));
        var matches = ContactSearch.Find(members, q, sortField, descending);
        return page.Write(matches, Organizations + "/" + organization.Id + "/contacts", (w, c) => c.WriteTo(w), q == null ? null : "&q=" + Uri.EscapeDataString(q));
    }

    private ApiResponse ClaimOrRelease(RouteContext context)
    {
        var id = context.Param("externalOrganizationId");
        var (operation, identifier) = ClaimRequest.Read(context.BodyObject(), _org, "ExternalOrganizationIdentifierClaimRequest");
        if (identifier.Type != "ExternalId") throw Errors.ValidationFailed(FieldError.Invalid("identifier.type", "organizations hold ExternalId identifiers only"));
        var now = _org.Clock.UtcNow;
        lock (_org.Organizations.Gate)
        {
            var organization = _organizations.Get(id);
            var claims = organization.Claims ?? new JsonArray();
            var held = claims.OfType<JsonObject>().FirstOrDefault(c => ContactKeys.KeyOfClaim(c) == identifier.Key);
            if (operation == "Claim")
            {
                if (held != null) return ApiResponse.Json(200, JsonUtil.ToBytes(held));
                if (_org.Organizations.FindByExternalId(identifier.SourceId!, identifier.Value).Any(o => o.Id != organization.Id
                    && (o.Claims ?? new JsonArray()).OfType<JsonObject>().Any(c => ContactKeys.KeyOfClaim(c) == identifier.Key)))
                {
                    throw Errors.Conflict("Another external organization has already claimed this identifier.");
                }
                var claim = identifier.ToClaim(now);
                _org.Organizations.Put(organization.With(claims: OrganizationEnricher.MergeClaims(claims, new[] { claim }), replaceClaims: true, modified: now));
                return ApiResponse.Json(200, JsonUtil.ToBytes(claim));
            }
            if (held == null) throw Errors.NotFound("identifier claimed by this external organization");
            var remaining = new JsonArray(claims.OfType<JsonObject>().Where(c => ContactKeys.KeyOfClaim(c) != identifier.Key).Select(c => (JsonNode)c.DeepClone()).ToArray());
            _org.Organizations.Put(organization.With(claims: remaining.Count == 0 ? null : remaining, replaceClaims: true, modified: now));
            return ApiResponse.Json(200, JsonUtil.ToBytes(held));
        }
    }

    private ApiResponse LinkTrustor(RouteContext context)
    {
        var trustorId = context.Param("trustorId").Trim();
        if (!Guid.TryParse(trustorId, out _)) throw Errors.ValidationFailed(FieldError.Invalid("trustorId", "must be the id of an organization that trusts this one"));
        var now = _org.Clock.UtcNow;
        lock (_org.Organizations.Gate)
        {
            var organization = _organizations.Get(context.Param("externalOrganizationId"));
            var other = _org.Organizations.FindByTrustor(trustorId);
            if (other != null && other.Id != organization.Id) throw Errors.Conflict("The trustor is already linked to another external organization.");
            _org.Organizations.Put(organization.With(trustorId: trustorId, replaceTrustor: true));
            return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject
            {
                ["division"] = new JsonObject { ["id"] = OrgState.HomeDivisionId, ["name"] = OrgState.HomeDivisionName, ["selfUri"] = OrgState.DivisionUri },
                ["externalOrganizationId"] = organization.Id,
                ["trustorOrgId"] = trustorId,
                ["dateCreated"] = JsonUtil.Timestamp(now),
                ["externalOrganizationUri"] = StoredOrganization.UriFor(organization.Id),
            }));
        }
    }

    private ApiResponse UnlinkTrustor(RouteContext context)
    {
        lock (_org.Organizations.Gate)
        {
            var organization = _organizations.Get(context.Param("externalOrganizationId"));
            if (organization.TrustorId == null) throw Errors.NotFound("trustor link");
            _org.Organizations.Put(organization.With(trustorId: null, replaceTrustor: true));
        }
        return new ApiResponse(204, null);
    }

    private ApiResponse LookupOrganization(RouteContext context)
    {
        CheckExpand(context, new[] { "identifiers", "externalSources", "division" });
        var errors = new List<FieldError>();
        var identifier = Identifier.Read(context.BodyObject(), "", _org.Sources, errors);
        if (errors.Count > 0 || identifier == null) throw Errors.ValidationFailed(errors);
        if (identifier.Type != "ExternalId") throw Errors.ValidationFailed(FieldError.Invalid("type", "only ExternalId identifiers can look up an external organization"));
        var match = _org.Organizations.FindByExternalId(identifier.SourceId!, identifier.Value).FirstOrDefault() ?? throw Errors.NotFound("external organization");
        return Json(200, match);
    }

    private ApiResponse ScanPage(RouteContext context, string path)
        => ScanCursor.Page(context, "org", path, (after, take) => _org.Organizations.After(after, take), o => o.Seq,
            (w, o) => o.ToJson().WriteTo(w, JsonUtil.SerializerOptions));

    internal static void CheckExpand(RouteContext context, string[] allowed)
    {
        foreach (var value in PageRequest.Values(context, "expand"))
        {
            if (!allowed.Contains(value, StringComparer.Ordinal)) throw Errors.InvalidQueryParam("expand", value, string.Join(", ", allowed));
        }
    }

    private static ApiResponse Json(int status, StoredOrganization organization, bool includeTrustor = false)
        => ApiResponse.Json(status, JsonUtil.ToBytes(organization.ToJson(includeTrustor)));
}
