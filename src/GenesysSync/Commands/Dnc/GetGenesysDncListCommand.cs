using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.Dnc;

/// <summary>Get-GenesysDncList: every DNC list, or those whose name matches (wildcards), or one by id; with sizes.</summary>
[Cmdlet(VerbsCommon.Get, NounList, DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-GenesysDncList.md")]
[OutputType(typeof(GenesysDncList))]
public sealed class GetGenesysDncListCommand : DncCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByIdSet = "ById";

    /// <summary>List names; wildcards allowed. All lists when omitted.</summary>
    [Parameter(ParameterSetName = ByNameSet, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        try
        {
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in Id)
                {
                    var list = Run(ct => Api.GetAsync(id, includeSize: true, ct));
                    if (list is null) WriteError(new ErrorRecord(new ItemNotFoundException($"No DNC list has the id '{id}'."), "DncListNotFound", ErrorCategory.ObjectNotFound, id));
                    else WriteObject(new GenesysDncList(list));
                }
                return;
            }
            var all = Run(ct => Api.ListAsync(null, includeSize: true, ct));
            if (Name is null)
            {
                foreach (var list in all) WriteObject(new GenesysDncList(list));
                return;
            }
            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matches = all.Where(l => pattern.IsMatch(l.Name ?? "")).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No DNC list is named '{name}'."), "DncListNotFound", ErrorCategory.ObjectNotFound, name));
                foreach (var list in matches) WriteObject(new GenesysDncList(list));
            }
        }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysApiException ex) { WriteItemError(ex, "DncListQueryFailed", Name ?? (object)Id); }
    }
}
