using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Commands.Sync;
using GenesysSync.Dnc;
using GenesysSync.Http;
using GenesysSync.Input;

namespace GenesysSync.Commands.Dnc;

/// <summary>
/// Add-/Remove-GenesysDncListEntry: numbers from the pipeline (strings, or objects with a phone property), from
/// -PhoneNumber, or from a CSV file (-Path). Each is read to E.164 (-DefaultRegion), repeats are skipped, the rest go
/// in requests of -BatchSize; one result per row, an error for each row that cannot be read and for each refused request.
/// </summary>
public abstract class DncEntryCmdlet : DncCmdlet
{
    protected const string PipelineSet = "Pipeline";
    protected const string PhoneNumberSet = "PhoneNumber";
    protected const string PathSet = "Path";

    /// <summary>Column or property names tried, in order, when -Column is not given.</summary>
    internal static readonly string[] PhoneColumns = { "PhoneNumber", "Phone", "Number", "E164", "Mobile", "MobilePhone", "CellPhone", "Cell", "Telephone" };

    private DncEntryBatcher? _batcher;
    private DncList? _list;
    private long _rows;
    private readonly Dictionary<DncEntryAction, long> _counts = new();

    /// <summary>A list name, a list id, or a list from Get-GenesysDncList (an internal list).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object DncList { get; set; } = "";

