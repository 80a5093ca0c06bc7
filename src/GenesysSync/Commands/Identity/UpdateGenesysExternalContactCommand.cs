using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Identity;

/// <summary>
/// Update-GenesysExternalContact: the API's enrich — find a contact by matching identifiers (external id, e-mail,
/// phone, or any identifier) and Merge / Upsert / Update / Insert data into it in one request. One piped row is one
/// enrich; several rows go through bulk enrich, 10 per request. -DryRun shows the result without storing it.
/// </summary>
[Cmdlet(VerbsData.Update, Nouns.ExternalContact, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Update-GenesysExternalContact.md")]
[OutputType(typeof(GenesysEnrichResult))]
public sealed class UpdateGenesysExternalContactCommand : SurfaceCmdlet
{
    private readonly List<(ContactEnrichRequest Request, object Target)> _pending = new();
    private string? _sourceId;

    /// <summary>Contact data as field → value (firstName, workEmail, cellPhone, city, ...).</summary>
    [Parameter]
    public Hashtable? Fields { get; set; }

    /// <summary>A row whose properties named like contact fields are the data (other properties are ignored).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidateSet("Merge", "Upsert", "Update", "Insert", IgnoreCase = true)]
    public string Action { get; set; } = "Upsert";

    /// <summary>Match on this external id (in -ExternalSource); the contact claims it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalId")]
    public string? MatchExternalId { get; set; }

    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MatchEmail { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MatchPhone { get; set; }

    /// <summary>Further identifiers as @{ Type = 'Cookie'; Value = '...' } (1..25 identifiers in all).</summary>
    [Parameter]
    [ValidateCount(1, 25)]
    public Hashtable[]? MatchingIdentifier { get; set; }

    [Parameter]
    [ValidateSet("PreferProvided", "PreferExisting", "AlwaysUseProvided", IgnoreCase = true)]
    public string? FieldRule { get; set; }

    /// <summary>Show what would happen; nothing is stored.</summary>
    [Parameter]
    public SwitchParameter DryRun { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    protected override void ProcessRecord()
    {
        var target = (object?)InputObject ?? MatchExternalId ?? MatchEmail ?? MatchPhone ?? "contact";
        ContactEnrichRequest request;
        try
        {
            request = BuildRequest();
        }
        catch (PSArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "InvalidEnrichRequest", ErrorCategory.InvalidArgument, target));
            return;
        }
        if (request.MatchingIdentifiers!.Count == 0)
        {
            WriteInvalid("Give at least one matching identifier: -MatchExternalId, -MatchEmail, -MatchPhone or -MatchingIdentifier.", "NoMatchingIdentifier", target);
            return;
        }
        if (request.MatchingIdentifiers.Any(i => (i.Value?.Length ?? 0) > 255))
        {
            WriteInvalid("An identifier value holds at most 255 characters.", "IdentifierTooLong", target);
            return;
        }
        if (request.MatchingIdentifiers.Count > 25)
        {
            WriteInvalid("An enrich takes at most 25 matching identifiers.", "TooManyMatchingIdentifiers", target);
            return;
        }
        if (!DryRun && !ShouldProcess(Describe(request), Action + " external contact (enrich)")) return;
        _pending.Add((request, target));
    }

    protected override void EndProcessing()
    {
        if (_pending.Count == 0) return;
        if (DryRun && _sourceId == NoSource) AnswerWithoutSource();
        if (_pending.Count == 0) return;
        try
        {
            if (_pending.Count == 1)
            {
                var result = Run(ct => ActiveConnection.ExternalContacts.EnrichAsync(_pending[0].Request, DryRun, ct));
                WriteObject(new GenesysEnrichResult(result.Created, DryRun, new GenesysExternalContact(result.Contact), null));
                return;
            }
            // Several rows: bulk enrich (10 per request); each result matches its row by index.
            var results = Run(ct => ActiveConnection.ExternalContacts.BulkEnrichAsync(_pending.Select(p => p.Request).ToList(), DryRun, ct));
            foreach (var r in results)
            {
                if (r.Success && r.Contact is not null) WriteObject(new GenesysEnrichResult(r.Status == 201, DryRun, new GenesysExternalContact(r.Contact), null));
                else WriteItemError(new GenesysApiException(r.Error?.Message ?? "The enrich failed.", r.Error?.Status ?? r.Status ?? 0, r.Error?.Code),
                    "ExternalContactEnrichFailed", _pending[r.Index].Target);
            }
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactEnrichFailed", _pending[0].Target);
        }
    }

    private const string NoSource = "(new)";

    /// <summary>
    /// A dry run whose External Source does not exist yet: no contact can hold that external id, so it is left out of
    /// the matching; a request left with no identifier is answered here (Created, or not found for Update) without a call.
    /// </summary>
    private void AnswerWithoutSource()
    {
        foreach (var (request, target) in _pending.ToList())
        {
            request.MatchingIdentifiers!.RemoveAll(i => i.ExternalSource?.Id == NoSource);
            if (request.MatchingIdentifiers.Count > 0) continue;
            _pending.Remove((request, target));
            if (request.Action == "Update") WriteNotFound("No contact matches: the External Source '" + ExternalSource + "' does not exist yet.", "ExternalContactNotFound", target);
            else WriteObject(new GenesysEnrichResult(true, true, new GenesysExternalContact(request.Contact ?? new ExternalContact()), null));
        }
    }

    private ContactEnrichRequest BuildRequest()
    {
        var entries = FieldValues.Entries(Fields).ToList();
        var known = FieldValues.Known(FieldValues.ContactNames);
        var fromRow = InputObject is null ? new List<KeyValuePair<string, object?>>() : FieldValues.Entries(InputObject).Where(e => known.Contains(e.Key)).ToList();
        var contact = FieldValues.ToModel<ExternalContact>(fromRow.Concat(entries), FieldValues.ContactPhones, DefaultRegion);
        var identifiers = new List<ContactIdentifier>();
        if (!string.IsNullOrEmpty(MatchExternalId))
        {
            _sourceId ??= IsWhatIf || DryRun
                ? Run(ct => ActiveConnection.ExternalContacts.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase))?.Id ?? NoSource
                : Run(ct => ActiveConnection.ExternalContacts.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
            identifiers.Add(new ContactIdentifier(ContactIdentifierTypes.ExternalId, MatchExternalId!, new ExternalSource { Id = _sourceId }));
        }
        if (!string.IsNullOrEmpty(MatchEmail))
        {
            if (!EmailAddress.TryNormalize(MatchEmail!, out var email)) throw new PSArgumentException("The -MatchEmail value is not a valid e-mail address.");
            identifiers.Add(new ContactIdentifier(ContactIdentifierTypes.Email, email));
        }
        if (!string.IsNullOrEmpty(MatchPhone))
        {
            if (!ContactNormalizer.TryNormalizePhone(MatchPhone!, DefaultRegion, false, out var e164, out _, out _))
                throw new PSArgumentException($"The -MatchPhone value cannot be read as a phone number (default region {DefaultRegion}).");
            identifiers.Add(new ContactIdentifier(ContactIdentifierTypes.Phone, e164));
        }
        foreach (var table in MatchingIdentifier ?? Array.Empty<Hashtable>())
        {
            var type = table["Type"]?.ToString();
            var value = table["Value"]?.ToString();
            if (string.IsNullOrEmpty(type) || string.IsNullOrEmpty(value)) throw new PSArgumentException("Each -MatchingIdentifier needs Type and Value, e.g. @{ Type = 'Cookie'; Value = 'abc' }.");
            var source = table["ExternalSource"]?.ToString();
            identifiers.Add(new ContactIdentifier(type!, value!, source is null ? null : new ExternalSource { Id = ResolveSource(source)?.Id ?? source }));
        }
        return new ContactEnrichRequest
        {
            Action = char.ToUpperInvariant(Action[0]) + Action.Substring(1).ToLowerInvariant(),
            MatchingIdentifiers = identifiers,
            Contact = contact,
            FieldRules = FieldRule is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(new { defaultAction = Canonical(FieldRule) }),
            Id = _pending.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string Canonical(string rule) => new[] { "PreferProvided", "PreferExisting", "AlwaysUseProvided" }.First(r => string.Equals(r, rule, StringComparison.OrdinalIgnoreCase));

    private static string Describe(ContactEnrichRequest request)
        => string.Join(", ", request.MatchingIdentifiers!.Select(i => i.Type + " " + i.Value));
}
