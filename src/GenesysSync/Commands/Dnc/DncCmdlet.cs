using System;
using System.Management.Automation;
using GenesysSync.Dnc;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.Dnc;

/// <summary>What the DNC-list cmdlets share: the API and resolving -DncList (a name, an id or a list object).</summary>
public abstract class DncCmdlet : GenesysCmdlet
{
    internal const string NounList = Nouns.Prefix + "DncList";
    internal const string NounEntry = Nouns.Prefix + "DncListEntry";

    private DncApi? _api;

    internal DncApi Api => _api ??= new DncApi(ActiveConnection.Client);

    /// <summary>
    /// The list named, or with this id, or the list object itself (read again for a current version and size); null
    /// after a non-terminating error, or a terminating error when <paramref name="terminating"/> is set.
    /// </summary>
    internal DncList? ResolveDncList(object? input, bool includeSize = true, bool terminating = false)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        try
        {
            DncList? list = value switch
            {
                GenesysDncList known => Run(ct => Api.GetAsync(known.Id, includeSize, ct)),
                string text when Guid.TryParse(text, out _) => Run(ct => Api.GetAsync(text, includeSize, ct)) ?? Run(ct => Api.FindByNameAsync(text, includeSize, ct)),
                string text when text.Trim().Length > 0 => Run(ct => Api.FindByNameAsync(text.Trim(), includeSize, ct)),
                _ => throw new PSArgumentException("-DncList takes a list name, a list id or a list from Get-GenesysDncList."),
            };
            if (list is null)
            {
                var record = new ErrorRecord(new ItemNotFoundException($"No DNC list is named or has the id '{value}'. Get-GenesysDncList lists them."),
                    "DncListNotFound", ErrorCategory.ObjectNotFound, input);
                if (terminating) ThrowTerminatingError(record);
                WriteError(record);
            }
            return list;
        }
        catch (GenesysApiException ex)
        {
            if (terminating) ThrowTerminating(ex, "DncListLookupFailed", input);
            WriteItemError(ex, "DncListLookupFailed", input);
            return null;
        }
    }
}
