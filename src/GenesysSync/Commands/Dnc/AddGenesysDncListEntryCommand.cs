using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Dnc;

namespace GenesysSync.Commands.Dnc;

/// <summary>
/// Add-GenesysDncListEntry: blocks phone numbers by adding them (E.164) to an internal DNC list, in requests of up to
/// 1000; adding a number that is already there is harmless, so a re-run is safe.
/// </summary>
[Cmdlet(VerbsCommon.Add, NounEntry, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Add-GenesysDncListEntry.md")]
[OutputType(typeof(GenesysDncEntryResult))]
public sealed class AddGenesysDncListEntryCommand : DncEntryCmdlet
{
    /// <summary>When the added numbers stop being blocked (kept to the minute, UTC).</summary>
    [Parameter]
    public DateTime? ExpiresAt { get; set; }

    internal override DncEntryAction SentAction => DncEntryAction.Added;
    internal override string ConfirmAction => "Add to DNC list";
    internal override string RequestErrorId => "DncListAddFailed";

    internal override Task SendAsync(string listId, IReadOnlyList<string> phoneNumbers, CancellationToken cancellationToken)
        => Api.AddPhoneNumbersAsync(listId, phoneNumbers, ExpiresAt is DateTime at ? new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Local) : at) : null, cancellationToken);
}
