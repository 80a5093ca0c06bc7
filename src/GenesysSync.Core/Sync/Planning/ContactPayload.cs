using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenesysSync.Api.Models;

namespace GenesysSync.Sync;

/// <summary>
/// Builds ExternalContact bodies from normalized rows, and reads contacts from the org back into the
/// same canonical form so that "is anything different?" compares like with like (a stored
/// "+1 415-555-2671" equals an input "(415) 555-2671").
/// </summary>
public sealed class ContactPayload
{
    /// <summary>
    /// The contact's organization link: not a mappable column, added by <see cref="OrganizationKeyLinker"/> from an
    /// organization key column (so it is part of the content hash and compared like any field).
    /// </summary>
    public const string OrganizationIdField = "organizationId";

    /// <summary>Read-only or server-maintained properties never sent back on update.</summary>
    private static readonly string[] ServerOnly = { "externalDataSources", "canonicalContact", "mergeSet", "mergedFrom", "mergedTo", "mergeOperation" };

    private readonly string _defaultRegion;
    private readonly ICustomFieldSchema? _schema;
    private readonly string? _externalSourceId;

    public ContactPayload(string defaultRegion, ICustomFieldSchema? schema, string? externalSourceId)
    {
        _defaultRegion = defaultRegion ?? "US";
        _schema = schema;
        _externalSourceId = externalSourceId;
    }

    /// <summary>A new contact with the row's fields (and the ExternalId when matching writes one).</summary>
    public ExternalContact BuildNew(NormalizedContact row, MatchKey key)
    {
        var contact = new ExternalContact();
        Apply(contact, row, key);
        return contact;
    }

    /// <summary>
    /// The existing contact with the row's provided fields applied (bulk update replaces the whole
    /// contact, so every field the row does not provide must be sent back as it was).
    /// </summary>
    public ExternalContact Merge(ExternalContact existing, NormalizedContact row, MatchKey key)
    {
        if (existing is null) throw new ArgumentNullException(nameof(existing));
        var copy = JsonSerializer.Deserialize<ExternalContact>(JsonSerializer.SerializeToUtf8Bytes(existing, GenesysJson.Options), GenesysJson.Options)!;
        copy.CreateDate = null;
        copy.ModifyDate = null;
        copy.SelfUri = null;
        if (copy.AdditionalProperties is not null)
            foreach (var name in ServerOnly) copy.AdditionalProperties.Remove(name);
        Apply(copy, row, key);
        return copy;
    }

    /// <summary>
    /// Names of the row's fields whose value differs from the contact's (plus "externalIds" when the
    /// contact lacks the row's ExternalId). Empty: nothing to write.
    /// </summary>
    public IReadOnlyList<string> ChangedFields(ExternalContact existing, NormalizedContact row, MatchKey key)
    {
        var changed = new List<string>();
        foreach (var f in row.Fields)
            if (!string.Equals(Project(existing, f.Key), f.Value, StringComparison.Ordinal)) changed.Add(f.Key);
        foreach (var f in row.CustomFields)
            if (!string.Equals(ProjectCustom(existing, f.Key), f.Value, StringComparison.Ordinal)) changed.Add("custom." + f.Key);
        if (key.IsExternalId && !HasExternalId(existing, key.Value)) changed.Add("externalIds");
        return changed;
    }

    /// <summary>The canonical value of a standard field on a contact (null when empty).</summary>
    public string? Project(ExternalContact c, string field)
    {
        switch (field)
        {
            case "firstName": return Text(c.FirstName);
            case "middleName": return Text(c.MiddleName);
            case "lastName": return Text(c.LastName);
            case "salutation": return Text(c.Salutation);
            case "title": return Text(c.Title);
            case "workPhone": return Phone(c.WorkPhone);
            case "cellPhone": return Phone(c.CellPhone);
            case "homePhone": return Phone(c.HomePhone);
            case "otherPhone": return Phone(c.OtherPhone);
            case "workEmail": return Email(c.WorkEmail);
            case "personalEmail": return Email(c.PersonalEmail);
            case "otherEmail": return Email(c.OtherEmail);
            case "address1": return Text(c.Address?.Address1);
            case "address2": return Text(c.Address?.Address2);
            case "city": return Text(c.Address?.City);
            case "state": return Text(c.Address?.State);
            case "postalCode": return Text(c.Address?.PostalCode);
            case "countryCode": return Text(c.Address?.CountryCode);
            case "twitterScreenName": return Text(c.TwitterId?.ScreenName);
            case "whatsAppNumber":
            {
                var p = Phone(c.WhatsAppId?.PhoneNumber);
                return p is not null && p.StartsWith("+", StringComparison.Ordinal) ? p.Substring(1) : p;
            }
            case "externalSystemUrl": return Text(c.ExternalSystemUrl);
            case "surveyOptOut": return c.SurveyOptOut is bool b ? (b ? "true" : "false") : null;
            case OrganizationIdField: return Text(c.ExternalOrganization?.Id);
            default: throw new ArgumentException($"Unknown contact field '{field}'.", nameof(field));
        }
    }

