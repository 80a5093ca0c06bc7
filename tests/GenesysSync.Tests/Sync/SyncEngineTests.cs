using System.Text;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

public sealed class SyncEngineTests : IDisposable
{
    private const string SourceId = "source-crm";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gs-engine-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeContactGateway _org = new();

    private string StatePath => Path.Combine(_dir, "state.db");

    // A messy export: BOM, quoted headers, semicolons, mixed phones, bad e-mail, over-long city,
    // an unparseable phone, a missing key, a duplicate key, unicode, a quoted delimiter, an unsupported column.
    private static readonly string MessyCsv =
        "\uFEFF\"Customer ID\";\"First Name\";\"Last Name\";\"E-mail\";Mobile;Phone;City;Department\r\n" +
        "C1;Ann;Lee;ann@Example.com;(415) 555-2671;+44 20 7946 0958;San Francisco;Sales\r\n" +   // 1: superseded by row 7
        "C2;Zoë;Müller;zoe@bücher.de;+49 151 23456789;;Köln;\r\n" +                              // 2: created
        "C3;Bob;Bad;not-an-email;;;;\r\n" +                                                     // 3: InvalidEmail
        "C4;Cy;Long;cy@example.com;;;" + new string('x', 101) + ";\r\n" +                       // 4: TooLong
        "C5;Di;Phone;di@example.com;call me;;;\r\n" +                                           // 5: InvalidPhone
        ";No;Key;nokey@example.com;;;;\r\n" +                                                   // 6: MissingKey
        "C1;Ann;Lee-Smith;ann@example.com;415.555.2671;;SF;\r\n" +                              // 7: created (wins)
        "C6;Ed;Ext;ed@example.com;;(415) 555-2671 ext 42;;\r\n" +                               // 8: created
        "C7;\"Quoted; Name\";X;x@example.com;;;;\r\n";                                          // 9: created

