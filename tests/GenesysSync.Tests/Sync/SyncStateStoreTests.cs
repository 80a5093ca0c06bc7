using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

public sealed class SyncStateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-state-tests", Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_dir, "state.db");

    private static KeyHash K(string value) => KeyHash.Compute("externalid", value);

    private static StateRecord Rec(string key, string id, string? hash = "h1", string? run = "r1") =>
        new(K(key), id, hash, run, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void CommittedBatchesSurviveReopenWithoutCompletingTheRun()
    {
        using (var store = SyncStateStore.Open(DbPath))
        {
            store.BeginRun("Upsert");
            store.CommitBatch(new[] { Rec("a", "id-a"), Rec("b", "id-b") });
            // no CompleteRun: the process "dies" here
        }
        using (var store = SyncStateStore.Open(DbPath))
        {
            var got = store.GetMany(new[] { K("a"), K("b"), K("missing") });
            Assert.Equal(2, got.Count);
            Assert.Equal("id-a", got[K("a")].ContactId);
            Assert.Equal("h1", got[K("b")].ContentHash);
            Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), got[K("a")].UpdatedAt);
            Assert.Equal(RunOutcomes.Running, Assert.Single(store.GetRuns()).Outcome);
        }
    }

    [Fact]
    public void UpsertReplacesAndRemoveForgets()
    {
        using var store = SyncStateStore.Open(DbPath);
        store.CommitBatch(new[] { Rec("a", "id-a", "h1"), Rec("b", "id-b") });
        store.CommitBatch(new[] { Rec("a", "id-a", "h2", "r2") }, removals: new[] { K("b") });

        Assert.Equal("h2", store.Get(K("a"))!.ContentHash);
        Assert.Equal("r2", store.Get(K("a"))!.LastRunId);
        Assert.Null(store.Get(K("b")));
        store.Touch(new[] { K("a") }, "r3");
        Assert.Equal("r3", store.Get(K("a"))!.LastRunId);
        Assert.Equal("h2", store.Get(K("a"))!.ContentHash);
        store.Remove(new[] { K("a") });
        Assert.Equal(0, store.CountManaged());
    }

    [Fact]
    public void GetManyAndEnumerateHandleMoreKeysThanOneQueryTakes()
    {
        using var store = SyncStateStore.Open(DbPath);
        var records = Enumerable.Range(0, 1234).Select(i => Rec("k" + i, "id" + i, contentHashFor(i))).ToList();
        store.CommitBatch(records);

        var got = store.GetMany(Enumerable.Range(0, 1300).Select(i => K("k" + i)));
        Assert.Equal(1234, got.Count);
        Assert.Equal("id1233", got[K("k1233")].ContactId);
        Assert.Null(got[K("k7")].ContentHash);

        // Enumerating while writing (Mirror removes as it goes) must work.
        var seen = 0;
        foreach (var rec in store.EnumerateManaged())
        {
            seen++;
            if (seen % 100 == 0) store.Remove(new[] { rec.Key });
        }
        Assert.Equal(1234, seen);
        Assert.Equal(1234 - 12, store.CountManaged());

        static string? contentHashFor(int i) => i % 7 == 0 ? null : "h" + i;
    }

    [Fact]
    public void RunsAreRecordedWithTotals()
    {
        using var store = SyncStateStore.Open(DbPath);
        var first = store.BeginRun("Upsert");
        var completion = new RunCompletion { Outcome = RunOutcomes.CompletedWithErrors, TotalRequests = 12, Throttled = 3, Retries = 4, Message = "2 rows failed" };
        completion.Counts["Created"] = 10;
        completion.Counts["Failed"] = 2;
        completion.Requests["bulkAdd"] = 1;
        completion.UnmappedColumns.Add("Shoe Size");
        store.CompleteRun(first, completion);
        var second = store.BeginRun("Mirror");

        var runs = store.GetRuns();
        Assert.Equal(new[] { second, first }, runs.Select(r => r.RunId));
        var r1 = runs[1];
        Assert.Equal("Upsert", r1.Mode);
        Assert.Equal(RunOutcomes.CompletedWithErrors, r1.Outcome);
        Assert.Equal(10, r1.Counts["Created"]);
        Assert.Equal(1, r1.Requests["bulkAdd"]);
        Assert.Equal(12, r1.TotalRequests);
        Assert.Equal(3, r1.Throttled);
        Assert.Equal(new[] { "Shoe Size" }, r1.UnmappedColumns);
        Assert.NotNull(r1.EndedAt);
        Assert.Null(runs[0].EndedAt);
        Assert.Throws<InvalidOperationException>(() => store.CompleteRun("nope", new RunCompletion()));
    }

    [Fact]
    public void MetaValuesRoundTrip()
    {
        using var store = SyncStateStore.Open(DbPath);
        Assert.Equal("1", store.GetMeta("schema_version"));
        store.SetMeta("externalSourceId", "src-1");
        Assert.Equal("src-1", store.GetMeta("externalSourceId"));
        store.SetMeta("externalSourceId", null);
        Assert.Null(store.GetMeta("externalSourceId"));
    }

    [Fact]
    public async Task SecondRunOnTheSameStateWaitsThenFailsClearly()
    {
        using var a = SyncStateStore.Open(DbPath);
        using var b = SyncStateStore.Open(DbPath);
        var held = await a.AcquireRunLockAsync(TimeSpan.Zero);

        var ex = await Assert.ThrowsAsync<StateLockedException>(() => b.AcquireRunLockAsync(TimeSpan.Zero));
        Assert.Contains("Another sync run", ex.Message);
        Assert.Contains("pid", ex.Message);

        // A waiting run gets the lock once the first releases it.
        var waiting = b.AcquireRunLockAsync(TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        using var got = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<StateLockedException>(() => a.AcquireRunLockAsync(TimeSpan.Zero));
    }

    [Fact]
    public void DatabaseHoldsNoRawKeysOrValues()
    {
        const string email = "ann.lee@example.com";
        using (var store = SyncStateStore.Open(DbPath))
        {
            store.CommitBatch(new[] { new StateRecord(KeyHash.Compute("workemail", email), "id-1", "hash", "r", DateTimeOffset.UnixEpoch) });
        }
        var bytes = Directory.GetFiles(_dir).SelectMany(File.ReadAllBytes).ToArray();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("id-1", text); // sanity: the file content is readable
        Assert.DoesNotContain(email, text);
        Assert.DoesNotContain("example.com", text);
    }

    [Fact]
    public void DefaultPathSeparatesOrgsObjectTypesAndSources()
    {
        var p1 = SyncStateStore.DefaultPath("org-1", "externalcontacts", "CRM A", "/base");
        var p2 = SyncStateStore.DefaultPath("org-1", "externalcontacts", "CRM_A", "/base");
        var p3 = SyncStateStore.DefaultPath("org-2", "externalcontacts", "CRM A", "/base");
        Assert.Equal(3, new[] { p1, p2, p3 }.Distinct().Count());
        Assert.StartsWith("/base", p1);
        Assert.EndsWith(".db", p1);
        Assert.Equal(p1, SyncStateStore.DefaultPath("org-1", "externalcontacts", "CRM A", "/base"));
        Assert.Contains("GenesysSync", SyncStateStore.DefaultDirectory);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
