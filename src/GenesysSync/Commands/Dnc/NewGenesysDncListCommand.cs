using System.Management.Automation;
using GenesysSync.Dnc;
using GenesysSync.Http;

namespace GenesysSync.Commands.Dnc;

/// <summary>
/// New-GenesysDncList: creates an internal DNC list (dncSourceType rds), the kind whose numbers this module can add and
/// remove. Lists fed by a provider (dnc.com, gryphon, rds_custom) are set up in Genesys Cloud itself.
/// </summary>
[Cmdlet(VerbsCommon.New, NounList, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysDncList.md")]
[OutputType(typeof(GenesysDncList))]
public sealed class NewGenesysDncListCommand : DncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 256)]
    public string Name { get; set; } = "";

    /// <summary>What the list blocks: phone numbers (default), e-mail addresses, or both.</summary>
    [Parameter]
    [ValidateSet("Phone", "Email", "Any", IgnoreCase = true)]
    public string ContactMethod { get; set; } = "Phone";

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Create DNC list")) return;
        var method = ContactMethod.Substring(0, 1).ToUpperInvariant() + ContactMethod.Substring(1).ToLowerInvariant();
        try
        {
            var created = Run(ct => Api.CreateAsync(new DncList { Name = Name, DncSourceType = DncList.InternalSourceType, ContactMethod = method }, ct));
            created.Size ??= 0;
            WriteObject(new GenesysDncList(created));
        }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysConflictException ex) { WriteItemError(ex, "DncListExists", Name); }
        catch (GenesysApiException ex) { WriteItemError(ex, "DncListCreateFailed", Name); }
    }
}
