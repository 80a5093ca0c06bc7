using System.Management.Automation;
using GenesysSync.Http;

namespace GenesysSync.Commands.Dnc;

/// <summary>Remove-GenesysDncList: deletes DNC lists (and every number in them). High impact: asks unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, NounList, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-GenesysDncList.md")]
[OutputType(typeof(void))]
public sealed class RemoveGenesysDncListCommand : DncCmdlet
{
    /// <summary>A list name, a list id, or a list from Get-GenesysDncList.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object DncList { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var list = ResolveDncList(DncList, includeSize: true);
        if (list is null) return;
        if (!ShouldProcessUnlessForced(Invariant($"{list.Name} ({list.Id}, {list.Size ?? 0} numbers)"), "Delete DNC list", Force)) return;
        try
        {
            if (!Run(ct => Api.DeleteAsync(list.Id!, ct))) WriteVerbose($"The DNC list '{list.Name}' was already gone.");
        }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysApiException ex) { WriteItemError(ex, "DncListDeleteFailed", list.Name); }
    }
}
