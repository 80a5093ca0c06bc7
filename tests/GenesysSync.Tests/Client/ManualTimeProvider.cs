namespace GenesysSync.Tests.Client;

/// <summary>
/// A clock that only moves when told to. With <see cref="AutoAdvance"/> on, every timer the code
/// under test creates (Task.Delay, Polly waits) moves the clock straight to its due time and fires,
/// so sequential retry/backoff flows run instantly while <see cref="Waits"/> records each wait.
/// (Leave RequestTimeout infinite with AutoAdvance, or the timeout timer would fire at once.)
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly List<TimeSpan> _waits = new();
    private DateTimeOffset _now;
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public bool AutoAdvance { get; set; }

    /// <summary>Due times of the timers created so far (i.e. every wait the code asked for).</summary>
    public IReadOnlyList<TimeSpan> Waits { get { lock (_lock) return _waits.ToArray(); } }

    public int PendingTimers { get { lock (_lock) return _timers.Count(t => t.Due.HasValue); } }

    public override DateTimeOffset GetUtcNow() { lock (_lock) return _now; }
    public override long GetTimestamp() { lock (_lock) return _now.UtcTicks; }
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        TaskCompletionSource signal;
        lock (_lock)
        {
            _timers.Add(timer);
            if (dueTime != Timeout.InfiniteTimeSpan) _waits.Add(dueTime);
            timer.Schedule(dueTime, period, _now);
            signal = _timerCreated;
            _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
        if (AutoAdvance && dueTime != Timeout.InfiniteTimeSpan) Advance(dueTime);
        return timer;
    }

    /// <summary>Completes when code under test next creates a timer (i.e. starts waiting).</summary>
    public Task NextTimerCreated() { lock (_lock) return _timerCreated.Task; }

    /// <summary>Waits (real time, bounded) until at least <paramref name="count"/> timers are pending.</summary>
    public async Task WaitForPendingTimersAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (PendingTimers < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} pending timer(s), have {PendingTimers}.");
            await Task.WhenAny(NextTimerCreated(), Task.Delay(20));
        }
    }

    /// <summary>Moves the clock forward and fires (on the thread pool) every timer now due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(t => t.Due.HasValue && t.Due.Value <= _now).ToList();
            foreach (var t in due) t.Fired(_now);
        }
        foreach (var t in due) ThreadPool.QueueUserWorkItem(_ => t.Invoke());
    }

    private void Remove(ManualTimer timer) { lock (_lock) _timers.Remove(timer); }

    private void Reschedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock) timer.Schedule(dueTime, period, _now);
    }

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private TimeSpan _period;

        public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period, DateTimeOffset now)
        {
            _period = period;
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
        }

        public void Fired(DateTimeOffset now)
            => Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Invoke() => _callback(_state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _owner.Reschedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => _owner.Remove(this);
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
