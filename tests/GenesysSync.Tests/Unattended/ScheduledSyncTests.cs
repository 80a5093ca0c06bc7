using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.State;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Unattended;

/// <summary>issue 9 "Done when": examples/scheduled-sync.ps1 run as a scheduler runs it, against the emulator over HTTP.</summary>
public sealed class ScheduledSyncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-sched-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Data => Path.Combine(_dir, "data");
    private string StatePath => Path.Combine(Data, "state.db");
    private string FailedPath => Path.Combine(Data, "failed-rows.csv");
    private string LogPath => Path.Combine(Data, "sync.log.jsonl");

    private string WriteCsv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string[] Args(string csv, params string[] more)
        => new[] { "-Path", csv, "-Key", "CrmId", "-ExternalSource", "CRM", "-DataDirectory", Data }.Concat(more).ToArray();

    private static long Writes(EmulatorOrg org) =>
        org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/add")
        + org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/update")
        + org.Stats.Count("POST /api/v2/externalcontacts/bulk/contacts/remove")
        + org.Stats.Count("POST /api/v2/externalcontacts/contacts")
        + org.Stats.Count("PUT /api/v2/externalcontacts/contacts/{contactId}")
        + org.Stats.Count("PATCH /api/v2/externalcontacts/contacts/{contactId}");

    private static string Contacts(int count, int start = 1)
    {
        var text = new StringBuilder("CrmId,FirstName,LastName,Email,Mobile\n");
        for (var i = start; i < start + count; i++) text.Append($"C{i},First{i},Last{i},c{i}@example.com,+1415555{i:0000}\n");
        return text.ToString();
    }

    private IReadOnlyList<SyncRunRecord> Runs()
    {
        using var state = SyncStateStore.Open(StatePath);
        return state.GetRuns().Reverse().ToList(); // oldest first
    }

    [Fact]
    public async Task UnchangedSourceRunTwiceWritesNothingTheSecondTimeAndExitsZero()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteCsv("contacts.csv", Contacts(25));

        var first = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv));
        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.Equal(25, emulator.Org.ExternalContactCount);
        var writes = Writes(emulator.Org);
        Assert.True(writes > 0);

        var second = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv));
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        Assert.Equal(writes, Writes(emulator.Org)); // no write at all the second time
        Assert.Contains("0 created, 0 updated, 25 unchanged", second.StdOut);
        Assert.False(File.Exists(FailedPath));

        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunOutcomes.Succeeded, r.Outcome));
        Assert.Equal(25, runs[0].Counts["Created"]);
        Assert.Equal(25, runs[1].Counts["Unchanged"]);
        var runLines = File.ReadAllLines(LogPath).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["type"] == "run").ToList();
        Assert.Equal(2, runLines.Count);
        Assert.DoesNotContain(EmulatorHost.ClientSecret, first.StdOut + first.StdErr + second.StdOut + second.StdErr + File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task BadRowsExitOneAndLeaveAFailedRowsFileThatRunsCleanlyOnceFixed()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteCsv("contacts.csv",
            "CrmId,FirstName,LastName,Email,Mobile\n" +
            "C1,Ada,Lovelace,ada@example.com,+14155550001\n" +
            "C2,Bad,Email,not-an-email,+14155550002\n" +
            "C3,Grace,Hopper,grace@example.com,+14155550003\n" +
            "C4,Bad,Phone,bad.phone@example.com,12\n");

        var run = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv));
        Assert.True(run.ExitCode == 1, run.StdOut + run.StdErr);
        Assert.Contains("2 row(s) failed", run.StdErr);
        Assert.Equal(2, emulator.Org.ExternalContactCount);
        var failed = File.ReadAllLines(FailedPath);
        Assert.Equal(3, failed.Length);
        Assert.StartsWith("CrmId,FirstName,LastName,Email,Mobile,SyncErrorCode,SyncError", failed[0]);
        Assert.Contains(failed, l => l.StartsWith("C2,") && l.Contains("InvalidEmail"));
        Assert.Contains(failed, l => l.StartsWith("C4,") && l.Contains("InvalidPhone"));
        Assert.Equal(RunOutcomes.CompletedWithErrors, Runs().Single().Outcome);

        // The operator fixes the two values in a copy of the file and runs the script on it, columns and all.
        var fixedCsv = WriteCsv("fixed.csv", File.ReadAllText(FailedPath).Replace("not-an-email", "bad.email@example.com").Replace(",12,", ",+14155550004,"));
        var rerun = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(fixedCsv));
        Assert.True(rerun.ExitCode == 0, rerun.StdOut + rerun.StdErr);
        Assert.Equal(4, emulator.Org.ExternalContactCount);
        Assert.False(File.Exists(FailedPath)); // nothing left to fix
        Assert.Contains(emulator.Org.ExternalContacts, c => (string?)c["workEmail"] == "bad.email@example.com");
    }

    [Fact]
    public async Task WrongCredentialsAbortWithExitTwoAndALogLineWithoutTheSecret()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteCsv("contacts.csv", Contacts(3));
        const string wrong = "not-the-secret-9d1c";

        var run = ScheduledScript.Run(emulator.BaseAddress, wrong, Args(csv));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did not complete", run.StdErr);
        var abort = JsonNode.Parse(File.ReadAllLines(LogPath).Single())!;
        Assert.Equal("abort", (string?)abort["type"]);
        Assert.StartsWith("AuthenticationFailed", (string?)abort["errorId"]);
        Assert.Equal(0, emulator.Org.ExternalContactCount);
        Assert.DoesNotContain(wrong, run.StdOut + run.StdErr + File.ReadAllText(LogPath));

        var missing = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(Path.Combine(_dir, "no-such-file.csv")));
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task ARunThatStopsIsRecordedButDoesNotMoveTheWatermark()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var good = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(WriteCsv("monday.csv", Contacts(5))));
        Assert.True(good.ExitCode == 0, good.StdOut + good.StdErr);

        // Tuesday: someone took "create external contacts" away from the OAuth client's role.
        emulator.Org.Options.DeniedPermissions.Add("externalContacts:contact:add");
        var stopped = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(WriteCsv("tuesday.csv", Contacts(10))));
        Assert.True(stopped.ExitCode == 2, stopped.StdOut + stopped.StdErr);
        Assert.Contains("externalContacts:contact:add", stopped.StdErr);

        var result = PowerShellRun.Invoke("Get-GenesysSyncRun -StatePath $state; '---'; Get-GenesysSyncRun -StatePath $state -Last",
            new Dictionary<string, object?> { ["state"] = StatePath });
        result.AssertNoErrors();
        var all = result.Output.TakeWhile(o => o.BaseObject as string != "---").ToList();
        var last = result.Output.SkipWhile(o => o.BaseObject as string != "---").Skip(1).Single();
        Assert.Equal(new[] { "Failed", "Succeeded" }, all.Select(r => (string)r.Properties["Outcome"].Value));
        Assert.Contains("Permission", (string)all[0].Properties["Message"].Value);
        Assert.Equal(all[1].Properties["RunId"].Value, last.Properties["RunId"].Value); // the watermark stays on Monday
    }

    [Fact]
    public async Task AnOverlappingRunWaitsForTheRunBeforeItThenRuns()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteCsv("contacts.csv", Contacts(50));
        Directory.CreateDirectory(Data);

        // Another run holds the state (here: this test, through the same lock a sync takes).
        using var store = SyncStateStore.Open(StatePath);
        var held = await store.AcquireRunLockAsync(TimeSpan.Zero);
        var waiting = ScheduledScript.Start(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv, "-LockTimeout", "600"));
        // The run says it is waiting for the state (and names the holder) rather than failing or going ahead.
        Assert.True(await waiting.WaitForOutputAsync("waiting up to 600 s", TimeSpan.FromMinutes(2)), "the run did not wait for the lock");
        Assert.True(await waiting.WaitForOutputAsync($"pid {Environment.ProcessId} on", TimeSpan.FromSeconds(5)), "the message does not name the run holding the state");
        Assert.False(waiting.HasExited, "the run did not wait for the lock");
        Assert.Equal(0, emulator.Org.ExternalContactCount);
        var released = DateTimeOffset.UtcNow;
        held.Dispose();

        var result = waiting.Wait();
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Equal(50, emulator.Org.ExternalContactCount);
        Assert.True(Runs().Single().StartedAt >= released.AddSeconds(-1), "the run started before the lock was released");
    }

    [Fact]
    public async Task ARunThatMayNotWaitExitsTwoWithAClearMessageAndTouchesNothing()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var csv = WriteCsv("contacts.csv", Contacts(5));
        Directory.CreateDirectory(Data);
        using var store = SyncStateStore.Open(StatePath);
        using var held = await store.AcquireRunLockAsync(TimeSpan.Zero);

        var result = ScheduledScript.Run(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv, "-LockTimeout", "0"));
        Assert.True(result.ExitCode == 2, result.StdOut + result.StdErr);
        Assert.Contains("Another sync run is using the state", result.StdErr);
        Assert.Contains("pid " + Environment.ProcessId, result.StdErr); // who holds it
        Assert.Equal(0, emulator.Org.ExternalContactCount);
        Assert.Empty(store.GetRuns()); // the run never started
        Assert.Contains(File.ReadAllLines(LogPath), l => l.Contains("\"abort\"") && l.Contains("SyncStateLocked"));
    }

    [Fact]
    public async Task TwoScheduledRunsStartedTogetherRunOneAfterTheOther()
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(100));
        var csv = WriteCsv("contacts.csv", Contacts(1000));
        var a = ScheduledScript.Start(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv));
        var b = ScheduledScript.Start(emulator.BaseAddress, EmulatorHost.ClientSecret, Args(csv));
        var first = a.Wait();
        var second = b.Wait();
        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);

        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.True(runs[1].StartedAt >= runs[0].EndedAt, $"runs overlapped: {runs[0].StartedAt:o}-{runs[0].EndedAt:o} and {runs[1].StartedAt:o}");
        Assert.Equal(1000, runs[0].Counts["Created"]);
        Assert.Equal(1000, runs[1].Counts["Unchanged"]); // the later run saw the earlier one's work, no duplicate
        Assert.Equal(1000, emulator.Org.ExternalContactCount);
        Assert.Equal(2, File.ReadAllLines(LogPath).Count(l => l.Contains("\"type\":\"run\"")));
    }
}
