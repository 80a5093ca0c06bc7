using GenesysSync.Bench.Infrastructure;

namespace GenesysSync.Bench.Measure;

/// <summary>
/// Peak working set of this process during one scenario: the kernel's high-water mark (VmHWM, reset at the
/// start through /proc/self/clear_refs) where available, and a 50 ms sampler as a floor everywhere.
/// </summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly Timer _timer;
    private readonly bool _kernelPeak;
    private long _sampled;

    public PeakWorkingSet()
    {
        // Garbage left by an earlier scenario must not count against this one.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _kernelPeak = ResetKernelPeak();
        _sampled = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, 0, 50);
    }

    public long PeakBytes
    {
        get
        {
            Sample();
            var sampled = Interlocked.Read(ref _sampled);
            var kernel = _kernelPeak ? SelfProcess.ProcStatus("/proc/self/status", "VmHWM:") ?? 0 : 0;
            return Math.Max(sampled, kernel);
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _sampled)) && Interlocked.CompareExchange(ref _sampled, now, seen) != seen) { }
    }

    private static bool ResetKernelPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public void Dispose() => _timer.Dispose();
}
