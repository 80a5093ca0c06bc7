using System;

namespace GenesysSync.Http;

/// <summary>
/// Opens after <c>threshold</c> consecutive 5xx answers and then fails fast for the break
/// duration; afterwards one probe request is let through (half-open): success closes it,
/// another 5xx opens it again.
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly object _lock = new();
    private readonly int _threshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _clock;
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _open;
    private bool _probeInFlight;
    private int _lastStatus;

    public CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider clock)
    {
        _threshold = threshold;
        _breakDuration = breakDuration;
        _clock = clock;
    }

    public event Action<CircuitState>? StateChanged;

    /// <summary>Returns null when the request may go, otherwise the time until the breaker half-opens.</summary>
    public TimeSpan? TryEnter(out bool isProbe, out int lastStatus)
    {
        CircuitState? changed = null;
        TimeSpan? refusal = null;
        lock (_lock)
        {
            isProbe = false;
            lastStatus = _lastStatus;
            if (_open)
            {
                var now = _clock.GetUtcNow();
                if (now < _openUntil) refusal = _openUntil - now;
                else if (_probeInFlight) refusal = TimeSpan.Zero;
                else
                {
                    _probeInFlight = true;
                    isProbe = true;
                    changed = CircuitState.HalfOpen;
                }
            }
        }
        if (changed.HasValue) StateChanged?.Invoke(changed.Value);
        return refusal;
    }

    public void OnResult(int status, bool isProbe)
    {
        if (status >= 500) OnFailure(status, isProbe);
        else OnSuccess(isProbe);
    }

    /// <summary>No HTTP answer: does not count, but a failed probe keeps the circuit open.</summary>
    public void OnNoResponse(bool isProbe)
    {
        if (isProbe) OnFailure(0, isProbe: true);
    }

    /// <summary>The attempt was abandoned (cancelled) before an answer: frees the probe.</summary>
    public void OnAbandoned(bool isProbe)
    {
        if (!isProbe) return;
        lock (_lock) _probeInFlight = false;
    }

    private void OnSuccess(bool isProbe)
    {
        var closed = false;
        lock (_lock)
        {
            _consecutiveFailures = 0;
            if (_open && isProbe)
            {
                _open = false;
                _probeInFlight = false;
                closed = true;
            }
        }
        if (closed) StateChanged?.Invoke(CircuitState.Closed);
    }

    private void OnFailure(int status, bool isProbe)
    {
        var opened = false;
        lock (_lock)
        {
            if (status != 0) _lastStatus = status;
            if (isProbe) _probeInFlight = false;
            _consecutiveFailures++;
            if (isProbe || (!_open && _consecutiveFailures >= _threshold))
            {
                _open = true;
                _openUntil = _clock.GetUtcNow() + _breakDuration;
                opened = true;
            }
        }
        if (opened) StateChanged?.Invoke(CircuitState.Open);
    }
}

internal enum CircuitState { Closed, Open, HalfOpen }
