using System;
using System.Security.Cryptography;
using System.Text;

namespace GenesysSync.Outbound.Loading;

/// <summary>
/// A Lead ID reduced to 64 bits: the first 8 bytes of SHA-256("leadid" U+001F id), i.e. of
/// <c>KeyHash.Compute(LeadKey.Scope, id)</c>, so a state store keyed by KeyHash can line up with it. 1.5 million leads
/// collide with a probability of about 6e-8. Never holds the Lead ID itself.
/// </summary>
public readonly struct LeadKey : IEquatable<LeadKey>
{
    public const string Scope = "leadid";

    [ThreadStatic] private static SHA256? _sha;
    [ThreadStatic] private static byte[]? _buffer;

    public LeadKey(ulong value) => Value = value;

    public ulong Value { get; }

    public static LeadKey Of(string leadId)
    {
        if (leadId == null) throw new ArgumentNullException(nameof(leadId));
        var sha = _sha ??= SHA256.Create();
        var max = Encoding.UTF8.GetMaxByteCount(Scope.Length + 1 + leadId.Length);
        if (_buffer == null || _buffer.Length < max) _buffer = new byte[Math.Max(256, max)];
        var length = Encoding.UTF8.GetBytes(Scope + "\u001F" + leadId, 0, Scope.Length + 1 + leadId.Length, _buffer, 0);
        var hash = sha.ComputeHash(_buffer, 0, length);
        ulong value = 0;
        for (var i = 0; i < 8; i++) value = (value << 8) | hash[i];
        return new LeadKey(value);
    }

    public bool Equals(LeadKey other) => Value == other.Value;
    public override bool Equals(object? obj) => obj is LeadKey k && Equals(k);
    public override int GetHashCode() => unchecked((int)Value ^ (int)(Value >> 32));
    public override string ToString() => Value.ToString("x16");
}

/// <summary>A 64-bit FNV-1a hash of a contact's values, to tell an unchanged lead from a changed one.</summary>
public static class ContentHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string?[] values, bool? callable)
    {
        var hash = Offset;
        foreach (var value in values)
        {
            // A separator per value (and a distinct one for "no value") keeps ("ab","") apart from ("a","b").
            hash = Mix(hash, value == null ? '\u0000' : '\u001F');
            if (value == null) continue;
            foreach (var c in value) hash = Mix(hash, c);
        }
        if (callable.HasValue) hash = Mix(hash, callable.Value ? '\u0001' : '\u0002');
        return hash;
    }

    private static ulong Mix(ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        return (hash ^ (byte)(c >> 8)) * Prime;
    }
}
