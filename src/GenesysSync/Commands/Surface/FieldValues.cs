using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GenesysSync.Api.Models;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Surface;

/// <summary>
/// Turns a hashtable or object of API field names (firstName, workEmail, cellPhone, city, industry, ...) into an
/// ExternalContact or ExternalOrganization: phone fields may be plain text (normalized to E.164 with the default
/// region), address parts may be given flat (city, postalCode, ...). Other names go to the API as they are, so an
/// unknown one comes back as the API's own invalid.property error.
/// </summary>
internal static class FieldValues
{
    public static readonly string[] ContactPhones = { "workPhone", "cellPhone", "homePhone", "otherPhone" };
    public static readonly string[] OrganizationPhones = { "phoneNumber", "faxNumber" };
    private static readonly string[] AddressParts = { "address1", "address2", "city", "state", "postalCode", "countryCode" };

    /// <summary>The names and values of a hashtable, or of an object's properties.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Entries(object? source)
    {
        source = source is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : source;
        if (source is IDictionary dictionary)
        {
            foreach (DictionaryEntry e in dictionary) yield return new KeyValuePair<string, object?>(e.Key?.ToString() ?? "", PatchChanges.Unwrap(e.Value));
            yield break;
        }
        if (source is null) yield break;
        foreach (var property in PSObject.AsPSObject(source).Properties)
        {
            object? value;
            try { value = property.Value; }
            catch (GetValueInvocationException) { continue; }
            yield return new KeyValuePair<string, object?>(property.Name, PatchChanges.Unwrap(value));
        }
    }

    /// <summary>
    /// Builds the model. <paramref name="only"/> limits which names are used (others are skipped, e.g. match columns of a
    /// piped row); null uses every name. Throws <see cref="PSArgumentException"/> for an unreadable phone.
    /// </summary>
    public static T ToModel<T>(IEnumerable<KeyValuePair<string, object?>> entries, string[] phoneFields, string defaultRegion, ISet<string>? only = null) where T : class
    {
        var json = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var address = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in entries.Select(e => (e.Key, e.Value)))
        {
            if (string.IsNullOrWhiteSpace(name) || (only is not null && !only.Contains(name))) continue;
            if (value is null || value is string { Length: 0 }) continue;
            var phone = phoneFields.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            var part = AddressParts.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            if (phone is not null && value is string text) json[phone] = Phone(text, phone, defaultRegion);
            else if (part is not null) address[part] = value;
            else json[name] = value;
        }
        if (address.Count > 0) json["address"] = address;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json, GenesysJson.Options);
        return JsonSerializer.Deserialize<T>(bytes, GenesysJson.Options)!;
    }

    /// <summary>Every name a contact or organization accepts, for picking fields out of a piped row.</summary>
    public static ISet<string> Known(params string[][] names) => new HashSet<string>(names.SelectMany(n => n), StringComparer.OrdinalIgnoreCase);

    public static readonly string[] ContactNames =
    {
        "firstName", "middleName", "lastName", "salutation", "title", "workEmail", "personalEmail", "otherEmail",
        "workPhone", "cellPhone", "homePhone", "otherPhone", "address1", "address2", "city", "state", "postalCode", "countryCode",
        "externalSystemUrl", "surveyOptOut",
    };

    public static readonly string[] OrganizationNames =
    {
        "name", "companyType", "industry", "phoneNumber", "faxNumber", "address1", "address2", "city", "state", "postalCode", "countryCode",
        "employeeCount", "revenue", "websites", "tags", "externalSystemUrl",
    };

    private static Dictionary<string, object?> Phone(string text, string field, string region)
    {
        if (!ContactNormalizer.TryNormalizePhone(text, region, false, out var e164, out var extension, out _))
            throw new PSArgumentException($"The {field} value cannot be read as a phone number (default region {region}). Give it with its country code.");
        var phone = new Dictionary<string, object?> { ["display"] = e164 };
        if (extension is not null) phone["extension"] = long.Parse(extension, System.Globalization.CultureInfo.InvariantCulture);
        return phone;
    }
}
