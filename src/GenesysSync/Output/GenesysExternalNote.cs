using System;
using GenesysSync.Api.Models;

namespace GenesysSync;

/// <summary>A note on a contact (ContactId set) or an organization (OrganizationId set).</summary>
public sealed class GenesysExternalNote
{
    internal GenesysExternalNote(Note note, bool onContact, string ownerId)
    {
        Id = note.Id ?? "";
        EntityType = onContact ? "Contact" : "Organization";
        var owner = note.EntityId ?? ownerId;
        ContactId = onContact ? owner : null;
        OrganizationId = onContact ? null : owner;
        Text = note.NoteText ?? "";
        CreatedBy = note.CreatedBy?.Name ?? note.CreatedBy?.Id;
        CreateDate = note.CreateDate;
        ModifyDate = note.ModifyDate;
    }

    public string Id { get; }
    /// <summary>Contact or Organization.</summary>
    public string EntityType { get; }
    public string? ContactId { get; }
    public string? OrganizationId { get; }
    public string Text { get; }
    /// <summary>The author's name when the API gave it, else the user id.</summary>
    public string? CreatedBy { get; }
    public DateTimeOffset? CreateDate { get; }
    public DateTimeOffset? ModifyDate { get; }

    internal bool OnContact => ContactId is not null;
    internal string OwnerId => ContactId ?? OrganizationId ?? "";

    public override string ToString() => Text.Length > 60 ? Text.Substring(0, 57) + "..." : Text;
}

/// <summary>A Genesys user's relationship (role) with an external organization.</summary>
public sealed class GenesysExternalRelationship
{
    internal GenesysExternalRelationship(Relationship relationship)
    {
        Id = relationship.Id ?? "";
        OrganizationId = relationship.ExternalOrganization?.Id ?? "";
        UserId = relationship.User?.Id ?? "";
        UserName = relationship.User?.Name;
        Relationship = relationship.RelationshipText ?? "";
    }

    public string Id { get; }
    public string OrganizationId { get; }
    public string UserId { get; }
    public string? UserName { get; }
    /// <summary>The role, e.g. Account Manager (1..100 characters).</summary>
    public string Relationship { get; }

    public override string ToString() => Relationship;
}
