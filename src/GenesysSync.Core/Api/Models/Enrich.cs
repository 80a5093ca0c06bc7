using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>
/// The native upsert (<c>POST /contacts/enrich</c>): find the contact by <see cref="MatchingIdentifiers"/>
/// (1..25) and apply <see cref="Contact"/> according to <see cref="Action"/>.
/// </summary>
public sealed class ContactEnrichRequest : JsonModel
{
    /// <summary>One of <see cref="EnrichActions"/>.</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("matchingIdentifiers")] public List<ContactIdentifier>? MatchingIdentifiers { get; set; }
    [JsonPropertyName("contact")] public ExternalContact? Contact { get; set; }
    /// <summary>Per-field rules; kept as raw JSON.</summary>
    [JsonPropertyName("fieldRules")] public JsonElement? FieldRules { get; set; }
    [JsonPropertyName("options")] public ContactEnrichOptions? Options { get; set; }
}

public sealed class ContactEnrichOptions : JsonModel
{
    [JsonPropertyName("promote")] public bool? Promote { get; set; }
}

public static class EnrichActions
{
    public const string Merge = "Merge";
    public const string Upsert = "Upsert";
    public const string Update = "Update";
    public const string Insert = "Insert";
}

/// <summary>Body of <c>POST /bulk/contacts/enrich</c> (≤ 10 operations).</summary>
public sealed class BulkContactsEnrichRequest : JsonModel
{
    [JsonPropertyName("entities")] public List<ContactEnrichRequest> Entities { get; set; } = new();
}
