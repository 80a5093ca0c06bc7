using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.ContactLists;

/// <summary>Clear-GenesysContactList: deletes every contact of a list, keeping the list.</summary>
[Cmdlet(VerbsCommon.Clear, Nouns.ContactList, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Clear-GenesysContactList.md")]
[OutputType(typeof(void))]
public sealed class ClearGenesysContactListCommand : ContactListCmdlet
{
    /// <summary>The list: a name, an id, or a list from Get-GenesysContactList.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    /// <summary>Clear without asking (-WhatIf still wins).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var list = ResolveContactList(ContactList);
        if (list is null) return;
        if (!ShouldProcessUnlessForced(Invariant($"{list.Name} ({list.Size:N0} contacts)"), "Delete every contact of the list", Force)) return;
        try
        {
            Run(ct => ActiveConnection.Outbound.ClearContactListAsync(list.Id!, ct));
            WriteVerbose($"Cleared the contact list '{list.Name}' (Genesys may take a moment to delete every contact).");
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ContactListClearFailed", list.Name);
        }
    }
}
