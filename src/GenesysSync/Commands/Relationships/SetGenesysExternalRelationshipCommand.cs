using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Relationships;

/// <summary>Set-GenesysExternalRelationship: changes the role text (and, if given, the user) of relationships.</summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalRelationship, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Set-GenesysExternalRelationship.md")]
[OutputType(typeof(GenesysExternalRelationship))]
public sealed class SetGenesysExternalRelationshipCommand : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RelationshipId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 100)]
    public string? Relationship { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserId { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalRelationships;
        try
        {
            var existing = Run(ct => api.GetAsync(Id, ct));
            if (existing is null)
            {
                WriteNotFound($"No relationship has the id '{Id}'.", "ExternalRelationshipNotFound", Id);
                return;
            }
            var text = Relationship ?? existing.RelationshipText ?? "";
            var user = UserId ?? existing.User?.Id ?? "";
            if (!ShouldProcess("relationship " + Id, "Update relationship to '" + text + "'")) return;
            WriteObject(new GenesysExternalRelationship(Run(ct => api.UpdateAsync(Id, existing.ExternalOrganization?.Id ?? "", user, text, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalRelationshipUpdateFailed", Id);
        }
    }
}
