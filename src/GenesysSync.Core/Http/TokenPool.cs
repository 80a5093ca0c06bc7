using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GenesysSync.Http;

/// <summary>One credential of the pool: its current token and its own request budget.</summary>
internal sealed class PooledToken
{
    private volatile TokenState? _state;

    public PooledToken(int index, OAuthClientCredential credential, SlidingWindowRateLimiter limiter)
    {
        Index = index;
        Credential = credential;
        Limiter = limiter;
    }

    public int Index { get; }
    public OAuthClientCredential Credential { get; }
    public SlidingWindowRateLimiter Limiter { get; }
    /// <summary>Serializes fetches so a burst of requests refreshes once.</summary>
    public SemaphoreSlim RefreshLock { get; } = new(1, 1);
    public TokenState? State { get => _state; set => _state = value; }
}

/// <summary>An access token (immutable; replaced as a whole on refresh, so readers never see half a refresh).</summary>
internal sealed class TokenState
{
    public TokenState(string accessToken, DateTimeOffset expiresAt, DateTimeOffset refreshAt, int generation)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
        RefreshAt = refreshAt;
        Generation = generation;
    }

    public string AccessToken { get; }
    public DateTimeOffset ExpiresAt { get; }
    public DateTimeOffset RefreshAt { get; }
    public int Generation { get; }

    public override string ToString() => $"Token(generation {Generation}, expires {ExpiresAt:u})";
}

/// <summary>
/// The tokens of a connection. Each request takes the token whose budget frees up soonest
/// (ties go round-robin), so N credentials give N budgets.
/// </summary>
internal sealed class TokenPool
{
    private readonly object _lock = new();
    private readonly TimeProvider _clock;
    private int _next;

    public TokenPool(IEnumerable<PooledToken> tokens, TimeProvider clock)
    {
        Tokens = tokens.ToArray();
        _clock = clock;
    }

    public IReadOnlyList<PooledToken> Tokens { get; }

    /// <summary>Picks a token and reserves a send time on its budget.</summary>
    public Reservation Reserve()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            PooledToken? best = null;
            var bestTime = DateTimeOffset.MaxValue;
            for (var i = 0; i < Tokens.Count; i++)
            {
                var token = Tokens[(_next + i) % Tokens.Count];
                var at = token.Limiter.NextAvailable(now);
                if (at < bestTime)
                {
                    best = token;
                    bestTime = at;
                }
            }
            _next = (best!.Index + 1) % Tokens.Count;
            return new Reservation(best, best.Limiter.Reserve(now));
        }
    }

    /// <summary>Reserves another send on a given token (the replay after a 401).</summary>
    public Reservation Reserve(PooledToken token)
    {
        lock (_lock) return new Reservation(token, token.Limiter.Reserve(_clock.GetUtcNow()));
    }

    /// <summary>
    /// Called when the reserved time has come: if the window or a 429 pause still says wait,
    /// returns how long; otherwise records the send and returns null.
    /// </summary>
    public TimeSpan? TryMarkSent(Reservation reservation)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var limiter = reservation.Token.Limiter;
            var wait = limiter.WaitBeforeSend(reservation.Slot, now);
            if (wait.HasValue) return wait;
            limiter.MarkSent(reservation.Slot, now);
            return null;
        }
    }

    /// <summary>The answer (or failure) arrived: the request now counts from this time.</summary>
    public void MarkAnswered(Reservation reservation)
    {
        lock (_lock) reservation.Token.Limiter.MarkSent(reservation.Slot, _clock.GetUtcNow());
    }

    public void Release(Reservation reservation)
    {
        lock (_lock) reservation.Token.Limiter.Release(reservation.Slot);
    }

    public void Pause(PooledToken token, TimeSpan duration)
    {
        lock (_lock) token.Limiter.PauseUntil(_clock.GetUtcNow() + duration);
    }
}

internal readonly struct Reservation
{
    public Reservation(PooledToken token, SlidingWindowRateLimiter.Slot slot)
    {
        Token = token;
        Slot = slot;
    }

    public PooledToken Token { get; }
    public SlidingWindowRateLimiter.Slot Slot { get; }
}
