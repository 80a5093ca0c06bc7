using System;
using System.Collections.Generic;
using GenesysSync.Outbound.Loading;

namespace GenesysSync;

/// <summary>
/// The outcome of one input row of Add-GenesysContactListContact (or a lead an import lost): which list and contact it
/// became, or why not. Failed rows carry the error code, the column at fault and the original row.
/// </summary>
public sealed class GenesysContactListLoadResult
{
    internal GenesysContactListLoadResult(LeadLoadResult result, object? inputObject, bool whatIfRun)
    {
        RowNumber = result.RowNumber;
        LeadId = result.LeadId;
        ContactId = result.ContactId;
        ContactList = result.ContactListName;
        ContactListId = result.ContactListId;
        Action = result.Action.ToString();
        ErrorCode = result.ErrorCode;
        Message = result.Message;
        Column = result.Column;
        HttpStatus = result.HttpStatus;
        ContextId = result.ContextId;
        WhatIf = result.WhatIf || whatIfRun;
        InputObject = inputObject;
    }

    /// <summary>1-based position in the input.</summary>
    public int RowNumber { get; }
    public string? LeadId { get; }
    /// <summary>The contact id in Genesys (the Lead ID).</summary>
    public string? ContactId { get; }
    /// <summary>Name of the list the lead is (or would be) in.</summary>
    public string? ContactList { get; }
    public string? ContactListId { get; }
    /// <summary>Added, Updated, Unchanged, Skipped, Failed, or Removed (-RemoveMissing; RowNumber 0: no input row).</summary>
    public string Action { get; }
    /// <summary>E.g. MissingLeadId, InvalidLeadId, DuplicateLeadId, InvalidPhone, InvalidEmail, CellTooLong, ConsentConflict, or a Genesys code.</summary>
    public string? ErrorCode { get; }
    public string? Message { get; }
    /// <summary>The input column at fault, when one is.</summary>
    public string? Column { get; }
    public int? HttpStatus { get; }
    /// <summary>The Genesys correlation id of a failed request (quote it to Genesys support).</summary>
    public string? ContextId { get; }
    /// <summary>True when this is the plan of a -WhatIf run: nothing was written.</summary>
    public bool WhatIf { get; }
    /// <summary>The row as it came in (pipeline object, or the CSV row).</summary>
    public object? InputObject { get; }

    public override string ToString() => $"Row {RowNumber}: {Action}" + (ErrorCode is null ? "" : $" ({ErrorCode})");
}

/// <summary>Totals of an Add-GenesysContactListContact run (information stream, tag GenesysContactListLoadSummary).</summary>
public sealed class GenesysContactListLoadSummary
{
    internal GenesysContactListLoadSummary(LeadLoadSummary summary, IEnumerable<ContactListShard> lists, bool whatIf)
    {
        Rows = summary.Rows;
        Added = summary.Added;
        Updated = summary.Updated;
        Unchanged = summary.Unchanged;
        Skipped = summary.Skipped;
        Failed = summary.Failed;
        Removed = summary.Removed;
        AddRequests = summary.AddRequests;
        ListsCreated = summary.ListsCreated.ToArray();
        var sizes = new List<string>();
        foreach (var list in lists) sizes.Add(list.Name + "=" + list.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Lists = sizes.ToArray();
        Duration = summary.Duration;
        WhatIf = whatIf;
    }

    public long Rows { get; }
    public long Added { get; }
    public long Updated { get; }
    public long Unchanged { get; }
    public long Skipped { get; }
    public long Failed { get; }
    /// <summary>Stored leads deleted because the input no longer has them (-RemoveMissing).</summary>
    public long Removed { get; }
    public long AddRequests { get; }
    public string[] ListsCreated { get; }
    /// <summary>"Name=contacts" for every list of the family (planned sizes under -WhatIf).</summary>
    public string[] Lists { get; }
    public TimeSpan Duration { get; }
    public bool WhatIf { get; }

    public override string ToString()
        => $"{(WhatIf ? "WhatIf: " : "")}{Rows:N0} rows: {Added:N0} added, {Updated:N0} updated, {Unchanged:N0} unchanged, {Skipped:N0} skipped, {Failed:N0} failed{(Removed > 0 ? $", {Removed:N0} removed" : "")}; "
           + $"{AddRequests:N0} add requests, {ListsCreated.Length} list(s) created; {Duration.TotalSeconds:N1} s";
}
