using System;
using GenesysSync.Api.Models;

namespace GenesysSync;

/// <summary>An identifier claimed by a contact or an organization (routing and lookups find the owner by it).</summary>
public sealed class GenesysExternalIdentifier
{
    internal GenesysExternalIdentifier(ContactIdentifier identifier, bool onContact, string ownerId)
    {
        EntityType = onContact ? "Contact" : "Organization";
        ContactId = onContact ? ownerId : null;
        OrganizationId = onContact ? null : ownerId;
        Type = identifier.Type ?? "";
        Value = identifier.Value ?? "";
        ExternalSourceId = identifier.ExternalSource?.Id;
        DateCreated = identifier.DateCreated;
    }

    /// <summary>Contact or Organization.</summary>
    public string EntityType { get; }
    public string? ContactId { get; }
    public string? OrganizationId { get; }
    /// <summary>Email, Phone, ExternalId, Cookie, SocialLine, SocialFacebook, SocialTwitter, SocialWhatsapp, SocialInstagram, ...</summary>
    public string Type { get; }
    public string Value { get; }
    /// <summary>The External Source of an ExternalId identifier.</summary>
    public string? ExternalSourceId { get; }
    public DateTimeOffset? DateCreated { get; }

    internal bool OnContact => ContactId is not null;
    internal string OwnerId => ContactId ?? OrganizationId ?? "";

    public override string ToString() => Type + ":" + Value;
}

/// <summary>A journey segment assigned to a contact, until DateForUnassignment.</summary>
public sealed class GenesysExternalContactSegment
{
    internal GenesysExternalContactSegment(SegmentAssignment assignment, string contactId)
    {
        ContactId = assignment.ExternalContact?.Id ?? contactId;
        SegmentId = assignment.Segment?.Id ?? "";
        SessionId = assignment.Session?.Id;
        DateAssigned = assignment.DateAssigned;
        DateForUnassignment = assignment.DateForUnassignment;
    }

    public string ContactId { get; }
    public string SegmentId { get; }
    /// <summary>For session-scoped segments, the session it was assigned in.</summary>
    public string? SessionId { get; }
    public DateTimeOffset? DateAssigned { get; }
    /// <summary>When the assignment expires (assigning the segment again pushes it out).</summary>
    public DateTimeOffset? DateForUnassignment { get; }

    public override string ToString() => SegmentId;
}

/// <summary>A journey session of a contact: a web or app visit, or a conversation.</summary>
public sealed class GenesysExternalContactSession
{
    internal GenesysExternalContactSession(JourneySession session, string contactId)
    {
        Model = session;
        Id = session.Id ?? "";
        ContactId = session.ExternalContact?.Id ?? contactId;
        Type = session.Type;
        CustomerId = session.CustomerId;
        CustomerIdType = session.CustomerIdType;
        ShortId = session.ShortId;
        EventCount = session.EventCount;
        Authenticated = session.Authenticated;
        ConversationId = session.Conversation?.Id;
        CreatedDate = session.CreatedDate;
        EndedDate = session.EndedDate;
    }

    public string Id { get; }
    public string ContactId { get; }
    /// <summary>web, app, conversation, ...</summary>
    public string? Type { get; }
    public string? CustomerId { get; }
    public string? CustomerIdType { get; }
    public string? ShortId { get; }
    public int? EventCount { get; }
    public bool? Authenticated { get; }
    public string? ConversationId { get; }
    public DateTimeOffset? CreatedDate { get; }
    public DateTimeOffset? EndedDate { get; }

    /// <summary>The session exactly as the API returned it (JSON).</summary>
    public string Raw => GenesysJson.Serialize(Model);

    internal JourneySession Model { get; }

    public override string ToString() => (Type ?? "session") + " " + Id;
}
