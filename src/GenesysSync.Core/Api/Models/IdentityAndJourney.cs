using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>Body of <c>PATCH /contacts/{id}/identifiers</c> and <c>/organizations/{id}/identifiers</c>.</summary>
public sealed class IdentifierClaimRequest : JsonModel
{
    public const string Claim = "Claim";
    public const string Release = "Release";

    [JsonPropertyName("operation")] public string? Operation { get; set; }
    [JsonPropertyName("identifier")] public ContactIdentifier? Identifier { get; set; }
}

/// <summary>Body of <c>POST /contacts/merge</c>: 2..25 contact ids and optional values that win over the merged ones.</summary>
public sealed class MergeContactsRequest : JsonModel
{
    [JsonPropertyName("contactIds")] public List<string> ContactIds { get; set; } = new();
    [JsonPropertyName("valueOverride")] public ExternalContact? ValueOverride { get; set; }
}

/// <summary>A bare <c>{entities:[...]}</c> list (identifiers, segment assignments).</summary>
public sealed class EntityList<T> : JsonModel
{
    [JsonPropertyName("entities")] public List<T>? Entities { get; set; }
}

/// <summary>A page of a pageSize/pageNumber listing (organizations, notes, relationships).</summary>
public sealed class PagedListing<T> : JsonModel
{
    [JsonPropertyName("entities")] public List<T>? Entities { get; set; }
    [JsonPropertyName("pageSize")] public int? PageSize { get; set; }
    [JsonPropertyName("pageNumber")] public int? PageNumber { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("pageCount")] public int? PageCount { get; set; }
    [JsonPropertyName("nextUri")] public string? NextUri { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>Result of reverse whitepages lookup (at most 25 contacts).</summary>
public sealed class ReverseWhitepagesLookupResult : JsonModel
{
    [JsonPropertyName("contacts")] public List<ExternalContact>? Contacts { get; set; }
}

/// <summary>A journey segment assigned to a contact, until <see cref="DateForUnassignment"/>.</summary>
public sealed class SegmentAssignment : JsonModel
{
    [JsonPropertyName("segment")] public EntityRef? Segment { get; set; }
    [JsonPropertyName("externalContact")] public EntityRef? ExternalContact { get; set; }
    [JsonPropertyName("session")] public EntityRef? Session { get; set; }
    [JsonPropertyName("dateAssigned")] public DateTimeOffset? DateAssigned { get; set; }
    [JsonPropertyName("dateForUnassignment")] public DateTimeOffset? DateForUnassignment { get; set; }
}

/// <summary>Body of <c>POST /contacts/{id}/journey/segments</c> (≤ 10 segments in all).</summary>
public sealed class UpdateSegmentAssignmentRequest : JsonModel
{
    [JsonPropertyName("assign")] public SegmentIdList? Assign { get; set; }
    [JsonPropertyName("unassign")] public SegmentIdList? Unassign { get; set; }
}

public sealed class SegmentIdList : JsonModel
{
    [JsonPropertyName("segments")] public List<EntityRef> Segments { get; set; } = new();
}

/// <summary>What a segment update could not process (to be sent again).</summary>
public sealed class UpdateSegmentAssignmentResponse : JsonModel
{
    [JsonPropertyName("unprocessedItems")] public UnprocessedSegmentAssignments? UnprocessedItems { get; set; }
}

public sealed class UnprocessedSegmentAssignments : JsonModel
{
    [JsonPropertyName("assign")] public SegmentIdList? Assign { get; set; }
    [JsonPropertyName("unassign")] public SegmentIdList? Unassign { get; set; }
    [JsonPropertyName("count")] public int? Count { get; set; }
}

/// <summary>A journey session of a contact (web or app visit, conversation); fields not modelled stay in AdditionalProperties.</summary>
public sealed class JourneySession : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("externalContact")] public EntityRef? ExternalContact { get; set; }
    [JsonPropertyName("customerId")] public string? CustomerId { get; set; }
    [JsonPropertyName("customerIdType")] public string? CustomerIdType { get; set; }
    [JsonPropertyName("externalId")] public string? ExternalId { get; set; }
    [JsonPropertyName("shortId")] public string? ShortId { get; set; }
    [JsonPropertyName("eventCount")] public int? EventCount { get; set; }
    [JsonPropertyName("authenticated")] public bool? Authenticated { get; set; }
    [JsonPropertyName("conversation")] public EntityRef? Conversation { get; set; }
    [JsonPropertyName("originatingDirection")] public string? OriginatingDirection { get; set; }
    [JsonPropertyName("createdDate")] public DateTimeOffset? CreatedDate { get; set; }
    [JsonPropertyName("endedDate")] public DateTimeOffset? EndedDate { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

/// <summary>A page of sessions; the next page's cursor is in <see cref="NextUri"/> ("after").</summary>
public sealed class SessionListing : JsonModel
{
    [JsonPropertyName("entities")] public List<JourneySession>? Entities { get; set; }
    [JsonPropertyName("nextUri")] public string? NextUri { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
    [JsonPropertyName("previousUri")] public string? PreviousUri { get; set; }
}

/// <summary>Body of <c>PUT /externalcontacts/conversations/{id}</c>: no contact id disassociates.</summary>
public sealed class ConversationAssociation : JsonModel
{
    [JsonPropertyName("externalContactId")] public string? ExternalContactId { get; set; }
    [JsonPropertyName("conversationId")] public string? ConversationId { get; set; }
    [JsonPropertyName("communicationId")] public string? CommunicationId { get; set; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; set; }
}
