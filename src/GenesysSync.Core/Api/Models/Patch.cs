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

    /// <param name="field">A contact field path: "firstName" / "address.city" or the API's own form "$.firstName".</param>
    public ContactPatchChange(string field, object? value, string action = ContactPatchActions.Update)
    {
        Field = ToPath(field);
        Value = value;
        Action = action;
    }

    /// <summary>One of <see cref="ContactPatchActions"/>.</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
    /// <summary>JSONPath of the field from the contact root, dot notation only: "$.firstName", "$.address.city".</summary>
    [JsonPropertyName("field")] public string? Field { get; set; }
    /// <summary>Any JSON value (string, PhoneNumber, ...); read back as a JsonElement.</summary>
    [JsonPropertyName("value")] public object? Value { get; set; }

    /// <summary>"firstName" → "$.firstName"; a path already starting with "$." is kept.</summary>
    public static string ToPath(string field)
    {
        if (string.IsNullOrWhiteSpace(field)) throw new System.ArgumentException("The patch field is empty.", nameof(field));
        field = field.Trim();
        return field.StartsWith("$.", System.StringComparison.Ordinal) ? field : "$." + field.TrimStart('$', '.');
    }
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
