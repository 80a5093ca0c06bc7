using System.Collections;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// Set-GenesysExternalOrganization: changes an organization. By default the current organization is read and the given
/// fields are merged into it before a PUT (PUT replaces everything); -Changes sends a PATCH of exactly the given paths.
/// </summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalOrganization, SupportsShouldProcess = true, DefaultParameterSetName = FieldsSet, HelpUri = HelpLinks.Base + "Set-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysExternalOrganization))]
public sealed class SetGenesysExternalOrganizationCommand : OrganizationFieldsCmdlet
{
    private const string FieldsSet = "Fields";
    private const string PatchSet = "Patch";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 1000)]
    public string? Name { get; set; }

    /// <summary>PATCH: field path → value ($null removes), e.g. @{ industry = 'Retail'; 'address.city' = 'Oslo' }.</summary>
    [Parameter(ParameterSetName = PatchSet, Mandatory = true)]
    public Hashtable? Changes { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalOrganizations;
        try
        {
            if (ParameterSetName == PatchSet)
            {
                var changes = PatchChanges.From(Changes!);
                if (!ShouldProcess(Id, "Patch external organization (" + string.Join(", ", changes.Select(c => c.Field)) + ")")) return;
                WriteObject(new GenesysExternalOrganization(Run(ct => api.PatchAsync(Id, changes, ct))));
                return;
            }
            var existing = Run(ct => api.GetAsync(Id, false, ct));
            if (existing is null)
            {
                WriteNotFound($"No external organization has the id '{Id}'.", "ExternalOrganizationNotFound", Id);
                return;
            }
            if (Name is not null) existing.Name = Name.Trim();
            if (!ApplyFields(existing, Id)) return;
            if (!ShouldProcess(Id, "Update external organization")) return;
            ApplyExternalId(existing);
            // Server-owned parts are not sent back.
            existing.Identifiers = null;
            existing.Trustor = null;
            existing.CreateDate = existing.ModifyDate = null;
            existing.SelfUri = null;
            WriteObject(new GenesysExternalOrganization(Run(ct => api.UpdateAsync(Id, existing, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationUpdateFailed", Id);
        }
    }
}
