using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Json;

namespace GenesysSync.Emulator.Journey;

/// <summary>
/// The journey data External Contacts exposes: segment assignments per contact (with an expiry), sessions per contact
/// (created by journey tracking, so seeded through <see cref="EmulatorOrg.AddJourneySession"/>), and the
/// conversation ↔ contact associations. Thread-safe.
/// </summary>
internal sealed class JourneyStore
{
    /// <summary>
    /// How long an assignment lasts from its last (re)assignment. The real expiry comes from the segment's own settings
    /// in the Journey API, which this org does not hold; 30 days is the emulator's stand-in.
    /// </summary>
    public static readonly TimeSpan AssignmentLifetime = TimeSpan.FromDays(30);

    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, (DateTimeOffset Assigned, DateTimeOffset Expires)>> _segments = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(long Seq, string ContactId, JsonObject Session)> _sessions = new();
    private readonly Dictionary<string, JsonObject> _associations = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSeq;

    /// <summary>Assigns (or re-assigns, pushing the expiry out) a segment to a contact.</summary>
    public void Assign(string contactId, string segmentId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_segments.TryGetValue(contactId, out var assigned)) _segments[contactId] = assigned = new(StringComparer.Ordinal);
            var first = assigned.TryGetValue(segmentId, out var existing) && existing.Expires > now ? existing.Assigned : now;
            assigned[segmentId] = (first, now + AssignmentLifetime);
        }
    }

    public void Unassign(string contactId, string segmentId)
    {
        lock (_gate)
        {
            if (_segments.TryGetValue(contactId, out var assigned)) assigned.Remove(segmentId);
        }
    }

    /// <summary>The unexpired assignments of the given contacts, oldest first, as SegmentAssignment JSON.</summary>
    public List<JsonObject> Assignments(IEnumerable<string> contactIds, DateTimeOffset now)
    {
        lock (_gate)
        {
            var result = new List<(DateTimeOffset Assigned, JsonObject Json)>();
            foreach (var contactId in contactIds)
            {
                if (!_segments.TryGetValue(contactId, out var assigned)) continue;
                foreach (var pair in assigned.Where(p => p.Value.Expires > now))
                {
                    result.Add((pair.Value.Assigned, new JsonObject
                    {
                        ["dateAssigned"] = JsonUtil.Timestamp(pair.Value.Assigned),
                        ["dateForUnassignment"] = JsonUtil.Timestamp(pair.Value.Expires),
                        ["segment"] = new JsonObject { ["id"] = pair.Key, ["selfUri"] = "/api/v2/journey/segments/" + pair.Key },
                        ["externalContact"] = new JsonObject { ["id"] = contactId, ["selfUri"] = StoredContact.UriFor(contactId) },
                    }));
                }
            }
            return result.OrderBy(r => r.Assigned).Select(r => r.Json).ToList();
        }
    }

    /// <summary>Stores a session for a contact; missing id/type/createdDate/eventCount/authenticated are filled in.</summary>
    public JsonObject AddSession(string contactId, JsonObject session, DateTimeOffset now)
    {
        lock (_gate)
        {
            var json = (JsonObject)session.DeepClone();
            var id = JsonUtil.GetString(json, "id") ?? Guid.NewGuid().ToString();
            json["id"] = id;
            if (json["type"] == null) json["type"] = "web";
            json["externalContact"] = new JsonObject { ["id"] = contactId, ["selfUri"] = StoredContact.UriFor(contactId) };
            if (json["createdDate"] == null) json["createdDate"] = JsonUtil.Timestamp(now);
            if (json["eventCount"] == null) json["eventCount"] = 0;
            if (json["authenticated"] == null) json["authenticated"] = false;
            json["selfUri"] = "/api/v2/journey/sessions/" + id;
            _sessions.Add((++_nextSeq, contactId, json));
            return (JsonObject)json.DeepClone();
        }
    }

    /// <summary>Sessions of the given contacts created after position <paramref name="afterSeq"/>, in creation order.</summary>
    public List<(long Seq, JsonObject Session)> Sessions(ICollection<string> contactIds, long afterSeq, int take)
    {
        var ids = new HashSet<string>(contactIds, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            return _sessions.Where(s => s.Seq > afterSeq && ids.Contains(s.ContactId)).Take(take)
                .Select(s => (s.Seq, (JsonObject)s.Session.DeepClone())).ToList();
        }
    }

    /// <summary>Associates a conversation with a contact, or (contactId null) removes its association.</summary>
    public void Associate(string conversationId, string? contactId, string communicationId, string mediaType, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (contactId == null)
            {
                _associations.Remove(conversationId);
                return;
            }
            _associations[conversationId] = new JsonObject
            {
                ["conversationId"] = conversationId,
                ["externalContactId"] = contactId,
                ["communicationId"] = communicationId,
                ["mediaType"] = mediaType,
                ["dateAssociated"] = JsonUtil.Timestamp(now),
            };
        }
    }

    public List<JsonObject> AssociationSnapshot()
    {
        lock (_gate) return _associations.Values.Select(a => (JsonObject)a.DeepClone()).ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _segments.Clear();
            _sessions.Clear();
            _associations.Clear();
        }
    }
}
