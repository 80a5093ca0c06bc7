using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Commands.Sync;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Commands.Organizations;

/// <summary>
/// Sync-GenesysExternalOrganization: keeps External Organizations equal to a system of record's accounts, on the same
/// engine as Sync-GenesysExternalContact (modes, mapping, delta state, bulk writes, per-row results, -WhatIf). Rows come
/// from the pipeline or a CSV file (-Path). Organizations match on their external id (default), a composite key, or their
/// Genesys id; Sync-GenesysExternalContact -OrganizationKey then links contacts to them by the same external id.
/// </summary>
[Cmdlet(VerbsData.Sync, Nouns.ExternalOrganization, SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Sync-GenesysExternalOrganization.md")]
[OutputType(typeof(GenesysOrganizationSyncResult))]
public sealed class SyncGenesysExternalOrganizationCommand : EntitySyncCmdlet
{
    /// <summary>Column names (NameKey form) that hold an account id, tried when -Key is not given.</summary>
    private static readonly string[] KeyColumnNames = { "externalid", "accountid", "organizationid", "organisationid", "orgid", "companyid", "customerid", "crmid", "sourceid", "recordid" };

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

    [Parameter]
    [ValidateSet("Insert", "Update", "Upsert", "Mirror", IgnoreCase = true)]
    public override string Mode { get; set; } = "Upsert";

    [Parameter]
    public override Hashtable? Map { get; set; }

    [Parameter]
    [ValidateSet("ExternalId", "Id", "Composite", IgnoreCase = true)]
    public override string MatchOn { get; set; } = "ExternalId";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public override string[] Key { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateLength(1, 200)]
    public override string ExternalSource { get; set; } = SyncGenesysExternalContactCommand.DefaultSourceName;

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

    [Parameter]
    [ValidateRange(0, 86400)]
    public override int LockTimeout { get; set; } = 30;

    protected override string StateEntity => "externalorganizations";

    private protected override Func<IRowSource, SyncOptions, ISyncSink, CancellationToken, Task<SyncSummary>> CreateEngine(GenesysConnection connection, SyncStateStore state)
        => new EntitySync<Api.Models.ExternalOrganization>(OrganizationSyncKind.Instance,
            new ExternalOrganizationsApiGateway(connection.ExternalOrganizations, connection.Client.Stats), state, connection.Client.TimeProvider).RunAsync;

    private protected override object CreateResult(SyncResult result, object? inputObject, bool whatIf) => new GenesysOrganizationSyncResult(result, inputObject, whatIf);

    private protected override void AddOptions(SyncOptions options)
    {
        foreach (var name in KeyColumnNames) options.Keys.DetectColumns.Add(name);
    }
}
