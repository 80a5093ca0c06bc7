using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Contacts;

/// <summary>
/// A stored contact, kept compact because an org can hold millions: the serialized JSON of its id and data fields
/// ("head", without the closing brace) plus the dates; the server-owned tail (division, type, dates, selfUri) is the
/// same shape for every contact and is appended when the JSON is read. Immutable: every write swaps in a new instance.
/// </summary>
internal sealed class StoredContact
{
    /// <summary>Contact types: Curated (created through the API) and the observed kinds promotion turns into Curated.</summary>
    public const string Curated = "Curated";
    public const string Ephemeral = "Ephemeral";
    public const string Identified = "Identified";

    private static readonly byte[] CuratedTail = TailFor(Curated);
    private static readonly byte[] EphemeralTail = TailFor(Ephemeral);
    private static readonly byte[] IdentifiedTail = TailFor(Identified);

    private readonly byte[] _head;

    public StoredContact(string id, long seq, DateTimeOffset createDate, DateTimeOffset modifyDate, byte[] head, string[] keys, bool hasClaims,
        string type = Curated, bool hasServerFields = false)
    {
        Id = id;
        Seq = seq;
        CreateDate = createDate;
        ModifyDate = modifyDate;
        _head = head;
        Keys = keys;
        HasClaims = hasClaims;
        Type = type;
        HasServerFields = hasServerFields;
    }

    /// <summary>Curated, Ephemeral or Identified.</summary>
    public string Type { get; }

    /// <summary>True when the contact carries merge information (see <see cref="ContactStore.ServerFieldNames"/>).</summary>
    public bool HasServerFields { get; }

    private byte[] TailStart => Type switch
    {
        Ephemeral => EphemeralTail,
        Identified => IdentifiedTail,
        _ => CuratedTail,
    };

    private static byte[] TailFor(string type) => Encoding.UTF8.GetBytes(
        ",\"division\":{\"id\":\"" + OrgState.HomeDivisionId + "\",\"name\":\"" + OrgState.HomeDivisionName + "\",\"selfUri\":\"" + OrgState.DivisionUri
        + "\"},\"type\":\"" + type + "\",\"createDate\":\"");

    public string Id { get; }

    /// <summary>Creation sequence number: scan order and the cursor position.</summary>
    public long Seq { get; }

    public DateTimeOffset CreateDate { get; }
    public DateTimeOffset ModifyDate { get; }

    /// <summary>The index keys the contact is filed under.</summary>
    public string[] Keys { get; }

    /// <summary>True when enrich claimed identifiers for it (they are in the JSON's "identifiers").</summary>
    public bool HasClaims { get; }

    /// <summary>The full JSON as the API returns it (a new array on each call).</summary>
    public byte[] Json
    {
        get
        {
            var tail = Tail();
            var json = new byte[_head.Length + TailStart.Length + tail.Length];
            Compose(tail, json);
            return json;
        }
    }

