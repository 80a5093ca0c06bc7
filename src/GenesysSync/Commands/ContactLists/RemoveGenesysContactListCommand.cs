using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.ContactLists;

/// <summary>Remove-GenesysContactList: deletes contact lists (and their contacts).</summary>
[Cmdlet(VerbsCommon.Remove, Nouns.ContactList, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysContactList.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysContactListCommand : ContactListCmdlet
{
    /// <summary>The list: a name, an id, or a list from Get-GenesysContactList.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    /// <summary>Delete without asking (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var list = ResolveContactList(ContactList);
        if (list is null) return;
        if (!ShouldProcessUnlessForced(Invariant($"{list.Name} ({list.Size:N0} contacts)"), "Delete contact list", Force)) return;
        try
        {
            if (!Run(ct => ActiveConnection.Outbound.DeleteContactListAsync(list.Id!, ct)))
                WriteError(new ErrorRecord(new ItemNotFoundException($"The contact list '{list.Name}' no longer exists."), "ContactListNotFound", ErrorCategory.ObjectNotFound, list.Name));
            else
                WriteVerbose($"Deleted the contact list '{list.Name}'.");
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ContactListRemoveFailed", list.Name);
        }
    }
}
