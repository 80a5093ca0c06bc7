using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>Set-GenesysExternalSource: renames a source, (de)activates it, or changes its link template.</summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalSource, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Set-GenesysExternalSource.md")]
[OutputType(typeof(GenesysExternalSource))]
public sealed class SetGenesysExternalSourceCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalSourceId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    /// <summary>The new name (unique in the org, ≤ 200 characters).</summary>
    [Parameter]
    [ValidateLength(1, 200)]
    public string? Name { get; set; }

    [Parameter]
    public bool? Active { get; set; }

    /// <summary>URL template that opens the record in the source system; an empty string removes it.</summary>
    [Parameter]
    [ValidateLength(0, 400)]
    public string? LinkUriTemplate { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalContacts;
        try
        {
            var existing = Run(ct => api.GetExternalSourceAsync(Id, ct));
            if (existing is null)
            {
                WriteNotFound($"No External Source has the id '{Id}'.", "ExternalSourceNotFound", Id);
                return;
            }
            var updated = new ExternalSource
            {
                Name = Name ?? existing.Name,
                Active = Active ?? existing.Active,
                LinkConfiguration = IsBound(nameof(LinkUriTemplate))
                    ? string.IsNullOrEmpty(LinkUriTemplate) ? null : new LinkConfiguration { UriTemplate = LinkUriTemplate }
                    : existing.LinkConfiguration,
            };
            if (!ShouldProcess(existing.Name ?? Id, "Update External Source")) return;
            WriteObject(new GenesysExternalSource(Run(ct => api.UpdateExternalSourceAsync(Id, updated, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalSourceUpdateFailed", Id);
        }
    }
}
