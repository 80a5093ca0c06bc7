using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>Get-GenesysExternalContactSchema: the org's custom-field schemas for contacts, by name (wildcards) or id.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalContactSchema, DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalContactSchema.md")]
[OutputType(typeof(GenesysExternalContactSchema))]
public sealed class GetGenesysExternalContactSchemaCommand : GenesysCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByIdSet = "ById";

    [Parameter(ParameterSetName = ByNameSet, Position = 0)]
    [SupportsWildcards]
    public string Name { get; set; } = "*";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SchemaId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>A version other than the latest (with -Id).</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalContacts;
        if (ParameterSetName == ByIdSet)
        {
            foreach (var id in Id)
            {
                try
                {
                    var schema = Version is int v ? Run(ct => api.GetContactSchemaVersionAsync(id, v, ct)) : Run(ct => api.GetContactSchemaAsync(id, ct));
                    if (schema is null)
                        WriteError(new ErrorRecord(new ItemNotFoundException($"No external contact schema{(Version is null ? "" : " version")} has the id '{id}'."), "ExternalContactSchemaNotFound", ErrorCategory.ObjectNotFound, id));
                    else
                        WriteObject(new GenesysExternalContactSchema(schema));
                }
                catch (GenesysApiException ex)
                {
                    WriteItemError(ex, "ExternalContactSchemaGetFailed", id);
                }
            }
            return;
        }

        var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var matched = Run(ct => api.ListContactSchemasAsync(ct)).Where(s => pattern.IsMatch(s.Name ?? "")).ToList();
        foreach (var schema in matched) WriteObject(new GenesysExternalContactSchema(schema));
        if (matched.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No external contact schema is named '{Name}'."), "ExternalContactSchemaNotFound", ErrorCategory.ObjectNotFound, Name));
        }
    }
}
