using System;
using System.Diagnostics;
using System.Threading;

namespace GenesysSync.Time;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time. Shared by the client and the
/// emulator in tests and the benchmark so that a minute of rate-limit budget passes in a second,
/// while both sides still see one consistent timeline.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startUtc = DateTimeOffset.UtcNow;

    public ScaledTimeProvider(double factor)
    {
        if (factor <= 0) throw new ArgumentOutOfRangeException(nameof(factor));
        Factor = factor;
    }

    public double Factor { get; }

    public override DateTimeOffset GetUtcNow() => _startUtc + TimeSpan.FromTicks((long)(RealElapsed.Ticks * Factor));

    public override long GetTimestamp() => (long)((Stopwatch.GetTimestamp() - _startTimestamp) * Factor);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => TimeProvider.System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan RealElapsed => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - _startTimestamp) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));

    private TimeSpan Scale(TimeSpan span)
        => span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks((long)(span.Ticks / Factor));
}
