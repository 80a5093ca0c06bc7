using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// Get-GenesysExternalOrganization: by id, by search (names; capped at 1,000 by the API), the whole org (scan), by
/// external id, by linked trustor, or the organization of piped contacts.
/// </summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalOrganization, DefaultParameterSetName = ByIdSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysExternalOrganization))]
public sealed class GetGenesysExternalOrganizationCommand : SurfaceCmdlet
{
    private const string ByIdSet = "ById";
    private const string SearchSet = "Search";
    private const string AllSet = "All";
    private const string ExternalIdSet = "ExternalId";
    private const string TrustorSet = "Trustor";
    private const string ContactSet = "Contact";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = SearchSet, Mandatory = true)]
    [AllowEmptyString]
    public string Search { get; set; } = "";

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    [Parameter(ParameterSetName = ExternalIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ExternalId { get; set; } = "";

    /// <summary>
    /// Name or id of the External Source the external id belongs to (default GenesysSync, the sync's source). Optional on
    /// purpose: a second set that can bind from the pipeline keeps PowerShell binding piped contacts by value.
    /// </summary>
    [Parameter(ParameterSetName = ExternalIdSet)]
    [ValidateNotNullOrEmpty]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter(ParameterSetName = TrustorSet, Mandatory = true)]
    [ValidateCount(1, 25)]
    [ValidateNotNullOrEmpty]
    public string[] TrustorId { get; set; } = Array.Empty<string>();

    /// <summary>Contacts (from Get-GenesysExternalContact): returns the organization each one belongs to.</summary>
    [Parameter(ParameterSetName = ContactSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalContact? Contact { get; set; }

    /// <summary>Include the linked trustor (TrustorId). In every set: narrowing the sets would stop piped contacts binding by value.</summary>
    [Parameter]
    public SwitchParameter IncludeTrustor { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalOrganizations;
        try
        {
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (var id in Id) GetOne(id, id);
                    break;
                case ContactSet:
                    if (string.IsNullOrEmpty(Contact!.OrganizationId))
                        WriteNotFound($"The contact '{Contact}' ({Contact.Id}) belongs to no external organization.", "ContactHasNoOrganization", Contact);
                    else GetOne(Contact.OrganizationId!, Contact);
                    break;
                case SearchSet:
                    var found = Run(ct => api.SearchAllAsync(Search, "name:asc", IncludeTrustor, ct));
                    foreach (var organization in found.Items) WriteObject(new GenesysExternalOrganization(organization));
                    if (found.Capped) WriteWarning(Invariant($"The search matched more organizations than the API returns (it stops at 1,000; {found.Total?.ToString() ?? "more"} matched). Narrow it, or use -All."));
                    break;
                case AllSet:
                    var enumerator = api.ScanAsync(200, CancellationToken).GetAsyncEnumerator(CancellationToken);
                    try
                    {
                        while (Run(ct => enumerator.MoveNextAsync().AsTask())) WriteObject(new GenesysExternalOrganization(enumerator.Current));
                    }
                    finally
                    {
                        Run(ct => enumerator.DisposeAsync().AsTask());
                    }
                    break;
                case ExternalIdSet:
                    var source = ResolveSource(ExternalSource);
                    if (source is null) return;
                    var match = Run(ct => api.LookupAsync(source.Id!, ExternalId, ct));
                    if (match is null) WriteNotFound($"No external organization has the external id '{ExternalId}' in '{source.Name}'.", "ExternalOrganizationNotFound", ExternalId);
                    else WriteObject(new GenesysExternalOrganization(match));
                    break;
                case TrustorSet:
                    var linked = Run(ct => api.FindByTrustorsAsync(TrustorId, ct));
                    foreach (var organization in linked) WriteObject(new GenesysExternalOrganization(organization));
                    foreach (var missing in TrustorId.Where(t => !linked.Any(o => string.Equals(o.Trustor?.Id, t, StringComparison.OrdinalIgnoreCase))))
                        WriteNotFound($"No external organization is linked to the trustor '{missing}'.", "ExternalOrganizationNotFound", missing);
                    break;
            }
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationGetFailed", ParameterSetName);
        }
    }

    private void GetOne(string id, object target)
    {
        try
        {
            var organization = Run(ct => ActiveConnection.ExternalOrganizations.GetAsync(id, IncludeTrustor, ct));
            if (organization is null) WriteNotFound($"No external organization has the id '{id}'.", "ExternalOrganizationNotFound", target);
            else WriteObject(new GenesysExternalOrganization(organization));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationGetFailed", target);
        }
    }
}
