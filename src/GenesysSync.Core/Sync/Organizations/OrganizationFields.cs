using System.Collections.Generic;

namespace GenesysSync.Sync;

/// <summary>
/// The writable external organization fields a sync can fill from columns. Limits: name ≤ 1000 (documented); address
/// parts as for contacts; phones ≤ 512; the API documents no limit for companyType and industry, so they get the
/// 1000 of other free-text fields.
/// </summary>
public static class OrganizationFields
{
    public static readonly ContactField Name = new("name", ContactFieldKind.Text, 1000, "name",
        "organization", "organisation", "organizationname", "organisationname", "company", "companyname", "account", "accountname", "orgname");
    public static readonly ContactField CompanyType = new("companyType", ContactFieldKind.Text, 1000, "companyType", "type", "accounttype", "organizationtype");
    public static readonly ContactField Industry = new("industry", ContactFieldKind.Text, 1000, "industry", "sector", "vertical");
    public static readonly ContactField Phone = new("phoneNumber", ContactFieldKind.Phone, 512, "phoneNumber.display", "phone", "telephone", "tel", "mainphone", "companyphone");
    public static readonly ContactField Fax = new("faxNumber", ContactFieldKind.Phone, 512, "faxNumber.display", "fax");
    public static readonly ContactField Address1 = new("address1", ContactFieldKind.Text, 200, "address.address1", "address", "street", "streetaddress", "addressline1", "street1");
    public static readonly ContactField Address2 = new("address2", ContactFieldKind.Text, 200, "address.address2", "addressline2", "street2");
    public static readonly ContactField City = new("city", ContactFieldKind.Text, 100, "address.city", "town", "locality");
    public static readonly ContactField State = new("state", ContactFieldKind.Text, 50, "address.state", "province", "region", "stateprovince", "stateorprovince");
    public static readonly ContactField PostalCode = new("postalCode", ContactFieldKind.Text, 25, "address.postalCode", "zip", "zipcode", "postcode", "postal");
    public static readonly ContactField CountryCode = new("countryCode", ContactFieldKind.Text, 25, "address.countryCode", "country");
    public static readonly ContactField EmployeeCount = new("employeeCount", ContactFieldKind.Integer, 19, "employeeCount", "employees", "numberofemployees", "headcount", "staff");
    public static readonly ContactField Revenue = new("revenue", ContactFieldKind.Integer, 19, "revenue", "annualrevenue", "turnover");
    /// <summary>One web site per row, stored as the organization's only entry in websites.</summary>
    public static readonly ContactField Website = new("website", ContactFieldKind.Url, 1000, "websites", "web", "url", "homepage", "websiteurl");
    public static readonly ContactField ExternalSystemUrl = new("externalSystemUrl", ContactFieldKind.Url, 1000, "externalSystemUrl", "crmurl", "recordurl");

    public static readonly IReadOnlyList<ContactField> All = new[]
    {
        Name, CompanyType, Industry, Phone, Fax, Address1, Address2, City, State, PostalCode, CountryCode, EmployeeCount, Revenue, Website, ExternalSystemUrl,
    };

    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>
    {
        ["notes"] = "Notes are separate objects in Genesys and are not synced (Add-GenesysExternalNote adds them).",
        ["note"] = "Notes are separate objects in Genesys and are not synced (Add-GenesysExternalNote adds them).",
        ["tags"] = "Tags are not synced; set them with Set-GenesysExternalOrganization -Tag.",
        ["ticker"] = "Stock tickers are not synced.",
        ["tickers"] = "Stock tickers are not synced.",
        ["division"] = "An organization's division is set at creation and cannot be changed by the sync.",
        ["email"] = "External organizations have no e-mail field.",
        ["firstname"] = "External organizations have no person names; sync contacts with Sync-GenesysExternalContact.",
        ["lastname"] = "External organizations have no person names; sync contacts with Sync-GenesysExternalContact.",
    };

    public static readonly FieldCatalog Catalog = new("organization", All, Unsupported);
}
