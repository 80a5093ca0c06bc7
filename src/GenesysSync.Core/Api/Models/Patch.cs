using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>Body of <c>PATCH /contacts/{id}</c>.</summary>
public sealed class ContactPatchRequest : JsonModel
{
    [JsonPropertyName("changes")] public List<ContactPatchChange> Changes { get; set; } = new();
}

public sealed class ContactPatchChange : JsonModel
{
    public ContactPatchChange() { }

    public ContactPatchChange(string field, object? value, string action = ContactPatchActions.Update)
    {
        Field = field;
        Value = value;
        Action = action;
    }

    /// <summary>One of <see cref="ContactPatchActions"/>.</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
    /// <summary>The contact field, e.g. "firstName" or "workPhone".</summary>
    [JsonPropertyName("field")] public string? Field { get; set; }
    /// <summary>Any JSON value (string, PhoneNumber, ...); read back as a JsonElement.</summary>
    [JsonPropertyName("value")] public object? Value { get; set; }
}

public static class ContactPatchActions
{
    public const string UpdateIfEmpty = "UpdateIfEmpty";
    public const string UpdateIfExists = "UpdateIfExists";
    public const string Update = "Update";
    public const string AppendToCollection = "AppendToCollection";
    public const string Remove = "Remove";
    public const string RemoveFromCollection = "RemoveFromCollection";
}
