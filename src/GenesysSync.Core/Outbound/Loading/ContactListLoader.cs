using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;
using GenesysSync.Input;

namespace GenesysSync.Outbound.Loading;

/// <summary>
/// Loads leads into a family of contact lists: the named list, then &lt;Name&gt;-001, -002, … created with the same
/// columns as each fills up to <see cref="LeadLoadOptions.MaxContactsPerList"/>. The Lead ID becomes the contact id,
/// so a re-run updates in place: leads already stored (see <see cref="IKnownLeadSource"/>) go back to their own list,
/// unchanged ones are not sent at all, and new ones fill the first list with room.
/// <para>
/// Use: <see cref="InitializeAsync"/>, then per row <see cref="Accept"/>, hand each batch from <see cref="TakeBatches"/>
/// to <see cref="DispatchAsync"/> (or <see cref="Decline"/> it), and finish with <see cref="TakeBatches"/>(flush) and
/// <see cref="DrainAsync"/>; or call <see cref="LoadAsync"/>. Rows stream through: memory holds the pending batches
/// (≤ 1000 leads per list) and an index of about 22 bytes per Lead ID. Accept/TakeBatches/Dispatch/Decline belong to
/// one caller thread; results arrive on the sink from that thread and from sending threads.
/// </para>
/// </summary>
public sealed class ContactListLoader
{
    private readonly OutboundApi _api;
    private readonly ContactList _template;
    private readonly LeadLoadOptions _options;
    private readonly ILeadLoadSink _sink;
    private readonly LeadValidator _validator;
    private readonly LeadIndex _index = new();
    private readonly List<ContactListShard> _shards = new();
    private readonly Dictionary<int, List<PendingLead>> _pending = new();
    private readonly object _gate = new();
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _inFlight = new();
    private readonly Stopwatch _clock = new();
    private readonly bool _hashCallable;
    private int _fillCursor;
    private bool _columnsReported;
    private bool _initialized;
    private Exception? _fatal;
    private long? _learnedCap;

