using System.Diagnostics;
using GenesysSync.Emulator;
using GenesysSync.Harness;
using GenesysSync.Tests.Hosting;
using GenesysSync.Time;
using Xunit.Abstractions;

namespace GenesysSync.Tests.Faults;

/// <summary>
/// The fault suite of the benchmark at test size: a first sync (Upsert) and a later export with changed and
/// removed rows (Mirror) through each kind of fault, then all together, then a crash test that kills the
/// sync process. After each: the org equals the source, no duplicates, one result per row, and a fault-free
/// re-run writes nothing. The emulator runs over HTTP on a clock 50× faster than real time.
/// </summary>
public sealed class FaultSuiteTests : IAsyncLifetime
{
    private const int Rows = 400;
    private const int BatchSize = 20;
    private const string ClientId = "fault-client";
    private const string ClientSecret = "fault-secret";

    private readonly ITestOutputHelper _output;
    private readonly ScaledTimeProvider _clock = new(50);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-faults-tests", Guid.NewGuid().ToString("N"));
    private RunningEmulator? _server;
    private EmulatorControl? _control;
    private FaultSuite? _suite;

    public FaultSuiteTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        var org = new EmulatorOrg(new EmulatorOptions { TimeProvider = _clock, RateLimitPerMinute = 0 });
        org.Options.Clients[ClientId] = ClientSecret;
        _server = await EmulatorServer.StartAsync(org);
        _control = new EmulatorControl(_server.BaseAddress);
        var first = new SyntheticDataset(Rows, seed: 7);
        _suite = new FaultSuite(_control, new FaultSuiteSettings
        {
            Run = new SyncRunSettings
            {
                BaseAddress = _server.BaseAddress, ClientId = ClientId, ClientSecret = ClientSecret, Clock = _clock,
                RequestsPerMinute = 100_000, BatchSize = BatchSize, RequestTimeout = TimeSpan.FromSeconds(10),
            },
            First = first,
            Second = first.With(changeEvery: 20, removeEvery: 50, revision: 2),
            WorkDirectory = _dir,
            Log = _output.WriteLine,
        });
    }

    [Fact] public Task Storm429WithRetryAfter() => Case("429-storm");
    [Fact] public Task ServerErrorBursts() => Case("5xx-burst");
    [Fact] public Task ConnectionResets() => Case("connection-reset");
    [Fact] public Task SlowRepliesSomePastTheTimeout() => Case("slow-reply");
    [Fact] public Task LostResponsesAfterAppliedWrites() => Case("lost-response");
    [Fact] public Task TokensExpireMidRun() => Case("token-expiry");
    [Fact] public Task PayloadTooLarge413() => Case("413-large-body");
    [Fact] public Task AllFaultsTogether() => Case("all-together");

    /// <summary>kill -9 of a real PowerShell process running Sync-GenesysExternalContact -Path, at random points, then re-runs.</summary>
    [Fact]
    public async Task KilledSyncProcessLosesAndDuplicatesNothing()
    {
        const string script = """
            $ErrorActionPreference = 'Stop'
            $null = Connect-GenesysCloud -ApiBaseUri $env:GS_FAULT_URI -RequestsPerMinute 100000
            $r = @(Sync-GenesysExternalContact -Path $env:GS_FAULT_CSV -StatePath $env:GS_FAULT_STATE -Mode $env:GS_FAULT_MODE -BatchSize 20 -InformationAction Ignore)
            $seen = @{}; $results = 0; $failed = 0
            foreach ($x in $r) { if ($x.RowNumber -gt 0) { $results++; $seen[$x.RowNumber] = 1 }; if ($x.Action -eq 'Failed') { $failed++ } }
            "GSRESULT rows=$($env:GS_FAULT_ROWS) results=$results distinct=$($seen.Count) failed=$failed"
            """;
        var report = await _suite!.RunCrashTestAsync(run =>
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepoRoot };
            start.ArgumentList.Add(TestPaths.HostDll);
            start.ArgumentList.Add("-Command");
            start.ArgumentList.Add(script);
            start.Environment["GENESYSCLOUD_OAUTHCLIENT_ID"] = ClientId;
            start.Environment["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = ClientSecret;
            start.Environment["GS_FAULT_URI"] = _server!.BaseAddress.ToString();
            start.Environment["GS_FAULT_CSV"] = run.CsvPath;
            start.Environment["GS_FAULT_STATE"] = run.StatePath;
            start.Environment["GS_FAULT_MODE"] = run.Mode.ToString();
            start.Environment["GS_FAULT_ROWS"] = run.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return start;
        }, kills: 2, seed: 11, childTimeout: TimeSpan.FromSeconds(90), killWindow: TimeSpan.FromSeconds(3));
        AssertClean(report, expectFaults: false);
        Assert.True(report.Kills >= 1, "no run was killed mid-way: " + report);
    }

    private async Task Case(string name)
    {
        var report = await _suite!.RunCaseAsync(name);
        AssertClean(report, expectFaults: name != "token-expiry");
        if (name == "token-expiry") Assert.True(report.ClockJumps > 0 && report.Status401 > 0, "no token expired mid-run: " + report);
    }

    private void AssertClean(FaultCaseReport report, bool expectFaults)
    {
        _output.WriteLine(report.ToString());
        if (expectFaults) Assert.True(report.FaultsInjected > 0, "no fault fired: " + report);
        Assert.Empty(report.Errors);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(0, report.Convergence.Mismatched);
        Assert.Equal(0, report.Convergence.Extra);
        Assert.Equal(0, report.ResultMismatches);
        Assert.Equal(0, report.Convergence.StateMissing + report.Convergence.StateWrongId + report.Convergence.StateExtra);
        Assert.Equal(0, report.Convergence.PendingCreates);
        Assert.Equal(0, report.VerifyWrites);
        Assert.Equal(0, report.VerifyNotUnchanged);
        Assert.Equal(Rows - Rows / 50, report.Convergence.OrgContacts);
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
