using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Http;
using GenesysSync.Outbound;

namespace GenesysSync.Commands.ContactLists;

/// <summary>New-GenesysContactList: creates an outbound contact list with its columns, phone columns and e-mail columns.</summary>
[Cmdlet(VerbsCommon.New, Nouns.ContactList, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysContactList.md")]
[OutputType(typeof(GenesysContactList))]
public sealed class NewGenesysContactListCommand : ContactListCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 256)]
    public string Name { get; set; } = "";

    /// <summary>The data columns (at most 50, each at most 128 characters).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateCount(1, 50)]
    public string[] Column { get; set; } = Array.Empty<string>();

    /// <summary>Phone columns: "Mobile" or "Mobile:cell" (type cell, home, work, ...; default cell).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateCount(1, 10)]
    public string[] PhoneColumn { get; set; } = Array.Empty<string>();

    /// <summary>E-mail columns: "Email" or "Email:personal" (default work).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[] EmailColumn { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var phones = PhoneColumns(PhoneColumn);
        var emails = EmailColumns(EmailColumn);
        var columns = AllColumns(Column, phones, emails);
        if (columns.Count > 50)
        {
            WriteError(new ErrorRecord(new PSArgumentException($"A contact list takes at most 50 columns; these add up to {columns.Count}."), "TooManyColumns", ErrorCategory.InvalidArgument, Name));
            return;
        }
        if (!ShouldProcess(Invariant($"{Name} ({columns.Count} columns: {string.Join(", ", columns.Take(8))}{(columns.Count > 8 ? ", ..." : "")})"), "Create contact list")) return;
        var list = new ContactList { Name = Name, ColumnNames = columns, PhoneColumns = phones, EmailColumns = emails.Count == 0 ? null : emails };
        try
        {
            var created = Run(ct => ActiveConnection.Outbound.CreateContactListAsync(list, ct));
            created.Size ??= 0;
            WriteObject(new GenesysContactList(created));
        }
        catch (GenesysConflictException ex)
        {
            WriteItemError(ex, "ContactListNameInUse", Name);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ContactListCreateFailed", Name);
        }
    }
}
