using System.Collections.Generic;
using GenesysSync.Api.Models;

namespace GenesysSync.Api;

/// <summary>The outcome of one input row of a bulk call; <see cref="Index"/> is the row's position in the input.</summary>
public sealed class BulkItemResult
{
    public BulkItemResult(int index, string? id, bool success, int? status, ExternalContact? contact, BulkEntityError? error)
    {
        Index = index;
        Id = id;
        Success = success;
        Status = status;
        Contact = contact;
        Error = error;
    }

    public int Index { get; }
    /// <summary>Contact id (assigned by the server for adds).</summary>
    public string? Id { get; }
    public bool Success { get; }
    public int? Status { get; }
    /// <summary>The stored contact (add/update/fetch/enrich success).</summary>
    public ExternalContact? Contact { get; }
    public BulkEntityError? Error { get; }
    public bool IsRetryable => !Success && Error?.Retryable == true;
}

/// <summary>Result of the auto-paging search.</summary>
public sealed class ContactSearchResult
{
    public ContactSearchResult(IReadOnlyList<ExternalContact> contacts, long? total, bool capped)
    {
        Contacts = contacts;
        Total = total;
        Capped = capped;
    }

    public IReadOnlyList<ExternalContact> Contacts { get; }
    /// <summary>Hits the server reported (may exceed what search can return).</summary>
    public long? Total { get; }
    /// <summary>True when more hits exist than the 1000 that search can reach.</summary>
    public bool Capped { get; }
}

/// <summary>Result of a single enrich: the contact and whether it was created (201) or updated (200).</summary>
public sealed class EnrichResult
{
    public EnrichResult(ExternalContact contact, bool created)
    {
        Contact = contact;
        Created = created;
    }

    public ExternalContact Contact { get; }
    public bool Created { get; }
}
