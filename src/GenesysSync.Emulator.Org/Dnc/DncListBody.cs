using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Dnc;

/// <summary>
/// A DncListCreate / DncList body: name and dncSourceType required; contactMethod required for rds; loginId and dncCodes
/// for dnc.com; licenseId for gryphon; customExclusionColumn for rds_custom. Read-only fields are ignored.
/// </summary>
internal sealed class DncListBody
{
    private static readonly string[] ContactMethods = { "Phone", "Email", "Any", "WhatsApp" };

    public string Name { get; private set; } = "";
    public string SourceType { get; private set; } = "";
    public string? ContactMethod { get; private set; }
    public string? LoginId { get; private set; }
    public string? CampaignId { get; private set; }
    public List<string>? DncCodes { get; private set; }
    public string? LicenseId { get; private set; }
    public string? CustomExclusionColumn { get; private set; }
    public int? Version { get; private set; }

    public static DncListBody Read(JsonObject json)
    {
        var errors = new List<FieldError>();
        var body = new DncListBody
        {
            Name = String(json, "name", errors) ?? "",
            SourceType = String(json, "dncSourceType", errors) ?? "",
            ContactMethod = String(json, "contactMethod", errors),
            LoginId = String(json, "loginId", errors),
            CampaignId = String(json, "campaignId", errors),
            LicenseId = String(json, "licenseId", errors),
            CustomExclusionColumn = String(json, "customExclusionColumn", errors),
        };
        if (json.TryGetPropertyValue("version", out var version) && version != null)
        {
            if (version is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n)) body.Version = n;
            else errors.Add(FieldError.WrongType("version", "an integer"));
        }
        if (JsonUtil.GetArray(json, "dncCodes") is { } codes)
        {
            body.DncCodes = codes.Select(c => c is JsonValue cv && cv.GetValueKind() == JsonValueKind.String ? cv.GetValue<string>() : null)
                .Where(c => c != null).Select(c => c!).ToList();
        }

        if (string.IsNullOrWhiteSpace(body.Name)) errors.Add(FieldError.Required("name"));
        else if (body.Name.Length > 256) errors.Add(FieldError.TooLong("name", 256));
        if (string.IsNullOrEmpty(body.SourceType)) errors.Add(FieldError.Required("dncSourceType"));
        else if (!DncSourceTypes.All.Contains(body.SourceType)) errors.Add(FieldError.Invalid("dncSourceType", "use one of " + string.Join(", ", DncSourceTypes.All)));
        if (body.ContactMethod != null && !ContactMethods.Contains(body.ContactMethod))
            errors.Add(FieldError.Invalid("contactMethod", "use one of " + string.Join(", ", ContactMethods)));
        switch (body.SourceType)
        {
            case DncSourceTypes.Internal when body.ContactMethod == null:
                errors.Add(FieldError.Required("contactMethod"));
                break;
            case DncSourceTypes.DncCom:
                if (string.IsNullOrEmpty(body.LoginId)) errors.Add(FieldError.Required("loginId"));
                if (body.DncCodes == null || body.DncCodes.Count == 0) errors.Add(FieldError.Required("dncCodes"));
                break;
            case DncSourceTypes.Gryphon when string.IsNullOrEmpty(body.LicenseId):
                errors.Add(FieldError.Required("licenseId"));
                break;
            case DncSourceTypes.InternalCustom when string.IsNullOrEmpty(body.CustomExclusionColumn):
                errors.Add(FieldError.Required("customExclusionColumn"));
                break;
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return body;
    }

    public void ApplyTo(StoredDncList list)
    {
        list.Name = Name;
        list.SourceType = SourceType;
        list.ContactMethod = ContactMethod;
        list.LoginId = LoginId;
        list.CampaignId = CampaignId;
        list.DncCodes = DncCodes;
        list.LicenseId = LicenseId;
        list.CustomExclusionColumn = CustomExclusionColumn;
    }

    private static string? String(JsonObject json, string name, List<FieldError> errors)
    {
        if (JsonUtil.TryGetString(json, name, out var value)) return value;
        errors.Add(FieldError.WrongType(name, "a string"));
        return null;
    }
}
