using System;
using System.Security.Cryptography;
using System.Text;

namespace GenesysSync.Sync;

/// <summary>
/// SHA-256 of a match key (scope + value). This — never the raw key — is what the state database and
/// logs hold. 32 bytes, compared by value; <see cref="ToString"/> gives lower-case hex.
/// </summary>
public readonly struct KeyHash : IEquatable<KeyHash>
{
    private readonly ulong _a, _b, _c, _d;

    private KeyHash(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a; _b = b; _c = c; _d = d;
    }

    /// <summary>Hash of <paramref name="value"/> within <paramref name="scope"/> (e.g. "externalid").</summary>
    public static KeyHash Compute(string scope, string value)
    {
        if (scope is null) throw new ArgumentNullException(nameof(scope));
        if (value is null) throw new ArgumentNullException(nameof(value));
        using var sha = SHA256.Create();
        return FromBytes(sha.ComputeHash(Encoding.UTF8.GetBytes(scope + "\u001F" + value)));
    }

    public static KeyHash FromBytes(byte[] bytes)
    {
        if (bytes is null || bytes.Length != 32) throw new ArgumentException("A key hash is 32 bytes.", nameof(bytes));
        return new KeyHash(Read(bytes, 0), Read(bytes, 8), Read(bytes, 16), Read(bytes, 24));
    }

    public static KeyHash Parse(string hex)
    {
        if (hex is null || hex.Length != 64) throw new FormatException("A key hash is 64 hex digits.");
        var bytes = new byte[32];
        for (var i = 0; i < 32; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
        return FromBytes(bytes);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[32];
        Write(bytes, 0, _a); Write(bytes, 8, _b); Write(bytes, 16, _c); Write(bytes, 24, _d);
        return bytes;
    }

    public bool IsEmpty => _a == 0 && _b == 0 && _c == 0 && _d == 0;

    public bool Equals(KeyHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is KeyHash k && Equals(k);
    public override int GetHashCode() => unchecked((int)_a ^ (int)(_a >> 32));
    public static bool operator ==(KeyHash x, KeyHash y) => x.Equals(y);
    public static bool operator !=(KeyHash x, KeyHash y) => !x.Equals(y);

    public override string ToString() => NormalizedContact.Hex(ToBytes());

    /// <summary>First 12 hex digits: enough to tell keys apart in messages and logs.</summary>
    public string Short => ToString().Substring(0, 12);

    private static ulong Read(byte[] b, int o)
    {
        ulong v = 0;
        for (var i = 0; i < 8; i++) v = (v << 8) | b[o + i];
        return v;
    }

    private static void Write(byte[] b, int o, ulong v)
    {
        for (var i = 7; i >= 0; i--) { b[o + i] = (byte)v; v >>= 8; }
    }
}
