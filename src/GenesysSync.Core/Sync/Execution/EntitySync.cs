using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Input;
using GenesysSync.State;

namespace GenesysSync.Sync;

/// <summary>
/// The sync engine for any kind of record (<see cref="ISyncEntityKind{TEntity}"/>: external contacts, external
/// organizations): map → validate → key → plan → execute → commit → results.
/// Reads the input twice (pass 1 finds duplicate keys so the last row wins; pass 2 writes), in windows
/// of <see cref="SyncOptions.BatchSize"/> rows with up to <see cref="SyncOptions.MaxParallelBatches"/> windows
/// in flight. Awaits keep the caller's synchronization context, so sink callbacks run on the caller's
/// thread under <see cref="SyncPump"/>.
/// </summary>
public sealed class EntitySync<TEntity> where TEntity : class
{
    private const string MetaReconciled = "reconciled_at";

    private readonly ISyncEntityKind<TEntity> _kind;
    private readonly ISyncGateway<TEntity> _gateway;
    private readonly SyncStateStore _state;
    private readonly TimeProvider _time;

    public EntitySync(ISyncEntityKind<TEntity> kind, ISyncGateway<TEntity> gateway, SyncStateStore state, TimeProvider? time = null)
    {
        _kind = kind ?? throw new ArgumentNullException(nameof(kind));
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs one sync. Per-row problems become results; configuration errors (<see cref="MappingException"/>,
    /// <see cref="ArgumentException"/>), a locked state (<see cref="StateLockedException"/>), authentication/permission
    /// failures, input read failures (<see cref="SyncInputException"/>) and cancellation end the run with an exception
    /// after the state is consistent and the run is recorded.
    /// </summary>
    public async Task<SyncSummary> RunAsync(IRowSource source, SyncOptions options, ISyncSink sink, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (sink is null) throw new ArgumentNullException(nameof(sink));
        options.Validate();

        // Configuration first, so a bad map fails before any lock, run record or request.
        var keys = new KeyResolver(options.Keys, source.Columns);
        var mappingOptions = CopyWithKeys(options.Mapping, keys.KeyColumns);
        var mapping = ContactMapping.Resolve(source.Columns, mappingOptions, _kind.Fields);
        var normalizer = new ContactNormalizer(mapping, options.Normalization);

        using var runLock = await _state.AcquireRunLockAsync(options.LockTimeout, cancellationToken,
            message => sink.OnLog(SyncLogLevel.Warning, message));
        using var run = new Run(this, options, sink, keys, normalizer, mapping, cancellationToken);
        return await run.ExecuteAsync(source);
    }

    private static MappingOptions CopyWithKeys(MappingOptions original, IReadOnlyList<string> keyColumns)
    {
        var copy = new MappingOptions { AutoMap = original.AutoMap, Schema = original.Schema };
        foreach (var p in original.Map) copy.Map[p.Key] = p.Value;
        foreach (var k in original.KeyColumns) copy.KeyColumns.Add(k);
        foreach (var k in keyColumns)
            if (!copy.KeyColumns.Contains(k, StringComparer.OrdinalIgnoreCase)) copy.KeyColumns.Add(k);
        return copy;
    }

    /// <summary>A row after pass-2 preparation.</summary>
    private sealed class Prepared
    {
        public Prepared(ISourceRow row, NormalizedContact contact, MatchKey key)
        {
            Row = row;
            Contact = contact;
            Key = key;
        }

        public ISourceRow Row { get; }
        public NormalizedContact Contact { get; set; }
        public MatchKey Key { get; }
        public TEntity? Existing { get; set; }
        public string? ContactId { get; set; }
        public IReadOnlyList<string> Changed { get; set; } = Array.Empty<string>();
        public int Attempts { get; set; }
    }

    /// <summary>The state of one run (kept out of the engine so the engine stays reusable).</summary>
    private sealed class Run : IDisposable
    {
        private readonly EntitySync<TEntity> _engine;
        private readonly SyncOptions _options;
        private readonly ISyncSink _sink;
        private readonly KeyResolver _keys;
        private readonly ContactNormalizer _normalizer;
        private readonly ContactMapping _mapping;
        private readonly IEntityPayload<TEntity> _payload;
        private readonly CancellationToken _cancel;
        private readonly DuplicateKeyIndex _index = new();
        private readonly SyncSummary _summary;
        private readonly long _startTimestamp;
        private readonly GatewayStats _statsAtStart;
        private Dictionary<KeyHash, string>? _scanOverlay; // WhatIf reconcile: what the scan found, not persisted
        private readonly object _buffers = new();
        private readonly List<Prepared> _createBuffer = new();
        private readonly List<Prepared> _fetchBuffer = new();
        private readonly List<Prepared> _updateBuffer = new();
        private readonly List<Task> _inflight = new();
        private readonly CancellationTokenSource _batchCancel;
        private readonly object _emitLock = new();
        private Exception? _fatal;
        private long _rowsDone;
        private long _rowsWithoutKey;
        private long _rowsUnreadable;
        private long? _totalRows;
        private long _lastProgress;
        private readonly string _runId;

        public Run(EntitySync<TEntity> engine, SyncOptions options, ISyncSink sink, KeyResolver keys, ContactNormalizer normalizer, ContactMapping mapping, CancellationToken cancel)
        {
            _engine = engine;
            _options = options;
            _sink = sink;
            _keys = keys;
            _normalizer = normalizer;
            _mapping = mapping;
            _cancel = cancel;
            _batchCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            _payload = engine._kind.CreatePayload(options, mapping);
            _startTimestamp = engine._time.GetTimestamp();
            _statsAtStart = engine._gateway.GetStats();
            _runId = options.WhatIf ? "whatif-" + Guid.NewGuid().ToString("N") : engine._state.BeginRun(options.Mode.ToString());
            _summary = new SyncSummary
            {
                RunId = _runId,
                Mode = options.Mode,
                WhatIf = options.WhatIf,
                StartedAt = engine._time.GetUtcNow(),
                Mapping = mapping.Report,
                UnmappedColumns = mapping.Report.UnmappedColumnNames,
            };
        }

        public void Dispose() => _batchCancel.Dispose();

        private SyncStateStore State => _engine._state;
        private ISyncGateway<TEntity> Gateway => _engine._gateway;
        private ISyncEntityKind<TEntity> Kind => _engine._kind;

        public async Task<SyncSummary> ExecuteAsync(IRowSource source)
        {
            ReportMapping();
            try
            {
                FirstPass(source);
                await ReconcileIfNeededAsync();
                await SecondPassAsync(source);
                if (_options.Mode == SyncMode.Mirror) await MirrorDeletesAsync();
                _summary.Outcome = _summary.DeletesWithheld > 0 ? RunOutcomes.Refused
                    : _summary.Failed > 0 ? RunOutcomes.CompletedWithErrors : RunOutcomes.Succeeded;
                Finish(null);
                return _summary;
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                _summary.Outcome = RunOutcomes.Cancelled;
                Finish("Cancelled by the user.");
                throw;
            }
            catch (Exception ex)
            {
                _summary.Outcome = RunOutcomes.Failed;
                Finish(ex is GenesysApiException api ? $"{api.GetType().Name} (HTTP {api.StatusCode}, {api.Code})" : ex.GetType().Name);
                throw;
            }
        }

        // ------------------------------------------------------------ passes

        private void ReportMapping()
        {
            var report = _mapping.Report;
            foreach (var u in report.Unmapped)
                _sink.OnLog(SyncLogLevel.Warning, $"Column '{u.Column}' is not sent: {u.Reason}");
            _sink.OnLog(SyncLogLevel.Verbose, "Mapped: " + string.Join(", ", report.Fields.Select(f => $"{f.Source} → {f.Field.Name}")
                .Concat(report.CustomFields.Select(f => $"{f.Source} → custom.{f.Field.Name}"))));
        }

        /// <summary>Pass 1: keys of every row, so duplicates resolve to the last row.</summary>
        private void FirstPass(IRowSource source)
        {
            long rows = 0;
            try
            {
                foreach (var row in source.ReadRows())
                {
                    _cancel.ThrowIfCancellationRequested();
                    rows++;
                    if (row.ReadError is not null) _rowsUnreadable++;
                    var contact = _normalizer.Normalize(row);
                    if (_keys.TryGetKey(row, contact, out var key, out _)) _index.Add(key!.Hash, row.RowNumber);
                    else _rowsWithoutKey++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SyncInputException($"The input could not be read after {rows} row(s): {ex.Message}", ex);
            }
            _totalRows = rows;
            if (_index.DuplicateRows > 0)
                _sink.OnLog(SyncLogLevel.Warning, $"{_index.DuplicateRows} row(s) repeat the key of a later row; the last row of each key wins and the earlier ones are skipped (DuplicateKey).");
        }

        /// <summary>
        /// Pass 2: plans the rows window by window and queues their writes. Creates, fetches and updates
        /// collect in buffers that are sent when a full batch is ready (and at the end), so k changed rows
        /// spread over a large input cost about k/BatchSize requests, not one per window.
        /// </summary>
        private async Task SecondPassAsync(IRowSource source)
        {
            var window = new List<Prepared>(_options.BatchSize);
            long read = 0;
            Exception? inputError = null;
            try
            {
                using var rows = source.ReadRows().GetEnumerator();
                while (true)
                {
                    ThrowIfStopped();
                    bool more;
                    try
                    {
                        more = rows.MoveNext();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        inputError = new SyncInputException($"The input could not be read after {read} row(s): {ex.Message}", ex);
                        break;
                    }
                    if (!more) break;
                    read++;
                    var prepared = Prepare(rows.Current);
                    if (prepared is null) continue;
                    window.Add(prepared);
                    if (window.Count >= _options.BatchSize)
                    {
                        await PlanWindowAsync(window);
                        window = new List<Prepared>(_options.BatchSize);
                    }
                }
                // Rows read before an input failure are still written; only Mirror's deletes are withheld.
                if (window.Count > 0) await PlanWindowAsync(window);
                await DrainAsync();
            }
            finally
            {
                _summary.Rows = read;
                // Whatever happened, let the batches already sent finish and commit their state.
                await WaitForInflightAsync(ignoreErrors: true);
            }
            if (inputError is not null) throw inputError;
        }

        /// <summary>Normalizes and keys a row; rows that stop here get their result at once (null returned).</summary>
        private Prepared? Prepare(ISourceRow row)
        {
            var contact = _normalizer.Normalize(row);
            if (!_keys.TryGetKey(row, contact, out var key, out var keyIssue))
            {
                var issue = contact.RejectingIssue ?? keyIssue!;
                Emit(RejectedResult(row, contact, null, issue));
                return null;
            }
            if (contact.IsRejected)
            {
                Emit(RejectedResult(row, contact, key, contact.RejectingIssue!));
                return null;
            }
            if (_index.IsSuperseded(key!.Hash, row.RowNumber, out var winner))
            {
                Emit(new SyncResult
                {
                    RowNumber = row.RowNumber, Key = key.Value, KeyHash = key.Hash.ToString(), Action = SyncAction.Skipped,
                    Reason = SkipReasons.DuplicateKey, Message = $"Row {winner} has the same key and wins.", InputObject = row.Original,
                    Warnings = Warnings(contact),
                });
                return null;
            }
            if (contact.Fields.Count == 0 && contact.CustomFields.Count == 0 && !key.IsExternalId)
            {
                Emit(RejectedResult(row, contact, key, new RowIssue(row.RowNumber, null, RowIssueCodes.NothingToWrite, $"Row {row.RowNumber} has no value to write.", RowIssueSeverity.Skip)));
                return null;
            }
            return new Prepared(row, contact, key);
        }

        private void ThrowIfStopped()
        {
            if (_fatal is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_fatal).Throw();
            _cancel.ThrowIfCancellationRequested();
        }

        /// <summary>Plans one window against the state and queues its writes.</summary>
        private async Task PlanWindowAsync(List<Prepared> rows)
        {
            if (_options.RowLinker is not null) rows = await LinkAsync(rows);
            if (rows.Count == 0) return;
            var keyHashes = rows.Select(r => r.Key.Hash).ToList();
            var known = State.GetMany(keyHashes);
            var pending = State.GetPending(keyHashes);
            var unchanged = new List<Prepared>();
            var toLookup = new List<Prepared>();

            foreach (var p in rows)
            {
                known.TryGetValue(p.Key.Hash, out var record);
                if (record is null && _scanOverlay is not null && _scanOverlay.TryGetValue(p.Key.Hash, out var scannedId))
                    record = new StateRecord(p.Key.Hash, scannedId, null, null, DateTimeOffset.MinValue);
                var step = SyncPlanner.Decide(_options.Mode, _keys.Options.MatchOn, p.Contact.ContentHash, record, pending.Contains(p.Key.Hash));
                p.ContactId = record?.ContactId ?? (p.Key.Kind == MatchOn.Id ? p.Key.Value : null);
                switch (step.Kind)
                {
                    case PlanKind.Create: EnqueueCreate(p); break;
                    case PlanKind.LookupThenCreate: toLookup.Add(p); break;
                    case PlanKind.Update: Enqueue(_fetchBuffer, p); break;
                    case PlanKind.Unchanged: unchanged.Add(p); break;
                    default: Emit(Skipped(p, step.Reason!, null)); break;
                }
            }

            foreach (var p in unchanged) Emit(Result(p, SyncAction.Unchanged));
            if (!_options.WhatIf && unchanged.Count > 0) State.Touch(unchanged.Select(p => p.Key.Hash), _runId);

            // Creates whose earlier attempt has an unknown outcome: the key decides (rare: after a crash or lost reply).
            foreach (var p in toLookup)
            {
                TEntity? found;
                try
                {
                    found = await LookupAsync(p, _batchCancel.Token);
                }
                catch (GenesysApiException ex) when (!IsFatal(ex))
                {
                    Emit(Failed(p, ex)); // still pending: the next run asks again
                    continue;
                }
                if (found is null)
                {
                    if (_options.Mode == SyncMode.Update) Emit(Skipped(p, SkipReasons.NotFound, null));
                    else EnqueueCreate(p);
                }
                else
                {
                    p.Existing = found;
                    p.ContactId = Kind.IdOf(found);
                    Enqueue(_fetchBuffer, p); // compared without a fetch
                }
            }

            await FlushAsync(force: false);
            ReportProgress("Writing", force: false);
        }

        /// <summary>Lets the run's linker add fields (e.g. the organization id of an organization key); rows it cannot link fail.</summary>
        private async Task<List<Prepared>> LinkAsync(List<Prepared> rows)
        {
            var linked = await _options.RowLinker!.LinkAsync(rows.Select(p => (p.Row, p.Contact)).ToList(), _options.WhatIf, _batchCancel.Token);
            var kept = new List<Prepared>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var p = rows[i];
                if (linked[i].Issue is { } issue) Emit(RejectedResult(p.Row, p.Contact, p.Key, issue));
                else
                {
                    p.Contact = linked[i].Contact ?? p.Contact;
                    kept.Add(p);
                }
            }
            return kept;
        }

        /// <summary>ShouldProcess is asked before the row is queued (style rule 9).</summary>
        private void EnqueueCreate(Prepared p)
        {
            foreach (var ok in Confirm(new List<Prepared> { p }, SyncAction.Created, "Create external " + Kind.Noun)) Enqueue(_createBuffer, ok);
        }

        private void Enqueue(List<Prepared> buffer, Prepared p)
        {
            lock (_buffers) buffer.Add(p);
        }

        /// <summary>Starts a batch for every full buffer (every non-empty one when forced).</summary>
        private async Task FlushAsync(bool force)
        {
            while (true)
            {
                ThrowIfStopped();
                (List<Prepared> Batch, Func<List<Prepared>, CancellationToken, Task> Work)? next;
                lock (_buffers)
                {
                    next = Take(_fetchBuffer, FetchAndCompareAsync, force)
                        ?? Take(_updateBuffer, WriteUpdatesAsync, force)
                        ?? Take(_createBuffer, WriteCreatesAsync, force);
                }
                if (next is null) return;
                await StartBatchAsync(next.Value.Batch, next.Value.Work);
            }
        }

        private (List<Prepared>, Func<List<Prepared>, CancellationToken, Task>)? Take(List<Prepared> buffer, Func<List<Prepared>, CancellationToken, Task> work, bool force)
        {
            if (buffer.Count == 0 || (!force && buffer.Count < _options.BatchSize)) return null;
            var n = Math.Min(buffer.Count, _options.BatchSize);
            var batch = buffer.GetRange(0, n);
            buffer.RemoveRange(0, n);
            return (batch, work);
        }

        /// <summary>Runs a batch with at most MaxParallelBatches in flight; a fatal error stops the others.</summary>
        private async Task StartBatchAsync(List<Prepared> batch, Func<List<Prepared>, CancellationToken, Task> work)
        {
            while (true)
            {
                Task[] running;
                lock (_inflight)
                {
                    _inflight.RemoveAll(t => t.IsCompleted);
                    if (_inflight.Count < _options.MaxParallelBatches)
                    {
                        _inflight.Add(RunBatchAsync(batch, work));
                        return;
                    }
                    running = _inflight.ToArray();
                }
                await Task.WhenAny(running);
                ThrowIfStopped();
            }
        }

        private async Task RunBatchAsync(List<Prepared> batch, Func<List<Prepared>, CancellationToken, Task> work)
        {
            try
            {
                await work(batch, _batchCancel.Token);
            }
            catch (Exception ex)
            {
                _fatal ??= ex;
                _batchCancel.Cancel();
                throw;
            }
        }

        /// <summary>Sends the partial batches left at the end and waits until nothing is queued or in flight.</summary>
        private async Task DrainAsync()
        {
            while (true)
            {
                await FlushAsync(force: true);
                Task[] running;
                lock (_inflight) running = _inflight.Where(t => !t.IsCompleted).ToArray();
                bool empty;
                lock (_buffers) empty = _fetchBuffer.Count == 0 && _updateBuffer.Count == 0 && _createBuffer.Count == 0;
                if (running.Length == 0 && empty) break;
                if (running.Length > 0) await Task.WhenAny(running);
            }
            await WaitForInflightAsync(ignoreErrors: false);
        }

        private async Task WaitForInflightAsync(bool ignoreErrors)
        {
            Task[] all;
            lock (_inflight) all = _inflight.ToArray();
            try
            {
                await Task.WhenAll(all);
            }
            catch when (ignoreErrors)
            {
            }
            if (!ignoreErrors) ThrowIfStopped();
        }

        /// <summary>Reads the current contacts (bulk update replaces whole contacts) and keeps only real changes.</summary>
        private async Task FetchAndCompareAsync(List<Prepared> rows, CancellationToken ct)
        {
            var updates = new List<Prepared>();
            var needFetch = rows.Where(p => p.Existing is null).ToList();
            if (needFetch.Count > 0)
            {
                IReadOnlyList<BulkEntityResult<TEntity>> fetched;
                try
                {
                    Count("bulkFetch");
                    fetched = await Gateway.BulkFetchAsync(needFetch.Select(p => p.ContactId!).ToList(), ct);
                }
                catch (GenesysApiException ex) when (!IsFatal(ex))
                {
                    foreach (var p in needFetch) Emit(Failed(p, ex));
                    rows = rows.Where(p => p.Existing is not null).ToList();
                    fetched = Array.Empty<BulkEntityResult<TEntity>>();
                }
                var stale = new List<KeyHash>();
                foreach (var r in fetched)
                {
                    var p = needFetch[r.Index];
                    if (r.Success && r.Entity is not null) p.Existing = r.Entity;
                    else if (r.Status == 404 || r.Error?.Status == 404 || string.Equals(r.Error?.Code, "not.found", StringComparison.OrdinalIgnoreCase))
                    {
                        // Deleted in Genesys since we wrote it: forget it, and create it again where the mode allows.
                        stale.Add(p.Key.Hash);
                        if (_options.Mode == SyncMode.Update || p.Key.Kind == MatchOn.Id) Emit(Skipped(p, SkipReasons.NotFound, $"No {Kind.Noun} has this key in Genesys any more."));
                        else EnqueueCreate(p);
                        p.ContactId = null;
                    }
                    else Emit(Failed(p, r.Error, r.Status));
                }
                if (stale.Count > 0 && !_options.WhatIf) State.Remove(stale);
            }

            var unchanged = new List<StateRecord>();
            foreach (var p in rows)
            {
                if (p.Existing is null) continue;
                p.ContactId ??= Kind.IdOf(p.Existing);
                p.Changed = _payload.ChangedFields(p.Existing, p.Contact, p.Key);
                if (p.Changed.Count == 0)
                {
                    // Already equal in Genesys (e.g. after a reconcile): remember the content, send nothing.
                    unchanged.Add(Record(p, createdBySync: false));
                    Emit(Result(p, SyncAction.Unchanged));
                }
                else updates.Add(p);
            }
            if (unchanged.Count > 0 && !_options.WhatIf) State.CommitBatch(unchanged);
            // Queued only: batches never start batches (that could wait on their own slot); the main loop sends them.
            foreach (var p in Confirm(updates, SyncAction.Updated, "Update external " + Kind.Noun)) Enqueue(_updateBuffer, p);
        }

        private async Task WriteCreatesAsync(List<Prepared> creates, CancellationToken ct)
        {
            if (creates.Count == 0) return;
            if (_options.WhatIf)
            {
                foreach (var p in creates) Emit(Result(p, SyncAction.Created, changed: AllFields(p), whatIf: true));
                return;
            }

            // Intent first: if the process dies or the reply is lost, the next run looks these keys up.
            State.MarkPending(creates.Select(p => p.Key.Hash), _runId);
            var remaining = creates;
            for (var attempt = 1; remaining.Count > 0; attempt++)
            {
                IReadOnlyList<BulkEntityResult<TEntity>> results;
                foreach (var p in remaining) p.Attempts++;
                try
                {
                    Count("bulkAdd");
                    results = await Gateway.BulkAddAsync(remaining.Select(p => _payload.BuildNew(p.Contact, p.Key)).ToList(), ct);
                }
                catch (GenesysApiException ex) when (!IsFatal(ex) && ex.IsRetryable && attempt == 1)
                {
                    // The outcome is unknown (lost reply, timeout, 5xx): never send a create twice blindly.
                    _sink.OnLog(SyncLogLevel.Verbose, $"A bulk add of {remaining.Count} {Kind.Noun}(s) had no usable reply ({ex.GetType().Name}); looking the keys up before sending again.");
                    remaining = await LookUpUnsureCreatesAsync(remaining, p => Emit(Failed(p, ex)), ct);
                    continue;
                }
                catch (GenesysApiException ex) when (!IsFatal(ex))
                {
                    if (!ex.IsRetryable) State.ClearPending(remaining.Select(p => p.Key.Hash));
                    foreach (var p in remaining) Emit(Failed(p, ex));
                    return;
                }

                var ok = new List<StateRecord>();
                var settledFailures = new List<KeyHash>();
                var done = new List<(Prepared, BulkEntityResult<TEntity>)>();
                // Rows the reply left out (or reported created without an id): they may exist now. Looked up, not re-sent blindly.
                var unsure = new List<(Prepared, BulkEntityResult<TEntity>)>();
                foreach (var r in results)
                {
                    var p = remaining[r.Index];
                    var id = r.Id ?? (r.Entity is null ? null : Kind.IdOf(r.Entity));
                    if (r.Success && id is not null)
                    {
                        p.ContactId = id;
                        ok.Add(Record(p, createdBySync: true));
                        done.Add((p, r));
                    }
                    else if (r.Success || r.Error?.Code == BulkResultMatcher.MissingResultCode) unsure.Add((p, r));
                    else
                    {
                        settledFailures.Add(p.Key.Hash);
                        done.Add((p, r));
                    }
                }
                State.CommitBatch(ok);
                if (settledFailures.Count > 0) State.ClearPending(settledFailures);
                foreach (var (p, r) in done)
                    Emit(r.Success && p.ContactId is not null ? Result(p, SyncAction.Created, changed: AllFields(p)) : Failed(p, r.Error, r.Status));
                if (unsure.Count == 0) return;

                var unsureError = unsure.ToDictionary(u => u.Item1, u => u.Item2);
                void FailUnsure(Prepared p) => Emit(Failed(p, unsureError[p].Error ?? BulkResultMatcher.MissingResult(false), unsureError[p].Status));
                if (attempt > 1)
                {
                    // Stays pending: the next run looks these keys up before creating anything.
                    foreach (var (p, _) in unsure) FailUnsure(p);
                    return;
                }
                _sink.OnLog(SyncLogLevel.Verbose, $"The reply to a bulk add said nothing usable about {unsure.Count} {Kind.Noun}(s); looking their keys up before sending them again.");
                remaining = await LookUpUnsureCreatesAsync(unsure.Select(u => u.Item1).ToList(), FailUnsure, ct);
            }
        }

        /// <summary>
        /// Creates whose outcome is unknown: each key is looked up; found ones are adopted (Created), the rest are
        /// returned to be sent again. A row whose lookup fails gets <paramref name="failUnknown"/> and stays pending.
        /// </summary>
        private async Task<List<Prepared>> LookUpUnsureCreatesAsync(List<Prepared> rows, Action<Prepared> failUnknown, CancellationToken ct)
        {
            var resend = new List<Prepared>();
            var adopted = new List<Prepared>();
            foreach (var p in rows)
            {
                TEntity? found;
                try
                {
                    found = await LookupAsync(p, ct);
                }
                catch (GenesysApiException lookupError) when (!IsFatal(lookupError))
                {
                    failUnknown(p); // outcome still unknown: stays pending for the next run
                    continue;
                }
                var foundId = found is null ? null : Kind.IdOf(found);
                if (foundId is null) resend.Add(p);
                else
                {
                    p.ContactId = foundId;
                    adopted.Add(p);
                }
            }
            if (adopted.Count > 0) State.CommitBatch(adopted.Select(p => Record(p, createdBySync: true)).ToList());
            foreach (var p in adopted) Emit(Result(p, SyncAction.Created, changed: AllFields(p)));
            return resend;
        }

        private async Task WriteUpdatesAsync(List<Prepared> updates, CancellationToken ct)
        {
            if (updates.Count == 0) return;
            if (_options.WhatIf)
            {
                foreach (var p in updates) Emit(Result(p, SyncAction.Updated, changed: p.Changed, whatIf: true));
                return;
            }

            var payloads = updates.Select(p => _payload.MergeForUpdate(p.Existing!, p.Contact, p.Key, p.ContactId!)).ToList();
            IReadOnlyList<BulkEntityResult<TEntity>>? results = null;
            for (var attempt = 1; results is null; attempt++)
            {
                foreach (var p in updates) p.Attempts++;
                try
                {
                    Count("bulkUpdate");
                    results = await Gateway.BulkUpdateAsync(payloads, ct);
                }
                catch (GenesysApiException ex) when (!IsFatal(ex) && ex.IsRetryable && attempt == 1)
                {
                    // An update is idempotent: sending it again is safe.
                    _sink.OnLog(SyncLogLevel.Verbose, $"A bulk update of {updates.Count} {Kind.Noun}(s) had no usable reply ({ex.GetType().Name}); sending it again.");
                }
                catch (GenesysApiException ex) when (!IsFatal(ex))
                {
                    foreach (var p in updates) Emit(Failed(p, ex));
                    return;
                }
            }

            var ok = new List<StateRecord>();
            foreach (var r in results)
                if (r.Success) ok.Add(Record(updates[r.Index], createdBySync: false));
            State.CommitBatch(ok);
            foreach (var r in results)
            {
                var p = updates[r.Index];
                Emit(r.Success ? Result(p, SyncAction.Updated, changed: p.Changed) : Failed(p, r.Error, r.Status));
            }
        }

        private List<Prepared> Confirm(List<Prepared> rows, SyncAction action, string verb)
        {
            if (_options.WhatIf || rows.Count == 0) return rows;
            var confirmed = new List<Prepared>(rows.Count);
            foreach (var p in rows)
            {
                bool yes;
                lock (_emitLock) yes = _sink.ShouldProcess(Target(p), verb);
                if (yes) confirmed.Add(p);
                else Emit(Skipped(p, SkipReasons.Declined, $"{action} was declined."));
            }
            return confirmed;
        }

        private async Task<TEntity?> LookupAsync(Prepared p, CancellationToken ct)
        {
            Count("lookup");
            return await Gateway.LookupAsync(p.Key, _options.ExternalSourceId, ct);
        }

        // ------------------------------------------------------------ reconcile

        private async Task ReconcileIfNeededAsync()
        {
            var matchOn = _keys.Options.MatchOn;
            if (matchOn == MatchOn.Id || _options.Reconcile == ReconcileMode.Never) return;
            if (_options.Reconcile == ReconcileMode.Auto && State.GetMeta(MetaReconciled) is not null) return;

            _sink.OnLog(SyncLogLevel.Information, $"Reading the org once through the scan cursor to match existing {Kind.Noun}s (first run or -Reconcile).");
            var found = new Dictionary<KeyHash, string>();
            long scanned = 0, ambiguous = 0;
            Count("scan");
            await foreach (var entity in Gateway.ScanAsync(_cancel))
            {
                scanned++;
                var entityId = Kind.IdOf(entity);
                if (entityId is null) continue;
                foreach (var key in KeysOf(entity, matchOn))
                {
                    if (found.ContainsKey(key)) ambiguous++;
                    else found.Add(key, entityId);
                }
                if (scanned % 1000 == 0) ReportProgress("Reconciling", force: false, scanned);
            }
            _summary.ScannedContacts = scanned;
            if (ambiguous > 0)
                _sink.OnLog(SyncLogLevel.Warning, $"{ambiguous} {Kind.Noun}(s) in the org share a key with another {Kind.Noun}; the first one found is used.");

            if (_options.WhatIf)
            {
                _scanOverlay = found;
                return;
            }

            // Repair: keep what matches, fix ids that moved, forget contacts that are gone, add the new ones.
            var stale = new List<KeyHash>();
            var moved = new List<StateRecord>();
            var seen = new HashSet<KeyHash>();
            var now = _engine._time.GetUtcNow();
            foreach (var rec in State.EnumerateManaged())
            {
                seen.Add(rec.Key);
                if (!found.TryGetValue(rec.Key, out var id)) stale.Add(rec.Key);
                else if (id != rec.ContactId) moved.Add(new StateRecord(rec.Key, id, null, _runId, now));
            }
            var added = found.Where(p => !seen.Contains(p.Key)).Select(p => new StateRecord(p.Key, p.Value, null, _runId, now)).ToList();
            foreach (var chunk in Chunks(moved.Concat(added), 1000)) State.CommitBatch(chunk);
            foreach (var chunk in Chunks(stale, 1000)) State.Remove(chunk);
            State.SetMeta(MetaReconciled, now.ToString("o"));
            _sink.OnLog(SyncLogLevel.Information, $"Reconciled: {scanned} {Kind.Noun}(s) read, {found.Count} match this source, {added.Count} added to the state, {moved.Count} re-pointed, {stale.Count} forgotten.");
        }

        private IEnumerable<KeyHash> KeysOf(TEntity entity, MatchOn matchOn)
        {
            if (matchOn == MatchOn.WorkEmail)
            {
                var text = ContactNormalizer.CleanText(Kind.WorkEmailOf(entity));
                if (text.Length > 0 && EmailAddress.TryNormalize(text, out var email))
                    yield return KeyHash.Compute("workemail", EmailAddress.KeyForm(email));
                yield break;
            }
            foreach (var raw in Kind.ExternalIdValuesOf(entity, _options.ExternalSourceId))
            {
                var value = ContactNormalizer.CleanText(raw);
                if (value.Length > 0) yield return KeyHash.Compute("externalid", value);
            }
        }

        // ------------------------------------------------------------ mirror

        private async Task MirrorDeletesAsync()
        {
            // Only contacts this tool manages: under our External Source (all state records), or created by us.
            var everyRecord = _keys.Options.MatchOn is MatchOn.ExternalId or MatchOn.Composite;
            long managed = 0;
            var candidates = new List<StateRecord>();
            foreach (var rec in State.EnumerateManaged())
            {
                if (!everyRecord && !rec.CreatedBySync) continue;
                managed++;
                if (!_index.Contains(rec.Key)) candidates.Add(rec);
            }
            if (_scanOverlay is not null)
            {
                foreach (var p in _scanOverlay)
                {
                    if (!everyRecord || State.Get(p.Key) is not null) continue;
                    managed++;
                    if (!_index.Contains(p.Key)) candidates.Add(new StateRecord(p.Key, p.Value, null, null, DateTimeOffset.MinValue));
                }
            }
            if (candidates.Count == 0) return;

            string? withhold = null;
            if (_rowsWithoutKey > 0 && !_options.Force)
                withhold = $"{_rowsWithoutKey} input row(s) have no usable key, so their {Kind.Noun}s cannot be told apart from removed ones; fix them or use -Force.";
            else if (_rowsUnreadable > 0 && !_options.Force)
                withhold = $"{_rowsUnreadable} input row(s) could not be read whole (RaggedRow), so rows may be missing from the input; nothing was deleted. Fix them or use -Force.";
            else if (!SyncPlanner.DeletionAllowed(candidates.Count, managed, _options.DeleteThreshold, _options.Force))
                withhold = $"Mirror would delete {candidates.Count} of {managed} managed {Kind.Noun}s ({candidates.Count * 100.0 / managed:0.#}%), more than the threshold of {_options.DeleteThreshold}%; nothing was deleted. Use -Force (or raise -DeleteThreshold) if this is intended.";
            if (withhold is not null)
            {
                _summary.DeletesWithheld = candidates.Count;
                _summary.DeletesWithheldReason = withhold;
                _sink.OnLog(SyncLogLevel.Warning, withhold);
                return;
            }

            foreach (var chunk in Chunks(candidates, _options.BatchSize))
            {
                _cancel.ThrowIfCancellationRequested();
                var confirmed = new List<StateRecord>();
                foreach (var rec in chunk)
                {
                    if (_options.WhatIf)
                        Emit(DeleteResult(rec, SyncAction.Deleted, whatIf: true));
                    else if (_sink.ShouldProcess($"{Kind.Noun} {rec.ContactId} (key {rec.Key.Short})", "Delete external " + Kind.Noun))
                        confirmed.Add(rec);
                    else
                        Emit(DeleteResult(rec, SyncAction.Skipped, reason: SkipReasons.Declined));
                }
                if (confirmed.Count == 0) continue;

                IReadOnlyList<BulkEntityResult<TEntity>> results;
                try
                {
                    Count("bulkRemove");
                    results = await Gateway.BulkRemoveAsync(confirmed.Select(r => r.ContactId).ToList(), _cancel);
                }
                catch (GenesysApiException ex) when (!IsFatal(ex))
                {
                    foreach (var rec in confirmed)
                        Emit(DeleteResult(rec, SyncAction.Failed, errorCode: ex.Code ?? "request.failed", message: ex.Message, status: ex.StatusCode, contextId: ex.ContextId));
                    continue;
                }
                var gone = new List<KeyHash>();
                foreach (var r in results)
                {
                    var rec = confirmed[r.Index];
                    var alreadyGone = r.Status == 404 || r.Error?.Status == 404;
                    if (r.Success || alreadyGone)
                    {
                        gone.Add(rec.Key);
                        Emit(DeleteResult(rec, SyncAction.Deleted));
                    }
                    else Emit(DeleteResult(rec, SyncAction.Failed, errorCode: r.Error?.Code, message: r.Error?.Message, status: r.Error?.Status ?? r.Status));
                }
                State.Remove(gone);
            }
        }

        // ------------------------------------------------------------ results

        /// <summary>Results, prompts and progress go to the sink one at a time, whichever batch produced them.</summary>
        private void Emit(SyncResult result)
        {
            lock (_emitLock)
            {
                _summary.Count(result.Action);
                if (result.RowNumber > 0) _rowsDone++;
                _sink.OnResult(result);
            }
        }

        private SyncResult Result(Prepared p, SyncAction action, IReadOnlyList<string>? changed = null, bool whatIf = false) => new()
        {
            RowNumber = p.Row.RowNumber,
            Key = p.Key.Value,
            KeyHash = p.Key.Hash.ToString(),
            Action = action,
            ContactId = p.ContactId,
            ChangedFields = changed ?? Array.Empty<string>(),
            Attempts = p.Attempts,
            WhatIf = whatIf,
            Warnings = Warnings(p.Contact),
            InputObject = p.Row.Original,
        };

        private SyncResult Skipped(Prepared p, string reason, string? message) => new()
        {
            RowNumber = p.Row.RowNumber, Key = p.Key.Value, KeyHash = p.Key.Hash.ToString(), Action = SyncAction.Skipped,
            ContactId = p.ContactId, Reason = reason, Message = message, Attempts = p.Attempts, WhatIf = _options.WhatIf,
            Warnings = Warnings(p.Contact), InputObject = p.Row.Original,
        };

        private SyncResult Failed(Prepared p, GenesysApiException ex) => new()
        {
            RowNumber = p.Row.RowNumber, Key = p.Key.Value, KeyHash = p.Key.Hash.ToString(), Action = SyncAction.Failed,
            ContactId = p.ContactId, ErrorCode = ex.Code ?? (ex.StatusCode == 0 ? "no.response" : "http." + ex.StatusCode),
            Message = ex.Message, ContextId = ex.ContextId, HttpStatus = ex.StatusCode == 0 ? null : ex.StatusCode,
            Attempts = Math.Max(p.Attempts, ex.Attempts), Warnings = Warnings(p.Contact), InputObject = p.Row.Original,
        };

        private SyncResult Failed(Prepared p, BulkEntityError? error, int? status) => new()
        {
            RowNumber = p.Row.RowNumber, Key = p.Key.Value, KeyHash = p.Key.Hash.ToString(), Action = SyncAction.Failed,
            ContactId = p.ContactId, ErrorCode = error?.Code ?? "bulk.failed", Message = error?.Message ?? "Genesys reported this row as failed without details.",
            HttpStatus = error?.Status ?? status, Attempts = p.Attempts, Warnings = Warnings(p.Contact), InputObject = p.Row.Original,
        };

        private SyncResult RejectedResult(ISourceRow row, NormalizedContact contact, MatchKey? key, RowIssue issue)
        {
            var skip = issue.Severity == RowIssueSeverity.Skip;
            return new SyncResult
            {
                RowNumber = row.RowNumber,
                Key = key?.Value,
                KeyHash = key?.Hash.ToString(),
                Action = skip ? SyncAction.Skipped : SyncAction.Failed,
                Reason = skip ? issue.Code : null,
                ErrorCode = skip ? null : issue.Code,
                Message = string.Join(" ", contact.Issues.Where(i => i.Severity != RowIssueSeverity.Warning).Select(i => i.Message).DefaultIfEmpty(issue.Message)),
                Warnings = Warnings(contact),
                WhatIf = _options.WhatIf,
                InputObject = row.Original,
            };
        }

        private SyncResult DeleteResult(StateRecord rec, SyncAction action, bool whatIf = false, string? reason = null, string? errorCode = null, string? message = null, int? status = null, string? contextId = null) => new()
        {
            RowNumber = 0,
            Key = rec.Key.Short,
            KeyHash = rec.Key.ToString(),
            Action = action,
            ContactId = rec.ContactId,
            Reason = reason ?? (action == SyncAction.Deleted ? "AbsentFromInput" : null),
            ErrorCode = errorCode,
            Message = message,
            HttpStatus = status,
            ContextId = contextId,
            Attempts = whatIf ? 0 : 1,
            WhatIf = whatIf,
        };

        private static IReadOnlyList<RowIssue> Warnings(NormalizedContact c)
        {
            var w = c.Issues.Where(i => i.Severity == RowIssueSeverity.Warning).ToList();
            return w.Count == 0 ? Array.Empty<RowIssue>() : w;
        }

        private static IReadOnlyList<string> AllFields(Prepared p) =>
            p.Contact.Fields.Keys.Concat(p.Contact.CustomFields.Keys.Select(k => "custom." + k)).ToList();

        private StateRecord Record(Prepared p, bool createdBySync) =>
            new(p.Key.Hash, p.ContactId!, p.Contact.ContentHash, _runId, _engine._time.GetUtcNow(), createdBySync);

        // Shown in -WhatIf/-Confirm/-Verbose text: an e-mail key is PII, so it appears hashed.
        private string Target(Prepared p) => p.Key.Kind switch
        {
            MatchOn.Composite => $"row {p.Row.RowNumber} (key {p.Key.Value.Substring(0, 12)})",
            MatchOn.WorkEmail => $"row {p.Row.RowNumber} (WorkEmail key {p.Key.Hash.Short})",
            _ => $"row {p.Row.RowNumber} ({p.Key.Kind} {p.Key.Value})",
        };

        private void Count(string kind)
        {
            lock (_summary.Calls) _summary.Calls[kind] = (_summary.Calls.TryGetValue(kind, out var n) ? n : 0) + 1;
        }

        private static bool IsFatal(GenesysApiException ex) =>
            ex is GenesysAuthenticationException || ex is GenesysPermissionException;

        private void ReportProgress(string phase, bool force, long? scanned = null)
        {
            var now = _engine._time.GetTimestamp();
            var interval = (long)(_options.ProgressInterval.TotalSeconds * _engine._time.TimestampFrequency);
            if (!force && now - _lastProgress < interval) return;
            _lastProgress = now;
            var elapsed = _engine._time.GetElapsedTime(_startTimestamp, now);
            var stats = Delta(Gateway.GetStats());
            var rate = elapsed.TotalSeconds > 0 ? _rowsDone / elapsed.TotalSeconds : 0;
            TimeSpan? eta = _totalRows is long t && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - _rowsDone) / rate) : null;
            lock (_emitLock) _sink.OnProgress(new SyncProgress
            {
                Phase = scanned is null ? phase : $"{phase} ({scanned} {Kind.Noun}s read)",
                RowsDone = _rowsDone,
                TotalRows = _totalRows,
                RowsPerSecond = rate,
                Requests = stats.Requests,
                Throttled = stats.Throttled,
                Eta = eta,
            });
        }

        private GatewayStats Delta(GatewayStats now) =>
            new(now.Requests - _statsAtStart.Requests, now.Throttled - _statsAtStart.Throttled, now.Retries - _statsAtStart.Retries);

        private void Finish(string? message)
        {
            _summary.Duration = _engine._time.GetElapsedTime(_startTimestamp);
            var stats = Delta(Gateway.GetStats());
            _summary.Requests = stats.Requests;
            _summary.Throttled = stats.Throttled;
            _summary.Retries = stats.Retries;
            ReportProgress("Done", force: true);
            if (_options.WhatIf) return;
            var completion = new RunCompletion
            {
                Outcome = _summary.Outcome,
                TotalRequests = stats.Requests,
                Throttled = stats.Throttled,
                Retries = stats.Retries,
                Message = message ?? _summary.DeletesWithheldReason,
            };
            completion.Counts["Rows"] = _summary.Rows;
            completion.Counts["Created"] = _summary.Created;
            completion.Counts["Updated"] = _summary.Updated;
            completion.Counts["Unchanged"] = _summary.Unchanged;
            completion.Counts["Deleted"] = _summary.Deleted;
            completion.Counts["Skipped"] = _summary.Skipped;
            completion.Counts["Failed"] = _summary.Failed;
            lock (_summary.Calls) foreach (var c in _summary.Calls) completion.Requests[c.Key] = c.Value;
            foreach (var u in _summary.UnmappedColumns) completion.UnmappedColumns.Add(u);
            try
            {
                State.CompleteRun(_runId, completion);
            }
            catch (Exception ex) when (message is not null)
            {
                // Already failing: do not hide the original error behind a bookkeeping one.
                _sink.OnLog(SyncLogLevel.Warning, "The run could not be recorded in the state database: " + ex.Message);
            }
        }

        private static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> items, int size)
        {
            var list = new List<T>(size);
            foreach (var item in items)
            {
                list.Add(item);
                if (list.Count == size)
                {
                    yield return list;
                    list = new List<T>(size);
                }
            }
            if (list.Count > 0) yield return list;
        }
    }
}