    /// <summary>Writes the full JSON as a value, composing it in a pooled buffer (lists of thousands allocate little).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        var tail = Tail();
        var length = _head.Length + TailStart.Length + tail.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Compose(tail, buffer);
            writer.WriteRawValue(new ReadOnlySpan<byte>(buffer, 0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Tail() => Encoding.UTF8.GetBytes(JsonUtil.Timestamp(CreateDate) + "\",\"modifyDate\":\"" + JsonUtil.Timestamp(ModifyDate)
        + "\",\"selfUri\":\"" + UriFor(Id) + "\"}");

    private void Compose(byte[] tail, byte[] target)
    {
        Buffer.BlockCopy(_head, 0, target, 0, _head.Length);
        Buffer.BlockCopy(TailStart, 0, target, _head.Length, TailStart.Length);
        Buffer.BlockCopy(tail, 0, target, _head.Length + TailStart.Length, tail.Length);
    }

    /// <summary>Identifiers claimed through enrich, or null.</summary>
    public JsonArray? Claims => HasClaims ? JsonUtil.GetArray(ToJsonObject(), "identifiers")?.DeepClone() as JsonArray : null;

    /// <summary>The server-owned merge fields (canonicalContact, mergeSet, mergedFrom, mergedTo), or null.</summary>
    public JsonObject? ServerFields
    {
        get
        {
            if (!HasServerFields) return null;
            var json = ToJsonObject();
            var fields = new JsonObject();
            foreach (var name in ContactStore.ServerFieldNames)
            {
                if (json[name] is { } value) fields[name] = value.DeepClone();
            }
            return fields;
        }
    }

    public JsonObject ToJsonObject() => JsonUtil.ParseObject(Json);

    public static string UriFor(string id) => "/api/v2/externalcontacts/contacts/" + id;
}

/// <summary>
/// The org's external contacts: a dictionary by id, identity indexes (email/phone/external id/claims → ids) and a
/// creation-ordered list for scans. One lock; every operation is O(1) or O(page) except search, which walks the list.
/// </summary>
internal sealed class ContactStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredContact> _byId = new(StringComparer.OrdinalIgnoreCase);

    // key → id (one holder, the common case) or List<string> (several holders), to keep the index small.
    private readonly Dictionary<string, object> _index = new(StringComparer.Ordinal);

    // Creation order with tombstones so cursors stay valid; compacted when half empty (positions are found by Seq).
    private readonly List<Slot> _order = new();
    private int _tombstones;
    private long _nextSeq;

    public int Count
    {
        get { lock (_gate) return _byId.Count; }
    }

    public StoredContact? Get(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var contact) ? contact : null;
    }

    /// <summary>Merge information the server owns: written after the data fields, kept across updates, never taken from a body.</summary>
    public static readonly string[] ServerFieldNames = { "canonicalContact", "mergeSet", "mergedFrom", "mergedTo" };

    public StoredContact Add(ContactDraft draft, DateTimeOffset now, JsonArray? claims = null, string type = StoredContact.Curated, JsonObject? serverFields = null)
    {
        var id = Guid.NewGuid().ToString();
        lock (_gate)
        {
            var contact = Build(id, ++_nextSeq, now, now, draft, claims, type, serverFields);
            _byId[id] = contact;
            _order.Add(new Slot(contact.Seq, contact));
            AddKeys(contact);
            return contact;
        }
    }

