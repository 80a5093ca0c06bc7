using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.ContactLists;

/// <summary>Get-GenesysContactList: lists contact lists (all, by name with wildcards, or by id) with their sizes.</summary>
[Cmdlet(VerbsCommon.Get, Nouns.ContactList, DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-GenesysContactList.md")]
[OutputType(typeof(GenesysContactList))]
public sealed class GetGenesysContactListCommand : ContactListCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByIdSet = "ById";

    /// <summary>Names; * and ? are wildcards. None: every list.</summary>
    [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactListId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.Outbound;
        switch (ParameterSetName)
        {
            case ByIdSet:
                foreach (var id in Id)
                {
                    try
                    {
                        var list = Run(ct => api.GetContactListAsync(id, includeSize: true, includeImportStatus: true, cancellationToken: ct));
                        if (list is null)
                            WriteError(new ErrorRecord(new ItemNotFoundException($"No contact list has the id '{id}'."), "ContactListNotFound", ErrorCategory.ObjectNotFound, id));
                        else WriteObject(new GenesysContactList(list));
                    }
                    catch (GenesysApiException ex)
                    {
                        WriteItemError(ex, "ContactListGetFailed", id);
                    }
                }
                break;
            default:
                var patterns = Name.Length == 0 ? new[] { "*" } : Name;
                foreach (var pattern in patterns)
                {
                    var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
                    // The server filters by the literal prefix; the wildcard is applied here.
                    var prefix = new string(pattern.TakeWhile(c => c is not ('*' or '?' or '[' or '`')).ToArray());
                    try
                    {
                        var lists = Run(ct => api.ListContactListsAsync(prefix.Length == 0 ? null : prefix, "Prefix", includeSize: true, ct));
                        var matches = lists.Where(l => wildcard.IsMatch(l.Name ?? "")).ToList();
                        if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                            WriteError(new ErrorRecord(new ItemNotFoundException($"No contact list is named '{pattern}'."), "ContactListNotFound", ErrorCategory.ObjectNotFound, pattern));
                        foreach (var list in matches) WriteObject(new GenesysContactList(list));
                    }
                    catch (GenesysApiException ex)
                    {
                        WriteItemError(ex, "ContactListGetFailed", pattern);
                    }
                }
                break;
        }
    }
}
