using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;

namespace GenesysSync.Api;

/// <summary>What a note is attached to.</summary>
public enum NoteOwner
{
    Contact,
    Organization,
}

/// <summary>
/// Notes on contacts and organizations. Reads by id return null on 404 (also when the note belongs to another
/// contact or organization); deletes return false when the note was already gone.
/// </summary>
public sealed class ExternalNotesApi
{
    private const string Base = "/api/v2/externalcontacts";

    /// <summary>Note text limit (the API also needs at least one character).</summary>
    public const int MaxTextLength = 32000;

    /// <summary>Note lists take pageSize ≤ 100 and reach the first 1000 notes.</summary>
    public const int MaxPageSize = 100;

    private readonly GenesysSync.Http.GenesysClient _client;

    public ExternalNotesApi(GenesysSync.Http.GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The notes of a contact or organization (up to the 1000-note window), oldest first unless <paramref name="newestFirst"/>.</summary>
    public Task<SearchPage<Note>> ListAsync(NoteOwner owner, string ownerId, bool newestFirst = false, bool includeMergeSet = false, CancellationToken cancellationToken = default)
    {
        var path = NotesOf(owner, ownerId);
        var query = "&sortOrder=createDate:" + (newestFirst ? "desc" : "asc") + (includeMergeSet && owner == NoteOwner.Contact ? "&expand=mergeset" : "");
        return Calls.PageAllAsync((size, number, ct) => _client.GetAsync<PagedListing<Note>>($"{path}?pageSize={size}&pageNumber={number}{query}", ct),
            1000, cancellationToken, MaxPageSize);
    }

    public Task<Note?> GetAsync(NoteOwner owner, string ownerId, string noteId, CancellationToken cancellationToken = default)
        => Calls.NullOn404(() => _client.GetAsync<Note>(NotesOf(owner, ownerId) + "/" + Calls.Escape(noteId), cancellationToken));

    /// <summary>Adds a note; <paramref name="createdByUserId"/> names the author (the server records the caller when null).</summary>
    public Task<Note> AddAsync(NoteOwner owner, string ownerId, string text, string? createdByUserId = null, CancellationToken cancellationToken = default)
        => _client.PostAsync<Note>(NotesOf(owner, ownerId), new Note { NoteText = CheckText(text), CreatedBy = createdByUserId is null ? null : new UserRef(createdByUserId) }, cancellationToken);

    /// <summary>Replaces the note's text (PUT).</summary>
    public Task<Note> UpdateAsync(NoteOwner owner, string ownerId, string noteId, string text, CancellationToken cancellationToken = default)
        => _client.PutAsync<Note>(NotesOf(owner, ownerId) + "/" + Calls.Escape(noteId), new Note { NoteText = CheckText(text) }, cancellationToken);

    public Task<bool> DeleteAsync(NoteOwner owner, string ownerId, string noteId, CancellationToken cancellationToken = default)
        => Calls.FalseOn404(() => _client.DeleteAsync(NotesOf(owner, ownerId) + "/" + Calls.Escape(noteId), cancellationToken));

    /// <summary>Every note of the org through the scan cursor.</summary>
    public async IAsyncEnumerable<Note> ScanAsync(int limit = 200, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var note in Calls.ScanAsync<Note>(_client, Base + "/scan/notes", limit, cancellationToken).ConfigureAwait(false)) yield return note;
    }

    private static string CheckText(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("A note needs text.", nameof(text));
        if (text.Length > MaxTextLength) throw new ArgumentException($"A note holds at most {MaxTextLength} characters.", nameof(text));
        return text;
    }

    private static string NotesOf(NoteOwner owner, string ownerId)
        => Base + (owner == NoteOwner.Contact ? "/contacts/" : "/organizations/") + Calls.Escape(ownerId) + "/notes";
}

/// <summary>Relationships between Genesys users and external organizations.</summary>
public sealed class ExternalRelationshipsApi
{
    private const string Base = "/api/v2/externalcontacts";

    /// <summary>The relationship text holds 1..100 characters.</summary>
    public const int MaxRelationshipLength = 100;

    private readonly GenesysSync.Http.GenesysClient _client;

    public ExternalRelationshipsApi(GenesysSync.Http.GenesysClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The relationships of an organization (up to the 1000 window), sorted by createDate or relationship.</summary>
    public Task<SearchPage<Relationship>> ListAsync(string organizationId, string sortOrder = "createDate:asc", CancellationToken cancellationToken = default)
    {
        var path = Base + "/organizations/" + Calls.Escape(organizationId) + "/relationships";
        return Calls.PageAllAsync((size, number, ct) => _client.GetAsync<PagedListing<Relationship>>($"{path}?pageSize={size}&pageNumber={number}&sortOrder={Uri.EscapeDataString(sortOrder)}", ct),
            1000, cancellationToken);
    }

    public Task<Relationship?> GetAsync(string id, CancellationToken cancellationToken = default)
        => Calls.NullOn404(() => _client.GetAsync<Relationship>(PathOf(id), cancellationToken));

    public Task<Relationship> CreateAsync(string organizationId, string userId, string relationship, CancellationToken cancellationToken = default)
        => _client.PostAsync<Relationship>(Base + "/relationships", Body(organizationId, userId, relationship), cancellationToken);

    /// <summary>PUT: the relationship's user, organization and text all at once.</summary>
    public Task<Relationship> UpdateAsync(string id, string organizationId, string userId, string relationship, CancellationToken cancellationToken = default)
        => _client.PutAsync<Relationship>(PathOf(id), Body(organizationId, userId, relationship), cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
        => Calls.FalseOn404(() => _client.DeleteAsync(PathOf(id), cancellationToken));

    /// <summary>Every relationship of the org through the scan cursor (there is no org-wide list route).</summary>
    public async IAsyncEnumerable<Relationship> ScanAsync(int limit = 200, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var relationship in Calls.ScanAsync<Relationship>(_client, Base + "/scan/relationships", limit, cancellationToken).ConfigureAwait(false)) yield return relationship;
    }

    private static Relationship Body(string organizationId, string userId, string relationship)
    {
        if (string.IsNullOrWhiteSpace(relationship) || relationship.Trim().Length > MaxRelationshipLength)
            throw new ArgumentException($"The relationship must be 1 to {MaxRelationshipLength} characters.", nameof(relationship));
        return new Relationship
        {
            User = new UserRef(userId ?? throw new ArgumentNullException(nameof(userId))),
            ExternalOrganization = new ExternalOrganizationRef { Id = organizationId ?? throw new ArgumentNullException(nameof(organizationId)) },
            RelationshipText = relationship.Trim(),
        };
    }

    private static string PathOf(string id) => Base + "/relationships/" + Calls.Escape(id);
}