    /// <summary>Full replace of an existing contact (id, createDate and claimed identifiers kept); null if unknown.</summary>
    public StoredContact? Replace(string id, ContactDraft draft, DateTimeOffset now, JsonArray? addClaims = null)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var existing)) return null;
            var claims = MergeClaims(existing.Claims, addClaims);
            var updated = Build(existing.Id, existing.Seq, existing.CreateDate, now, draft, claims, existing.Type, existing.ServerFields);
            Swap(existing, updated);
            return updated;
        }
    }

    /// <summary>
    /// Rebuilds a contact with changed server-owned parts (claimed identifiers, type, merge fields); data fields are kept.
    /// Null arguments keep the current value. Returns null for an unknown id.
    /// </summary>
    public StoredContact? Rewrite(string id, DateTimeOffset now, JsonArray? claims = null, string? type = null, JsonObject? serverFields = null)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var existing)) return null;
            var fields = existing.ToJsonObject();
            foreach (var name in new[] { "id", "division", "type", "createDate", "modifyDate", "selfUri", "identifiers" }) fields.Remove(name);
            foreach (var name in ServerFieldNames) fields.Remove(name);
            var updated = Build(existing.Id, existing.Seq, existing.CreateDate, now, new ContactDraft(fields), claims ?? existing.Claims,
                type ?? existing.Type, serverFields ?? existing.ServerFields);
            Swap(existing, updated);
            return updated;
        }
    }

    private void Swap(StoredContact existing, StoredContact updated)
    {
        RemoveKeys(existing);
        _byId[existing.Id] = updated;
        ReplaceInOrder(existing, updated);
        AddKeys(updated);
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var existing)) return false;
            _byId.Remove(existing.Id);
            RemoveKeys(existing);
            var index = IndexOf(existing.Seq);
            if (index >= 0)
            {
                _order[index] = new Slot(existing.Seq, null);
                _tombstones++;
            }
            if (_tombstones > 1024 && _tombstones > _order.Count / 2)
            {
                _order.RemoveAll(slot => slot.Contact == null);
                _tombstones = 0;
            }
            return true;
        }
    }

    /// <summary>Contacts filed under a key, oldest first.</summary>
    public List<StoredContact> Find(string key)
    {
        lock (_gate)
        {
            var result = new List<StoredContact>();
            if (!_index.TryGetValue(key, out var holder)) return result;
            if (holder is string single)
            {
                result.Add(_byId[single]);
                return result;
            }
            foreach (var id in (List<string>)holder) result.Add(_byId[id]);
            result.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            return result;
        }
    }

    /// <summary>Up to <paramref name="take"/> contacts created after sequence number <paramref name="afterSeq"/>.</summary>
    public List<StoredContact> ScanAfter(long afterSeq, int take)
    {
        lock (_gate)
        {
            var result = new List<StoredContact>(Math.Min(take, 1024));
            var start = FirstIndexAfter(afterSeq);
            for (var i = start; i < _order.Count && result.Count < take; i++)
            {
                if (_order[i].Contact is { } contact) result.Add(contact);
            }
            return result;
        }
    }

    /// <summary>Every contact in creation order (a copy of the list, not of the contacts).</summary>
    public List<StoredContact> All()
    {
        lock (_gate)
        {
            var result = new List<StoredContact>(_byId.Count);
            foreach (var slot in _order)
            {
                if (slot.Contact != null) result.Add(slot.Contact);
            }
            return result;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _index.Clear();
            _order.Clear();
            _tombstones = 0;
        }
    }

    private static StoredContact Build(string id, long seq, DateTimeOffset created, DateTimeOffset modified, ContactDraft draft, JsonArray? claims,
        string type = StoredContact.Curated, JsonObject? serverFields = null)
    {
        var head = JsonUtil.Write(w => WriteHead(w, id, draft, claims, serverFields));
        // Drop the closing brace: the tail is appended on read.
        Array.Resize(ref head, head.Length - 1);
        return new StoredContact(id, seq, created, modified, head, ContactKeys.For(draft.Fields, claims), claims != null && claims.Count > 0,
            type, serverFields != null && serverFields.Count > 0);
    }

    private static void WriteHead(Utf8JsonWriter w, string? id, ContactDraft draft, JsonArray? claims, JsonObject? serverFields)
    {
        w.WriteStartObject();
        if (id != null) w.WriteString("id", id);
        foreach (var field in draft.Fields)
        {
            // Merge fields come only from the server's own record, never from a body.
            if (Array.IndexOf(ServerFieldNames, field.Key) >= 0) continue;
            w.WritePropertyName(field.Key);
            field.Value!.WriteTo(w, JsonUtil.SerializerOptions);
        }
        if (claims != null && claims.Count > 0)
        {
            w.WritePropertyName("identifiers");
            claims.WriteTo(w, JsonUtil.SerializerOptions);
        }
        foreach (var field in serverFields ?? new JsonObject())
        {
            if (field.Value == null) continue;
            w.WritePropertyName(field.Key);
            field.Value.WriteTo(w, JsonUtil.SerializerOptions);
        }
        w.WriteEndObject();
    }

    /// <summary>What a contact would look like if stored (enrich dry runs): no id when it would be new.</summary>
    public byte[] Preview(StoredContact? existing, ContactDraft draft, DateTimeOffset now, JsonArray? addClaims)
        => existing == null
            ? BuildJson(null, now, now, draft, MergeClaims(null, addClaims), null)
            : BuildJson(existing.Id, existing.CreateDate, now, draft, MergeClaims(existing.Claims, addClaims), existing.Type);

    private static byte[] BuildJson(string? id, DateTimeOffset created, DateTimeOffset modified, ContactDraft draft, JsonArray? claims, string? existingType)
        => JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            if (id != null) w.WriteString("id", id);
            foreach (var field in draft.Fields)
            {
                w.WritePropertyName(field.Key);
                field.Value!.WriteTo(w, JsonUtil.SerializerOptions);
            }
            if (claims != null && claims.Count > 0)
            {
                w.WritePropertyName("identifiers");
                claims.WriteTo(w, JsonUtil.SerializerOptions);
            }
            // Same tail as StoredContact.Json, written out for previews (which may have no id).
            w.WriteStartObject("division");
            w.WriteString("id", OrgState.HomeDivisionId);
            w.WriteString("name", OrgState.HomeDivisionName);
            w.WriteString("selfUri", OrgState.DivisionUri);
            w.WriteEndObject();
            w.WriteString("type", existingType ?? StoredContact.Curated);
            w.WriteString("createDate", JsonUtil.Timestamp(created));
            w.WriteString("modifyDate", JsonUtil.Timestamp(modified));
            if (id != null) w.WriteString("selfUri", StoredContact.UriFor(id));
            w.WriteEndObject();
        });

    private static JsonArray? MergeClaims(JsonArray? existing, JsonArray? added)
    {
        if (added == null || added.Count == 0) return existing;
        var result = existing ?? new JsonArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in result)
        {
            if (claim is JsonObject c && ContactKeys.KeyOfClaim(c) is { } key) keys.Add(key);
        }
        foreach (var claim in added)
        {
            if (claim is JsonObject c && ContactKeys.KeyOfClaim(c) is { } key && keys.Add(key)) result.Add(c.DeepClone());
        }
        return result;
    }

    private void AddKeys(StoredContact contact)
    {
        foreach (var key in contact.Keys)
        {
            if (!_index.TryGetValue(key, out var holder)) _index[key] = contact.Id;
            else if (holder is string single) _index[key] = new List<string>(2) { single, contact.Id };
            else ((List<string>)holder).Add(contact.Id);
        }
    }

    private void RemoveKeys(StoredContact contact)
    {
        foreach (var key in contact.Keys)
        {
            if (!_index.TryGetValue(key, out var holder)) continue;
            if (holder is string) _index.Remove(key);
            else
            {
                var list = (List<string>)holder;
                list.RemoveAll(id => string.Equals(id, contact.Id, StringComparison.OrdinalIgnoreCase));
                if (list.Count == 1) _index[key] = list[0];
                else if (list.Count == 0) _index.Remove(key);
            }
        }
    }

    private void ReplaceInOrder(StoredContact existing, StoredContact updated)
    {
        var index = IndexOf(existing.Seq);
        if (index >= 0) _order[index] = new Slot(updated.Seq, updated);
    }

    private int IndexOf(long seq)
    {
        var i = FirstIndexAfter(seq - 1);
        return i < _order.Count && _order[i].Seq == seq ? i : -1;
    }

    /// <summary>Binary search: index of the first slot with Seq &gt; afterSeq (slots are in ascending Seq order).</summary>
    private int FirstIndexAfter(long afterSeq)
    {
        int lo = 0, hi = _order.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_order[mid].Seq <= afterSeq) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>A place in creation order; Contact is null once deleted (a tombstone keeps cursors valid until compaction).</summary>
    private readonly struct Slot
    {
        public Slot(long seq, StoredContact? contact)
        {
            Seq = seq;
            Contact = contact;
        }

        public long Seq { get; }
        public StoredContact? Contact { get; }
    }
}
