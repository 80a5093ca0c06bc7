using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;
using GenesysSync.Session;

namespace GenesysSync.Infrastructure;

/// <summary>
/// Base of every cmdlet that talks to Genesys: resolves the connection, owns cancellation
/// (Ctrl+C → StopProcessing → the token), and runs async engine calls while relaying the client's
/// diagnostic events to -Verbose on the pipeline thread (Write* is illegal on worker threads).
/// </summary>
public abstract class GenesysCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ConcurrentQueue<GenesysLogEvent> _events = new();
    private GenesysConnection? _connection;

    /// <summary>The connection to use instead of the session default (see Connect-GenesysCloud).</summary>
    [Parameter]
    public GenesysConnection? Connection { get; set; }

    protected CancellationToken CancellationToken => _cancel.Token;

    protected GenesysConnection ActiveConnection => _connection ??= ResolveConnection();

    protected override void StopProcessing() => _cancel.Cancel();

    private GenesysConnection ResolveConnection()
    {
        var connection = Connection ?? GenesysSession.Current;
        if (connection is null || !connection.IsConnected)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Not connected to Genesys Cloud. Run Connect-GenesysCloud first (Connect-GenesysCloud -Sandbox to try things without an org)."),
                "NotConnected", ErrorCategory.ConnectionError, null));
        }
        return connection!;
    }

    /// <summary>Runs engine work to completion on this thread's behalf, pumping verbose events.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        Task<T> task;
        using (GenesysConnection.RouteLogTo(_events.Enqueue))
        {
            task = work(_cancel.Token);
        }
        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
        {
            Drain();
        }
        Drain();
        return task.GetAwaiter().GetResult();
    }

    protected void Run(Func<CancellationToken, Task> work)
        => Run<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; });

    /// <summary>Writes queued client events as verbose lines (method, route, status, timing; never bodies).</summary>
    protected void Drain()
    {
        while (_events.TryDequeue(out var e))
        {
            WriteVerbose(e.Message);
        }
    }

    /// <summary>A non-terminating error for one item, with a stable id and the Genesys details.</summary>
    protected void WriteItemError(Exception exception, string errorId, object? target)
        => WriteError(ErrorRecords.From(exception, errorId, target));

    /// <summary>Stops the whole command: not connected, bad configuration, authentication.</summary>
    /// <summary>
    /// The InputFileNotFound error for an input file that is missing or is a folder (resolved path), or null
    /// when it is a file.
    /// </summary>
    protected static ErrorRecord? InputFileError(string resolvedPath, string path)
    {
        if (File.Exists(resolvedPath)) return null;
        var message = Directory.Exists(resolvedPath)
            ? $"'{path}' is a folder; give the path of a CSV file."
            : $"The file '{path}' does not exist.";
        return new ErrorRecord(new FileNotFoundException(message, resolvedPath), "InputFileNotFound", ErrorCategory.ObjectNotFound, path);
    }

    protected void ThrowTerminating(Exception exception, string errorId, object? target = null)
        => ThrowTerminatingError(ErrorRecords.From(exception, errorId, target));

    /// <summary>
    /// A contact custom-field schema by name or id, latest version, read once. An unknown one stops the command
    /// (ExternalContactSchemaNotFound) and names the schemas that exist; a disabled one stops it too
    /// (ExternalContactSchemaDisabled), before any write: Genesys refuses every contact written with it.
    /// </summary>
    protected GenesysSync.Sync.ICustomFieldSchema ResolveContactSchema(string nameOrId)
    {
        var api = ActiveConnection.ExternalContacts;
        var schema = Run(ct => api.ResolveContactSchemaAsync(nameOrId, ct));
        if (schema is null)
        {
            var names = Run(ct => api.ListContactSchemasAsync(ct)).Select(s => "'" + s.Name + "'").ToList();
            ThrowTerminating(new ItemNotFoundException($"No external contact schema is named '{nameOrId}' or has that id. "
                + (names.Count == 0 ? "The org has no contact schemas (New-GenesysExternalContactSchema creates one)." : "Schemas: " + string.Join(", ", names.Take(30)) + ".")),
                "ExternalContactSchemaNotFound", nameOrId);
        }
        if (schema!.Enabled == false)
        {
            ThrowTerminating(new InvalidOperationException($"The external contact schema '{schema.Name}' is disabled, and Genesys refuses contacts written with it. " +
                $"Enable it (Set-GenesysExternalContactSchema -Name '{schema.Name}' -Enabled $true) or run without -Schema."),
                "ExternalContactSchemaDisabled", nameOrId);
        }
        var resolved = GenesysSync.Sync.CustomFieldSchema.FromDataSchema(schema!);
        WriteVerbose(Invariant($"Custom-field schema '{resolved.Name}' ({resolved.Id}) version {resolved.Version}: {resolved.Fields.Count} field(s)."));
        return resolved;
    }

    /// <summary>ShouldProcess that -Force skips (no prompt), while -WhatIf still wins over -Force.</summary>
    protected bool ShouldProcessUnlessForced(string target, string action, bool force)
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }
            || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        return (force && !whatIf) || ShouldProcess(target, action);
    }

    /// <summary>
    /// True when nobody can watch progress or answer a prompt (scheduled task, cron, systemd, pwsh -NonInteractive;
    /// see <see cref="Interactivity"/>). Progress is then not written and a confirmation prompt fails fast.
    /// </summary>
    protected bool IsNonInteractive => _nonInteractive ??= Interactivity.IsNonInteractive(Host);

    private bool? _nonInteractive;

    /// <summary>Progress for a person; skipped when non-interactive (it only slows a scheduled job and clutters its log).</summary>
    protected new void WriteProgress(ProgressRecord progressRecord)
    {
        if (!IsNonInteractive) base.WriteProgress(progressRecord);
    }

    /// <summary>ShouldProcess that never hangs a scheduled job on a prompt nobody can answer.</summary>
    protected new bool ShouldProcess(string target, string action)
    {
        if (IsNonInteractive && WouldPrompt()) ThrowPromptInNonInteractiveSession(action + " on " + target);
        return base.ShouldProcess(target, action);
    }

    protected new bool ShouldProcess(string target)
    {
        if (IsNonInteractive && WouldPrompt()) ThrowPromptInNonInteractiveSession(target);
        return base.ShouldProcess(target);
    }

    /// <summary>Whether ShouldProcess would ask (-Confirm, or this cmdlet's ConfirmImpact at or above $ConfirmPreference), -WhatIf aside.</summary>
    private bool WouldPrompt()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }) return false;
        if (SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true }) return false;
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && c is SwitchParameter confirm) return confirm.IsPresent;
        var impact = GetType().GetCustomAttributes(typeof(CmdletAttribute), inherit: true).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
        var preference = SessionState.PSVariable.GetValue("ConfirmPreference") switch
        {
            ConfirmImpact value => value,
            string text when Enum.TryParse<ConfirmImpact>(text, ignoreCase: true, out var parsed) => parsed,
            _ => ConfirmImpact.High,
        };
        return preference != ConfirmImpact.None && impact >= preference;
    }

    private void ThrowPromptInNonInteractiveSession(string what)
        => ThrowTerminatingError(new ErrorRecord(
            new InvalidOperationException($"{MyInvocation.MyCommand.Name} asks for confirmation ({what}), but this session is not interactive (a scheduled task, cron or service), so nobody could answer. Add -Confirm:$false (or -Force where the command has it) to the command in the script."),
            "ConfirmationNeedsInteractiveSession", ErrorCategory.InvalidOperation, null));

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
