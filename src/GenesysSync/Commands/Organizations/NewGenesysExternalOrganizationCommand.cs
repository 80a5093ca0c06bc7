using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;

namespace GenesysSync.Commands.Organizations;

/// <summary>New-GenesysExternalOrganization: creates an external organization (the company contacts belong to).</summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalOrganization, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysExternalOrganization))]
public sealed class NewGenesysExternalOrganizationCommand : OrganizationFieldsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 1000)]
    public string Name { get; set; } = "";

    protected override void ProcessRecord()
    {
        var organization = new ExternalOrganization { Name = Name.Trim() };
        if (!ApplyFields(organization, Name)) return;
        try
        {
            if (!ShouldProcess(Name, "Create external organization")) return;
            ApplyExternalId(organization);
            var created = Run(ct => ActiveConnection.ExternalOrganizations.CreateAsync(organization, ct));
            WriteObject(new GenesysExternalOrganization(created));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalOrganizationCreateFailed", Name);
        }
    }
}