    /// <summary>A phone number (string) or an object whose phone column (see -Column) holds one.</summary>
    [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PhoneNumberSet, Mandatory = true)]
    [AllowEmptyString]
    public string[] PhoneNumber { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = PathSet)]
    public char? Delimiter { get; set; }

    /// <summary>The column (CSV) or property (objects) holding the number.</summary>
    [Parameter(ParameterSetName = PipelineSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Column { get; set; }

    [Parameter(ParameterSetName = PipelineSet)]
    [Parameter(ParameterSetName = PhoneNumberSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    [Parameter(ParameterSetName = PipelineSet)]
    [Parameter(ParameterSetName = PhoneNumberSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>The action each sent row gets (Added or Removed).</summary>
    internal abstract DncEntryAction SentAction { get; }

    /// <summary>ShouldProcess wording, e.g. "Add to DNC list".</summary>
    internal abstract string ConfirmAction { get; }

    /// <summary>-Force: skip the confirmation of each request (-WhatIf still wins).</summary>
    internal virtual bool Forced => false;

    /// <summary>Error id of a refused request, e.g. "DncListAddFailed".</summary>
    internal abstract string RequestErrorId { get; }

    internal abstract System.Threading.Tasks.Task SendAsync(string listId, IReadOnlyList<string> phoneNumbers, System.Threading.CancellationToken cancellationToken);

    protected bool EntriesMode => ParameterSetName is PipelineSet or PhoneNumberSet or PathSet;

    internal DncList List => _list!;

    protected override void BeginProcessing()
    {
        _list = ResolveDncList(DncList, includeSize: true, terminating: true);
        if (!string.Equals(_list!.DncSourceType, GenesysSync.Dnc.DncList.InternalSourceType, StringComparison.Ordinal)
            || _list.ContactMethod is "Email" or "WhatsApp")
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The DNC list '{_list.Name}' is a {_list.DncSourceType} list for {_list.ContactMethod ?? "phone numbers"}: only internal (rds) lists for phone numbers take numbers through the API."),
                "DncListNotInternal", ErrorCategory.InvalidOperation, DncList));
        }
        _batcher = new DncEntryBatcher(BatchSize, DefaultRegion);
    }

    protected override void ProcessRecord()
    {
        if (!EntriesMode) return;
        switch (ParameterSetName)
        {
            case PhoneNumberSet:
                foreach (var number in PhoneNumber) Accept(number, number);
                break;
            case PipelineSet:
                if (InputObject is null) return;
                var (value, column) = PhoneOf(InputObject);
                string? phone;
                try
                {
                    phone = DictionaryRow.OneValueText(value, PipelineRowSource.UnwrapValue);
                }
                catch (NotAValueException ex)
                {
                    Reject(InputObject, column, ex.Problem);
                    return;
                }
                Accept(phone, InputObject);
                break;
            case PathSet:
                ReadFile();
                break;
        }
    }

    protected override void EndProcessing()
    {
        if (!EntriesMode || _batcher is null) return;
        while (_batcher.TakeBatch(flush: true) is { } batch) Send(batch);
        WriteVerbose(Invariant($"DNC list '{List.Name}': {_rows:N0} rows, {Count(SentAction):N0} {SentAction.ToString().ToLowerInvariant()}, {Count(DncEntryAction.Skipped):N0} skipped, {Count(DncEntryAction.Failed):N0} failed."));
    }

    private long Count(DncEntryAction action) => _counts.TryGetValue(action, out var n) ? n : 0;

    private void ReadFile()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (InputFileError(path, Path) is { } missing) ThrowTerminatingError(missing);
        CsvRowSource csv;
        try
        {
            csv = new CsvRowSource(path, new CsvReadOptions { Delimiter = Delimiter });
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            ThrowTerminating(ex, "InputFileUnreadable", Path);
            return;
        }
        var column = Column ?? PhoneColumns.FirstOrDefault(c => csv.Columns.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (column is null || !csv.Columns.Contains(column, StringComparer.OrdinalIgnoreCase))
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"The file has no {(Column is null ? "phone number column (tried " + string.Join(", ", PhoneColumns) + ")" : "column '" + Column + "'")}; its columns are {string.Join(", ", csv.Columns)}. Name the column with -Column."),
                "PhoneColumnNotFound", ErrorCategory.InvalidArgument, Path));
        }
        foreach (var row in csv.ReadRows())
        {
            if (CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
            Accept(row[column!], row);
        }
    }

    /// <summary>
    /// A string is the number; an object gives its -Column property, or the first usual phone property (and its name);
    /// an array without such a property is the value itself. The caller reads the value as the sync reads pipeline
    /// cells: an array of one item is that item; an array of several items or an object is not one value.
    /// </summary>
    private (object? Value, string? Column) PhoneOf(PSObject input)
    {
        if (input.BaseObject is string text) return (text, null);
        var cells = PipelineRowSource.Cells(input).ToList();
        var name = Column ?? PhoneColumns.FirstOrDefault(c => cells.Any(p => string.Equals(p.Key, c, StringComparison.OrdinalIgnoreCase)));
        var cell = cells.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        if (cell.Key is not null) return (cell.Value, cell.Key);
        return (input.BaseObject is IEnumerable and not IDictionary ? input.BaseObject : null, null);
    }

    /// <summary>An item whose number is not one value fails with NotAValue; the message names the row, never the value.</summary>
    private void Reject(PSObject input, string? column, string problem)
    {
        var row = ++_rows;
        Emit(new DncEntryResult
        {
            RowNumber = row,
            Action = DncEntryAction.Failed,
            ErrorCode = DncEntryErrorCodes.NotAValue,
            Message = column is null
                ? Invariant($"Row {row}: the input {problem}; give one phone number.")
                : Invariant($"Row {row}: column '{column}' (the phone number) {problem}; give one value."), // as SourceRows.NotAValueMessage words it
            Source = input,
        });
    }

    private void Accept(string? text, object? source)
    {
        var result = _batcher!.Accept(++_rows, text, source);
        if (result is not null) Emit(result);
        while (_batcher.TakeBatch() is { } batch) Send(batch);
    }

    /// <summary>One confirmation per request's worth of numbers, not per row.</summary>
    private void Send(IReadOnlyList<DncPendingEntry> batch)
    {
        var target = Invariant($"{batch.Count} phone number(s) of rows {batch[0].RowNumber}-{batch[batch.Count - 1].RowNumber} → DNC list '{List.Name}'");
        if (!ShouldProcessUnlessForced(target, ConfirmAction, Forced))
        {
            foreach (var entry in batch)
            {
                var planned = entry.ToResult(SentAction);
                planned.WhatIf = true;
                Emit(planned);
            }
            return;
        }
        try
        {
            Run(ct => SendAsync(List.Id!, batch.Select(e => e.PhoneNumber).ToList(), ct));
            foreach (var entry in batch) Emit(entry.ToResult(SentAction));
        }
        catch (GenesysAuthenticationException ex) { ThrowTerminating(ex, "AuthenticationFailed"); }
        catch (GenesysPermissionException ex) { ThrowTerminating(ex, "PermissionDenied"); }
        catch (GenesysApiException ex)
        {
            // The API takes or refuses a request whole: every row in it failed for the same reason.
            WriteItemError(ex, RequestErrorId, target);
            foreach (var entry in batch)
            {
                var failed = entry.ToResult(DncEntryAction.Failed);
                failed.ErrorCode = ex.Code ?? DncEntryErrorCodes.RequestFailed;
                failed.Message = Invariant($"Row {entry.RowNumber}: the request was refused: {ex.Message}");
                failed.HttpStatus = ex.StatusCode == 0 ? null : ex.StatusCode;
                failed.ContextId = ex.ContextId;
                Emit(failed, writeError: false);
            }
        }
    }

    private void Emit(DncEntryResult result, bool writeError = true)
    {
        _counts[result.Action] = Count(result.Action) + 1;
        var input = EntitySyncCmdlet.ToInputObject(result.Source);
        WriteObject(new GenesysDncEntryResult(result, List.Name ?? List.Id ?? "", input));
        if (writeError && result.Action == DncEntryAction.Failed)
            WriteError(new ErrorRecord(new FormatException(result.Message), result.ErrorCode ?? "DncEntryFailed", ErrorCategory.InvalidData, input));
    }
}
