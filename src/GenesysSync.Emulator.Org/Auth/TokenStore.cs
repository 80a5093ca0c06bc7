using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace GenesysSync.Emulator.Auth;

/// <summary>An issued access token: who holds it, when it dies, and its own rate-limit window.</summary>
internal sealed class TokenInfo
{
    public TokenInfo(string clientId, DateTimeOffset expiresAt)
    {
        ClientId = clientId;
        ExpiresAt = expiresAt;
    }

    public string ClientId { get; }
    public DateTimeOffset ExpiresAt { get; }
    public RateWindow Window { get; } = new();
}

/// <summary>Opaque bearer tokens (random, unguessable) → <see cref="TokenInfo"/>.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();

    public string Issue(string clientId, DateTimeOffset now, TimeSpan lifetime)
    {
        if (_tokens.Count > 10_000) PurgeExpired(now);
        var bytes = new byte[32];
        lock (_random) _random.GetBytes(bytes);
        var token = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = new TokenInfo(clientId, now + lifetime);
        return token;
    }

    public TokenInfo? Find(string token) => _tokens.TryGetValue(token, out var info) ? info : null;

    /// <summary>Every token still held (tests search client output for them: none may ever appear).</summary>
    public IReadOnlyList<string> All() => new List<string>(_tokens.Keys);

    /// <summary>Forgets every request counted so far (tokens stay valid).</summary>
    public void ResetWindows()
    {
        foreach (var pair in _tokens) pair.Value.Window.Clear();
    }

    private void PurgeExpired(DateTimeOffset now)
    {
        var dead = new List<string>();
        foreach (var pair in _tokens)
        {
            if (pair.Value.ExpiresAt <= now) dead.Add(pair.Key);
        }
        foreach (var key in dead) _tokens.TryRemove(key, out _);
    }
}

/// <summary>
/// A sliding 60-second window of accepted requests for one token. When the window is full the caller must wait
/// until its oldest request is 60 s old; that wait (rounded up, at least 1 s) is the Retry-After value.
/// </summary>
internal sealed class RateWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> _accepted = new();

    /// <summary>Counts the request and returns null, or returns the seconds to wait (the request is not counted).</summary>
    public int? TryAcquire(DateTimeOffset now, int limit)
    {
        lock (_accepted)
        {
            while (_accepted.Count > 0 && _accepted.Peek() <= now - Window) _accepted.Dequeue();
            if (_accepted.Count >= limit)
            {
                // Slots free up one by one: the request that frees the slot we need is at index Count - limit.
                var freesAt = ElementAt(_accepted.Count - limit) + Window;
                var seconds = (int)Math.Ceiling((freesAt - now).TotalSeconds);
                return Math.Max(1, seconds);
            }
            _accepted.Enqueue(now);
            return null;
        }
    }

    public void Clear()
    {
        lock (_accepted) _accepted.Clear();
    }

    private DateTimeOffset ElementAt(int index)
    {
        foreach (var time in _accepted)
        {
            if (index-- == 0) return time;
        }
        return _accepted.Peek();
    }
}
