using System;

namespace GenesysSync.Sync;

public enum SyncLogLevel
{
    Verbose,
    Information,
    Warning,
}

/// <summary>
/// Where the engine reports. All calls happen on the thread that awaits <see cref="ExternalContactSync.RunAsync"/>
/// when it has a synchronization context (see <see cref="SyncPump"/>), one at a time — so a cmdlet can
/// call WriteObject/ShouldProcess/WriteProgress directly from them.
/// </summary>
public interface ISyncSink
{
    /// <summary>A row (or deleted contact) is finished.</summary>
    void OnResult(SyncResult result);

    /// <summary>Asked before each write is queued (ShouldProcess). Not called for WhatIf runs.</summary>
    bool ShouldProcess(string target, string action);

    void OnProgress(SyncProgress progress);

    /// <summary>Messages for the user; never contain row values.</summary>
    void OnLog(SyncLogLevel level, string message);
}

/// <summary>A sink built from delegates (any may be null); ShouldProcess defaults to yes.</summary>
public sealed class DelegateSyncSink : ISyncSink
{
    public Action<SyncResult>? Result { get; set; }
    public Func<string, string, bool>? Confirm { get; set; }
    public Action<SyncProgress>? Progress { get; set; }
    public Action<SyncLogLevel, string>? Log { get; set; }

    public void OnResult(SyncResult result) => Result?.Invoke(result);
    public bool ShouldProcess(string target, string action) => Confirm?.Invoke(target, action) ?? true;
    public void OnProgress(SyncProgress progress) => Progress?.Invoke(progress);
    public void OnLog(SyncLogLevel level, string message) => Log?.Invoke(level, message);
}
