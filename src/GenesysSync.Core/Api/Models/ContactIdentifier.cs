using System;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>An identifier that resolves to one contact (lookup, enrich matching).</summary>
public sealed class ContactIdentifier : JsonModel
{
    public ContactIdentifier() { }

    public ContactIdentifier(string type, string value, ExternalSource? externalSource = null)
    {
        Type = type;
        Value = value;
        ExternalSource = externalSource;
    }

    /// <summary>One of <see cref="ContactIdentifierTypes"/>; kept a string so new server values still parse.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    /// <summary>Required with type ExternalId.</summary>
    [JsonPropertyName("externalSource")] public ExternalSource? ExternalSource { get; set; }
}

public static class ContactIdentifierTypes
{
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string ExternalId = "ExternalId";
    public const string Cookie = "Cookie";
    public const string SocialLine = "SocialLine";
    public const string SocialFacebook = "SocialFacebook";
    public const string SocialTwitter = "SocialTwitter";
    public const string SocialWhatsapp = "SocialWhatsapp";
    public const string SocialInstagram = "SocialInstagram";
    public const string AppleOpaqueId = "AppleOpaqueId";
}
