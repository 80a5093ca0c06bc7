using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;

namespace GenesysSync.Api;

/// <summary>
/// Who a contact is and what it did: claimed identifiers, merge, unresolved (pre-merge) contacts, promotion of observed
/// contacts, reverse whitepages lookup, journey segments and sessions, and conversation association.
/// </summary>
public sealed class ContactIdentityApi
{
    private const string Base = "/api/v2/externalcontacts";

    /// <summary>Merge takes 2..25 contacts.</summary>
    public const int MaxMergeContacts = 25;

    /// <summary>A segment update assigns and unassigns at most 10 segments in all.</summary>
    public const int MaxSegmentsPerUpdate = 10;

    private readonly GenesysSync.Http.GenesysClient _client;

    public ContactIdentityApi(GenesysSync.Http.GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public async Task<IReadOnlyList<ContactIdentifier>> GetIdentifiersAsync(string contactId, CancellationToken cancellationToken = default)
        => (await _client.GetAsync<EntityList<ContactIdentifier>>(ContactPath(contactId) + "/identifiers", cancellationToken).ConfigureAwait(false)).Entities
           ?? new List<ContactIdentifier>();

    /// <summary>Claims or releases an identifier (<see cref="IdentifierClaimRequest.Claim"/> / <see cref="IdentifierClaimRequest.Release"/>).</summary>
    public Task<ContactIdentifier> ChangeIdentifierAsync(string contactId, string operation, ContactIdentifier identifier, CancellationToken cancellationToken = default)
        => _client.PatchAsync<ContactIdentifier>(ContactPath(contactId) + "/identifiers",
            new IdentifierClaimRequest { Operation = operation, Identifier = identifier ?? throw new ArgumentNullException(nameof(identifier)) }, cancellationToken);

    /// <summary>Merges 2..25 contacts into a new contact; <paramref name="valueOverride"/> fields win over the merged values.</summary>
    public Task<ExternalContact> MergeAsync(IReadOnlyList<string> contactIds, ExternalContact? valueOverride = null, CancellationToken cancellationToken = default)
    {
        if (contactIds is null || contactIds.Count < 2 || contactIds.Count > MaxMergeContacts)
            throw new ArgumentException($"A merge takes 2 to {MaxMergeContacts} contact ids.", nameof(contactIds));
        return _client.PostAsync<ExternalContact>(Base + "/contacts/merge", new MergeContactsRequest { ContactIds = contactIds.ToList(), ValueOverride = valueOverride }, cancellationToken);
    }

    /// <summary>A contact as it is stored, without following a merge (a merged-away contact as it was), or null.</summary>
    public Task<ExternalContact?> GetUnresolvedAsync(string contactId, CancellationToken cancellationToken = default)
        => Calls.NullOn404(() => _client.GetAsync<ExternalContact>(ContactPath(contactId) + "/unresolved", cancellationToken));

    /// <summary>Promotes an observed (Ephemeral or Identified) contact to Curated.</summary>
    public Task<ExternalContact> PromoteAsync(string contactId, CancellationToken cancellationToken = default)
        => _client.PostAsync<ExternalContact>(ContactPath(contactId) + "/promotion", null, cancellationToken);

    /// <summary>Contacts holding an e-mail, an E.164 phone or a Twitter screen name (the API returns at most 25).</summary>
    public async Task<IReadOnlyList<ExternalContact>> ReverseWhitepagesAsync(string lookupValue, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(lookupValue)) throw new ArgumentException("A lookup value is required.", nameof(lookupValue));
        var result = await _client.GetAsync<ReverseWhitepagesLookupResult>(Base + "/reversewhitepageslookup?lookupVal=" + Uri.EscapeDataString(lookupValue.Trim()), cancellationToken).ConfigureAwait(false);
        return result.Contacts ?? new List<ExternalContact>();
    }

    public async Task<IReadOnlyList<SegmentAssignment>> GetSegmentsAsync(string contactId, bool includeMerged = false, int limit = 500, CancellationToken cancellationToken = default)
        => (await _client.GetAsync<EntityList<SegmentAssignment>>(ContactPath(contactId) + $"/journey/segments?limit={limit}" + (includeMerged ? "&includeMerged=true" : ""), cancellationToken)
            .ConfigureAwait(false)).Entities ?? new List<SegmentAssignment>();

    /// <summary>Assigns and unassigns segments (≤ 10 in all); the answer lists what was not processed.</summary>
    public Task<UpdateSegmentAssignmentResponse> UpdateSegmentsAsync(string contactId, IReadOnlyCollection<string> assign, IReadOnlyCollection<string> unassign, CancellationToken cancellationToken = default)
    {
        if (assign.Count + unassign.Count == 0 || assign.Count + unassign.Count > MaxSegmentsPerUpdate)
            throw new ArgumentException($"Give 1 to {MaxSegmentsPerUpdate} segments to assign or unassign.", nameof(assign));
        var body = new UpdateSegmentAssignmentRequest
        {
            Assign = assign.Count == 0 ? null : new SegmentIdList { Segments = assign.Select(s => new EntityRef(s)).ToList() },
            Unassign = unassign.Count == 0 ? null : new SegmentIdList { Segments = unassign.Select(s => new EntityRef(s)).ToList() },
        };
        return _client.PostAsync<UpdateSegmentAssignmentResponse>(ContactPath(contactId) + "/journey/segments", body, cancellationToken);
    }

    /// <summary>Every session of a contact (follows the "after" cursor of nextUri).</summary>
    public async Task<IReadOnlyList<JourneySession>> GetSessionsAsync(string contactId, bool includeMerged = false, CancellationToken cancellationToken = default)
    {
        var sessions = new List<JourneySession>();
        string? after = null;
        while (true)
        {
            var path = ContactPath(contactId) + "/journey/sessions?pageSize=200" + (includeMerged ? "&includeMerged=true" : "") + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var page = await _client.GetAsync<SessionListing>(path, cancellationToken).ConfigureAwait(false);
            sessions.AddRange(page.Entities ?? new List<JourneySession>());
            var next = CursorOf(page.NextUri);
            if (next is null || next == after || page.Entities is null || page.Entities.Count == 0) return sessions;
            after = next;
        }
    }

    /// <summary>Associates a conversation with a contact; a null contact id disassociates it.</summary>
    public Task AssociateConversationAsync(string conversationId, string? contactId, string communicationId, string mediaType, CancellationToken cancellationToken = default)
        => _client.SendAsync(System.Net.Http.HttpMethod.Put, Base + "/conversations/" + Calls.Escape(conversationId), new ConversationAssociation
        {
            ExternalContactId = contactId,
            ConversationId = conversationId,
            CommunicationId = communicationId,
            MediaType = mediaType,
        }, cancellationToken);

    private static string? CursorOf(string? nextUri)
    {
        if (string.IsNullOrEmpty(nextUri)) return null;
        var query = nextUri!.IndexOf('?') is var q and >= 0 ? nextUri.Substring(q + 1) : "";
        foreach (var pair in query.Split('&'))
        {
            if (pair.StartsWith("after=", StringComparison.Ordinal)) return Uri.UnescapeDataString(pair.Substring(6));
        }
        return null;
    }

    private static string ContactPath(string id) => Base + "/contacts/" + Calls.Escape(id);
}
