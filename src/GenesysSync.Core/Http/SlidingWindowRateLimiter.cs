using System;
using System.Collections.Generic;

namespace GenesysSync.Http;

/// <summary>
/// The request budget of one token: at most <c>limit</c> requests in any sliding window, the way
/// the platform counts them. Requests reserve a send time in order, so a burst is spread to use
/// the whole budget with no 429s instead of sending, failing and retrying. Not thread-safe: the
/// <see cref="TokenPool"/> lock guards it.
/// </summary>
internal sealed class SlidingWindowRateLimiter
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    // Send times (reserved, later corrected to the real send time), oldest first.
    private readonly List<Slot> _slots = new();
    private DateTimeOffset _latest = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <param name="window">The server's window plus a safety margin.</param>
    public SlidingWindowRateLimiter(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public int Limit => _limit;

    /// <summary>Earliest time a new request may be sent.</summary>
    public DateTimeOffset NextAvailable(DateTimeOffset now)
    {
        Prune(now);
        var t = Max(now, Max(_pausedUntil, _latest));
        // The new request plus the last (limit - 1) must fit in one window: wait until the
        // limit-th most recent send leaves it.
        if (_slots.Count >= _limit) t = Max(t, _slots[_slots.Count - _limit].Time + _window);
        return t;
    }

    public Slot Reserve(DateTimeOffset now)
    {
        var slot = new Slot(NextAvailable(now));
        _slots.Add(slot);
        _latest = slot.Time;
        return slot;
    }

    /// <summary>
    /// Checks the window again just before sending (earlier requests' times may have moved later
    /// since this slot was reserved): returns how much longer to wait, or null when it may go now.
    /// </summary>
    public TimeSpan? WaitBeforeSend(Slot slot, DateTimeOffset now)
    {
        if (_pausedUntil > now) return _pausedUntil - now;
        var index = _slots.IndexOf(slot);
        if (index >= _limit)
        {
            var allowedAt = _slots[index - _limit].Time + _window;
            if (allowedAt > now) return allowedAt - now;
        }
        return null;
    }

    /// <summary>
    /// Moves a request's time to <paramref name="now"/> if later: called when it is sent and again
    /// when its answer arrives, because the server counted it somewhere in between; counting from
    /// the answer keeps the client's window never ahead of the server's.
    /// </summary>
    public void MarkSent(Slot slot, DateTimeOffset now)
    {
        if (now > slot.Time) slot.Time = now;
        if (slot.Time > _latest) _latest = slot.Time;
    }

    /// <summary>
    /// Gives a reservation back (the request was cancelled before sending). The queue's tail moves back to the
    /// latest remaining slot: after a cancelled burst the next request must not wait behind slots nobody holds.
    /// </summary>
    public void Release(Slot slot)
    {
        if (!_slots.Remove(slot)) return;
        var latest = DateTimeOffset.MinValue;
        foreach (var s in _slots) latest = Max(latest, s.Time);
        _latest = latest;
    }

    /// <summary>No request goes before <paramref name="until"/> (after a 429 with Retry-After).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        if (until > _pausedUntil) _pausedUntil = until;
    }

    public DateTimeOffset PausedUntil => _pausedUntil;

    private void Prune(DateTimeOffset now)
    {
        // Keep at least `limit` entries' worth only while they can still matter.
        var expired = 0;
        while (expired < _slots.Count && _slots[expired].Time + _window <= now) expired++;
        if (expired > 0) _slots.RemoveRange(0, expired);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal sealed class Slot
    {
        public Slot(DateTimeOffset time) => Time = time;
        public DateTimeOffset Time { get; set; }
    }
}
