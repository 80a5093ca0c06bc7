using System;
using System.Collections.Generic;
using GenesysSync.Sync;

namespace GenesysSync.Dnc;

/// <summary>What happened to one input row of Add-/Remove-GenesysDncListEntry.</summary>
public enum DncEntryAction
{
    Added,
    Removed,
    /// <summary>Not sent: the same number came earlier in this input.</summary>
    Skipped,
    Failed,
}

/// <summary>Stable codes of per-row problems.</summary>
public static class DncEntryErrorCodes
{
    public const string MissingPhoneNumber = "MissingPhoneNumber";
    public const string InvalidPhone = "InvalidPhone";
    public const string DuplicatePhoneNumber = "DuplicatePhoneNumber";
    /// <summary>The pipeline item's number holds several values or an object (see <see cref="RowIssueCodes.NotAValue"/>).</summary>
    public const string NotAValue = RowIssueCodes.NotAValue;
    /// <summary>The request carrying the row was refused (the API is all-or-nothing per request).</summary>
    public const string RequestFailed = "RequestFailed";
}

/// <summary>One row's outcome. Holds the number (the row's own data) but never writes it anywhere by itself.</summary>
public sealed class DncEntryResult
{
    public long RowNumber { get; set; }
    /// <summary>The text as given.</summary>
    public string? Input { get; set; }
    /// <summary>E.164, when the input could be read.</summary>
    public string? PhoneNumber { get; set; }
    public DncEntryAction Action { get; set; }
    public string? ErrorCode { get; set; }
    public string? Message { get; set; }
    public int? HttpStatus { get; set; }
    public string? ContextId { get; set; }
    /// <summary>True when the row was only planned (-WhatIf or a declined confirmation).</summary>
    public bool WhatIf { get; set; }
    /// <summary>The pipeline object or CSV row the number came from.</summary>
    public object? Source { get; set; }
}

/// <summary>A valid, first-seen number waiting for its request.</summary>
public sealed class DncPendingEntry
{
    internal DncPendingEntry(long rowNumber, string input, string phoneNumber, object? source)
    {
        RowNumber = rowNumber;
        Input = input;
        PhoneNumber = phoneNumber;
        Source = source;
    }

    public long RowNumber { get; }
    public string Input { get; }
    public string PhoneNumber { get; }
    public object? Source { get; }

    public DncEntryResult ToResult(DncEntryAction action) => new()
    {
        RowNumber = RowNumber,
        Input = Input,
        PhoneNumber = PhoneNumber,
        Action = action,
        Source = Source,
    };
}

/// <summary>
/// Reads numbers to E.164 (libphonenumber with a default region, like the contact sync), drops repeats within the
/// input, and cuts the rest into requests of <c>batchSize</c>. Invalid or repeated rows get their result at once.
/// </summary>
public sealed class DncEntryBatcher
{
    private readonly int _batchSize;
    private readonly string _defaultRegion;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private List<DncPendingEntry> _pending = new();

    public DncEntryBatcher(int batchSize, string defaultRegion)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
        if (string.IsNullOrWhiteSpace(defaultRegion)) throw new ArgumentException("A default region (e.g. US) is required.", nameof(defaultRegion));
        _batchSize = batchSize;
        _defaultRegion = defaultRegion;
    }

    public int Pending => _pending.Count;

    /// <summary>Queues a valid new number (null returned) or returns the row's result (invalid, missing, repeated).</summary>
    public DncEntryResult? Accept(long rowNumber, string? input, object? source)
    {
        if (string.IsNullOrWhiteSpace(input))
            return Failure(rowNumber, input, source, DncEntryErrorCodes.MissingPhoneNumber, $"Row {rowNumber}: no phone number.");
        if (!ContactNormalizer.TryNormalizePhone(input!, _defaultRegion, strict: false, out var e164, out _, out _))
            return Failure(rowNumber, input, source, DncEntryErrorCodes.InvalidPhone,
                $"Row {rowNumber}: not a phone number that can be read as E.164 (default region {_defaultRegion}).");
        if (!_seen.Add(e164))
        {
            return new DncEntryResult
            {
                RowNumber = rowNumber, Input = input, PhoneNumber = e164, Action = DncEntryAction.Skipped, Source = source,
                ErrorCode = DncEntryErrorCodes.DuplicatePhoneNumber, Message = $"Row {rowNumber}: the same number came earlier in the input.",
            };
        }
        _pending.Add(new DncPendingEntry(rowNumber, input!, e164, source));
        return null;
    }

    /// <summary>A full batch, or (with <paramref name="flush"/>) whatever is pending; null when there is nothing to send.</summary>
    public IReadOnlyList<DncPendingEntry>? TakeBatch(bool flush = false)
    {
        if (_pending.Count == 0 || (!flush && _pending.Count < _batchSize)) return null;
        var count = Math.Min(_batchSize, _pending.Count);
        var batch = _pending.GetRange(0, count);
        _pending = _pending.GetRange(count, _pending.Count - count);
        return batch;
    }

    private static DncEntryResult Failure(long rowNumber, string? input, object? source, string code, string message) => new()
    {
        RowNumber = rowNumber, Input = input, Action = DncEntryAction.Failed, ErrorCode = code, Message = message, Source = source,
    };
}
