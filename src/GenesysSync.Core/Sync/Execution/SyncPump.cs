using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysSync.Sync;

/// <summary>
/// Runs an async operation on the calling thread: every continuation that does not opt out with
/// ConfigureAwait(false) comes back here. The engine's awaits keep the context, so a cmdlet that runs
/// it through <see cref="Run{T}"/> gets every sink callback on its pipeline thread (where WriteObject,
/// ShouldProcess and WriteProgress are allowed), while HTTP I/O still overlaps.
/// </summary>
public static class SyncPump
{
    public static T Run<T>(Func<Task<T>> operation)
    {
        if (operation is null) throw new ArgumentNullException(nameof(operation));
        var previous = SynchronizationContext.Current;
        using var context = new PumpContext();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var task = operation();
            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public static void Run(Func<Task> operation) => Run(async () =>
    {
        await operation();
        return true;
    });

    private sealed class PumpContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _queue.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                // Completed: run elsewhere rather than lose the continuation.
                ThreadPool.QueueUserWorkItem(_ => d(state));
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Synchronous Send is not supported by the pump.");

        public void Complete() => _queue.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var item in _queue.GetConsumingEnumerable()) item.Callback(item.State);
        }

        public void Dispose() => _queue.Dispose();
    }
}