    /// <summary>The canonical value of a custom field on a contact (null when empty), typed by the schema.</summary>
    public string? ProjectCustom(ExternalContact c, string name)
    {
        if (c.CustomFields is null || !c.CustomFields.TryGetValue(name, out var v)) return null;
        return CustomFieldValues.FromJson(Definition(name), v);
    }

    private CustomFieldDefinition? Definition(string name)
        => _schema?.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    private bool HasExternalId(ExternalContact c, string value) =>
        c.ExternalIds?.Any(e => e.ExternalSource?.Id == _externalSourceId && string.Equals(e.Value?.Trim(), value, StringComparison.Ordinal)) == true;

    private void Apply(ExternalContact c, NormalizedContact row, MatchKey key)
    {
        foreach (var f in row.Fields) Set(c, f.Key, f.Value);

        if (row.CustomFields.Count > 0)
        {
            if (_schema is not null)
            {
                // Values of another schema cannot ride along with this schema's reference (the API would reject them).
                if (c.Schema?.Id is string current && !string.Equals(current, _schema.Id, StringComparison.OrdinalIgnoreCase)) c.CustomFields = null;
                // Nor can values of fields a later version removed (Set-GenesysExternalContactSchema -RemoveField).
                else if (c.CustomFields is not null)
                    foreach (var stale in c.CustomFields.Keys.Where(k => Definition(k) is null).ToList()) c.CustomFields.Remove(stale);
                c.Schema = new DataSchemaRef { Id = _schema.Id, Version = _schema.Version };
            }
            c.CustomFields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var f in row.CustomFields)
            {
                if (f.Value is null) c.CustomFields.Remove(f.Key);
                else c.CustomFields[f.Key] = CustomFieldValues.ToJson(Definition(f.Key), f.Value);
            }
        }

        if (key.IsExternalId && !HasExternalId(c, key.Value))
        {
            c.ExternalIds ??= new List<ExternalId>();
            c.ExternalIds.Add(new ExternalId { ExternalSource = new ExternalSource { Id = _externalSourceId }, Value = key.Value });
        }
    }

    private static void Set(ExternalContact c, string field, string? value)
    {
        switch (field)
        {
            case "firstName": c.FirstName = value; break;
            case "middleName": c.MiddleName = value; break;
            case "lastName": c.LastName = value; break;
            case "salutation": c.Salutation = value; break;
            case "title": c.Title = value; break;
            case "workPhone": c.WorkPhone = ToPhone(value, c.WorkPhone); break;
            case "cellPhone": c.CellPhone = ToPhone(value, c.CellPhone); break;
            case "homePhone": c.HomePhone = ToPhone(value, c.HomePhone); break;
            case "otherPhone": c.OtherPhone = ToPhone(value, c.OtherPhone); break;
            case "workEmail": c.WorkEmail = value; break;
            case "personalEmail": c.PersonalEmail = value; break;
            case "otherEmail": c.OtherEmail = value; break;
            case "address1": Address(c).Address1 = value; break;
            case "address2": Address(c).Address2 = value; break;
            case "city": Address(c).City = value; break;
            case "state": Address(c).State = value; break;
            case "postalCode": Address(c).PostalCode = value; break;
            case "countryCode": Address(c).CountryCode = value; break;
            case "twitterScreenName":
                if (value is null) c.TwitterId = null;
                else (c.TwitterId ??= new TwitterId()).ScreenName = value;
                break;
            case "whatsAppNumber":
                if (value is null) c.WhatsAppId = null;
                else (c.WhatsAppId ??= new WhatsAppId()).PhoneNumber = new PhoneNumber { Display = value };
                break;
            case "externalSystemUrl": c.ExternalSystemUrl = value; break;
            case "surveyOptOut": c.SurveyOptOut = value is null ? null : value == "true"; break;
            case OrganizationIdField: c.ExternalOrganization = value is null ? null : new ExternalOrganizationRef { Id = value }; break;
            default: throw new ArgumentException($"Unknown contact field '{field}'.", nameof(field));
        }
    }

    private static ContactAddress Address(ExternalContact c) => c.Address ??= new ContactAddress();

    private static PhoneNumber? ToPhone(string? value, PhoneNumber? previous)
    {
        if (value is null) return null;
        var (number, extension) = PhoneValue.Split(value);
        // Only what the client may write; the server derives e164/countryCode/userInput again.
        return new PhoneNumber { Display = number, Extension = extension, AcceptsSms = previous?.AcceptsSms };
    }

    private static string? Text(string? s)
    {
        var t = ContactNormalizer.CleanText(s);
        return t.Length == 0 ? null : t;
    }

    private static string? Email(string? s)
    {
        var t = Text(s);
        if (t is null) return null;
        return EmailAddress.TryNormalize(t, out var e) ? e : t;
    }

    private string? Phone(PhoneNumber? p)
    {
        if (p is null) return null;
        var source = Text(p.E164) ?? Text(p.Display);
        if (source is null) return null;
        string number;
        string? ext = null;
        if (ContactNormalizer.TryNormalizePhone(source, _defaultRegion, strict: false, out var e164, out var parsedExt, out _))
        {
            number = e164;
            ext = parsedExt;
        }
        else
        {
            number = source;
        }
        if (p.Extension is long x) ext = x.ToString(CultureInfo.InvariantCulture);
        return PhoneValue.Format(number, ext);
    }
}
