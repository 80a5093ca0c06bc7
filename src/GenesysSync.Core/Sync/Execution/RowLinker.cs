using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Input;

namespace GenesysSync.Sync;

/// <summary>What a linker made of one row: the row with the added fields, or the issue that stops it.</summary>
public sealed class LinkOutcome
{
    public LinkOutcome(NormalizedContact? contact, RowIssue? issue = null)
    {
        Contact = contact;
        Issue = issue;
    }

    public NormalizedContact? Contact { get; }
    public RowIssue? Issue { get; }
}

/// <summary>
/// Adds fields to rows before they are planned, from data the row only names (e.g. an organization's external id
/// that must become its Genesys id). Called once per window of rows; one outcome per row, in order.
/// </summary>
public interface IRowLinker
{
    Task<IReadOnlyList<LinkOutcome>> LinkAsync(IReadOnlyList<(ISourceRow Row, NormalizedContact Contact)> rows, bool whatIf, CancellationToken cancellationToken);
}
