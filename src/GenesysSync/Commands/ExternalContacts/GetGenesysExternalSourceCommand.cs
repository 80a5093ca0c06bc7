using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>Get-GenesysExternalSource: the org's External Sources, by name (wildcards) or id.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalSource, DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalSource.md")]
[OutputType(typeof(GenesysExternalSource))]
public sealed class GetGenesysExternalSourceCommand : GenesysCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByIdSet = "ById";

    [Parameter(ParameterSetName = ByNameSet, Position = 0)]
    [SupportsWildcards]
    public string Name { get; set; } = "*";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalSourceId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalContacts;
        if (ParameterSetName == ByIdSet)
        {
            foreach (var id in Id)
            {
                try
                {
                    var source = Run(ct => api.GetExternalSourceAsync(id, ct));
                    if (source is null)
                        WriteError(new ErrorRecord(new ItemNotFoundException($"No External Source has the id '{id}'."), "ExternalSourceNotFound", ErrorCategory.ObjectNotFound, id));
                    else
                        WriteObject(new GenesysExternalSource(source));
                }
                catch (GenesysApiException ex)
                {
                    WriteItemError(ex, "ExternalSourceGetFailed", id);
                }
            }
            return;
        }

        var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        // The API filters by name prefix; use the literal part before any wildcard to narrow the listing.
        var prefix = new string(Name.TakeWhile(c => c != '*' && c != '?' && c != '[').ToArray());
        var sources = Run(ct => api.ListExternalSourcesAsync(prefix.Length > 0 ? prefix : null, ct));
        var matched = sources.Where(s => pattern.IsMatch(s.Name ?? "")).ToList();
        foreach (var source in matched) WriteObject(new GenesysExternalSource(source));
        if (matched.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No External Source is named '{Name}'."), "ExternalSourceNotFound", ErrorCategory.ObjectNotFound, Name));
        }
    }
}
