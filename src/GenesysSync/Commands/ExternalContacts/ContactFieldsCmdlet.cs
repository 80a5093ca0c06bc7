using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Infrastructure;
using GenesysSync.Input;
using GenesysSync.Sync;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// The contact-field parameters shared by New- and Set-GenesysExternalContact. Values go through
/// the same normalization and validation as a sync (E.164 phones, e-mail checks, length limits),
/// so one contact written by hand and one written by Sync-GenesysExternalContact look the same.
/// </summary>
public abstract class ContactFieldsCmdlet : GenesysCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? FirstName { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? MiddleName { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? LastName { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Salutation { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Title { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? WorkEmail { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? PersonalEmail { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? OtherEmail { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? WorkPhone { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? CellPhone { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? HomePhone { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? OtherPhone { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Address1 { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Address2 { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? City { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? State { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? PostalCode { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? CountryCode { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? ExternalSystemUrl { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool? SurveyOptOut { get; set; }

    /// <summary>A source-system record id to attach as an external id (with -ExternalSource).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 255)]
    public string? ExternalId { get; set; }

    /// <summary>Name of the External Source for -ExternalId (created when missing).</summary>
    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    /// <summary>
    /// Custom-field values by key ("accountTier_enum", or the name without its type suffix); converted to each
    /// field's type like a sync does. A $null value clears the field. Needs -Schema (Set-: or the contact's own schema).
    /// </summary>
    [Parameter]
    public Hashtable? CustomField { get; set; }

    /// <summary>The custom-field schema (name or id) of -CustomField; resolved to its latest version.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>The given field parameters as field name → value (only those the user bound).</summary>
    private IEnumerable<KeyValuePair<string, object?>> GivenFields()
    {
        var names = new[]
        {
            nameof(FirstName), nameof(MiddleName), nameof(LastName), nameof(Salutation), nameof(Title),
            nameof(WorkEmail), nameof(PersonalEmail), nameof(OtherEmail),
            nameof(WorkPhone), nameof(CellPhone), nameof(HomePhone), nameof(OtherPhone),
            nameof(Address1), nameof(Address2), nameof(City), nameof(State), nameof(PostalCode), nameof(CountryCode),
            nameof(ExternalSystemUrl), nameof(SurveyOptOut),
        };
        foreach (var name in names)
        {
            if (!MyInvocation.BoundParameters.ContainsKey(name)) continue;
            yield return new KeyValuePair<string, object?>(char.ToLowerInvariant(name[0]) + name.Substring(1), GetType().GetProperty(name)!.GetValue(this));
        }
    }

    /// <summary>
    /// Normalizes the given fields; on a problem writes one non-terminating error naming the field
    /// and returns null.
    /// </summary>
    protected NormalizedContact? NormalizeGiven(object? target, bool clearEmpty, ICustomFieldSchema? schema = null)
    {
        var cells = GivenFields().ToList();
        var options = new MappingOptions { Schema = schema };
        foreach (DictionaryEntry entry in CustomField ?? new Hashtable())
        {
            // Each custom value travels as its own column, mapped explicitly to the field it names. A field listed
            // with $null or '' is erased: naming it is the request (standard fields need -ClearEmpty for that).
            var column = "\u0001custom:" + entry.Key;
            var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            if (value is IEnumerable items and not string and not IDictionary)
            {
                // A list (what a tag field takes) is joined by ';' when each item is one value; otherwise (an item that is
                // an object or a list) it is left as is, and the row reports the field as not one value (NotAValue).
                try { value = string.Join(CustomFieldValues.TagSeparator.ToString(), items.Cast<object?>().Select(i => DictionaryRow.OneValueText(i, GenesysSync.Commands.Sync.PipelineRowSource.UnwrapValue))); }
                catch (NotAValueException) { }
            }
            cells.Add(new KeyValuePair<string, object?>(column, value));
            options.Map["customFields." + entry.Key] = FieldSource.FromColumn(column);
        }
        var row = DictionaryRow.FromObjects(1, cells, null, unwrap: GenesysSync.Commands.Sync.PipelineRowSource.UnwrapValue);
        ContactMapping mapping;
        try
        {
            mapping = ContactMapping.Resolve(row.Columns, options);
        }
        catch (MappingException ex)
        {
            WriteError(new ErrorRecord(new PSArgumentException(ex.Message.Replace("\u0001custom:", ""), ex), "UnknownCustomField", ErrorCategory.InvalidArgument, target));
            return null;
        }
        var normalizer = new ContactNormalizer(mapping, new NormalizationOptions { DefaultRegion = DefaultRegion, ClearEmpty = clearEmpty, ClearEmptyCustomFields = true });
        var contact = normalizer.Normalize(row);
        if (contact.RejectingIssue is { } issue)
        {
            var message = issue.Message.StartsWith("Row 1: ", System.StringComparison.Ordinal) ? issue.Message.Substring(7) : issue.Message;
            message = message.Replace("column '\u0001custom:", "-CustomField '").Replace("\u0001custom:", "");
            WriteError(new ErrorRecord(new PSArgumentException(message), ErrorIdFor(issue.Code), ErrorCategory.InvalidData, target));
            return null;
        }
        return contact;
    }

    /// <summary>The key that carries -ExternalId (or none), creating the External Source when needed.</summary>
    protected (MatchKey Key, string? SourceId) ResolveKey(bool whatIf)
    {
        if (string.IsNullOrEmpty(ExternalId)) return (MatchKey.Create(MatchOn.Id, ""), null);
        var api = ActiveConnection.ExternalContacts;
        string? sourceId = whatIf
            ? Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, System.StringComparison.OrdinalIgnoreCase))?.Id ?? "(new)"
            : Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
        return (MatchKey.Create(MatchOn.ExternalId, ExternalId!), sourceId);
    }

    private static string ErrorIdFor(string code) => code switch
    {
        RowIssueCodes.InvalidPhone => "InvalidPhoneNumber",
        RowIssueCodes.InvalidEmail => "InvalidEmail",
        RowIssueCodes.TooLong => "FieldTooLong",
        RowIssueCodes.InvalidUrl => "InvalidUrl",
        RowIssueCodes.InvalidBoolean => "InvalidBoolean",
        RowIssueCodes.InvalidCustomField => "InvalidCustomField",
        RowIssueCodes.NotAValue => "NotAValue",
        _ => "InvalidContactField",
    };

    /// <summary>The schema for -CustomField: -Schema, else <paramref name="fallbackId"/> (the contact's own); null without -CustomField.</summary>
    protected ICustomFieldSchema? ResolveCustomFieldSchema(object? target, string? fallbackId, out bool failed)
    {
        failed = false;
        if (CustomField is null || CustomField.Count == 0) return null;
        var wanted = Schema ?? fallbackId;
        if (wanted is null)
        {
            WriteError(new ErrorRecord(new PSArgumentException("-CustomField needs -Schema: name the custom-field schema whose fields these are (Get-GenesysExternalContactSchema lists them)."),
                "CustomFieldNeedsSchema", ErrorCategory.InvalidArgument, target));
            failed = true;
            return null;
        }
        return ResolveContactSchema(wanted);
    }

    protected static ExternalContact Merge(ExternalContact existing, NormalizedContact contact, MatchKey key, string? sourceId, string region, ICustomFieldSchema? schema = null)
        => new ContactPayload(region, schema, sourceId).Merge(existing, contact, key);

    protected static ExternalContact Build(NormalizedContact contact, MatchKey key, string? sourceId, string region, ICustomFieldSchema? schema = null)
        => new ContactPayload(region, schema, sourceId).BuildNew(contact, key);
}
