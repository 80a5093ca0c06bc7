using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenesysSync.Api.Models;

namespace GenesysSync.Outbound;

/// <summary>An outbound contact list. Only columnNames is required by the API; name must be unique in the org.</summary>
public sealed class ContactList : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    [JsonPropertyName("dateModified")] public DateTimeOffset? DateModified { get; set; }
    /// <summary>Required on update: must match the current version (409 otherwise).</summary>
    [JsonPropertyName("version")] public int? Version { get; set; }
    [JsonPropertyName("division")] public DivisionRef? Division { get; set; }
    [JsonPropertyName("columnNames")] public List<string>? ColumnNames { get; set; }
    [JsonPropertyName("phoneColumns")] public List<ContactPhoneNumberColumn>? PhoneColumns { get; set; }
    [JsonPropertyName("emailColumns")] public List<EmailColumn>? EmailColumns { get; set; }
    [JsonPropertyName("previewModeColumnName")] public string? PreviewModeColumnName { get; set; }
    [JsonPropertyName("automaticTimeZoneMapping")] public bool? AutomaticTimeZoneMapping { get; set; }
    [JsonPropertyName("zipCodeColumnName")] public string? ZipCodeColumnName { get; set; }
    [JsonPropertyName("trimWhitespace")] public bool? TrimWhitespace { get; set; }
    /// <summary>Read-only: contacts in the list (only when asked for with includeSize).</summary>
    [JsonPropertyName("size")] public long? Size { get; set; }
    /// <summary>Read-only: the latest import (only when asked for with includeImportStatus).</summary>
    [JsonPropertyName("importStatus")] public ImportStatus? ImportStatus { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }

    /// <summary>
    /// A new list definition with the same columns and settings (phone/e-mail columns, preview, time zones, division,
    /// attempt limits and anything else the server sent) under another name: how shards are made.
    /// </summary>
    public ContactList CloneDefinition(string name)
    {
        var copy = JsonSerializer.Deserialize<ContactList>(JsonSerializer.SerializeToUtf8Bytes(this, GenesysJson.Options), GenesysJson.Options)!;
        copy.Id = null;
        copy.Name = name;
        copy.Version = null;
        copy.DateCreated = null;
        copy.DateModified = null;
        copy.Size = null;
        copy.ImportStatus = null;
        copy.SelfUri = null;
        return copy;
    }

    public override string ToString() => Name ?? Id ?? "(contact list)";
}

public sealed class ContactPhoneNumberColumn : JsonModel
{
    [JsonPropertyName("columnName")] public string? ColumnName { get; set; }
    /// <summary>e.g. "cell", "home", "work".</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("callableTimeColumn")] public string? CallableTimeColumn { get; set; }
}

public sealed class EmailColumn : JsonModel
{
    [JsonPropertyName("columnName")] public string? ColumnName { get; set; }
    /// <summary>e.g. "work", "personal".</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("contactableTimeColumn")] public string? ContactableTimeColumn { get; set; }
}

/// <summary>A page of GET /api/v2/outbound/contactlists (pageSize ≤ 100).</summary>
public sealed class ContactListEntityListing : JsonModel
{
    [JsonPropertyName("entities")] public List<ContactList>? Entities { get; set; }
    [JsonPropertyName("pageSize")] public int? PageSize { get; set; }
    [JsonPropertyName("pageNumber")] public int? PageNumber { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("pageCount")] public int? PageCount { get; set; }
    [JsonPropertyName("nextUri")] public string? NextUri { get; set; }
}

/// <summary>
/// A dialer contact (also the writable form: set <see cref="Id"/> to choose the contact id, e.g. a CRM Lead ID;
/// the server generates one when absent and upserts by it when present).
/// </summary>
public sealed class DialerContact : JsonModel
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("contactListId")] public string? ContactListId { get; set; }
    /// <summary>Column → value; every key must be a column of the list, every value ≤ 512 characters.</summary>
    [JsonPropertyName("data")] public Dictionary<string, string?>? Data { get; set; }
    [JsonPropertyName("callable")] public bool? Callable { get; set; }
    [JsonPropertyName("phoneNumberStatus")] public Dictionary<string, PhoneNumberStatus>? PhoneNumberStatus { get; set; }
    [JsonPropertyName("dateCreated")] public DateTimeOffset? DateCreated { get; set; }
    [JsonPropertyName("selfUri")] public string? SelfUri { get; set; }
}

public sealed class PhoneNumberStatus : JsonModel
{
    [JsonPropertyName("callable")] public bool? Callable { get; set; }
}

/// <summary>
/// Status of a list's latest CSV import. The documented states are IN_PROGRESS and FAILED only: a finished import is
/// recognised by 100% / completed = total (see <see cref="IsFinished"/>).
/// </summary>
public sealed class ImportStatus : JsonModel
{
    public const string InProgress = "IN_PROGRESS";
    public const string FailedState = "FAILED";

    [JsonPropertyName("state")] public string? State { get; set; }
    [JsonPropertyName("totalRecords")] public long? TotalRecords { get; set; }
    [JsonPropertyName("completedRecords")] public long? CompletedRecords { get; set; }
    [JsonPropertyName("percentComplete")] public int? PercentComplete { get; set; }
    [JsonPropertyName("failureReason")] public string? FailureReason { get; set; }
    [JsonPropertyName("targetContactListIds")] public List<string>? TargetContactListIds { get; set; }

    public bool IsFailed => string.Equals(State, FailedState, StringComparison.OrdinalIgnoreCase);

    /// <summary>Failed, or done: 100%, or every record completed, or a state other than IN_PROGRESS.</summary>
    public bool IsFinished
        => IsFailed
           || PercentComplete >= 100
           || (TotalRecords is long total && CompletedRecords is long done && total > 0 && done >= total)
           || (State != null && !string.Equals(State, InProgress, StringComparison.OrdinalIgnoreCase));
}

/// <summary>GET .../export: where the export file can be downloaded (with the same bearer token).</summary>
public sealed class ExportUri : JsonModel
{
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("exportTimestamp")] public DateTimeOffset? ExportTimestamp { get; set; }
}

/// <summary>Query flags of POST .../contacts.</summary>
public sealed class AddContactsOptions
{
    /// <summary>True: the contacts are dialed next; false: they go to the end of the queue.</summary>
    public bool? Priority { get; set; }
    /// <summary>True: system columns (attempts, callable status, ...) of existing contacts are cleared.</summary>
    public bool? ClearSystemData { get; set; }
    /// <summary>True: updated contacts keep their place in the queue (not redialed).</summary>
    public bool? DoNotQueue { get; set; }
}
