using System;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using GenesysSync.Input;
using GenesysSync.State;

namespace GenesysSync.Sync;

/// <summary>The input could not be read to the end; rows read so far were processed, Mirror deleted nothing.</summary>
public sealed class SyncInputException : Exception
{
    public SyncInputException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The External Contacts sync: the generic engine (<see cref="EntitySync{TEntity}"/>) with the contact kind
/// (<see cref="ContactSyncKind"/>) over an <see cref="IExternalContactGateway"/>. Reads the input twice (pass 1 finds
/// duplicate keys so the last row wins; pass 2 writes), in windows of <see cref="SyncOptions.BatchSize"/> rows with up to
/// <see cref="SyncOptions.MaxParallelBatches"/> windows in flight. Awaits keep the caller's synchronization context, so
/// sink callbacks run on the caller's thread under <see cref="SyncPump"/>.
/// </summary>
public sealed class ExternalContactSync
{
    private readonly EntitySync<ExternalContact> _engine;

    public ExternalContactSync(IExternalContactGateway gateway, SyncStateStore state, TimeProvider? time = null)
    {
        if (gateway is null) throw new ArgumentNullException(nameof(gateway));
        _engine = new EntitySync<ExternalContact>(ContactSyncKind.Instance, new ContactGatewayAdapter(gateway), state, time);
    }

    /// <summary>
    /// Runs one sync. Per-row problems become results; configuration errors (<see cref="MappingException"/>,
    /// <see cref="ArgumentException"/>), a locked state (<see cref="StateLockedException"/>), authentication/permission
    /// failures, input read failures (<see cref="SyncInputException"/>) and cancellation end the run with an exception
    /// after the state is consistent and the run is recorded.
    /// </summary>
    public Task<SyncSummary> RunAsync(IRowSource source, SyncOptions options, ISyncSink sink, CancellationToken cancellationToken = default)
        => _engine.RunAsync(source, options, sink, cancellationToken);
}
