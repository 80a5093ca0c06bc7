using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Api.Models;

namespace GenesysSync;

/// <summary>An external organization as cmdlets show it: flat, phones as E.164, the API's JSON in <see cref="Raw"/>.</summary>
public sealed class GenesysExternalOrganization
{
    internal GenesysExternalOrganization(ExternalOrganization organization)
    {
        Model = organization;
        Id = organization.Id ?? "";
        Name = organization.Name;
        CompanyType = organization.CompanyType;
        Industry = organization.Industry;
        Phone = PhoneText(organization.PhoneNumber);
        Fax = PhoneText(organization.FaxNumber);
        Address1 = organization.Address?.Address1;
        Address2 = organization.Address?.Address2;
        City = organization.Address?.City;
        State = organization.Address?.State;
        PostalCode = organization.Address?.PostalCode;
        CountryCode = organization.Address?.CountryCode;
        EmployeeCount = organization.EmployeeCount;
        Revenue = organization.Revenue;
        Websites = (organization.Websites ?? new List<string>()).ToArray();
        Tags = (organization.Tags ?? new List<string>()).ToArray();
        Tickers = (organization.Tickers ?? new List<Ticker>()).Select(t => t.Exchange + ":" + t.Symbol).ToArray();
        ExternalSystemUrl = organization.ExternalSystemUrl;
        ExternalIds = (organization.ExternalIds ?? new List<ExternalId>())
            .Select(e => new GenesysExternalIdValue(e.ExternalSource?.Id, e.ExternalSource?.Name, e.Value ?? "")).ToArray();
        TrustorId = organization.Trustor?.Id;
        CreateDate = organization.CreateDate;
        ModifyDate = organization.ModifyDate;
    }

    public string Id { get; }
    public string? Name { get; }
    public string? CompanyType { get; }
    public string? Industry { get; }
    public string? Phone { get; }
    public string? Fax { get; }
    public string? Address1 { get; }
    public string? Address2 { get; }
    public string? City { get; }
    public string? State { get; }
    public string? PostalCode { get; }
    public string? CountryCode { get; }
    public long? EmployeeCount { get; }
    public long? Revenue { get; }
    public string[] Websites { get; }
    public string[] Tags { get; }
    /// <summary>"EXCHANGE:SYMBOL" per ticker.</summary>
    public string[] Tickers { get; }
    public string? ExternalSystemUrl { get; }
    public GenesysExternalIdValue[] ExternalIds { get; }
    /// <summary>The trustor org linked to this organization (shown when read with -IncludeTrustor).</summary>
    public string? TrustorId { get; }
    public DateTimeOffset? CreateDate { get; }
    public DateTimeOffset? ModifyDate { get; }

    /// <summary>The organization exactly as the API returned it (JSON).</summary>
    public string Raw => GenesysJson.Serialize(Model);

    internal ExternalOrganization Model { get; }

    public override string ToString() => Name ?? Id;

    internal static string? PhoneText(PhoneNumber? phone) => phone is null ? null : phone.E164 ?? phone.Display;
}

/// <summary>A trustor org linked to an external organization (Register-GenesysExternalOrganizationTrustor).</summary>
public sealed class GenesysExternalOrganizationTrustor
{
    internal GenesysExternalOrganizationTrustor(ExternalOrganizationTrustorLink link, string organizationId, string trustorId)
    {
        OrganizationId = link.ExternalOrganizationId ?? organizationId;
        TrustorId = link.TrustorOrgId ?? trustorId;
        DateCreated = link.DateCreated;
    }

    public string OrganizationId { get; }
    public string TrustorId { get; }
    public DateTimeOffset? DateCreated { get; }

    public override string ToString() => OrganizationId + " ← " + TrustorId;
}

/// <summary>The outcome of one enrich (Update-GenesysExternalContact / Update-GenesysExternalOrganization).</summary>
public sealed class GenesysEnrichResult
{
    internal GenesysEnrichResult(bool created, bool dryRun, GenesysExternalContact? contact, GenesysExternalOrganization? organization)
    {
        Outcome = created ? "Created" : "Updated";
        DryRun = dryRun;
        Contact = contact;
        Organization = organization;
        Id = contact?.Id ?? organization?.Id ?? "";
    }

    /// <summary>Created (the API answered 201) or Updated (200).</summary>
    public string Outcome { get; }
    /// <summary>True when nothing was stored (-DryRun): the result shows what would be.</summary>
    public bool DryRun { get; }
    /// <summary>The contact or organization id (empty for a dry-run create).</summary>
    public string Id { get; }
    public GenesysExternalContact? Contact { get; }
    public GenesysExternalOrganization? Organization { get; }

    public override string ToString() => (DryRun ? "(dry run) " : "") + Outcome + " " + (Contact?.ToString() ?? Organization?.ToString());
}

/// <summary>The outcome of one input row of Sync-GenesysExternalOrganization (or of one organization Mirror deleted).</summary>
public sealed class GenesysOrganizationSyncResult
{
    internal GenesysOrganizationSyncResult(Sync.SyncResult result, object? inputObject, bool whatIfRun)
    {
        RowNumber = result.RowNumber;
        Key = result.Key;
        Action = result.Action.ToString();
        OrganizationId = result.ContactId;
        ChangedFields = result.ChangedFields.ToArray();
        Reason = result.Reason;
        ErrorCode = result.ErrorCode;
        Message = result.Message;
        ContextId = result.ContextId;
        HttpStatus = result.HttpStatus;
        Attempts = result.Attempts;
        WhatIf = result.WhatIf || whatIfRun;
        Warnings = result.Warnings.Select(w => w.Message).ToArray();
        InputObject = inputObject;
    }

    /// <summary>1-based position in the input (0 for an organization deleted by Mirror).</summary>
    public int RowNumber { get; }
    /// <summary>The match key (e.g. the CRM account id).</summary>
    public string? Key { get; }
    /// <summary>Created, Updated, Unchanged, Deleted, Skipped or Failed.</summary>
    public string Action { get; }
    public string? OrganizationId { get; }
    public string[] ChangedFields { get; }
    public string? Reason { get; }
    public string? ErrorCode { get; }
    public string? Message { get; }
    public string? ContextId { get; }
    public int? HttpStatus { get; }
    public int Attempts { get; }
    public bool WhatIf { get; }
    public string[] Warnings { get; }
    /// <summary>The row as it came in (pipeline object, or the CSV row).</summary>
    public object? InputObject { get; }

    public override string ToString() => $"Row {RowNumber}: {Action}" + (Reason is null ? "" : $" ({Reason})");
}
