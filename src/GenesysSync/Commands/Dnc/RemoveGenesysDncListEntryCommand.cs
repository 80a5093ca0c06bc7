using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Dnc;
using GenesysSync.Http;

namespace GenesysSync.Commands.Dnc;

/// <summary>
/// Remove-GenesysDncListEntry: unblocks phone numbers (they become callable again), or with -All every number of the
/// list (-ExpiredOnly: only those past their expiry). High impact: asks unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, NounEntry, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Remove-GenesysDncListEntry.md")]
[OutputType(typeof(GenesysDncEntryResult))]
public sealed class RemoveGenesysDncListEntryCommand : DncEntryCmdlet
{
    private const string AllSet = "All";

    /// <summary>Remove every number of the list (no per-row results).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: only the numbers whose expiry has passed.</summary>
    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter ExpiredOnly { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    internal override bool Forced => Force;
    internal override DncEntryAction SentAction => DncEntryAction.Removed;
    internal override string ConfirmAction => "Remove from DNC list (the numbers become callable)";
    internal override string RequestErrorId => "DncListRemoveFailed";

    internal override Task SendAsync(string listId, IReadOnlyList<string> phoneNumbers, CancellationToken cancellationToken)
        => Api.RemovePhoneNumbersAsync(listId, phoneNumbers, cancellationToken);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName != AllSet) return;
        var what = ExpiredOnly ? "Remove the expired phone numbers" : "Remove every phone number";
        if (!ShouldProcessUnlessForced(Invariant($"DNC list '{List.Name}' ({List.Size ?? 0} numbers)"), what, Force)) return;
        try
        {
            Run(ct => Api.ClearPhoneNumbersAsync(List.Id!, ExpiredOnly, ct));
        }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysApiException ex) { ThrowTerminating(ex, "DncListClearFailed", List.Name); }
    }
}
