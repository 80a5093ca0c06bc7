using System;
using System.Linq;
using GenesysSync.Api.Models;

namespace GenesysSync;

/// <summary>
/// An external contact as cmdlets show it: flat, friendly names, phones as E.164. The API's own
/// JSON is kept in <see cref="Raw"/> for troubleshooting.
/// </summary>
public sealed class GenesysExternalContact
{
    internal GenesysExternalContact(ExternalContact contact)
    {
        Model = contact;
        Id = contact.Id ?? "";
        FirstName = contact.FirstName;
        MiddleName = contact.MiddleName;
        LastName = contact.LastName;
        Salutation = contact.Salutation;
        Title = contact.Title;
        WorkEmail = contact.WorkEmail;
        PersonalEmail = contact.PersonalEmail;
        OtherEmail = contact.OtherEmail;
        WorkPhone = Phone(contact.WorkPhone);
        CellPhone = Phone(contact.CellPhone);
        HomePhone = Phone(contact.HomePhone);
        OtherPhone = Phone(contact.OtherPhone);
        Address1 = contact.Address?.Address1;
        Address2 = contact.Address?.Address2;
        City = contact.Address?.City;
        State = contact.Address?.State;
        PostalCode = contact.Address?.PostalCode;
        CountryCode = contact.Address?.CountryCode;
        ExternalIds = (contact.ExternalIds ?? new System.Collections.Generic.List<ExternalId>())
            .Select(e => new GenesysExternalIdValue(e.ExternalSource?.Id, e.ExternalSource?.Name, e.Value ?? "")).ToArray();
        OrganizationId = contact.ExternalOrganization?.Id;
        OrganizationName = contact.ExternalOrganization?.Name;
        Type = contact.Type;
        DivisionId = contact.Division?.Id;
        SurveyOptOut = contact.SurveyOptOut;
        ExternalSystemUrl = contact.ExternalSystemUrl;
        CreateDate = contact.CreateDate;
        ModifyDate = contact.ModifyDate;
        SchemaId = contact.Schema?.Id;
        SchemaVersion = contact.Schema?.Version;
        CustomFields = CustomFieldOutput.ToDictionary(contact.CustomFields);
    }

    public string Id { get; }
    public string? FirstName { get; }
    public string? MiddleName { get; }
    public string? LastName { get; }
    public string? Salutation { get; }
    public string? Title { get; }
    public string? WorkEmail { get; }
    public string? PersonalEmail { get; }
    public string? OtherEmail { get; }
    public string? WorkPhone { get; }
    public string? CellPhone { get; }
    public string? HomePhone { get; }
    public string? OtherPhone { get; }
    public string? Address1 { get; }
    public string? Address2 { get; }
    public string? City { get; }
    public string? State { get; }
    public string? PostalCode { get; }
    public string? CountryCode { get; }
    public GenesysExternalIdValue[] ExternalIds { get; }
    public string? OrganizationId { get; }
    public string? OrganizationName { get; }
    public string? Type { get; }
    public string? DivisionId { get; }
    public bool? SurveyOptOut { get; }
    public string? ExternalSystemUrl { get; }
    public DateTimeOffset? CreateDate { get; }
    public DateTimeOffset? ModifyDate { get; }
    /// <summary>The custom-field schema the contact's <see cref="CustomFields"/> follow (null when none).</summary>
    public string? SchemaId { get; }
    public int? SchemaVersion { get; }
    /// <summary>Custom-field values by key ("accountTier_enum"): strings, numbers, booleans, tags as string arrays. Empty when none.</summary>
    public System.Collections.Specialized.OrderedDictionary CustomFields { get; }

    /// <summary>The contact exactly as the API returned it (JSON).</summary>
    public string Raw => GenesysJson.Serialize(Model);

    internal ExternalContact Model { get; }

    public override string ToString() => string.Join(" ", new[] { FirstName, LastName }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } name ? name : Id;

    // E.164 when the server could parse it; otherwise what was stored, so nothing is hidden.
    private static string? Phone(PhoneNumber? phone) => phone is null ? null : phone.E164 ?? phone.Display;
}

/// <summary>One external id of a contact: the source system and the record's id there.</summary>
public sealed class GenesysExternalIdValue
{
    internal GenesysExternalIdValue(string? sourceId, string? sourceName, string value)
    {
        SourceId = sourceId;
        SourceName = sourceName;
        Value = value;
    }

    public string? SourceId { get; }
    public string? SourceName { get; }
    public string Value { get; }

    public override string ToString() => SourceName is null ? Value : SourceName + ":" + Value;
}

/// <summary>An External Source: the system (CRM) whose record ids contacts carry as external ids.</summary>
public sealed class GenesysExternalSource
{
    internal GenesysExternalSource(ExternalSource source)
    {
        Id = source.Id ?? "";
        Name = source.Name ?? "";
        Active = source.Active;
        LinkUriTemplate = source.LinkConfiguration?.UriTemplate;
    }

    public string Id { get; }
    public string Name { get; }
    public bool? Active { get; }
    public string? LinkUriTemplate { get; }

    public override string ToString() => Name;
}