    private static CsvRowSource Csv(string text) => new(() => new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private SyncOptions Options(Action<SyncOptions>? configure = null)
    {
        var o = new SyncOptions { ExternalSourceId = SourceId, BatchSize = 100, MaxParallelBatches = 2 };
        configure?.Invoke(o);
        return o;
    }

    private async Task<(SyncSummary Summary, List<SyncResult> Results, List<string> Warnings)> Run(IRowSource source, SyncOptions? options = null, Func<string, string, bool>? confirm = null, CancellationToken ct = default)
    {
        var results = new List<SyncResult>();
        var warnings = new List<string>();
        var sink = new DelegateSyncSink
        {
            Result = results.Add,
            Confirm = confirm,
            Log = (level, msg) => { if (level == SyncLogLevel.Warning) warnings.Add(msg); },
        };
        using var store = SyncStateStore.Open(StatePath);
        var engine = new ExternalContactSync(_org, store);
        var summary = await engine.RunAsync(source, options ?? Options(), sink, ct);
        return (summary, results, warnings);
    }

    private static InMemoryRowSource Rows(int count, Func<int, string>? lastName = null, int start = 1)
    {
        var rows = new List<ISourceRow>();
        for (var i = 0; i < count; i++)
        {
            var n = start + i;
            rows.Add(TestRows.Row(i + 1, ("CrmId", "K" + n), ("First Name", "Name" + n), ("Last Name", lastName?.Invoke(n) ?? "Last" + n), ("Mobile", $"+1 415 555 {n % 10000:D4}")));
        }
        return new InMemoryRowSource(rows);
    }

    [Fact]
    public async Task FirstSyncOfMessyDataCreatesExactlyTheValidRowsAndExplainsTheRest()
    {
        var (summary, results, warnings) = await Run(Csv(MessyCsv));

        Assert.Equal(9, results.Count); // one result per input row
        Assert.Equal(Enumerable.Range(1, 9), results.Select(r => r.RowNumber).OrderBy(n => n));
        var byRow = results.ToDictionary(r => r.RowNumber);
        Assert.Equal((SyncAction.Skipped, "DuplicateKey"), (byRow[1].Action, byRow[1].Reason));
        Assert.Equal((SyncAction.Failed, RowIssueCodes.InvalidEmail), (byRow[3].Action, byRow[3].ErrorCode));
        Assert.Equal((SyncAction.Failed, RowIssueCodes.TooLong), (byRow[4].Action, byRow[4].ErrorCode));
        Assert.Contains("city", byRow[4].Message);
        Assert.Equal((SyncAction.Failed, RowIssueCodes.InvalidPhone), (byRow[5].Action, byRow[5].ErrorCode));
        Assert.Equal((SyncAction.Failed, RowIssueCodes.MissingKey), (byRow[6].Action, byRow[6].ErrorCode));
        foreach (var n in new[] { 2, 7, 8, 9 }) Assert.Equal(SyncAction.Created, byRow[n].Action);
        Assert.NotNull(byRow[7].InputObject);

        // The org holds exactly the valid rows, once each, in normalized form.
        Assert.Equal(4, _org.Contacts.Count);
        var ann = Assert.Single(_org.WithExternalId(SourceId, "C1"));
        Assert.Equal("Lee-Smith", ann.LastName);
        Assert.Equal("+14155552671", ann.CellPhone!.Display);
        Assert.Equal("ann@example.com", ann.WorkEmail);
        Assert.Null(ann.WorkPhone); // row 1's phone lost with row 1
        var zoe = Assert.Single(_org.WithExternalId(SourceId, "C2"));
        Assert.Equal(("Zoë", "Müller", "Köln", "+4915123456789"), (zoe.FirstName, zoe.LastName, zoe.Address!.City, zoe.CellPhone!.Display));
        var ed = Assert.Single(_org.WithExternalId(SourceId, "C6"));
        Assert.Equal(("+14155552671", 42L), (ed.WorkPhone!.Display, ed.WorkPhone.Extension!.Value));
        Assert.Equal("Quoted; Name", Assert.Single(_org.WithExternalId(SourceId, "C7")).FirstName);

        Assert.Equal(1, _org.Count("bulkAdd"));
        Assert.Equal(0, _org.Count("bulkUpdate"));
        Assert.Equal((4, 0, 0, 1, 4), (summary.Created, summary.Updated, summary.Unchanged, summary.Skipped, summary.Failed));
        Assert.Equal(9, summary.Rows);
        Assert.Equal(new[] { "Department" }, summary.UnmappedColumns);
        Assert.Contains(warnings, w => w.Contains("Department"));
        Assert.Equal(RunOutcomes.CompletedWithErrors, summary.Outcome);
    }

    [Fact]
    public async Task SecondIdenticalRunMakesNoWriteRequests()
    {
        await Run(Csv(MessyCsv));
        var writesAfterFirst = _org.WriteCalls;
        var callsAfterFirst = _org.Calls.Values.Sum();

        var (summary, results, _) = await Run(Csv(MessyCsv));

        Assert.Equal(writesAfterFirst, _org.WriteCalls);
        Assert.Equal(callsAfterFirst, _org.Calls.Values.Sum()); // not even a read
        Assert.Equal(4, summary.Unchanged);
        Assert.Equal(0, summary.Created + summary.Updated);
        Assert.All(results.Where(r => r.Action == SyncAction.Unchanged), r => Assert.NotNull(r.ContactId));
        Assert.Equal(4, _org.Contacts.Count);
        Assert.Equal(2, SyncStateStore.Open(StatePath).Using(s => s.GetRuns().Count));
    }

    [Fact]
    public async Task ChangingKRowsCostsAboutKOverBRequestsAndKeepsUnmappedFields()
    {
        await Run(Rows(250));
        Assert.Equal(3, _org.Count("bulkAdd")); // 250 rows / 100 per batch
        // Someone sets a field the sync does not map: an update must not erase it.
        var k50 = _org.WithExternalId(SourceId, "K50").Single();
        k50.Title = "CEO";

        // 5 changed rows spread over all three windows still go out as one fetch and one update.
        var (summary, results, _) = await Run(Rows(250, n => n % 50 == 0 ? "Changed" + n : "Last" + n));

        Assert.Equal(5, summary.Updated);
        Assert.Equal(245, summary.Unchanged);
        Assert.Equal(1, _org.Count("bulkUpdate"));
        Assert.Equal(1, _org.Count("bulkFetch"));
        Assert.Equal(3, _org.Count("bulkAdd"));
        var updated = _org.WithExternalId(SourceId, "K50").Single();
        Assert.Equal(("Changed50", "CEO"), (updated.LastName, updated.Title));
        Assert.Equal(new[] { "lastName" }, results.Single(r => r.RowNumber == 50).ChangedFields);
        Assert.Equal(250, _org.Contacts.Count);
    }

    [Fact]
    public async Task FirstRunWithoutStateMatchesContactsAlreadyInTheOrg()
    {
        // Created earlier by someone else (or by a run whose state was lost): same source + key.
        _org.Seed(new ExternalContact
        {
            FirstName = "Name1", LastName = "Last1", CellPhone = new PhoneNumber { Display = "+1 415-555-0001", E164 = "+14155550001" },
            ExternalIds = new() { new ExternalId { ExternalSource = new ExternalSource { Id = SourceId }, Value = "K1" } },
        });
        _org.Seed(new ExternalContact
        {
            FirstName = "Old", Title = "CTO",
            ExternalIds = new() { new ExternalId { ExternalSource = new ExternalSource { Id = SourceId }, Value = "K2" } },
        });
        _org.Seed(new ExternalContact { FirstName = "Unrelated" });

        var (summary, results, _) = await Run(Rows(3));

        Assert.Equal(1, _org.Count("scan"));
        Assert.Equal(3, summary.ScannedContacts);
        Assert.Equal(SyncAction.Unchanged, results.Single(r => r.RowNumber == 1).Action); // equal once normalized: no write
        Assert.Equal(SyncAction.Updated, results.Single(r => r.RowNumber == 2).Action);
        Assert.Equal(SyncAction.Created, results.Single(r => r.RowNumber == 3).Action);
        Assert.Equal(4, _org.Contacts.Count); // no duplicates
        Assert.Equal("CTO", _org.WithExternalId(SourceId, "K2").Single().Title);

        // The state now knows them: a re-run neither scans nor writes.
        var calls = _org.Calls.Values.Sum();
        var (again, _, _) = await Run(Rows(3));
        Assert.Equal(3, again.Unchanged);
        Assert.Equal(calls, _org.Calls.Values.Sum());
    }

    [Fact]
    public async Task InsertAndUpdateModes()
    {
        await Run(Rows(2));
        var (insert, insertResults, _) = await Run(Rows(3, n => "New" + n), Options(o => o.Mode = SyncMode.Insert));
        Assert.Equal((1, 2), (insert.Created, insert.Skipped));
        Assert.All(insertResults.Where(r => r.RowNumber <= 2), r => Assert.Equal(SkipReasons.Exists, r.Reason));
        Assert.Equal("Last1", _org.WithExternalId(SourceId, "K1").Single().LastName); // not touched

        var (update, updateResults, _) = await Run(Rows(4, n => "Upd" + n), Options(o => o.Mode = SyncMode.Update));
        Assert.Equal((3, 1, 0), (update.Updated, update.Skipped, update.Created));
        Assert.Equal(SkipReasons.NotFound, updateResults.Single(r => r.RowNumber == 4).Reason);
        Assert.Equal(3, _org.Contacts.Count);
    }

    [Fact]
    public async Task MirrorDeletesManagedContactsMissingFromTheInputWithinTheThreshold()
    {
        await Run(Rows(20));
        var stranger = _org.Seed(new ExternalContact { FirstName = "Not ours" });

        // 1 of 20 missing (5%) is within the default 10%.
        var (summary, results, _) = await Run(Rows(19), Options(o => o.Mode = SyncMode.Mirror));
        Assert.Equal(1, summary.Deleted);
        var deleted = results.Single(r => r.Action == SyncAction.Deleted);
        Assert.Equal(0, deleted.RowNumber);
        Assert.Empty(_org.WithExternalId(SourceId, "K20"));
        Assert.True(_org.Contacts.ContainsKey(stranger.Id!));
        Assert.Equal(20, _org.Contacts.Count);

        // 9 of 19 missing (47%) is refused without -Force...
        var (refused, _, warnings) = await Run(Rows(10), Options(o => o.Mode = SyncMode.Mirror));
        Assert.Equal(0, refused.Deleted);
        Assert.Equal(9, refused.DeletesWithheld);
        Assert.Equal(RunOutcomes.Refused, refused.Outcome);
        Assert.Contains(warnings, w => w.Contains("threshold"));
        Assert.Equal(20, _org.Contacts.Count);

        // ...and done with it.
        var (forced, _, _) = await Run(Rows(10), Options(o => { o.Mode = SyncMode.Mirror; o.Force = true; }));
        Assert.Equal(9, forced.Deleted);
        Assert.Equal(11, _org.Contacts.Count);
    }

    [Fact]
    public async Task MirrorDeletesNothingWhenRowsLackKeysOrTheInputFails()
    {
        await Run(Rows(20));
        var rows = Rows(19).ReadRows().Append(TestRows.Row(20, ("CrmId", ""), ("First Name", "X"))).ToList();
        var (summary, _, warnings) = await Run(new InMemoryRowSource(rows), Options(o => o.Mode = SyncMode.Mirror));
        Assert.Equal(0, summary.Deleted);
        Assert.Equal(1, summary.DeletesWithheld);
        Assert.Contains(warnings, w => w.Contains("no usable key"));

        var failing = new FailingSource(Rows(5), failAfter: 3, failOnPass: 2);
        var ex = await Assert.ThrowsAsync<SyncInputException>(() => Run(failing, Options(o => { o.Mode = SyncMode.Mirror; o.Force = true; })));
        Assert.Contains("after 3 row(s)", ex.Message);
        Assert.Equal(20, _org.Contacts.Count);
        var last = SyncStateStore.Open(StatePath).Using(s => s.GetRuns(1).Single());
        Assert.Equal(RunOutcomes.Failed, last.Outcome);
    }

    [Fact]
    public async Task MirrorDeletesNothingWhenARowCouldNotBeReadWhole()
    {
        await Run(Rows(20));
        // Row 3 has an extra unquoted delimiter: its key is readable, but the file's shape is in doubt.
        var csv = new StringBuilder("CrmId,First Name,Last Name,Mobile\n");
        for (var n = 1; n <= 19; n++) csv.Append($"K{n},Name{n},{(n == 3 ? "Last, Jr." : "Last" + n)},+1 415 555 {n:D4}\n");
        var (summary, results, warnings) = await Run(Csv(csv.ToString()), Options(o => o.Mode = SyncMode.Mirror));

        Assert.Equal((SyncAction.Failed, RowIssueCodes.RaggedRow), (results.Single(r => r.RowNumber == 3).Action, results.Single(r => r.RowNumber == 3).ErrorCode));
        Assert.Equal(0, summary.Deleted);
        Assert.Equal(1, summary.DeletesWithheld);
        Assert.Contains(warnings, w => w.Contains("could not be read whole"));
        Assert.Single(_org.WithExternalId(SourceId, "K20"));
    }

    [Fact]
    public async Task WhatIfPlansEveryRowAndWritesNothing()
    {
        await Run(Rows(3));
        _org.Calls.Clear();
        var rows = Rows(4, n => n == 2 ? "Changed" : "Last" + n);

        var (summary, results, _) = await Run(rows, Options(o => o.WhatIf = true));

        Assert.Equal(0, _org.WriteCalls);
        Assert.Equal(4, results.Count);
        Assert.Equal(SyncAction.Unchanged, results.Single(r => r.RowNumber == 1).Action);
        var upd = results.Single(r => r.RowNumber == 2);
        Assert.Equal((SyncAction.Updated, true), (upd.Action, upd.WhatIf));
        Assert.Equal(new[] { "lastName" }, upd.ChangedFields);
        var create = results.Single(r => r.RowNumber == 4);
        Assert.Equal((SyncAction.Created, true), (create.Action, create.WhatIf));
        Assert.Contains("cellPhone", create.ChangedFields);
        Assert.Equal(3, _org.Contacts.Count);
        Assert.Equal(1, SyncStateStore.Open(StatePath).Using(s => s.GetRuns().Count)); // WhatIf records no run

        // WhatIf Mirror lists the deletions it would make.
        var (mirror, mirrorResults, _) = await Run(Rows(2), Options(o => { o.Mode = SyncMode.Mirror; o.WhatIf = true; o.Force = true; }));
        Assert.Equal(1, mirror.Deleted);
        Assert.True(mirrorResults.Single(r => r.Action == SyncAction.Deleted).WhatIf);
        Assert.Equal(3, _org.Contacts.Count);
    }

    [Fact]
    public async Task LostReplyOnCreateIsReconciledByKeyNotDuplicated()
    {
        _org.LoseNextAddReply = true;
        var (summary, results, _) = await Run(Rows(5));

        Assert.Equal(5, summary.Created);
        Assert.Equal(5, _org.Contacts.Count); // applied once, never re-sent
        Assert.Equal(1, _org.Count("bulkAdd"));
        Assert.Equal(5, _org.Count("lookup"));
        Assert.All(results, r => Assert.NotNull(r.ContactId));
        using var store = SyncStateStore.Open(StatePath);
        Assert.Equal(5, store.CountManaged());
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public async Task CreatesLeftOutOfABulkReplyAreLookedUpNotSentAgain()
    {
        _org.DropNextAddResults = i => i % 2 == 1; // rows 2 and 4 were created, the reply does not say so
        var (summary, results, _) = await Run(Rows(5));

        Assert.Equal(5, summary.Created);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(5, _org.Contacts.Count); // no duplicates
        Assert.Equal(1, _org.Count("bulkAdd"));
        Assert.Equal(2, _org.Count("lookup"));
        Assert.All(results, r => Assert.NotNull(r.ContactId));
        using var store = SyncStateStore.Open(StatePath);
        Assert.Equal(5, store.CountManaged());
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public async Task CreatesInterruptedByACrashAreLookedUpOnTheNextRun()
    {
        // A previous run sent a create and died before recording it: the contact exists, the state only has the intent.
        var key = KeyHash.Compute("externalid", "K1");
        using (var store = SyncStateStore.Open(StatePath))
        {
            store.SetMeta("reconciled_at", "earlier"); // no scan: only the pending marker can save us
            store.MarkPending(new[] { key }, "dead-run");
        }
        _org.Seed(new ExternalContact
        {
            FirstName = "Name1", LastName = "Last1", CellPhone = new PhoneNumber { Display = "+14155550001" },
            ExternalIds = new() { new ExternalId { ExternalSource = new ExternalSource { Id = SourceId }, Value = "K1" } },
        });

        var (summary, results, _) = await Run(Rows(2));

        Assert.Equal(2, _org.Contacts.Count);
        Assert.Equal(SyncAction.Unchanged, results.Single(r => r.RowNumber == 1).Action);
        Assert.Equal(SyncAction.Created, results.Single(r => r.RowNumber == 2).Action);
        Assert.Equal(1, _org.Count("lookup"));
    }

    [Fact]
    public async Task ARunStoppedWhileACreateReplyIsInFlightLeavesNoDuplicateBehind()
    {
        using var cts = new CancellationTokenSource();
        _org.AfterAddApplied = cts.Cancel; // the org has the contacts, the run never hears back
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(Rows(3), ct: cts.Token));
        Assert.Equal(3, _org.Contacts.Count);
        using (var store = SyncStateStore.Open(StatePath))
        {
            Assert.Equal(0, store.CountManaged());
            Assert.Equal(3, store.CountPending());
        }

        _org.AfterAddApplied = null;
        var (summary, _, _) = await Run(Rows(3));

        Assert.Equal(3, _org.Contacts.Count);
        Assert.Equal(3, summary.Unchanged);
        Assert.Equal(3, _org.Count("lookup"));
        Assert.Equal(1, _org.Count("bulkAdd"));
    }

    [Fact]
    public async Task PerEntityFailuresAreReportedPerRowAndOthersSucceed()
    {
        _org.RejectEntity = c => c.FirstName == "Name2"
            ? new BulkEntityError { Code = "invalid.value", Message = "Invalid value for workPhone", Status = 400, Retryable = false }
            : null;

        var (summary, results, _) = await Run(Rows(3));

        var failed = results.Single(r => r.RowNumber == 2);
        Assert.Equal((SyncAction.Failed, "invalid.value", 400), (failed.Action, failed.ErrorCode, failed.HttpStatus));
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(2, summary.Created);
        using var store = SyncStateStore.Open(StatePath);
        Assert.Equal(0, store.CountPending()); // a rejected create is settled, not "unknown"

        // The next run retries only the failed row.
        _org.RejectEntity = null;
        var (again, _, _) = await Run(Rows(3));
        Assert.Equal((1, 2), (again.Created, again.Unchanged));
    }

    [Fact]
    public async Task WholeRequestFailuresFailTheBatchRowsButAuthFailuresStopTheRun()
    {
        _org.FailNext["bulkAdd"] = new GenesysValidationException("Bad request", 400, "bad.request", "ctx-1");
        var (summary, results, _) = await Run(Rows(2));
        Assert.All(results, r => Assert.Equal(("bad.request", "ctx-1"), (r.ErrorCode, r.ContextId)));
        Assert.Equal(2, summary.Failed);

        _org.FailNext["bulkAdd"] = new GenesysPermissionException("Missing permission externalContacts:contact:add", code: "missing.permissions");
        await Assert.ThrowsAsync<GenesysPermissionException>(() => Run(Rows(2)));
        var last = SyncStateStore.Open(StatePath).Using(s => s.GetRuns(1).Single());
        Assert.Equal(RunOutcomes.Failed, last.Outcome);
    }

    [Fact]
    public async Task DeclinedRowsAreSkippedAndNotWritten()
    {
        var asked = new List<(string Target, string Action)>();
        var (summary, results, _) = await Run(Rows(3), confirm: (t, a) => { asked.Add((t, a)); return !t.Contains("K2"); });

        Assert.Equal(3, asked.Count);
        Assert.All(asked, a => Assert.Equal("Create external contact", a.Action));
        Assert.Equal(SkipReasons.Declined, results.Single(r => r.RowNumber == 2).Reason);
        Assert.Equal(2, _org.Contacts.Count);
    }

    [Fact]
    public async Task ContactDeletedInGenesysIsCreatedAgainOnUpsert()
    {
        await Run(Rows(2));
        var k1 = _org.WithExternalId(SourceId, "K1").Single();
        _org.Contacts.Remove(k1.Id!);

        var (summary, results, _) = await Run(Rows(2, n => "Changed" + n));

        Assert.Equal(SyncAction.Created, results.Single(r => r.RowNumber == 1).Action);
        Assert.Equal(SyncAction.Updated, results.Single(r => r.RowNumber == 2).Action);
        Assert.Equal("Changed1", _org.WithExternalId(SourceId, "K1").Single().LastName);
        Assert.Equal(2, _org.Contacts.Count);
    }

    [Fact]
    public async Task CancelledRunStopsAndAReRunConverges()
    {
        using var cts = new CancellationTokenSource();
        var adds = 0;
        _org.BeforeWrite = kind => { if (kind == "bulkAdd" && ++adds == 2) cts.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(Rows(300), Options(o => o.MaxParallelBatches = 1), ct: cts.Token));
        Assert.Equal(100, _org.Contacts.Count); // first batch written and committed
        Assert.Equal(RunOutcomes.Cancelled, SyncStateStore.Open(StatePath).Using(s => s.GetRuns(1).Single().Outcome));

        _org.BeforeWrite = null;
        var (summary, _, _) = await Run(Rows(300));
        Assert.Equal((200, 100), (summary.Created, summary.Unchanged));
        Assert.Equal(300, _org.Contacts.Count);
        Assert.Equal(300, _org.Contacts.Values.Select(c => c.ExternalIds![0].Value).Distinct().Count());
    }

    [Fact]
    public async Task CsvAndPipelineRowsGiveTheSameResults()
    {
        var csv = Csv("CrmId,First Name,Mobile\nA1,Ann,(415) 555-2671\nA2,Bob,bad phone\n");
        var dict = new InMemoryRowSource(new ISourceRow[]
        {
            TestRows.Row(1, ("CrmId", "A1"), ("First Name", "Ann"), ("Mobile", "(415) 555-2671")),
            TestRows.Row(2, ("CrmId", "A2"), ("First Name", "Bob"), ("Mobile", "bad phone")),
        });
        var (_, fromCsv, _) = await Run(csv, Options(o => o.WhatIf = true));
        var (_, fromDict, _) = await Run(dict, Options(o => o.WhatIf = true));
        Assert.Equal(fromCsv.Select(r => (r.RowNumber, r.Action, r.Key, r.ErrorCode, string.Join(",", r.ChangedFields))).OrderBy(x => x.RowNumber),
                     fromDict.Select(r => (r.RowNumber, r.Action, r.Key, r.ErrorCode, string.Join(",", r.ChangedFields))).OrderBy(x => x.RowNumber));
    }

    [Fact]
    public async Task MatchingOnWorkEmailAndComposite()
    {
        var byEmail = new InMemoryRowSource(new ISourceRow[]
        {
            TestRows.Row(1, ("Email", "Ann@Example.com"), ("First Name", "Ann")),
            TestRows.Row(2, ("Email", "ann@example.COM"), ("First Name", "Ann2")),
        });
        var (s1, r1, _) = await Run(byEmail, Options(o => { o.Keys.MatchOn = MatchOn.WorkEmail; o.ExternalSourceId = null; }));
        Assert.Equal((1, 1), (s1.Created, s1.Skipped)); // same key: the last row wins
        Assert.Equal("Ann2", _org.Contacts.Values.Single().FirstName);
        Assert.Null(_org.Contacts.Values.Single().ExternalIds);

        Directory.Delete(_dir, true);
        _org.Contacts.Clear();
        var composite = new InMemoryRowSource(new ISourceRow[] { TestRows.Row(1, ("Account", "A1"), ("Branch", "B"), ("First Name", "X")) });
        var options = Options(o => { o.Keys.MatchOn = MatchOn.Composite; o.Keys.KeyColumns.Add("Account"); o.Keys.KeyColumns.Add("Branch"); });
        var (s2, r2, _) = await Run(composite, options);
        var stored = _org.Contacts.Values.Single();
        Assert.Equal(r2.Single().Key, stored.ExternalIds!.Single().Value);
        Assert.Matches("^[0-9a-f]{64}$", stored.ExternalIds!.Single().Value!);
    }

    [Fact]
    public async Task ConfigurationErrorsFailBeforeAnyRequestOrRun()
    {
        var bad = new SyncOptions { ExternalSourceId = SourceId };
        bad.Mapping.Map["nonsense"] = FieldSource.FromColumn("CrmId");
        await Assert.ThrowsAsync<MappingException>(() => Run(Rows(1), bad));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(Rows(1), new SyncOptions()));
        Assert.Empty(_org.Calls);
        Assert.False(File.Exists(StatePath) && SyncStateStore.Open(StatePath).Using(s => s.GetRuns().Count) > 0);
    }

    [Fact]
    public void PumpRunsCallbacksOnTheCallingThread()
    {
        var thread = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();
        using var store = SyncStateStore.Open(StatePath);
        var engine = new ExternalContactSync(_org, store);
        var sink = new DelegateSyncSink { Result = _ => threads.Add(Environment.CurrentManagedThreadId), Confirm = (_, _) => { threads.Add(Environment.CurrentManagedThreadId); return true; } };

        var summary = SyncPump.Run(() => engine.RunAsync(Rows(450), Options(o => o.MaxParallelBatches = 3), sink));

        Assert.Equal(450, summary.Created);
        Assert.Equal(new[] { thread }, threads);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Throws after N rows on the given pass (1 or 2).</summary>
    private sealed class FailingSource : IRowSource
    {
        private readonly IRowSource _inner;
        private readonly int _failAfter;
        private readonly int _failOnPass;
        private int _pass;

        public FailingSource(IRowSource inner, int failAfter, int failOnPass)
        {
            _inner = inner;
            _failAfter = failAfter;
            _failOnPass = failOnPass;
        }

        public IReadOnlyList<string> Columns => _inner.Columns;

        public IEnumerable<ISourceRow> ReadRows()
        {
            var pass = ++_pass;
            var n = 0;
            foreach (var row in _inner.ReadRows())
            {
                if (pass == _failOnPass && n == _failAfter) throw new IOException("disk went away");
                n++;
                yield return row;
            }
        }
    }
}

internal static class StoreExtensions
{
    public static T Using<T>(this SyncStateStore store, Func<SyncStateStore, T> read)
    {
        using (store) return read(store);
    }
}
