using System;
using System.Text;

namespace GenesysSync.Input;

/// <summary>
/// Picks the encoding of a CSV from its first bytes: a BOM wins (UTF-8, UTF-16 LE/BE, UTF-32 LE);
/// otherwise UTF-16 without BOM is recognised by its zero bytes; otherwise UTF-8 if the sample is
/// valid UTF-8, else Windows-1252 (what Excel writes as "CSV" on western Windows).
/// </summary>
public static class TextEncodings
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Windows-1252, from the code-pages provider (registered once).</summary>
    public static Encoding Windows1252
    {
        get
        {
            EnsureCodePages();
            return Encoding.GetEncoding(1252);
        }
    }

    /// <summary>Resolves a name such as "utf-8", "windows-1252", "latin1", "utf-16" (code pages included).</summary>
    public static Encoding GetByName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An encoding name is required.", nameof(name));
        EnsureCodePages();
        var n = name.Trim();
        if (n.Equals("utf8", StringComparison.OrdinalIgnoreCase) || n.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return Utf8WithFallback;
        if (n.Equals("unicode", StringComparison.OrdinalIgnoreCase)) return Encoding.Unicode;
        if (n.Equals("ansi", StringComparison.OrdinalIgnoreCase) || n.Equals("default", StringComparison.OrdinalIgnoreCase)) return Windows1252;
        return int.TryParse(n, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(n);
    }

    /// <summary>
    /// UTF-8 that decodes an invalid byte as its Windows-1252 character instead of U+FFFD, so a stray
    /// legacy byte past the detection sample still reads as the user typed it.
    /// </summary>
    public static Encoding Utf8WithFallback { get; } =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Windows1252ByteFallback());

    /// <summary>Detects the encoding of <paramref name="sample"/> (the first bytes of the file).</summary>
    /// <param name="sample">First bytes of the stream.</param>
    /// <param name="count">How many bytes of the sample are valid.</param>
    /// <param name="isWholeStream">True when the sample holds the whole file (so a cut-off sequence at its end is an error).</param>
    /// <param name="bomLength">Length of the byte-order mark to skip.</param>
    public static Encoding Detect(byte[] sample, int count, bool isWholeStream, out int bomLength)
    {
        if (sample is null) throw new ArgumentNullException(nameof(sample));
        bomLength = 0;
        if (count >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF) { bomLength = 3; return Utf8WithFallback; }
        if (count >= 4 && sample[0] == 0xFF && sample[1] == 0xFE && sample[2] == 0 && sample[3] == 0) { bomLength = 4; return Encoding.UTF32; }
        if (count >= 2 && sample[0] == 0xFF && sample[1] == 0xFE) { bomLength = 2; return Encoding.Unicode; }
        if (count >= 2 && sample[0] == 0xFE && sample[1] == 0xFF) { bomLength = 2; return Encoding.BigEndianUnicode; }

        var utf16 = DetectUtf16WithoutBom(sample, count);
        if (utf16 is not null) return utf16;

        return IsValidUtf8(sample, count, isWholeStream) ? Utf8WithFallback : Windows1252;
    }

    /// <summary>Length of <paramref name="encoding"/>'s BOM at the start of the sample, or 0.</summary>
    public static int MatchingBomLength(Encoding encoding, byte[] sample, int count)
    {
        var preamble = encoding.GetPreamble();
        if (preamble.Length == 0 && encoding.CodePage == 65001) preamble = new byte[] { 0xEF, 0xBB, 0xBF };
        if (preamble.Length == 0 || count < preamble.Length) return 0;
        for (var i = 0; i < preamble.Length; i++) if (sample[i] != preamble[i]) return 0;
        return preamble.Length;
    }

    private static Encoding? DetectUtf16WithoutBom(byte[] sample, int count)
    {
        var pairs = Math.Min(count, 4096) / 2;
        if (pairs < 2) return null;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < pairs; i++)
        {
            if (sample[2 * i] == 0) evenZeros++;
            if (sample[2 * i + 1] == 0) oddZeros++;
        }
        // ASCII-heavy UTF-16 text has a zero in every other byte; real 8-bit text has almost none.
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return Encoding.Unicode;
        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return Encoding.BigEndianUnicode;
        return null;
    }

    private static bool IsValidUtf8(byte[] sample, int count, bool isWholeStream)
    {
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        try
        {
            // flush=false tolerates a multi-byte character cut by the end of the sample.
            decoder.GetCharCount(sample, 0, count, flush: isWholeStream);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static void EnsureCodePages()
    {
        if (_registered) return;
        lock (Gate)
        {
            if (_registered) return;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _registered = true;
        }
    }

    /// <summary>Decodes each invalid UTF-8 byte as Windows-1252.</summary>
    private sealed class Windows1252ByteFallback : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private string _chars = string.Empty;
            private int _next;

            public override int Remaining => _chars.Length - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _chars = Windows1252.GetString(bytesUnknown);
                _next = 0;
                return _chars.Length > 0;
            }

            public override char GetNextChar() => _next < _chars.Length ? _chars[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0) return false;
                _next--;
                return true;
            }

            public override void Reset()
            {
                _chars = string.Empty;
                _next = 0;
            }
        }
    }
}
