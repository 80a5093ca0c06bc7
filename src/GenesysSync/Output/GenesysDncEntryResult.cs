using GenesysSync.Dnc;

namespace GenesysSync;

/// <summary>One input row of Add-/Remove-GenesysDncListEntry and what happened to it.</summary>
public sealed class GenesysDncEntryResult
{
    internal GenesysDncEntryResult(DncEntryResult result, string dncList, object? inputObject)
    {
        DncList = dncList;
        RowNumber = result.RowNumber;
        Input = result.Input;
        PhoneNumber = result.PhoneNumber;
        Action = result.Action.ToString();
        ErrorCode = result.ErrorCode;
        Message = result.Message;
        HttpStatus = result.HttpStatus;
        ContextId = result.ContextId;
        WhatIf = result.WhatIf;
        InputObject = inputObject;
    }

    public string DncList { get; }
    public long RowNumber { get; }
    /// <summary>The phone number as given.</summary>
    public string? Input { get; }
    /// <summary>The number in E.164, as sent.</summary>
    public string? PhoneNumber { get; }
    /// <summary>Added, Removed, Skipped (repeated in the input) or Failed.</summary>
    public string Action { get; }
    public string? ErrorCode { get; }
    public string? Message { get; }
    public int? HttpStatus { get; }
    public string? ContextId { get; }
    /// <summary>True when the row was only planned (-WhatIf or a declined confirmation).</summary>
    public bool WhatIf { get; }
    /// <summary>The pipeline object or CSV row the number came from.</summary>
    public object? InputObject { get; }

    public override string ToString() => $"{RowNumber}: {Action} {PhoneNumber ?? Input}";
}
