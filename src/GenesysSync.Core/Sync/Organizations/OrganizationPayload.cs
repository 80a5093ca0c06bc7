using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Sync;

/// <summary>
/// Builds ExternalOrganization bodies from normalized rows and reads organizations back into the same canonical form,
/// so unchanged rows compare equal (a stored "+1 317-555-0100" equals an input "(317) 555-0100").
/// </summary>
public sealed class OrganizationPayload : IEntityPayload<ExternalOrganization>
{
    private readonly string _defaultRegion;
    private readonly string? _externalSourceId;

    public OrganizationPayload(string defaultRegion, string? externalSourceId)
    {
        _defaultRegion = defaultRegion ?? "US";
        _externalSourceId = externalSourceId;
    }

    public ExternalOrganization BuildNew(NormalizedContact row, MatchKey key)
    {
        var organization = new ExternalOrganization();
        Apply(organization, row, key);
        return organization;
    }

    public ExternalOrganization MergeForUpdate(ExternalOrganization existing, NormalizedContact row, MatchKey key, string id)
    {
        if (existing is null) throw new ArgumentNullException(nameof(existing));
        var copy = JsonSerializer.Deserialize<ExternalOrganization>(JsonSerializer.SerializeToUtf8Bytes(existing, GenesysJson.Options), GenesysJson.Options)!;
        // Server-owned parts are never sent back (claims and the trustor link have their own routes).
        copy.Identifiers = null;
        copy.Trustor = null;
        copy.CreateDate = copy.ModifyDate = null;
        copy.SelfUri = null;
        copy.AdditionalProperties?.Remove("externalDataSources");
        Apply(copy, row, key);
        copy.Id = id;
        return copy;
    }

    public IReadOnlyList<string> ChangedFields(ExternalOrganization existing, NormalizedContact row, MatchKey key)
    {
        var changed = row.Fields.Where(f => !string.Equals(Project(existing, f.Key), f.Value, StringComparison.Ordinal)).Select(f => f.Key).ToList();
        if (key.IsExternalId && !HasExternalId(existing, key.Value)) changed.Add("externalIds");
        return changed;
    }

    /// <summary>The canonical value of a field on an organization (null when empty).</summary>
    public string? Project(ExternalOrganization o, string field) => field switch
    {
        "name" => Text(o.Name),
        "companyType" => Text(o.CompanyType),
        "industry" => Text(o.Industry),
        "phoneNumber" => Phone(o.PhoneNumber),
        "faxNumber" => Phone(o.FaxNumber),
        "address1" => Text(o.Address?.Address1),
        "address2" => Text(o.Address?.Address2),
        "city" => Text(o.Address?.City),
        "state" => Text(o.Address?.State),
        "postalCode" => Text(o.Address?.PostalCode),
        "countryCode" => Text(o.Address?.CountryCode),
        "employeeCount" => o.EmployeeCount?.ToString(CultureInfo.InvariantCulture),
        "revenue" => o.Revenue?.ToString(CultureInfo.InvariantCulture),
        "website" => Text(o.Websites?.FirstOrDefault()),
        "externalSystemUrl" => Text(o.ExternalSystemUrl),
        _ => throw new ArgumentException($"Unknown organization field '{field}'.", nameof(field)),
    };

    private void Apply(ExternalOrganization o, NormalizedContact row, MatchKey key)
    {
        foreach (var f in row.Fields) Set(o, f.Key, f.Value);
        if (key.IsExternalId && !HasExternalId(o, key.Value))
        {
            o.ExternalIds ??= new List<ExternalId>();
            o.ExternalIds.Add(new ExternalId { ExternalSource = new ExternalSource { Id = _externalSourceId }, Value = key.Value });
        }
    }

    private static void Set(ExternalOrganization o, string field, string? value)
    {
        switch (field)
        {
            case "name": o.Name = value; break;
            case "companyType": o.CompanyType = value; break;
            case "industry": o.Industry = value; break;
            case "phoneNumber": o.PhoneNumber = ToPhone(value); break;
            case "faxNumber": o.FaxNumber = ToPhone(value); break;
            case "address1": (o.Address ??= new ContactAddress()).Address1 = value; break;
            case "address2": (o.Address ??= new ContactAddress()).Address2 = value; break;
            case "city": (o.Address ??= new ContactAddress()).City = value; break;
            case "state": (o.Address ??= new ContactAddress()).State = value; break;
            case "postalCode": (o.Address ??= new ContactAddress()).PostalCode = value; break;
            case "countryCode": (o.Address ??= new ContactAddress()).CountryCode = value; break;
            case "employeeCount": o.EmployeeCount = value is null ? null : long.Parse(value, CultureInfo.InvariantCulture); break;
            case "revenue": o.Revenue = value is null ? null : long.Parse(value, CultureInfo.InvariantCulture); break;
            case "website": o.Websites = value is null ? null : new List<string> { value }; break;
            case "externalSystemUrl": o.ExternalSystemUrl = value; break;
            default: throw new ArgumentException($"Unknown organization field '{field}'.", nameof(field));
        }
    }

    private bool HasExternalId(ExternalOrganization o, string value) =>
        o.ExternalIds?.Any(e => e.ExternalSource?.Id == _externalSourceId && string.Equals(e.Value?.Trim(), value, StringComparison.Ordinal)) == true;

    private static PhoneNumber? ToPhone(string? value)
    {
        if (value is null) return null;
        var (number, extension) = PhoneValue.Split(value);
        return new PhoneNumber { Display = number, Extension = extension };
    }

    private static string? Text(string? s)
    {
        var t = ContactNormalizer.CleanText(s);
        return t.Length == 0 ? null : t;
    }

    private string? Phone(PhoneNumber? p)
    {
        if (p is null) return null;
        var source = Text(p.E164) ?? Text(p.Display);
        if (source is null) return null;
        string number = source;
        string? ext = null;
        if (ContactNormalizer.TryNormalizePhone(source, _defaultRegion, strict: false, out var e164, out var parsedExt, out _))
        {
            number = e164;
            ext = parsedExt;
        }
        if (p.Extension is long x) ext = x.ToString(CultureInfo.InvariantCulture);
        return PhoneValue.Format(number, ext);
    }
}
