using System;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Relationships;

/// <summary>Get-GenesysExternalRelationship: the relationships of organizations, one by id, or every relationship (scan).</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalRelationship, DefaultParameterSetName = OrganizationIdSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalRelationship.md")]
[OutputType(typeof(GenesysExternalRelationship))]
public sealed class GetGenesysExternalRelationshipCommand : SurfaceCmdlet
{
    private const string OrganizationIdSet = "OrganizationId";
    private const string OrganizationSet = "Organization";
    private const string ByIdSet = "ById";
    private const string AllSet = "All";

    /// <summary>The organization whose relationships to list (contacts piped in bind their OrganizationId).</summary>
    [Parameter(ParameterSetName = OrganizationIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalOrganization? Organization { get; set; }

    // Named RelationshipId (not Id) so that contacts and organizations, which have an Id, never bind to it; a second
    // by-property-name set also lets PowerShell bind organizations by value when no parameter is given.
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RelationshipId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>Lists: sort by relationship text instead of creation. In every set on purpose: a parameter that narrowed the
    /// sets to the two organization sets would stop PowerShell from binding piped organizations by value.</summary>
    [Parameter]
    public SwitchParameter SortByRelationship { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalRelationships;
        switch (ParameterSetName)
        {
            case ByIdSet:
                foreach (var id in RelationshipId)
                {
                    try
                    {
                        var relationship = Run(ct => api.GetAsync(id, ct));
                        if (relationship is null) WriteNotFound($"No relationship has the id '{id}'.", "ExternalRelationshipNotFound", id);
                        else WriteObject(new GenesysExternalRelationship(relationship));
                    }
                    catch (GenesysApiException ex)
                    {
                        WriteItemError(ex, "ExternalRelationshipGetFailed", id);
                    }
                }
                break;
            case AllSet:
                var enumerator = api.ScanAsync(200, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (Run(ct => enumerator.MoveNextAsync().AsTask())) WriteObject(new GenesysExternalRelationship(enumerator.Current));
                }
                finally
                {
                    Run(ct => enumerator.DisposeAsync().AsTask());
                }
                break;
            default:
                var organizationId = ParameterSetName == OrganizationSet ? Organization!.Id : OrganizationId;
                try
                {
                    var list = Run(ct => api.ListAsync(organizationId, SortByRelationship ? "relationship:asc" : "createDate:asc", ct));
                    foreach (var relationship in list.Items) WriteObject(new GenesysExternalRelationship(relationship));
                }
                catch (GenesysNotFoundException)
                {
                    WriteNotFound($"No external organization has the id '{organizationId}'.", "ExternalOrganizationNotFound", organizationId);
                }
                catch (GenesysApiException ex)
                {
                    WriteItemError(ex, "ExternalRelationshipGetFailed", organizationId);
                }
                break;
        }
    }
}
