using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;
using GenesysSync.Infrastructure;
using GenesysSync.Outbound;

namespace GenesysSync.Commands.ContactLists;

/// <summary>
/// What the contact-list cmdlets share: resolving -ContactList (a name, an id or a list object), parsing
/// "Column:type" specs, and running long engine work while writing queued results, progress and the client's
/// verbose events on the pipeline thread every 50 ms.
/// </summary>
public abstract class ContactListCmdlet : GenesysCmdlet
{
    private readonly ConcurrentQueue<GenesysLogEvent> _clientLog = new();

    /// <summary>
    /// The list named, or with this id, or the list object itself (read again for a current version and size); null
    /// after a non-terminating error, or a terminating error when <paramref name="terminating"/> is set.
    /// </summary>
    internal ContactList? ResolveContactList(object? input, bool includeSize = true, bool terminating = false)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        var api = ActiveConnection.Outbound;
        try
        {
            ContactList? list = value switch
            {
                GenesysContactList known => Run(ct => api.GetContactListAsync(known.Id, includeSize, cancellationToken: ct)),
                string text when Guid.TryParse(text, out _) => Run(ct => api.GetContactListAsync(text, includeSize, cancellationToken: ct))
                                                               ?? Run(ct => api.FindContactListByNameAsync(text, includeSize, ct)),
                string text when text.Trim().Length > 0 => Run(ct => api.FindContactListByNameAsync(text.Trim(), includeSize, ct)),
                _ => throw new PSArgumentException("-ContactList takes a list name, a list id or a list from Get-GenesysContactList."),
            };
            if (list is null)
            {
                var record = new ErrorRecord(new ItemNotFoundException($"No contact list is named or has the id '{value}'. Get-GenesysContactList lists them."),
                    "ContactListNotFound", ErrorCategory.ObjectNotFound, input);
                if (terminating) ThrowTerminatingError(record);
                WriteError(record);
            }
            return list;
        }
        catch (GenesysApiException ex)
        {
            if (terminating) ThrowTerminating(ex, "ContactListLookupFailed", input);
            WriteItemError(ex, "ContactListLookupFailed", input);
            return null;
        }
    }

    /// <summary>"Mobile" or "Mobile:cell" → (Mobile, cell); the type defaults to <paramref name="defaultType"/>.</summary>
    internal static List<(string Column, string Type)> ParseColumnSpecs(IEnumerable<string> specs, string defaultType)
        => specs.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s =>
        {
            var colon = s.LastIndexOf(':');
            return colon > 0 && colon < s.Length - 1 ? (s.Substring(0, colon).Trim(), s.Substring(colon + 1).Trim()) : (s.Trim(), defaultType);
        }).ToList();

    internal static List<ContactPhoneNumberColumn> PhoneColumns(IEnumerable<string> specs)
        => ParseColumnSpecs(specs, "cell").Select(p => new ContactPhoneNumberColumn { ColumnName = p.Column, Type = p.Type }).ToList();

    internal static List<EmailColumn> EmailColumns(IEnumerable<string> specs)
        => ParseColumnSpecs(specs, "work").Select(p => new EmailColumn { ColumnName = p.Column, Type = p.Type }).ToList();

    /// <summary>Columns plus any phone/e-mail column not already among them, in order, without duplicates.</summary>
    internal static List<string> AllColumns(IEnumerable<string> columns, IEnumerable<ContactPhoneNumberColumn> phones, IEnumerable<EmailColumn> emails)
    {
        var all = new List<string>();
        foreach (var column in columns.Concat(phones.Select(p => p.ColumnName ?? "")).Concat(emails.Select(e => e.ColumnName ?? "")))
        {
            var name = column.Trim();
            if (name.Length > 0 && !all.Contains(name, StringComparer.OrdinalIgnoreCase)) all.Add(name);
        }
        return all;
    }

    /// <summary>
    /// Runs engine work to completion, calling <paramref name="pump"/> (which writes queued results, errors and
    /// progress) and writing the client's verbose events on this thread while it waits.
    /// </summary>
    internal T RunPumping<T>(Func<CancellationToken, Task<T>> work, Action pump)
    {
        Task<T> task;
        using (GenesysConnection.RouteLogTo(_clientLog.Enqueue))
        {
            task = work(CancellationToken);
        }
        while (!task.IsCompleted)
        {
            try
            {
                task.Wait(50);
            }
            catch (AggregateException)
            {
                // Observed below through GetResult, with the original exception type.
            }
            pump();
            DrainClientLog();
        }
        pump();
        DrainClientLog();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    internal void RunPumping(Func<CancellationToken, Task> work, Action pump)
        => RunPumping<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; }, pump);

    internal void DrainClientLog()
    {
        while (_clientLog.TryDequeue(out var e)) WriteVerbose(e.Message);
        Drain();
    }

    internal bool IsWhatIf()
        => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }
           || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
}
