using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Outbound;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// Set-GenesysContactList: renames a list or changes its columns. Sends the version it read; if someone else changed
/// the list meanwhile, Genesys answers 409 and nothing is changed (ContactListVersionConflict).
/// </summary>
[Cmdlet(VerbsCommon.Set, Nouns.ContactList, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Set-GenesysContactList.md")]
[OutputType(typeof(GenesysContactList))]
public sealed class SetGenesysContactListCommand : ContactListCmdlet
{
    /// <summary>The list: a name, an id, or a list from Get-GenesysContactList.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object ContactList { get; set; } = "";

    [Parameter]
    [ValidateLength(1, 256)]
    public string? NewName { get; set; }

    /// <summary>The new full set of data columns (phone/e-mail columns are kept and added when missing).</summary>
    [Parameter]
    [ValidateCount(1, 50)]
    public string[]? Column { get; set; }

    /// <summary>Replaces the phone columns: "Mobile" or "Mobile:cell".</summary>
    [Parameter]
    [ValidateCount(1, 10)]
    public string[]? PhoneColumn { get; set; }

    /// <summary>Replaces the e-mail columns: "Email" or "Email:work". An empty array removes them.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[]? EmailColumn { get; set; }

    /// <summary>Write the updated list to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var list = ResolveContactList(ContactList, includeSize: false);
        if (list is null) return;
        var changes = new List<string>();
        if (NewName is not null && NewName != list.Name)
        {
            changes.Add($"rename to '{NewName}'");
            list.Name = NewName;
        }
        if (PhoneColumn is not null)
        {
            list.PhoneColumns = PhoneColumns(PhoneColumn);
            changes.Add("phone columns " + string.Join(", ", PhoneColumn));
        }
        if (EmailColumn is not null)
        {
            list.EmailColumns = EmailColumns(EmailColumn);
            changes.Add(EmailColumn.Length == 0 ? "no e-mail columns" : "e-mail columns " + string.Join(", ", EmailColumn));
        }
        var columns = AllColumns(Column ?? (IEnumerable<string>)(list.ColumnNames ?? new List<string>()),
            list.PhoneColumns ?? new List<ContactPhoneNumberColumn>(), list.EmailColumns ?? new List<EmailColumn>());
        if (!columns.SequenceEqual(list.ColumnNames ?? new List<string>()))
        {
            changes.Add("columns " + string.Join(", ", columns));
            list.ColumnNames = columns;
        }
        if (changes.Count == 0)
        {
            WriteVerbose($"Nothing to change on '{list.Name}'.");
            if (PassThru) WriteObject(new GenesysContactList(list));
            return;
        }
        if (!ShouldProcess(Invariant($"{list.Name} ({list.Id}): {string.Join("; ", changes)}"), "Update contact list")) return;
        try
        {
            var updated = Run(ct => ActiveConnection.Outbound.UpdateContactListAsync(list, ct));
            if (PassThru) WriteObject(new GenesysContactList(updated));
        }
        catch (GenesysConflictException ex)
        {
            WriteItemError(ex, "ContactListVersionConflict", list.Name);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ContactListUpdateFailed", list.Name);
        }
    }
}
