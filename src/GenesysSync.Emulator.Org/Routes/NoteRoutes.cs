using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Listing;
using GenesysSync.Emulator.Notes;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Notes on contacts (/contacts/{contactId}/notes) and organizations (/organizations/{externalOrganizationId}/notes):
/// list (pageSize ≤100, window 1000, sortOrder createDate[:asc|desc], contacts: expand=mergeset adds the notes of
/// merged-away contacts), create (200), GET/PUT/PATCH/DELETE one; bulk fetch/add/update/remove; scan (cursor).
/// A note id under the wrong entity is 404.
/// </summary>
internal sealed class NoteRoutes : IRouteFamily
{
    public const string ContactNotes = "/api/v2/externalcontacts/contacts/{contactId}/notes";
    public const string OrganizationNotes = "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes";
    public const string Bulk = "/api/v2/externalcontacts/bulk/notes";
    public const string Scan = "/api/v2/externalcontacts/scan/notes";
    public const int MaxPageSize = 100;

    private readonly OrgState _org;
    private readonly NoteService _notes;

    public NoteRoutes(OrgState org)
    {
        _org = org;
        _notes = new NoteService(org);
    }

    public void Register(Router router)
    {
        MapEntity(router, ContactNotes, "contactId", StoredNote.ContactEntity, new[] { "author", "externalDataSources", "division", "mergeset" });
        MapEntity(router, OrganizationNotes, "externalOrganizationId", StoredNote.OrganizationEntity, new[] { "author", "externalDataSources", "division" });

        router.Map("POST", Bulk, c => Each(c, e => Ok(_notes.GetById(BulkResults.RequireId(e)), 200)));
        router.Map("POST", Bulk + "/add", c => Each(c, e => Ok(_notes.CreateFromBulk(BulkResults.RequireObject(e), c.ClientId), 201)));
        router.Map("POST", Bulk + "/update", c => Each(c, e => Ok(_notes.Replace(_notes.GetById(BulkResults.RequireId(e)), BulkResults.RequireObject(e)), 200)));
        router.Map("POST", Bulk + "/remove", c => Each(c, e =>
        {
            var note = _notes.GetById(BulkResults.RequireId(e));
            _notes.Delete(note);
            return new BulkOutcome { Id = note.Id, Success = true, Status = 200 };
        }));
        router.Map("GET", Scan, c => ScanPage(c, Scan));
        router.Map("GET", Scan + "/divisionviews/all", c => ScanPage(c, Scan + "/divisionviews/all"));
    }

    private void MapEntity(Router router, string path, string parameter, string entityType, string[] expand)
    {
        var one = path + "/{noteId}";
        router.Map("GET", path, c =>
        {
            var owner = _notes.RequireEntity(entityType, c.Param(parameter));
            var page = PageRequest.Read(c, MaxPageSize);
            var expanded = PageRequest.Values(c, "expand");
            OrganizationRoutes.CheckExpand(c, expand);
            var (_, descending) = PageRequest.SortOrder(c, "createDate");
            var notes = _notes.Of(entityType, _notes.ListedIds(entityType, owner, expanded.Contains("mergeset")));
            if (descending) notes.Reverse();
            return page.Write(notes, path.Replace("{" + parameter + "}", owner), (w, n) => n.ToJson().WriteTo(w, JsonUtil.SerializerOptions));
        });
        router.Map("POST", path, c => Json(_notes.Create(entityType, c.Param(parameter), c.BodyObject(), c.ClientId)));
        router.Map("GET", one, c =>
        {
            OrganizationRoutes.CheckExpand(c, expand.Where(e => e != "mergeset").ToArray());
            return Json(_notes.Get(entityType, c.Param(parameter), c.Param("noteId")));
        });
        router.Map("PUT", one, c => Json(_notes.Replace(_notes.Get(entityType, c.Param(parameter), c.Param("noteId")), c.BodyObject())));
        router.Map("PATCH", one, c => Json(_notes.Patch(_notes.Get(entityType, c.Param(parameter), c.Param("noteId")), c.BodyObject())));
        router.Map("DELETE", one, c =>
        {
            _notes.Delete(_notes.Get(entityType, c.Param(parameter), c.Param("noteId")));
            return ApiResponse.Json(200, "{}");
        });
    }

    private ApiResponse ScanPage(RouteContext context, string path)
        => ScanCursor.Page(context, "note", path, (after, take) => _org.Notes.After(after, take, _notes.EntityExists), n => n.Seq,
            (w, n) => n.ToJson().WriteTo(w, JsonUtil.SerializerOptions));

    private static BulkOutcome Ok(StoredNote note, int status)
        => new() { Id = note.Id, Success = true, Status = status, Entity = JsonUtil.ToBytes(note.ToJson()) };

    private static ApiResponse Json(StoredNote note) => ApiResponse.Json(200, JsonUtil.ToBytes(note.ToJson()));

    private ApiResponse Each(RouteContext context, Func<JsonNode?, BulkOutcome> operation)
    {
        var entities = BulkResults.ReadEntities(context, _org.Options.MaxBulkEntities);
        var outcomes = new List<BulkOutcome>(entities.Count);
        foreach (var entity in entities) outcomes.Add(BulkResults.Run(entity, () => operation(entity)));
        return BulkResults.Write(outcomes);
    }
}
