using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// Update-GenesysExternalOrganization: the API's organization enrich — find by external id and Upsert / Update /
/// Insert the given data in one request (several piped rows: bulk enrich, 10 per request). -DryRun stores nothing.
/// </summary>
[Cmdlet(VerbsData.Update, Nouns.ExternalOrganization, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Update-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysEnrichResult))]
public sealed class UpdateGenesysExternalOrganizationCommand : SurfaceCmdlet
{
    private const string NoSource = "(new)";

    private readonly List<(OrganizationEnrichRequest Request, object Target)> _pending = new();
    private string? _sourceId;

    /// <summary>The external id(s) that find the organization (1..25); the organization claims them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalId")]
    [ValidateCount(1, 25)]
    [ValidateNotNullOrEmpty]
    public string[] MatchExternalId { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateLength(1, 200)]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Name { get; set; }

    /// <summary>Organization data as field → value (industry, companyType, phoneNumber, city, websites, ...).</summary>
    [Parameter]
    public Hashtable? Fields { get; set; }

    /// <summary>A row whose properties named like organization fields are the data (others are ignored).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidateSet("Upsert", "Update", "Insert", IgnoreCase = true)]
    public string Action { get; set; } = "Upsert";

    [Parameter]
    public SwitchParameter DryRun { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    protected override void ProcessRecord()
    {
        var target = (object?)InputObject ?? MatchExternalId[0];
        ExternalOrganization data;
        try
        {
            var known = FieldValues.Known(FieldValues.OrganizationNames);
            var fromRow = InputObject is null ? new List<KeyValuePair<string, object?>>() : FieldValues.Entries(InputObject).Where(e => known.Contains(e.Key)).ToList();
            data = FieldValues.ToModel<ExternalOrganization>(fromRow.Concat(FieldValues.Entries(Fields)), FieldValues.OrganizationPhones, DefaultRegion);
        }
        catch (PSArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "InvalidEnrichRequest", ErrorCategory.InvalidArgument, target));
            return;
        }
        if (Name is not null) data.Name = Name.Trim();
        if (!DryRun && !ShouldProcess(string.Join(", ", MatchExternalId), Action + " external organization (enrich)")) return;
        _sourceId ??= IsWhatIf || DryRun
            ? Run(ct => ActiveConnection.ExternalContacts.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase))?.Id ?? NoSource
            : Run(ct => ActiveConnection.ExternalContacts.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
        _pending.Add((new OrganizationEnrichRequest
        {
            Action = char.ToUpperInvariant(Action[0]) + Action.Substring(1).ToLowerInvariant(),
            Id = _pending.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MatchingIdentifiers = MatchExternalId.Select(v => new ContactIdentifier(ContactIdentifierTypes.ExternalId, v, new ExternalSource { Id = _sourceId })).ToList(),
            ExternalOrganization = data,
        }, target));
    }

    protected override void EndProcessing()
    {
        if (_pending.Count == 0) return;
        if (DryRun && _sourceId == NoSource)
        {
            // The External Source does not exist yet, so no organization can match: answer without a call.
            foreach (var (request, target) in _pending)
            {
                if (request.Action == "Update") WriteNotFound("No organization matches: the External Source '" + ExternalSource + "' does not exist yet.", "ExternalOrganizationNotFound", target);
                else WriteObject(new GenesysEnrichResult(true, true, null, new GenesysExternalOrganization(request.ExternalOrganization ?? new ExternalOrganization())));
            }
            return;
        }
        var api = ActiveConnection.ExternalOrganizations;
        try
        {
            if (_pending.Count == 1)
            {
                var (organization, created) = Run(ct => api.EnrichAsync(_pending[0].Request, DryRun, ct));
                WriteObject(new GenesysEnrichResult(created, DryRun, null, new GenesysExternalOrganization(organization)));
                return;
            }
            var results = Run(ct => api.BulkEnrichAsync(_pending.Select(p => p.Request).ToList(), DryRun, ct));
            foreach (var r in results)
            {
                if (r.Success && r.Entity is not null) WriteObject(new GenesysEnrichResult(r.Status == 201, DryRun, null, new GenesysExternalOrganization(r.Entity)));
                else WriteItemError(new GenesysApiException(r.Error?.Message ?? "The enrich failed.", r.Error?.Status ?? r.Status ?? 0, r.Error?.Code),
                    "ExternalOrganizationEnrichFailed", _pending[r.Index].Target);
            }
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationEnrichFailed", _pending[0].Target);
        }
    }
}
