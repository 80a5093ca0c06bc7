using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;
using GenesysSync.Emulator.Schemas;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Contact custom-field schemas (DataSchema): GET|POST /contacts/schemas, GET|PUT|DELETE /contacts/schemas/{schemaId},
/// GET .../versions and .../versions/{versionId}, GET /contacts/schemas/limits. POST creates version 1 (200); PUT needs
/// the current <c>version</c> (else 409) and stores version n+1; names are unique (409); DELETE answers 204 and keeps
/// the values contacts already hold. Every version is kept, so contacts written against an older one stay valid.
/// </summary>
internal sealed class ContactSchemaRoutes : IRouteFamily
{
    public const string Schemas = "/api/v2/externalcontacts/contacts/schemas";
    public const string Schema = Schemas + "/{schemaId}";
    public const string Versions = Schema + "/versions";
    public const string Version = Versions + "/{versionId}";
    public const string Limits = Schemas + "/limits";

    private readonly OrgState _org;

    public ContactSchemaRoutes(OrgState org) => _org = org;

    public void Register(Router router)
    {
        router.Map("GET", Schemas, _ => Listing(Schemas, _org.Schemas.List()));
        router.Map("POST", Schemas, Create);
        router.Map("GET", Limits, _ => ApiResponse.Json(200, JsonUtil.ToBytes(LimitsJson())));
        router.Map("GET", Schema, c => Json(_org.Schemas.Latest(c.Param("schemaId")) ?? throw Errors.NotFound("schema")));
        router.Map("PUT", Schema, Update);
        router.Map("DELETE", Schema, c =>
        {
            if (!_org.Schemas.Remove(c.Param("schemaId"))) throw Errors.NotFound("schema");
            return new ApiResponse(204, null, null);
        });
        router.Map("GET", Versions, c =>
        {
            var versions = _org.Schemas.Versions(c.Param("schemaId")) ?? throw Errors.NotFound("schema");
            return Listing(SchemaVersion.UriFor(versions[0].Id) + "/versions", versions);
        });
        router.Map("GET", Version, c =>
        {
            var id = c.Param("schemaId");
            if (_org.Schemas.Latest(id) == null) throw Errors.NotFound("schema");
            var text = c.Param("versionId");
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) throw Errors.NotFound("schema version");
            return Json(_org.Schemas.Version(id, number) ?? throw Errors.NotFound("schema version"));
        });
    }

    private ApiResponse Create(RouteContext context)
    {
        var limits = _org.Options.Schemas;
        Read(context.BodyObject(), isUpdate: false, out var name, out var enabled, out var document, out var fields, out var required, out _);
        if (_org.Schemas.Count >= limits.MaxSchemasPerOrg)
            throw Errors.BadRequest("The org already holds the maximum number of contact schemas (" + limits.MaxSchemasPerOrg.ToString(CultureInfo.InvariantCulture) + ").");
        CheckOrgFieldBudget(fields.Count, null);
        var stored = _org.Schemas.TryAdd(name, enabled, document, fields, required, _org.Clock.UtcNow) ?? throw DuplicateName();
        return Json(stored);
    }

    private ApiResponse Update(RouteContext context)
    {
        var id = context.Param("schemaId");
        if (_org.Schemas.Latest(id) == null) throw Errors.NotFound("schema");
        Read(context.BodyObject(), isUpdate: true, out var name, out var enabled, out var document, out var fields, out var required, out var version);
        CheckOrgFieldBudget(fields.Count, id);
        return _org.Schemas.TryUpdate(id, version!.Value, name, enabled, document, fields, required, _org.Clock.UtcNow, out var updated) switch
        {
            SchemaStore.UpdateOutcome.NotFound => throw Errors.NotFound("schema"),
            SchemaStore.UpdateOutcome.VersionMismatch => throw Errors.Conflict("The schema version does not match the current version; read the schema again and resend."),
            SchemaStore.UpdateOutcome.NameTaken => throw DuplicateName(),
            _ => Json(updated!),
        };
    }

    private void CheckOrgFieldBudget(int adding, string? replacing)
    {
        var max = _org.Options.Schemas.MaxFieldsPerOrg;
        if (_org.Schemas.FieldCount(replacing) + adding > max)
            throw Errors.BadRequest("The org's contact schemas would hold more than " + max.ToString(CultureInfo.InvariantCulture) + " fields.");
    }

    private static ApiException DuplicateName() => Errors.Conflict("A contact schema with this name already exists; names must be unique.");

    private void Read(JsonObject body, bool isUpdate, out string name, out bool enabled, out JsonObject document, out List<SchemaField> fields,
        out List<string> required, out int? version)
    {
        var limits = _org.Options.Schemas;
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("id" or "name" or "version" or "appliesTo" or "enabled" or "createdBy" or "dateCreated" or "jsonSchema" or "selfUri"))
                errors.Add(FieldError.UnknownProperty(property.Key, "DataSchema"));
        }
        name = (JsonUtil.TryGetString(body, "name", out var n) ? n?.Trim() : null) ?? "";
        if (name.Length == 0) errors.Add(FieldError.Required("name"));
        else if (name.Length > limits.MaxSchemaNameCharacters) errors.Add(FieldError.TooLong("name", limits.MaxSchemaNameCharacters));
        else if (name.Length < limits.MinSchemaNameCharacters) errors.Add(FieldError.Invalid("name", "the name is too short"));

        enabled = true;
        if (body["enabled"] is { } e)
        {
            if (e.GetValueKind() is JsonValueKind.True or JsonValueKind.False) enabled = e.GetValue<bool>();
            else errors.Add(FieldError.WrongType("enabled", "true or false"));
        }

        version = null;
        if (body["version"] is { } v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.AsValue().TryGetValue<int>(out var number) && number > 0) version = number;
            else errors.Add(FieldError.WrongType("version", "a positive whole number"));
        }
        else if (isUpdate) errors.Add(FieldError.Required("version"));

        fields = new List<SchemaField>();
        required = new List<string>();
        document = new JsonObject();
        if (body["jsonSchema"] is not JsonObject jsonSchema) errors.Add(FieldError.Required("jsonSchema"));
        else
        {
            if (jsonSchema["description"] is { } d && d.GetValueKind() == JsonValueKind.String && d.GetValue<string>().Length > limits.MaxSchemaDescriptionCharacters)
                errors.Add(FieldError.TooLong("jsonSchema.description", limits.MaxSchemaDescriptionCharacters));
            (fields, required) = SchemaRules.ReadDocument(jsonSchema, limits, errors);
            document = (JsonObject)jsonSchema.DeepClone();
            document["$schema"] ??= "http://json-schema.org/draft-04/schema#";
            document["type"] ??= "object";
            document["title"] ??= name;
            document["additionalProperties"] ??= false;
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
    }

    private JsonObject LimitsJson()
    {
        var l = _org.Options.Schemas;
        return new JsonObject
        {
            ["minFieldNameCharacters"] = l.MinFieldNameCharacters,
            ["maxFieldNameCharacters"] = l.MaxFieldNameCharacters,
            ["minFieldTitleCharacters"] = 1,
            ["maxFieldTitleCharacters"] = l.MaxFieldTitleCharacters,
            ["minFieldDescriptionCharacters"] = 0,
            ["maxFieldDescriptionCharacters"] = l.MaxFieldDescriptionCharacters,
            ["minSchemaNameCharacters"] = l.MinSchemaNameCharacters,
            ["maxSchemaNameCharacters"] = l.MaxSchemaNameCharacters,
            ["minSchemaDescriptionCharacters"] = 0,
            ["maxSchemaDescriptionCharacters"] = l.MaxSchemaDescriptionCharacters,
            ["maxNumberOfSchemasPerOrg"] = l.MaxSchemasPerOrg,
            ["maxNumberOfFieldsPerSchema"] = l.MaxFieldsPerSchema,
            ["maxNumberOfFieldsPerOrg"] = l.MaxFieldsPerOrg,
            ["selfUri"] = Limits,
        };
    }

    private static ApiResponse Listing(string selfUri, IReadOnlyList<SchemaVersion> schemas) => ApiResponse.Json(200, JsonUtil.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total", schemas.Count);
        w.WriteStartArray("entities");
        foreach (var schema in schemas) schema.ToJson().WriteTo(w, JsonUtil.SerializerOptions);
        w.WriteEndArray();
        w.WriteString("selfUri", selfUri);
        w.WriteEndObject();
    }));

    private static ApiResponse Json(SchemaVersion schema) => ApiResponse.Json(200, JsonUtil.ToBytes(schema.ToJson()));
}
