using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Sync;

/// <summary>
/// Sync-GenesysExternalContact: keeps External Contacts equal to a system of record. Rows come from
/// the pipeline or a CSV file (-Path, the fast path); the engine maps, validates, keys, plans
/// against the local delta state, writes through the bulk endpoints and emits one result per row.
/// </summary>
[Cmdlet(VerbsData.Sync, Nouns.ExternalContact, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Sync-GenesysExternalContact.md")]
[OutputType(typeof(GenesysSyncResult))]
public sealed class SyncGenesysExternalContactCommand : EntitySyncCmdlet
{
    internal const string DefaultSourceName = "GenesysSync";

    private OrganizationKeyLinker? _linker;

    [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public override PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public override string Path { get; set; } = "";

    [Parameter(ParameterSetName = PathSet)]
    public override char? Delimiter { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    [ArgumentCompleter(typeof(EncodingCompleter))]
    public override string? Encoding { get; set; }

    // Enum parameters are strings here: parameter types must live in this assembly, because
    // PowerShell reads them before the module initializer can route engine types to their ALC.
    [Parameter]
    [ValidateSet("Insert", "Update", "Upsert", "Mirror", IgnoreCase = true)]
    public override string Mode { get; set; } = "Upsert";

    [Parameter]
    public override Hashtable? Map { get; set; }

    /// <summary>
    /// The custom-field schema (name or id) whose fields the input fills: columns map to its fields by name
    /// ("AccountTier" → accountTier_enum) or through -Map ('customFields.accountTier_enum' = 'Tier'). Resolved once
    /// per run to its id and latest version.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    [Parameter]
    [ValidateSet("ExternalId", "WorkEmail", "Id", "Composite", IgnoreCase = true)]
    public override string MatchOn { get; set; } = "ExternalId";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string[] Key { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateLength(1, 200)]
    public override string ExternalSource { get; set; } = DefaultSourceName;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string DefaultRegion { get; set; } = "US";

    [Parameter]
    [ValidateSet("Fail", "Skip", "KeepAsIs", IgnoreCase = true)]
    public override string InvalidPhone { get; set; } = "Fail";

    [Parameter]
    public override SwitchParameter ClearEmpty { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public override double DeleteThreshold { get; set; } = 10;

    [Parameter]
    public override SwitchParameter Force { get; set; }

    [Parameter]
    public override SwitchParameter Reconcile { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string? StatePath { get; set; }

    [Parameter]
    [ValidateRange(1, 200)]
    public override int BatchSize { get; set; } = 200;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string? FailedPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string? LogPath { get; set; }

    /// <summary>Seconds to wait for another run on the same state to finish (0: give up at once).</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public override int LockTimeout { get; set; } = 30;

    /// <summary>
    /// The column with each row's organization key (the organization's external id in -ExternalSource, as
    /// Sync-GenesysExternalOrganization writes it): the contact is linked to that organization.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OrganizationKey { get; set; }

    /// <summary>With -OrganizationKey: create a missing organization (named after its key) instead of failing the row.</summary>
    [Parameter]
    public SwitchParameter CreateMissingOrganization { get; set; }

    protected override string StateEntity => "externalcontacts";

    private protected override Func<IRowSource, SyncOptions, ISyncSink, CancellationToken, Task<SyncSummary>> CreateEngine(GenesysConnection connection, SyncStateStore state)
        => new ExternalContactSync(new ExternalContactsApiGateway(connection.ExternalContacts, connection.Client.Stats), state, connection.Client.TimeProvider).RunAsync;

    private protected override object CreateResult(SyncResult result, object? inputObject, bool whatIf) => new GenesysSyncResult(result, inputObject, whatIf);

    private protected override void AddOptions(SyncOptions options)
    {
        if (Schema is not null) options.Mapping.Schema = ResolveContactSchema(Schema);
    }

    private protected override IDisposable? BeforeRun(SyncOptions options, bool whatIf) => LinkOrganizations(options, whatIf);

    private protected override void AfterRun(bool whatIf)
    {
        if (_linker is { Created: > 0 })
        {
            WriteWarning(Invariant($"{_linker.Created} organization(s) {(whatIf ? "would be" : "were")} created, named after their key. Run Sync-GenesysExternalOrganization to fill in their names and fields."));
        }
    }

    /// <summary>
    /// -OrganizationKey: links each row's contact to the organization whose external id (in -ExternalSource) is in that
    /// column, resolved from Sync-GenesysExternalOrganization's state or by lookup (see OrganizationKeyLinker).
    /// Returns the organization state to dispose after the run (null without -OrganizationKey).
    /// </summary>
    private SyncStateStore? LinkOrganizations(SyncOptions options, bool whatIf)
    {
        if (OrganizationKey is null) return null;
        var connection = ActiveConnection;
        var api = connection.ExternalContacts;
        var sourceId = whatIf
            ? Run(ct => api.ListExternalSourcesAsync(ExternalSource, ct)).FirstOrDefault(s => string.Equals(s.Name, ExternalSource, StringComparison.OrdinalIgnoreCase))?.Id
            : Run(ct => api.EnsureExternalSourceAsync(ExternalSource, ct)).Id;
        var organizationState = SyncStateStore.Open(
            SyncStateStore.DefaultPath(connection.StateKey, "externalorganizations", ExternalSource, connection.IsSandbox ? connection.SandboxStateDirectory : null),
            connection.Client.TimeProvider);
        _linker = new OrganizationKeyLinker(connection.ExternalOrganizations, OrganizationKey, sourceId ?? OrganizationKeyLinker.MissingSource, organizationState, CreateMissingOrganization, connection.Client.TimeProvider);
        options.RowLinker = _linker;
        options.Mapping.KeyColumns.Add(OrganizationKey);
        return organizationState;
    }
}

/// <summary>Tab completion for -Encoding.</summary>
public sealed class EncodingCompleter : IArgumentCompleter
{
    private static readonly string[] Names = { "utf8", "unicode", "bigendianunicode", "ascii", "latin1", "windows-1252" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        => Names.Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase)).Select(n => new CompletionResult(n));
}
