using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>New-GenesysExternalSource: registers a source system (e.g. your CRM) whose record ids contacts carry.</summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalSource, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalSource.md")]
[OutputType(typeof(GenesysExternalSource))]
public sealed class NewGenesysExternalSourceCommand : GenesysCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 200)]
    public string Name { get; set; } = "";

    /// <summary>Whether the source is active (default true).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public bool Active { get; set; } = true;

    /// <summary>URL template that opens the record in the source system, e.g. https://crm.example.com/contacts/{{externalId}}.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 400)]
    public string? LinkUriTemplate { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Create External Source")) return;
        var source = new ExternalSource
        {
            Name = Name,
            Active = Active,
            LinkConfiguration = LinkUriTemplate is null ? null : new LinkConfiguration { UriTemplate = LinkUriTemplate },
        };
        try
        {
            var created = Run(ct => ActiveConnection.ExternalContacts.CreateExternalSourceAsync(source, ct));
            WriteObject(new GenesysExternalSource(created));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalSourceCreateFailed", Name);
        }
    }
}
