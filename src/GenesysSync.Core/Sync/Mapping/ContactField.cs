using System;
using System.Collections.Generic;
using System.Text;

namespace GenesysSync.Sync;

/// <summary>How a field's text is normalized and validated.</summary>
public enum ContactFieldKind
{
    Text,
    Email,
    Phone,
    Boolean,
    Url,
    /// <summary>A whole number (organization employee count, revenue).</summary>
    Integer,
}

/// <summary>One writable External Contact field the sync can fill from a column.</summary>
public sealed class ContactField
{
    internal ContactField(string name, ContactFieldKind kind, int maxLength, string apiPath, params string[] aliases)
    {
        Name = name;
        Kind = kind;
        MaxLength = maxLength;
        ApiPath = apiPath;
        Aliases = aliases;
    }

    /// <summary>Canonical name used in -Map, results (ChangedFields) and the content hash, e.g. "postalCode".</summary>
    public string Name { get; }
    public ContactFieldKind Kind { get; }
    /// <summary>Limit the API documents for the value (after normalization).</summary>
    public int MaxLength { get; }
    /// <summary>Where the value goes in the ExternalContact JSON, e.g. "address.postalCode" or "workPhone.display".</summary>
    public string ApiPath { get; }
    /// <summary>Other column names (already in <see cref="ContactFields.NameKey"/> form) that auto-map to this field.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public override string ToString() => Name;
}

/// <summary>The catalogue of writable contact fields, with limits from the API contract.</summary>
public static class ContactFields
{
    public static readonly ContactField FirstName = new("firstName", ContactFieldKind.Text, 1000, "firstName", "first", "givenname", "forename", "fname");
    public static readonly ContactField MiddleName = new("middleName", ContactFieldKind.Text, 1000, "middleName", "middle", "middleinitial");
    public static readonly ContactField LastName = new("lastName", ContactFieldKind.Text, 1000, "lastName", "last", "surname", "familyname", "lname");
    public static readonly ContactField Salutation = new("salutation", ContactFieldKind.Text, 1000, "salutation", "prefix", "honorific");
    public static readonly ContactField Title = new("title", ContactFieldKind.Text, 1000, "title", "jobtitle", "position");
    public static readonly ContactField WorkPhone = new("workPhone", ContactFieldKind.Phone, 512, "workPhone.display", "phone", "telephone", "tel", "phonenumber", "businessphone", "officephone");
    public static readonly ContactField CellPhone = new("cellPhone", ContactFieldKind.Phone, 512, "cellPhone.display", "cell", "mobile", "mobilephone", "mobilenumber", "cellular", "cellnumber");
    public static readonly ContactField HomePhone = new("homePhone", ContactFieldKind.Phone, 512, "homePhone.display", "homenumber", "hometelephone");
    public static readonly ContactField OtherPhone = new("otherPhone", ContactFieldKind.Phone, 512, "otherPhone.display", "alternatephone", "altphone", "phone2");
    public static readonly ContactField WorkEmail = new("workEmail", ContactFieldKind.Email, 256, "workEmail", "email", "emailaddress", "mail", "businessemail");
    public static readonly ContactField PersonalEmail = new("personalEmail", ContactFieldKind.Email, 256, "personalEmail", "privateemail", "homeemail");
    public static readonly ContactField OtherEmail = new("otherEmail", ContactFieldKind.Email, 256, "otherEmail", "alternateemail", "altemail", "email2");
    public static readonly ContactField Address1 = new("address1", ContactFieldKind.Text, 200, "address.address1", "address", "street", "streetaddress", "addressline1", "street1");
    public static readonly ContactField Address2 = new("address2", ContactFieldKind.Text, 200, "address.address2", "addressline2", "street2");
    public static readonly ContactField City = new("city", ContactFieldKind.Text, 100, "address.city", "town", "locality");
    public static readonly ContactField State = new("state", ContactFieldKind.Text, 50, "address.state", "province", "region", "stateprovince", "stateorprovince");
    public static readonly ContactField PostalCode = new("postalCode", ContactFieldKind.Text, 25, "address.postalCode", "zip", "zipcode", "postcode", "postal");
    public static readonly ContactField CountryCode = new("countryCode", ContactFieldKind.Text, 25, "address.countryCode", "country");
    public static readonly ContactField TwitterScreenName = new("twitterScreenName", ContactFieldKind.Text, 255, "twitterId.screenName", "twitter", "twitterid", "twitterhandle");
    public static readonly ContactField WhatsAppNumber = new("whatsAppNumber", ContactFieldKind.Phone, 512, "whatsAppId.phoneNumber.display", "whatsapp", "whatsappid", "whatsappphone");
    public static readonly ContactField ExternalSystemUrl = new("externalSystemUrl", ContactFieldKind.Url, 1000, "externalSystemUrl", "crmurl", "recordurl");
    public static readonly ContactField SurveyOptOut = new("surveyOptOut", ContactFieldKind.Boolean, 5, "surveyOptOut", "optoutofsurveys");

