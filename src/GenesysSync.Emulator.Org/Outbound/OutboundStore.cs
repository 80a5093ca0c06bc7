using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// The org's contact lists, contacts and export files. One lock (<see cref="Gate"/>) guards everything: route handlers
/// take it for the whole request so each request is atomic, as the real API's are.
/// </summary>
internal sealed class OutboundStore
{
    private readonly Dictionary<string, StoredContactList> _lists = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, byte[]> _downloads = new(StringComparer.Ordinal);
    private long _seq;

    public OutboundStore(OrgState org) => Org = org;

    public OrgState Org { get; }
    public object Gate { get; } = new();
    public OutboundOptions Options => Org.Options.Outbound;

    /// <summary>Contacts across every list (the org cap counts these).</summary>
    public long TotalContacts { get; private set; }

    public IEnumerable<StoredContactList> Lists => _lists.Values;

    public int ListCount => _lists.Count;

    public StoredContactList Get(string id)
    {
        if (!_lists.TryGetValue(id, out var list)) throw Errors.NotFound("contact list");
        Settle(list);
        return list;
    }

    public StoredContactList? FindByName(string name)
        => _lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    public void Add(StoredContactList list)
    {
        list.Seq = ++_seq;
        _lists[list.Id] = list;
    }

    public void Remove(StoredContactList list)
    {
        _lists.Remove(list.Id);
        TotalContacts -= list.Contacts.Count;
        if (list.Export != null) _downloads.Remove(list.Export.DownloadId);
    }

    /// <summary>Forgets every list, contact and export (the org's <c>Reset</c>).</summary>
    public void Reset()
    {
        lock (Gate)
        {
            _lists.Clear();
            _downloads.Clear();
            TotalContacts = 0;
        }
    }

    public void Clear(StoredContactList list)
    {
        TotalContacts -= list.Contacts.Count;
        list.Contacts.Clear();
    }

    public bool RemoveContact(StoredContactList list, string id)
    {
        if (!list.Contacts.Remove(id)) return false;
        TotalContacts--;
        return true;
    }

    /// <summary>
    /// Adds or replaces one contact (the caller has checked the caps). <paramref name="queueOrder"/>: its place in the
    /// dialing queue, or null to keep an existing contact's place (a new one goes to the back).
    /// </summary>
    public DialerContactRecord Upsert(StoredContactList list, string id, string?[] values, long? queueOrder, bool clearSystemData)
    {
        var packed = ContactValues.Pack(values);
        if (list.Contacts.TryGetValue(id, out var existing))
        {
            existing.Layout = list.Layout;
            existing.Values = packed;
            if (clearSystemData)
            {
                existing.Callable = true;
                existing.PhoneNumberStatusJson = null;
                existing.ContactableStatusJson = null;
            }
            if (queueOrder.HasValue) existing.QueueOrder = queueOrder.Value;
            return existing;
        }
        var record = new DialerContactRecord(id, list.Layout, packed, Org.Clock.UtcNow) { QueueOrder = queueOrder ?? list.NextQueueOrder() };
        list.Contacts[id] = record;
        TotalContacts++;
        return record;
    }

    /// <summary>400 unless <paramref name="newContacts"/> more contacts fit the list and the org.</summary>
    public void CheckRoom(StoredContactList list, long newContacts)
    {
        if (newContacts <= 0) return;
        if (list.Contacts.Count + newContacts > Options.MaxContactsPerList) throw OutboundErrors.ListFull(Options.MaxContactsPerList);
        if (TotalContacts + newContacts > Options.MaxContactsPerOrg) throw OutboundErrors.OrgContactsFull(Options.MaxContactsPerOrg);
    }

    public void PutDownload(StoredContactList list, ExportJob job, byte[] csv)
    {
        if (list.Export != null) _downloads.Remove(list.Export.DownloadId);
        list.Export = job;
        _downloads[job.DownloadId] = csv;
    }

    public byte[]? GetDownload(string downloadId) => _downloads.TryGetValue(downloadId, out var csv) ? csv : null;

    /// <summary>Moves a running import forward by the org clock and finishes it when its time has come.</summary>
    public void Settle(StoredContactList list) => Advance(list, countPoll: false);

    /// <summary>A status poll: counts towards <see cref="OutboundOptions.ImportPollsToComplete"/>, then settles.</summary>
    public void Poll(StoredContactList list) => Advance(list, countPoll: true);

    private void Advance(StoredContactList list, bool countPoll)
    {
        var job = list.Import;
        if (job == null || job.Finished) return;
        if (countPoll) job.Polls++;
        var elapsed = Org.Clock.UtcNow - job.Started;
        var fraction = job.Duration <= TimeSpan.Zero ? 1.0 : Math.Min(1.0, elapsed.TotalMilliseconds / job.Duration.TotalMilliseconds);
        if (Options.ImportPollsToComplete > 0 && job.Polls >= Options.ImportPollsToComplete) fraction = 1.0;
        if (fraction < 1.0)
        {
            job.CompletedRecords = (long)(job.Rows.Count * fraction);
            job.PercentComplete = (int)(fraction * 100);
            return;
        }
        Finish(list, job);
    }

    private void Finish(StoredContactList list, ImportJob job)
    {
        job.Finished = true;
        job.PercentComplete = 100;
        var newIds = new HashSet<string>(StringComparer.Ordinal);
        long generated = 0;
        foreach (var row in job.Rows)
        {
            if (row.Id == null) generated++;
            else if (!list.Contacts.ContainsKey(row.Id)) newIds.Add(row.Id);
        }
        var added = newIds.Count + generated;
        if (list.Contacts.Count + added > Options.MaxContactsPerList || TotalContacts + added > Options.MaxContactsPerOrg)
        {
            // The whole file is refused, as the real import does when the list cannot take it.
            job.FailureReason = "EXCEEDED_CONTACT_LIMIT";
            job.CompletedRecords = 0;
            job.ReleaseRows();
            return;
        }
        foreach (var row in job.Rows)
        {
            Upsert(list, row.Id ?? Guid.NewGuid().ToString(), row.Values, list.NextQueueOrder(), clearSystemData: false);
        }
        job.CompletedRecords = job.Rows.Count;
        job.ReleaseRows();
        list.DateModified = Org.Clock.UtcNow;
    }

    /// <summary>The ImportStatus body, or null when the list never had an import.</summary>
    public static JsonObject? ImportStatusJson(StoredContactList list)
    {
        var job = list.Import;
        if (job == null) return null;
        var status = new JsonObject
        {
            // The enum has no "completed" value: a finished import keeps IN_PROGRESS at 100%, a failed one says FAILED.
            ["state"] = job.FailureReason == null ? "IN_PROGRESS" : "FAILED",
            ["totalRecords"] = job.TotalRecords,
            ["completedRecords"] = job.CompletedRecords,
            ["percentComplete"] = job.PercentComplete,
            ["targetContactListIds"] = new JsonArray(list.Id),
        };
        if (job.FailureReason != null) status["failureReason"] = job.FailureReason;
        return status;
    }
}
