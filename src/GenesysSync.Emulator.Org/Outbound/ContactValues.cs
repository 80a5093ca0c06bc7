using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// A list's column names at one point in time. Contacts keep the layout they were written under, so renaming or
/// adding columns later never rewrites millions of stored contacts.
/// </summary>
internal sealed class ColumnLayout
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public ColumnLayout(IReadOnlyList<string> names)
    {
        Names = names;
        for (var i = 0; i < names.Count; i++) _index[names[i]] = i;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Position of a column (exact, case-sensitive match as the real API does), or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;
}

/// <summary>
/// Cell values packed into one byte array (per value: a varint of UTF-8 length + 1, 0 for "no value", then the bytes).
/// An org holds millions of contacts; one small array per contact keeps that affordable.
/// </summary>
internal static class ContactValues
{
    public static byte[] Pack(IReadOnlyList<string?> values)
    {
        using var stream = new MemoryStream(values.Count * 16);
        foreach (var value in values)
        {
            if (value == null)
            {
                stream.WriteByte(0);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(value);
            WriteVarint(stream, (uint)bytes.Length + 1);
            stream.Write(bytes, 0, bytes.Length);
        }
        return stream.ToArray();
    }

    public static string?[] Unpack(byte[] packed, int count)
    {
        var values = new string?[count];
        var position = 0;
        for (var i = 0; i < count && position < packed.Length; i++)
        {
            var length = ReadVarint(packed, ref position);
            if (length == 0) continue;
            values[i] = Encoding.UTF8.GetString(packed, position, (int)length - 1);
            position += (int)length - 1;
        }
        return values;
    }

    private static void WriteVarint(Stream stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }

    private static uint ReadVarint(byte[] data, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }
}