    /// <summary>Every field, in the stable order used by the content hash and payloads.</summary>
    public static readonly IReadOnlyList<ContactField> All = new[]
    {
        FirstName, MiddleName, LastName, Salutation, Title,
        WorkPhone, CellPhone, HomePhone, OtherPhone,
        WorkEmail, PersonalEmail, OtherEmail,
        Address1, Address2, City, State, PostalCode, CountryCode,
        TwitterScreenName, WhatsAppNumber, ExternalSystemUrl, SurveyOptOut,
    };

    private static readonly Dictionary<string, ContactField> ByKey = BuildIndex();

    /// <summary>
    /// Column names that look like contact data but have no writable Genesys field, with the reason
    /// shown in the mapping report (keys in <see cref="NameKey"/> form).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>
    {
        ["department"] = "External contacts have no department field; send it to a custom field (-Schema) or leave it out.",
        ["company"] = "A company name is not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["companyname"] = "A company name is not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["organization"] = "Not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["organisation"] = "Not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["account"] = "Not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["accountname"] = "Not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["employer"] = "Not a contact field: link contacts to organizations with -OrganizationKey (the organization's external id column), or map it to a custom field.",
        ["fax"] = "External contacts have no fax field; map it to otherPhone or a custom field.",
        ["faxnumber"] = "External contacts have no fax field; map it to otherPhone or a custom field.",
        ["notes"] = "Notes are separate objects in Genesys and are not synced.",
        ["note"] = "Notes are separate objects in Genesys and are not synced.",
        ["birthday"] = "External contacts have no birth date field; use a custom field.",
        ["birthdate"] = "External contacts have no birth date field; use a custom field.",
        ["dateofbirth"] = "External contacts have no birth date field; use a custom field.",
        ["division"] = "A contact's division is set at creation and cannot be changed by the sync.",
        ["facebookid"] = "Facebook ids are page-scoped ids Genesys assigns from conversations; they are not synced.",
        ["lineid"] = "LINE ids are channel-scoped ids Genesys assigns from conversations; they are not synced.",
        ["instagramid"] = "Instagram ids are scoped ids Genesys assigns from conversations; they are not synced.",
    };

    /// <summary>
    /// The comparison form of a column or field name: lower-case letters and digits only, so that
    /// "First Name", "first_name", "First-Name" and "FirstName" are the same.
    /// </summary>
    public static string NameKey(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>The field whose name or alias matches (see <see cref="NameKey"/>), or null.</summary>
    public static ContactField? Find(string nameOrAlias) =>
        nameOrAlias is not null && ByKey.TryGetValue(NameKey(nameOrAlias), out var f) ? f : null;

    /// <summary>The field whose canonical name matches (ignoring case, spaces, punctuation), or null.</summary>
    public static ContactField? FindByName(string name)
    {
        if (name is null) return null;
        var key = NameKey(name);
        foreach (var f in All) if (NameKey(f.Name) == key) return f;
        return null;
    }

    private static Dictionary<string, ContactField> BuildIndex()
    {
        var index = new Dictionary<string, ContactField>(StringComparer.Ordinal);
        foreach (var f in All)
        {
            index[NameKey(f.Name)] = f;
            index[NameKey(f.ApiPath)] = f; // e.g. "address.city" → "addresscity"
        }
        foreach (var f in All)
            foreach (var a in f.Aliases)
                if (!index.ContainsKey(a)) index.Add(a, f);
        return index;
    }
}
