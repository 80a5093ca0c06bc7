using System;

namespace GenesysSync.Emulator.Time;

/// <summary>
/// The org's notion of "now": the configured TimeProvider plus an offset that the control surface can push forward
/// (so token expiry and rate-limit windows can be skipped over without waiting, whatever provider is in use).
/// </summary>
internal sealed class OrgClock
{
    private readonly EmulatorOptions _options;
    private long _offsetTicks;

    public OrgClock(EmulatorOptions options) => _options = options;

    public DateTimeOffset UtcNow => _options.TimeProvider.GetUtcNow() + TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        System.Threading.Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