    public ContactListLoader(OutboundApi api, ContactList template, LeadLoadOptions options, ILeadLoadSink sink)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _template = template ?? throw new ArgumentNullException(nameof(template));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        options.Validate();
        if (string.IsNullOrEmpty(template.Id) || string.IsNullOrEmpty(template.Name))
            throw new ArgumentException("The contact list must be an existing list (with id and name).", nameof(template));
        _validator = new LeadValidator(template, options);
        _slots = new SemaphoreSlim(options.MaxParallelRequests);
        _hashCallable = options.ConsentColumn != null || options.DoNotCallColumn != null;
    }

    public LeadLoadSummary Summary { get; } = new();

    /// <summary>The family's lists (existing and planned), in fill order.</summary>
    public IReadOnlyList<ContactListShard> Shards
    {
        get { lock (_gate) return _shards.ToList(); }
    }

    /// <summary>The template's columns: the order of every lead's values.</summary>
    public IReadOnlyList<string> Columns => _validator.Columns;

    /// <summary>Position of the Lead ID among <see cref="Columns"/>, or -1 when it is not a list column.</summary>
    public int IdColumnIndex => _validator.IdColumnIndex;

    /// <summary>Leads already stored when the run started (from the known-lead source).</summary>
    public long KnownLeads { get; private set; }

    /// <summary>Finds the family's lists and their sizes, and the leads they already hold.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized) return;
        _clock.Start();
        var baseName = _template.Name!;
        var found = new SortedDictionary<int, ContactList>();
        foreach (var list in await _api.ListContactListsAsync(baseName, "Prefix", includeSize: true, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(list.Id, _template.Id, StringComparison.OrdinalIgnoreCase)) found[0] = list;
            else if (ContactListShard.TryParseIndex(baseName, list.Name, out var index)) found[index] = list;
        }
        if (!found.ContainsKey(0))
        {
            found[0] = await _api.GetContactListAsync(_template.Id!, includeSize: true, cancellationToken: cancellationToken).ConfigureAwait(false)
                       ?? throw new GenesysNotFoundException($"The contact list '{baseName}' no longer exists.");
        }
        var last = found.Keys.Max();
        for (var i = 0; i <= last; i++)
        {
            found.TryGetValue(i, out var list);
            _shards.Add(new ContactListShard(i, ContactListShard.NameFor(baseName, i), list?.Id, list?.Size ?? 0));
            if (list != null && i > 0 && !SameColumns(list, _template))
                _sink.OnLog(LeadLogLevel.Warning, $"The list '{list.Name}' does not have the same columns as '{baseName}'; adds to it may be refused.");
        }

        var stocked = _shards.Where(s => s.Id != null && s.Size > 0).ToList();
        if (stocked.Count > 0)
        {
            var source = _options.KnownLeads ?? new ExportKnownLeadSource(_api);
            long known = 0, inTwoLists = 0;
            await source.LoadAsync(new KnownLeadQuery(stocked, _validator.Columns, _hashCallable), lead =>
            {
                var slot = _index.FindOrAdd(lead.Key, out _);
                if (_index.Shard(slot) != LeadIndex.NoShard)
                {
                    inTwoLists++;
                    return;
                }
                _index.SetShard(slot, (ushort)lead.ShardIndex);
                _index.SetContent(slot, lead.ContentHash);
                known++;
            }, cancellationToken).ConfigureAwait(false);
            KnownLeads = known;
            _sink.OnLog(LeadLogLevel.Verbose, $"{known:N0} lead(s) are already in {stocked.Count} list(s) of '{baseName}'.");
            if (inTwoLists > 0)
                _sink.OnLog(LeadLogLevel.Warning, $"{inTwoLists:N0} contact id(s) appear in more than one list of '{baseName}'; each is updated in the first list only.");
        }
        _initialized = true;
    }

    /// <summary>Checks one row and either reports it (Failed, Unchanged) or queues it for its list.</summary>
    public void Accept(ISourceRow row)
    {
        if (!_initialized) throw new InvalidOperationException("Call InitializeAsync first.");
        if (row == null) throw new ArgumentNullException(nameof(row));
        ReportColumnsOnce(row.Columns);
        var check = _validator.Check(row);
        lock (_gate)
        {
            Summary.Rows++;
            var slot = -1;
            if (check.LeadId != null)
            {
                slot = _index.FindOrAdd(LeadKey.Of(check.LeadId), out _);
                var first = _index.FirstRow(slot);
                if (first != 0)
                {
                    Emit(Failed(row, check.LeadId, LeadErrorCodes.DuplicateLeadId,
                        $"Row {row.RowNumber}: the Lead ID was already used by row {first}; only the first row is loaded.", _options.IdColumn));
                    return;
                }
                _index.SetFirstRow(slot, row.RowNumber);
            }
            if (!check.IsValid)
            {
                Emit(Failed(row, check.LeadId, check.ErrorCode!, check.Message!, check.Column));
                return;
            }

            var content = ContentHash.Of(check.Values!, _hashCallable ? check.Callable ?? true : null);
            var shard = _index.Shard(slot);
            if (shard != LeadIndex.NoShard)
            {
                var home = _shards[shard];
                if (_index.Content(slot) == content && !_options.Full)
                {
                    Emit(new LeadLoadResult
                    {
                        RowNumber = row.RowNumber, LeadId = check.LeadId, ContactId = check.LeadId, ContactListName = home.Name,
                        ContactListId = home.Id, Action = LeadAction.Unchanged, WhatIf = _options.WhatIf, InputObject = row.Original,
                    });
                    return;
                }
                _index.SetContent(slot, content);
                Queue(home, new PendingLead(row.RowNumber, check.LeadId!, check.Values!, check.Callable, isUpdate: true, row.Original));
                return;
            }
            var target = ReserveRoom();
            _index.SetShard(slot, (ushort)target.Index);
            _index.SetContent(slot, content);
            Queue(target, new PendingLead(row.RowNumber, check.LeadId!, check.Values!, check.Callable, isUpdate: false, row.Original));
        }
    }

    /// <summary>Batches ready to send: full ones, or (with <paramref name="flush"/>) everything pending.</summary>
    public IReadOnlyList<LeadBatch> TakeBatches(bool flush = false)
    {
        var batches = new List<LeadBatch>();
        lock (_gate)
        {
            foreach (var shard in _pending.Keys.ToList())
            {
                var leads = _pending[shard];
                while (leads.Count >= _options.BatchSize || (flush && leads.Count > 0))
                {
                    var take = Math.Min(_options.BatchSize, leads.Count);
                    batches.Add(new LeadBatch(_shards[shard], leads.GetRange(0, take)));
                    leads.RemoveRange(0, take);
                }
            }
        }
        return batches;
    }

    /// <summary>
    /// Waits for a free request slot, then sends the batch in the background (creating its list first if needed).
    /// Every lead's result reaches the sink; this never throws for a failed send. WhatIf batches are only reported.
    /// </summary>
    public async Task DispatchAsync(LeadBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch == null) throw new ArgumentNullException(nameof(batch));
        if (_options.WhatIf)
        {
            Decline(batch);
            return;
        }
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var task = Task.Run(async () =>
        {
            try
            {
                await SendAsync(batch.Shard, batch.Leads, 0, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
        lock (_inFlight)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }

    /// <summary>Reports a batch without sending it: planned results under WhatIf, Skipped (Declined) otherwise.</summary>
    public void Decline(LeadBatch batch)
    {
        if (batch == null) throw new ArgumentNullException(nameof(batch));
        foreach (var lead in batch.Leads)
        {
            Emit(_options.WhatIf
                ? Done(batch.Shard, lead, whatIf: true)
                : Skipped(batch.Shard, lead, LeadErrorCodes.Declined, $"Row {lead.RowNumber}: not sent (declined)."));
        }
    }

    /// <summary>Waits until every dispatched batch is finished.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        Task[] running;
        lock (_inFlight) running = _inFlight.ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
        Summary.Duration = _clock.Elapsed;
    }

    /// <summary>The whole run for rows in hand: initialize, accept, send (asking <paramref name="confirm"/> per batch), drain.</summary>
    public async Task<LeadLoadSummary> LoadAsync(IEnumerable<ISourceRow> rows, Func<LeadBatch, bool>? confirm = null, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            Accept(row);
            foreach (var batch in TakeBatches()) await SendOrDeclineAsync(batch, confirm, cancellationToken).ConfigureAwait(false);
        }
        foreach (var batch in TakeBatches(flush: true)) await SendOrDeclineAsync(batch, confirm, cancellationToken).ConfigureAwait(false);
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        return Summary;
    }

    private Task SendOrDeclineAsync(LeadBatch batch, Func<LeadBatch, bool>? confirm, CancellationToken cancellationToken)
    {
        if (!_options.WhatIf && confirm != null && !confirm(batch))
        {
            Decline(batch);
            return Task.CompletedTask;
        }
        return DispatchAsync(batch, cancellationToken);
    }

    // ------------------------------------------------------------------ sending

    private async Task SendAsync(ContactListShard shard, List<PendingLead> leads, int depth, CancellationToken cancellationToken)
    {
        if (leads.Count == 0) return;
        if (_fatal != null)
        {
            FailAll(shard, leads, _fatal);
            return;
        }
        if (shard.Full && leads.Any(l => !l.IsUpdate))
        {
            await MoveOnAsync(shard, leads, depth, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var listId = await EnsureListAsync(shard, cancellationToken).ConfigureAwait(false);
            var contacts = leads.Select(l => ToContact(l, listId)).ToList();
            lock (_gate) Summary.AddRequests++;
            var stored = await _api.AddContactsForIdsAsync(listId, contacts, _options.AddOptions, cancellationToken).ConfigureAwait(false);
            var storedIds = new HashSet<string>(stored, StringComparer.Ordinal);
            foreach (var lead in leads)
            {
                Emit(storedIds.Contains(lead.LeadId)
                    ? Done(shard, lead, whatIf: false)
                    : Failed(shard, lead, "NotStored", $"Row {lead.RowNumber}: Genesys accepted the request but did not return this contact.", null));
            }
            lock (_gate) shard.Added += leads.Count(l => !l.IsUpdate);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var lead in leads) Emit(Skipped(shard, lead, LeadErrorCodes.Cancelled, $"Row {lead.RowNumber}: not sent (the run was stopped)."));
        }
        catch (GenesysApiException ex) when (OutboundApi.IsContactLimitError(ex, out var orgWide))
        {
            if (orgWide || leads.All(l => l.IsUpdate))
            {
                if (orgWide) _fatal = ex;
                FailAll(shard, leads, ex, orgWide ? LeadErrorCodes.OrgContactLimit : null);
                return;
            }
            await ListFullAsync(shard, leads, ex, depth, cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysValidationException ex) when (depth == 0 && RowsNamedIn(ex, leads.Count) is { Count: > 0 } bad && bad.Count < leads.Count)
        {
            // The API refuses the whole request for a few bad contacts: fail those, send the rest again.
            var rest = new List<PendingLead>();
            for (var i = 0; i < leads.Count; i++)
            {
                if (bad.Contains(i)) Emit(Failed(shard, leads[i], ex.Code ?? "invalid.value", $"Row {leads[i].RowNumber}: refused by Genesys: {ex.Message}", null, ex));
                else rest.Add(leads[i]);
            }
            await SendAsync(shard, rest, depth + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ex is GenesysAuthenticationException or GenesysPermissionException or GenesysNotFoundException) _fatal = ex;
            FailAll(shard, leads, ex);
        }
    }

    /// <summary>
    /// Genesys refused new contacts for a list our own count says has room (its cap is lower, or others added to it).
    /// Halve until the list is exactly full, then learn its real cap and move the rest on to the next list.
    /// </summary>
    private async Task ListFullAsync(ContactListShard shard, List<PendingLead> leads, GenesysApiException ex, int depth, CancellationToken cancellationToken)
    {
        var news = leads.Where(l => !l.IsUpdate).ToList();
        if (news.Count > 1 && !shard.Full)
        {
            var half = news.Count / 2;
            var first = leads.Where(l => l.IsUpdate).Concat(news.Take(half)).ToList();
            await SendAsync(shard, first, depth + 1, cancellationToken).ConfigureAwait(false);
            await SendAsync(shard, news.Skip(half).ToList(), depth + 1, cancellationToken).ConfigureAwait(false);
            return;
        }
        long? size = null;
        try
        {
            size = (await _api.GetContactListAsync(shard.Id!, includeSize: true, cancellationToken: cancellationToken).ConfigureAwait(false))?.Size;
        }
        catch (GenesysApiException)
        {
            // The cap stays unknown; the list is closed all the same.
        }
        lock (_gate)
        {
            if (!shard.Full && size is long cap && cap > 0 && (_learnedCap == null || cap < _learnedCap))
            {
                _learnedCap = cap;
                _sink.OnLog(LeadLogLevel.Warning, $"Genesys refused more contacts for '{shard.Name}' at {cap:N0}: lists are filled to {cap:N0} from now on (raise the org's limit or lower -MaxContactsPerList).");
            }
            shard.Full = true;
        }
        if (size is null or 0)
        {
            // Even an empty list refuses contacts: more lists would not help.
            FailAll(shard, leads, ex);
            return;
        }
        await MoveOnAsync(shard, leads, depth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a full list's updates to it and its new leads to the next lists with room.</summary>
    private async Task MoveOnAsync(ContactListShard full, List<PendingLead> leads, int depth, CancellationToken cancellationToken)
    {
        var moved = Reroute(full, leads);
        await SendAsync(full, leads.Where(l => l.IsUpdate).ToList(), depth + 1, cancellationToken).ConfigureAwait(false);
        foreach (var group in moved) await SendAsync(group.Key, group.Value, depth + 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the list on first use (once, whoever asks first); shards copy the template's definition.</summary>
    internal async Task<string> EnsureListAsync(ContactListShard shard, CancellationToken cancellationToken)
    {
        // Lists are created in fill order (-001 before -002), whichever batch happens to be sent first.
        ContactListShard? previous;
        lock (_gate) previous = shard.Index > 0 && _shards[shard.Index - 1].Id == null ? _shards[shard.Index - 1] : null;
        if (previous != null) await EnsureListAsync(previous, cancellationToken).ConfigureAwait(false);
        Task<string> creation;
        lock (_gate)
        {
            if (shard.Id != null) return shard.Id;
            creation = shard.Creation ??= CreateAsync(shard, cancellationToken);
        }
        return await creation.ConfigureAwait(false);
    }

    private async Task<string> CreateAsync(ContactListShard shard, CancellationToken cancellationToken)
    {
        await Task.Yield();
        ContactList created;
        try
        {
            created = await _api.CreateContactListAsync(_template.CloneDefinition(shard.Name), cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysConflictException)
        {
            // Created meanwhile (another run): use it.
            created = await _api.FindContactListByNameAsync(shard.Name, cancellationToken: cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"The contact list '{shard.Name}' could neither be created nor found.");
        }
        lock (_gate)
        {
            shard.Id = created.Id;
            Summary.ListsCreated.Add(shard.Name);
        }
        _sink.OnLog(LeadLogLevel.Verbose, $"Created the contact list '{shard.Name}' with the columns of '{_template.Name}'.");
        return created.Id!;
    }

    private Dictionary<ContactListShard, List<PendingLead>> Reroute(ContactListShard full, List<PendingLead> leads)
    {
        var moved = new Dictionary<ContactListShard, List<PendingLead>>();
        lock (_gate)
        {
            full.Full = true;
            foreach (var lead in leads.Where(l => !l.IsUpdate))
            {
                full.Size--;
                var target = ReserveRoom();
                var slot = _index.Find(LeadKey.Of(lead.LeadId));
                if (slot >= 0) _index.SetShard(slot, (ushort)target.Index);
                if (!moved.TryGetValue(target, out var list)) moved[target] = list = new List<PendingLead>();
                list.Add(lead);
            }
        }
        return moved;
    }

    /// <summary>The first list with room (creating a planned shard at the end when all are full). Caller holds the lock.</summary>
    private ContactListShard ReserveRoom()
    {
        while (true)
        {
            if (_fillCursor == _shards.Count)
            {
                if (_shards.Count >= ushort.MaxValue - 1) throw new InvalidOperationException("Too many shards.");
                _shards.Add(new ContactListShard(_fillCursor, ContactListShard.NameFor(_template.Name!, _fillCursor), null, 0));
            }
            var shard = _shards[_fillCursor];
            if (!shard.Full && shard.Size < Math.Min(_options.MaxContactsPerList, _learnedCap ?? long.MaxValue))
            {
                shard.Size++;
                return shard;
            }
            _fillCursor++;
        }
    }

    private void Queue(ContactListShard shard, PendingLead lead)
    {
        if (!_pending.TryGetValue(shard.Index, out var leads)) _pending[shard.Index] = leads = new List<PendingLead>(_options.BatchSize);
        leads.Add(lead);
    }

    private DialerContact ToContact(PendingLead lead, string listId)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal);
        var columns = _validator.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (lead.Values[i] != null) data[columns[i]] = lead.Values[i];
        }
        return new DialerContact { Id = lead.LeadId, ContactListId = listId, Data = data, Callable = lead.Callable };
    }

    /// <summary>Positions of contacts a 400 names ("[3].data.Phone"), so the others can be sent again.</summary>
    private static HashSet<int> RowsNamedIn(GenesysValidationException ex, int count)
    {
        var rows = new HashSet<int>();
        var body = ErrorMapper.TryParse(ex.ResponseBody);
        var fields = (body?.Details ?? new List<Api.Models.ErrorDetail>()).Select(d => d.FieldName)
            .Concat((body?.Errors ?? new List<Api.Models.ErrorBody>()).Select(e => e.MessageParams != null && e.MessageParams.TryGetValue("field", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.String ? f.GetString() : null));
        foreach (var field in fields)
        {
            var match = field == null ? null : Regex.Match(field, @"^\[(\d+)\]");
            if (match is { Success: true } && int.TryParse(match.Groups[1].Value, out var i) && i < count) rows.Add(i);
        }
        return rows;
    }

    private void ReportColumnsOnce(IReadOnlyList<string> inputColumns)
    {
        if (_columnsReported) return;
        _columnsReported = true;
        if (!inputColumns.Any(c => string.Equals(c, _options.IdColumn, StringComparison.OrdinalIgnoreCase)))
            _sink.OnLog(LeadLogLevel.Warning, $"The input has no '{_options.IdColumn}' column: every row will fail with MissingLeadId.");
        var unused = _validator.UnusedColumns(inputColumns);
        if (unused.Count > 0)
            _sink.OnLog(LeadLogLevel.Warning, $"Input column(s) {string.Join(", ", unused.Select(c => "'" + c + "'"))} are not columns of '{_template.Name}' and are not sent.");
        var missing = _validator.MissingColumns(inputColumns);
        if (missing.Count > 0)
            _sink.OnLog(LeadLogLevel.Verbose, $"List column(s) {string.Join(", ", missing.Select(c => "'" + c + "'"))} are not in the input; contacts get no value for them.");
    }

    private static bool SameColumns(ContactList a, ContactList b)
        => (a.ColumnNames ?? new List<string>()).SequenceEqual(b.ColumnNames ?? new List<string>(), StringComparer.Ordinal);

    // ------------------------------------------------------------------ results

    private void Emit(LeadLoadResult result)
    {
        lock (_gate) Summary.Count(result.Action);
        _sink.OnResult(result);
    }

    private void FailAll(ContactListShard shard, List<PendingLead> leads, Exception ex, string? code = null)
    {
        _sink.OnBatchFailed(shard.Name, leads.Count, ex);
        foreach (var lead in leads)
        {
            var result = Failed(shard, lead, code ?? (ex as GenesysApiException)?.Code ?? ex.GetType().Name, $"Row {lead.RowNumber}: not stored: {ex.Message}", null, ex);
            Emit(new LeadLoadResult
            {
                RowNumber = result.RowNumber, LeadId = result.LeadId, ContactListName = result.ContactListName, ContactListId = result.ContactListId,
                Action = result.Action, ErrorCode = result.ErrorCode, Message = result.Message, InputObject = result.InputObject,
                ContextId = result.ContextId, HttpStatus = result.HttpStatus, BatchFailure = true,
            });
        }
    }

    private LeadLoadResult Done(ContactListShard shard, PendingLead lead, bool whatIf) => new()
    {
        RowNumber = lead.RowNumber, LeadId = lead.LeadId, ContactId = lead.LeadId, ContactListName = shard.Name, ContactListId = shard.Id,
        Action = lead.IsUpdate ? LeadAction.Updated : LeadAction.Added, WhatIf = whatIf, InputObject = lead.Original,
        ContentHash = ContentHash.Of(lead.Values, _hashCallable ? lead.Callable ?? true : null),
    };

    /// <summary>
    /// Leads that were stored when the run started but did not come in the input (after every row was accepted): what
    /// -RemoveMissing deletes. Keys only: the Lead IDs come from an export of their lists.
    /// </summary>
    public IReadOnlyList<(LeadKey Key, ContactListShard Shard)> UnseenKnownLeads()
    {
        lock (_gate) return _index.Unseen().Select(u => (u.Key, _shards[u.Shard])).ToList();
    }

    /// <summary>Counts and reports a result produced outside the loader (e.g. a removal).</summary>
    internal void Report(LeadLoadResult result) => Emit(result);

    private static LeadLoadResult Skipped(ContactListShard shard, PendingLead lead, string code, string message) => new()
    {
        RowNumber = lead.RowNumber, LeadId = lead.LeadId, ContactListName = shard.Name, ContactListId = shard.Id,
        Action = LeadAction.Skipped, ErrorCode = code, Message = message, InputObject = lead.Original,
    };

    private static LeadLoadResult Failed(ContactListShard shard, PendingLead lead, string code, string message, string? column, Exception? ex = null) => new()
    {
        RowNumber = lead.RowNumber, LeadId = lead.LeadId, ContactListName = shard.Name, ContactListId = shard.Id,
        Action = LeadAction.Failed, ErrorCode = code, Message = message, Column = column, InputObject = lead.Original,
        ContextId = (ex as GenesysApiException)?.ContextId, HttpStatus = (ex as GenesysApiException)?.StatusCode is int s && s != 0 ? s : null,
    };

    private static LeadLoadResult Failed(ISourceRow row, string? leadId, string code, string message, string? column) => new()
    {
        RowNumber = row.RowNumber, LeadId = leadId, Action = LeadAction.Failed, ErrorCode = code, Message = message, Column = column,
        InputObject = row.Original,
    };
}
