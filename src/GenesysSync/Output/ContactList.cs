using System;
using System.Collections.Generic;
using System.Linq;
using GenesysSync.Api.Models;
using GenesysSync.Outbound;

namespace GenesysSync;

/// <summary>An outbound contact list as cmdlets show it. The API's own JSON is in <see cref="Raw"/>.</summary>
public sealed class GenesysContactList
{
    internal GenesysContactList(ContactList list)
    {
        Model = list;
        Id = list.Id ?? "";
        Name = list.Name ?? "";
        Version = list.Version;
        Columns = (list.ColumnNames ?? new List<string>()).ToArray();
        PhoneColumns = (list.PhoneColumns ?? new List<ContactPhoneNumberColumn>()).Select(p => p.ColumnName + (string.IsNullOrEmpty(p.Type) ? "" : ":" + p.Type)).ToArray();
        EmailColumns = (list.EmailColumns ?? new List<EmailColumn>()).Select(e => e.ColumnName + (string.IsNullOrEmpty(e.Type) ? "" : ":" + e.Type)).ToArray();
        Size = list.Size;
        ImportState = list.ImportStatus is null ? null : list.ImportStatus.IsFailed ? "Failed" : list.ImportStatus.IsFinished ? "Done" : "InProgress";
        ImportPercentComplete = list.ImportStatus?.PercentComplete;
        ImportFailureReason = list.ImportStatus?.FailureReason;
        DivisionId = list.Division?.Id;
        DivisionName = list.Division?.Name;
        DateCreated = list.DateCreated;
        DateModified = list.DateModified;
    }

    public string Id { get; }
    public string Name { get; }
    /// <summary>Changes with every update; Set-GenesysContactList sends it back.</summary>
    public int? Version { get; }
    public string[] Columns { get; }
    /// <summary>"Column:type", e.g. "Mobile:cell".</summary>
    public string[] PhoneColumns { get; }
    /// <summary>"Column:type", e.g. "Email:work".</summary>
    public string[] EmailColumns { get; }
    /// <summary>Contacts in the list.</summary>
    public long? Size { get; }
    /// <summary>Latest CSV import: InProgress, Done or Failed (null when none).</summary>
    public string? ImportState { get; }
    public int? ImportPercentComplete { get; }
    public string? ImportFailureReason { get; }
    public string? DivisionId { get; }
    public string? DivisionName { get; }
    public DateTimeOffset? DateCreated { get; }
    public DateTimeOffset? DateModified { get; }

    /// <summary>The list exactly as the API returned it (JSON).</summary>
    public string Raw => GenesysJson.Serialize(Model);

    internal ContactList Model { get; }

    public override string ToString() => Name;
}
