using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Routes;

/// <summary>Reads an IdentifierClaimRequest {operation: Claim|Release, identifier} (contacts and organizations alike).</summary>
internal static class ClaimRequest
{
    public static (string Operation, Identifier Identifier) Read(JsonObject body, OrgState org, string objectName)
    {
        var errors = new List<FieldError>();
        foreach (var property in body)
        {
            if (property.Key is not ("operation" or "identifier")) errors.Add(FieldError.UnknownProperty(property.Key, objectName));
        }
        var operation = JsonUtil.GetString(body, "operation");
        if (operation is not ("Claim" or "Release")) errors.Add(FieldError.Invalid("operation", "must be one of Claim, Release"));
        Identifier? identifier = null;
        if (body["identifier"] == null) errors.Add(FieldError.Required("identifier"));
        else identifier = Identifier.Read(body["identifier"], "identifier", org.Sources, errors);
        if (errors.Count > 0 || identifier == null) throw Errors.ValidationFailed(errors);
        return (operation!, identifier);
    }
}
