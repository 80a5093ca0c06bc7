using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// The organization fields shared by New- and Set-GenesysExternalOrganization. Phones are normalized to E.164 with
/// -DefaultRegion (as contact phones are), so what is stored does not change on every write.
/// </summary>
public abstract class OrganizationFieldsCmdlet : SurfaceCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? CompanyType { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Industry { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Phone { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Fax { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Address1 { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Address2 { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? City { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? State { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? PostalCode { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? CountryCode { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public long? EmployeeCount { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public long? Revenue { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string[]? Website { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string[]? Tag { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? ExternalSystemUrl { get; set; }

    /// <summary>A source-system account id to attach as an external id (with -ExternalSource).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ExternalId { get; set; }

    /// <summary>Name of the External Source for -ExternalId (created when missing).</summary>
    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    /// <summary>
    /// Writes the bound field parameters into <paramref name="organization"/> (empty strings clear a field); false after
    /// a non-terminating error for an unreadable phone.
    /// </summary>
    protected bool ApplyFields(ExternalOrganization organization, object target)
    {
        if (IsBound(nameof(CompanyType))) organization.CompanyType = Empty(CompanyType);
        if (IsBound(nameof(Industry))) organization.Industry = Empty(Industry);
        if (IsBound(nameof(Phone)) && !TryPhone(Phone, nameof(Phone), target, p => organization.PhoneNumber = p)) return false;
        if (IsBound(nameof(Fax)) && !TryPhone(Fax, nameof(Fax), target, p => organization.FaxNumber = p)) return false;
        foreach (var (name, set) in new (string, System.Action<ContactAddress, string?>)[]
        {
            (nameof(Address1), (a, v) => a.Address1 = v), (nameof(Address2), (a, v) => a.Address2 = v), (nameof(City), (a, v) => a.City = v),
            (nameof(State), (a, v) => a.State = v), (nameof(PostalCode), (a, v) => a.PostalCode = v), (nameof(CountryCode), (a, v) => a.CountryCode = v),
        })
        {
            if (IsBound(name)) set(organization.Address ??= new ContactAddress(), Empty((string?)GetType().GetProperty(name)!.GetValue(this)));
        }
        if (IsBound(nameof(EmployeeCount))) organization.EmployeeCount = EmployeeCount;
        if (IsBound(nameof(Revenue))) organization.Revenue = Revenue;
        if (IsBound(nameof(Website))) organization.Websites = Website?.Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
        if (IsBound(nameof(Tag))) organization.Tags = Tag?.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (IsBound(nameof(ExternalSystemUrl))) organization.ExternalSystemUrl = Empty(ExternalSystemUrl);
        return true;
    }

    /// <summary>Adds -ExternalId under -ExternalSource (created when missing; looked up only under -WhatIf).</summary>
    protected void ApplyExternalId(ExternalOrganization organization)
    {
        if (string.IsNullOrEmpty(ExternalId)) return;
        var api = ActiveConnection.ExternalContacts;
        var sourceId = IsWhatIf
            ? Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, System.StringComparison.OrdinalIgnoreCase))?.Id ?? "(new)"
            : Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
        organization.ExternalIds ??= new List<ExternalId>();
        if (!organization.ExternalIds.Any(e => e.ExternalSource?.Id == sourceId && e.Value == ExternalId))
            organization.ExternalIds.Add(new ExternalId { ExternalSource = new ExternalSource { Id = sourceId }, Value = ExternalId });
    }

    private bool TryPhone(string? text, string parameter, object target, System.Action<PhoneNumber?> set)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            set(null);
            return true;
        }
        if (!ContactNormalizer.TryNormalizePhone(text!, DefaultRegion, false, out var e164, out var extension, out _))
        {
            WriteInvalid($"The -{parameter} value cannot be read as a phone number (default region {DefaultRegion}). Give it with its country code, e.g. +44 20 7946 0958.",
                "InvalidPhoneNumber", target);
            return false;
        }
        set(new PhoneNumber { Display = e164, Extension = extension is null ? null : long.Parse(extension, System.Globalization.CultureInfo.InvariantCulture) });
        return true;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
