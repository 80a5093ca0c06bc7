using System.Runtime.CompilerServices;
using System.Text.Json;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Sync;

/// <summary>
/// An in-memory org behind the engine's gateway interface, with counters and fault switches.
/// Bulk update replaces the whole contact, as the real API does.
/// </summary>
internal sealed class FakeContactGateway : IExternalContactGateway
{
    private readonly object _gate = new();
    private int _nextId;

    public Dictionary<string, ExternalContact> Contacts { get; } = new();
    public Dictionary<string, int> Calls { get; } = new();

    /// <summary>The next bulk add is applied, then its reply is "lost" (transport error).</summary>
    public bool LoseNextAddReply { get; set; }
    /// <summary>
    /// The next bulk add applies every row, but its reply leaves out the rows this picks (by index), as the typed API
    /// reports them: not successful, <c>bulk.result.missing</c>, not retryable.
    /// </summary>
    public Func<int, bool>? DropNextAddResults { get; set; }
    /// <summary>Thrown (once) by the next call of the named kind instead of doing anything.</summary>
    public Dictionary<string, Exception> FailNext { get; } = new();
    /// <summary>Rows for which this returns an error are rejected per entity (bulk add/update).</summary>
    public Func<ExternalContact, BulkEntityError?>? RejectEntity { get; set; }
    /// <summary>Called before each bulk add/update (e.g. to cancel a run mid-way).</summary>
    public Action<string>? BeforeWrite { get; set; }
    /// <summary>Called after a bulk add was applied, before its reply (e.g. Ctrl+C while the reply is on its way).</summary>
    public Action? AfterAddApplied { get; set; }

    public int WriteCalls => Count("bulkAdd") + Count("bulkUpdate") + Count("bulkRemove");
    public int Count(string kind) => Calls.TryGetValue(kind, out var n) ? n : 0;

    public ExternalContact Seed(ExternalContact contact)
    {
        lock (_gate)
        {
            var copy = Clone(contact);
            copy.Id ??= NewId();
            Contacts[copy.Id] = copy;
            return copy;
        }
    }

    public IEnumerable<ExternalContact> WithExternalId(string sourceId, string value) =>
        Contacts.Values.Where(c => c.ExternalIds?.Any(e => e.ExternalSource?.Id == sourceId && e.Value == value) == true);

    public Task<IReadOnlyList<BulkItemResult>> BulkAddAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken ct)
    {
        Enter("bulkAdd", ct);
        BeforeWrite?.Invoke("bulkAdd");
        ct.ThrowIfCancellationRequested();
        var results = new List<BulkItemResult>();
        lock (_gate)
        {
            for (var i = 0; i < contacts.Count; i++)
            {
                var error = RejectEntity?.Invoke(contacts[i]);
                if (error is not null) { results.Add(new BulkItemResult(i, null, false, error.Status, null, error)); continue; }
                var stored = Clone(contacts[i]);
                stored.Id = NewId();
                Contacts[stored.Id] = stored;
                results.Add(new BulkItemResult(i, stored.Id, true, 200, Clone(stored), null));
            }
            if (DropNextAddResults is { } drop)
            {
                DropNextAddResults = null;
                for (var i = 0; i < results.Count; i++)
                    if (drop(i)) results[i] = new BulkItemResult(i, null, false, null, null, BulkResultMatcher.MissingResult(safeToResend: false));
            }
        }
        AfterAddApplied?.Invoke();
        ct.ThrowIfCancellationRequested();
        if (LoseNextAddReply)
        {
            LoseNextAddReply = false;
            throw new GenesysTransportException("POST bulk add failed after 3 attempt(s): the connection was lost.");
        }
        return Task.FromResult<IReadOnlyList<BulkItemResult>>(results);
    }

    public Task<IReadOnlyList<BulkItemResult>> BulkUpdateAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken ct)
    {
        Enter("bulkUpdate", ct);
        BeforeWrite?.Invoke("bulkUpdate");
        ct.ThrowIfCancellationRequested();
        var results = new List<BulkItemResult>();
        lock (_gate)
        {
            for (var i = 0; i < contacts.Count; i++)
            {
                var c = contacts[i];
                var error = RejectEntity?.Invoke(c);
                if (error is not null) { results.Add(new BulkItemResult(i, c.Id, false, error.Status, null, error)); continue; }
                if (c.Id is null || !Contacts.ContainsKey(c.Id))
                {
                    results.Add(new BulkItemResult(i, c.Id, false, 404, null, new BulkEntityError { Code = "not.found", Status = 404, Message = "Contact not found" }));
                    continue;
                }
                Contacts[c.Id] = Clone(c);
                results.Add(new BulkItemResult(i, c.Id, true, 200, Clone(c), null));
            }
        }
        return Task.FromResult<IReadOnlyList<BulkItemResult>>(results);
    }

    public Task<IReadOnlyList<BulkItemResult>> BulkFetchAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        Enter("bulkFetch", ct);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<BulkItemResult>>(ids.Select((id, i) => Contacts.TryGetValue(id, out var c)
                ? new BulkItemResult(i, id, true, 200, Clone(c), null)
                : new BulkItemResult(i, id, false, 404, null, new BulkEntityError { Code = "not.found", Status = 404, Message = "Contact not found" })).ToList());
        }
    }

    public Task<IReadOnlyList<BulkItemResult>> BulkRemoveAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        Enter("bulkRemove", ct);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<BulkItemResult>>(ids.Select((id, i) => Contacts.Remove(id)
                ? new BulkItemResult(i, id, true, 200, null, null)
                : new BulkItemResult(i, id, false, 404, null, new BulkEntityError { Code = "not.found", Status = 404 })).ToList());
        }
    }

    public async IAsyncEnumerable<ExternalContact> ScanContactsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        Enter("scan", ct);
        List<ExternalContact> all;
        lock (_gate) all = Contacts.Values.Select(Clone).ToList();
        foreach (var c in all)
        {
            await Task.Yield();
            yield return c;
        }
    }

    public Task<ExternalContact?> LookupAsync(MatchKey key, string? externalSourceId, CancellationToken ct)
    {
        Enter("lookup", ct);
        lock (_gate)
        {
            ExternalContact? found = key.Kind switch
            {
                MatchOn.Id => Contacts.TryGetValue(key.Value, out var c) ? c : null,
                MatchOn.WorkEmail => Contacts.Values.FirstOrDefault(c => string.Equals(c.WorkEmail, key.Value, StringComparison.OrdinalIgnoreCase)),
                _ => WithExternalId(externalSourceId!, key.Value).FirstOrDefault(),
            };
            return Task.FromResult(found is null ? null : Clone(found));
        }
    }

    public GatewayStats GetStats() => new(Calls.Values.Sum(), 0, 0);

    private void Enter(string kind, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Calls[kind] = Count(kind) + 1;
            if (FailNext.Remove(kind, out var ex)) throw ex;
        }
    }

    private string NewId() => $"00000000-0000-0000-0000-{++_nextId:D12}";

    private static ExternalContact Clone(ExternalContact c) =>
        JsonSerializer.Deserialize<ExternalContact>(JsonSerializer.Serialize(c, GenesysJson.Options), GenesysJson.Options)!;
}
