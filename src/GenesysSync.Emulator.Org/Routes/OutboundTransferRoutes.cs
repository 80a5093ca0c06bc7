using System;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Outbound;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// CSV in and out of contact lists.
/// Upload: POST /uploads/v2/contactlist on the apps host (multipart: id, file, fileType=contactlist, optional
/// contact-id-name) answers 200 and queues an import that runs on the org clock (see ContactListImporter);
/// GET .../importstatus reports it. This service is not the Platform API: it checks the bearer token and the
/// per-token rate limit itself, takes any body size up to OutboundOptions.MaxUploadBytes and multipart bodies.
/// Export: POST /{id}/export (200, {id}) snapshots the list; GET /{id}/export answers 404 while "not ready", then
/// {uri, exportTimestamp}; GET /api/v2/downloads/{downloadId} serves the CSV. The uri is path-only, because the org
/// does not know which host the caller reached it on; clients resolve it against the API host.
/// </summary>
internal sealed class OutboundTransferRoutes : IRouteFamily
{
    public const string Upload = "/uploads/v2/contactlist";
    public const string Export = OutboundContactListRoutes.List + "/export";
    public const string Download = "/api/v2/downloads/{downloadId}";

    private readonly OutboundStore _store;

    public OutboundTransferRoutes(OutboundStore store) => _store = store;

    public void Register(Router router)
    {
        router.Map("POST", Upload, UploadFile, anonymous: true);
        router.Map("POST", Export, StartExport);
        router.Map("GET", Export, GetExport);
        router.Map("GET", Download, c =>
        {
            lock (_store.Gate)
            {
                var csv = _store.GetDownload(c.Param("downloadId")) ?? throw Errors.NotFound("download");
                return new ApiResponse(200, csv, "text/csv; charset=utf-8");
            }
        });
    }

    private ApiResponse UploadFile(RouteContext context)
    {
        var request = context.Request;
        var header = request.Authorization;
        if (header == null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7) return Errors.AuthenticationRequired();
        var token = context.Org.Tokens.Find(header.Substring(7).Trim());
        var now = context.Org.Clock.UtcNow;
        if (token == null || token.ExpiresAt <= now) return Errors.BadCredentials();
        var limit = context.Org.Options.RateLimitPerMinute;
        if (limit > 0 && token.Window.TryAcquire(now, limit) is { } retryAfter) return Errors.TooManyRequests(retryAfter);
        if (request.Body.Length > _store.Options.MaxUploadBytes) return Errors.TooLarge("bytes", _store.Options.MaxUploadBytes);

        var form = MultipartForm.TryParse(request.ContentType, request.Body);
        if (form == null) return Errors.UnsupportedMediaType();
        if (!form.Fields.TryGetValue("id", out var listId) || listId.Length == 0) throw Errors.ValidationFailed(FieldError.Required("id"));
        if (!form.Fields.TryGetValue("fileType", out var fileType) || fileType != "contactlist")
            throw Errors.ValidationFailed(FieldError.Invalid("fileType", "must be contactlist"));
        if (!form.Files.TryGetValue("file", out var file)) throw Errors.ValidationFailed(FieldError.Required("file"));
        form.Fields.TryGetValue("contact-id-name", out var idColumn);
        if (idColumn != null && idColumn.Length == 0) idColumn = null;

        lock (_store.Gate)
        {
            var list = _store.Get(listId);
            if (list.Import is { Finished: false }) throw Errors.Conflict("An import is already running for this contact list; wait for it to finish.");
            list.Import = ContactListImporter.Parse(file.Content, idColumn, list, _store.Options, now);
        }
        return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject { ["correlationId"] = Guid.NewGuid().ToString() }));
    }

    private ApiResponse StartExport(RouteContext context)
    {
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            var job = new ExportJob(Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), _store.Org.Clock.UtcNow, _store.Options.ExportNotReadyPolls);
            _store.PutDownload(list, job, ContactListExporter.Build(list));
            return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject
            {
                ["id"] = job.Id,
                ["selfUri"] = OutboundJson.ListUri(list.Id) + "/export",
            }));
        }
    }

    private ApiResponse GetExport(RouteContext context)
    {
        lock (_store.Gate)
        {
            var list = _store.Get(context.Param("contactListId"));
            var job = list.Export ?? throw Errors.NotFound("export");
            if (job.NotReadyPolls > 0)
            {
                job.NotReadyPolls--;
                throw Errors.NotFound("export");
            }
            return ApiResponse.Json(200, JsonUtil.ToBytes(new JsonObject
            {
                ["uri"] = "/api/v2/downloads/" + job.DownloadId,
                ["exportTimestamp"] = JsonUtil.Timestamp(job.Created),
            }));
        }
    }
}
