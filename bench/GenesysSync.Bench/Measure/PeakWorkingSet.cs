using GenesysSync.Bench.Infrastructure;

namespace GenesysSync.Bench.Measure;

/// <summary>
/// Peak working set of this process during one scenario: the kernel's high-water mark (VmHWM, reset at the
/// start through /proc/self/clear_refs) where available, and a 50 ms sampler as a floor everywhere. Also the
/// peak GC heap (its size after each collection: what is still referenced plus older garbage not yet
/// collected), because the working set also holds garbage the GC has simply not needed to reclaim yet.
/// </summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly Timer _timer;
    private readonly bool _kernelPeak;
    private long _sampled;
    private long _heap;

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

    public long PeakGcHeapBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _heap);
        }
    }

    private void Sample()
    {
        Max(ref _sampled, Environment.WorkingSet);
        Max(ref _heap, GC.GetGCMemoryInfo().HeapSizeBytes);
    }

    private static void Max(ref long field, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, now, seen) != seen) { }
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
