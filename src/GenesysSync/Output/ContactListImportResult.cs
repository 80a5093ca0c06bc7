using System;
using GenesysSync.Outbound.Loading;

namespace GenesysSync;

/// <summary>The outcome of Import-GenesysContactList for one list of the family.</summary>
public sealed class GenesysContactListImportResult
{
    internal GenesysContactListImportResult(CsvImportShardResult result)
    {
        ContactList = result.ContactListName;
        ContactListId = result.ContactListId;
        State = result.State.ToString();
        RowsSent = result.RowsSent;
        NewContacts = result.NewContacts;
        SizeBefore = result.SizeBefore;
        SizeAfter = result.SizeAfter;
        TotalRecords = result.TotalRecords;
        CompletedRecords = result.CompletedRecords;
        Missing = result.Missing;
        FailureReason = result.FailureReason;
        Duration = result.Duration;
    }

    public string ContactList { get; }
    public string? ContactListId { get; }
    /// <summary>Imported, Shortfall, Failed or Planned (-WhatIf).</summary>
    public string State { get; }
    /// <summary>Rows uploaded to this list.</summary>
    public long RowsSent { get; }
    /// <summary>Of those, leads that were not yet in the list.</summary>
    public long NewContacts { get; }
    public long SizeBefore { get; }
    public long? SizeAfter { get; }
    /// <summary>What Genesys's import status reported.</summary>
    public long? TotalRecords { get; }
    public long? CompletedRecords { get; }
    /// <summary>Rows uploaded that are not in the list afterwards.</summary>
    public long Missing { get; }
    /// <summary>Genesys's reason for a failed import (e.g. MISSING_CUSTOM_ID).</summary>
    public string? FailureReason { get; }
    public TimeSpan Duration { get; }

    public override string ToString() => $"{ContactList}: {State}";
}

/// <summary>One line of the Lead ID ↔ contact id map (Export-GenesysContactList -AsMap).</summary>
public sealed class GenesysContactListMapEntry
{
    internal GenesysContactListMapEntry(string leadId, string contactId, string contactList, string contactListId)
    {
        LeadId = leadId;
        ContactId = contactId;
        ContactList = contactList;
        ContactListId = contactListId;
    }

    public string LeadId { get; }
    public string ContactId { get; }
    public string ContactList { get; }
    public string ContactListId { get; }

    public override string ToString() => LeadId + " -> " + ContactId;
}

/// <summary>What Export-GenesysContactList -Path wrote for one list.</summary>
public sealed class GenesysContactListExport
{
    internal GenesysContactListExport(string contactList, string contactListId, string path, long rows, bool map)
    {
        ContactList = contactList;
        ContactListId = contactListId;
        Path = path;
        Rows = rows;
        Content = map ? "Map" : "Contacts";
    }

    public string ContactList { get; }
    public string ContactListId { get; }
    public string Path { get; }
    public long Rows { get; }
    /// <summary>Contacts (the export's columns) or Map (LeadId, ContactId, ContactList, ContactListId).</summary>
    public string Content { get; }

    public override string ToString() => $"{ContactList}: {Rows} rows to {Path}";
}
