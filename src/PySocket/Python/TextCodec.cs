using System;
using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// A Python codec name and error handler mapped to a .NET <see cref="Encoding"/>, with CPython's
/// UnicodeDecodeError/UnicodeEncodeError messages. Handlers: strict, replace (U+FFFD when decoding, '?' when
/// encoding), ignore.
/// </summary>
internal sealed class TextCodec
{
    private TextCodec(string codecName, Encoding encoding, int maxOrdinal)
    {
        CodecName = codecName;
        Encoding = encoding;
        MaxOrdinal = maxOrdinal;
    }

    /// <summary>The codec's name as Python's error messages spell it ("utf-8", "ascii", "latin-1").</summary>
    public string CodecName { get; }

    /// <summary>The encoding with the error handler's fallbacks.</summary>
    public Encoding Encoding { get; }

    /// <summary>The largest encodable code point for ascii (127) and latin-1 (255), else -1.</summary>
    private int MaxOrdinal { get; }

    /// <summary>Looks up a Python encoding name and error handler; LookupError for unknown ones, as Python raises.</summary>
    public static TextCodec Lookup(string encoding, string errors)
    {
        EncoderFallback encoderFallback;
        DecoderFallback decoderFallback;
        switch (errors)
        {
            case "strict":
                encoderFallback = EncoderFallback.ExceptionFallback;
                decoderFallback = DecoderFallback.ExceptionFallback;
                break;
            case "replace":
                encoderFallback = new EncoderReplacementFallback("?");
                decoderFallback = new DecoderReplacementFallback("\uFFFD");
                break;
            case "ignore":
                encoderFallback = new EncoderReplacementFallback(string.Empty);
                decoderFallback = new DecoderReplacementFallback(string.Empty);
                break;
            default:
                throw new LookupError($"unknown error handler name '{errors}'");
        }

        var normalized = encoding.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        (string name, int codePage, int max) = normalized switch
        {
            "utf-8" or "utf8" or "u8" or "utf" or "cp65001" => ("utf-8", 65001, -1),
            "ascii" or "us-ascii" or "646" or "us" => ("ascii", 20127, 127),
            "latin-1" or "latin1" or "latin" or "l1" or "iso-8859-1" or "iso8859-1" or "8859" or "cp819" => ("latin-1", 28591, 255),
            "utf-16" or "utf16" => ("utf-16", 1200, -1),
            "utf-16-le" or "utf-16le" => ("utf-16-le", 1200, -1),
            "utf-16-be" or "utf-16be" => ("utf-16-be", 1201, -1),
            "utf-32" or "utf32" or "utf-32-le" or "utf-32le" => ("utf-32", 12000, -1),
            "utf-32-be" or "utf-32be" => ("utf-32-be", 12001, -1),
            _ => (normalized, -1, -1),
        };

        try
        {
            var enc = codePage > 0
                ? Encoding.GetEncoding(codePage, encoderFallback, decoderFallback)
                : Encoding.GetEncoding(normalized, encoderFallback, decoderFallback);
            return new TextCodec(name, enc, max);
        }
        catch (ArgumentException)
        {
            throw new LookupError($"unknown encoding: {encoding}");
        }
    }

    /// <summary>Decodes a chunk with an incremental decoder; UnicodeDecodeError (strict) with Python's message.</summary>
    public string Decode(Decoder decoder, ReadOnlySpan<byte> data, bool final)
    {
        try
        {
            var count = decoder.GetCharCount(data, final);
            var chars = new char[count];
            var n = decoder.GetChars(data, chars, final);
            return new string(chars, 0, n);
        }
        catch (DecoderFallbackException e)
        {
            decoder.Reset();
            throw DecodeError(e, data);
        }
    }

    /// <summary>
    /// Decodes a chunk with an incremental decoder into <paramref name="destination"/> (at least
    /// <c>Encoding.GetMaxCharCount(data.Length + 4)</c> chars) and returns the chars written; UnicodeDecodeError as <see cref="Decode"/>.
    /// </summary>
    public int DecodeInto(Decoder decoder, ReadOnlySpan<byte> data, Span<char> destination, bool final)
    {
        try
        {
            return decoder.GetChars(data, destination, final);
        }
        catch (DecoderFallbackException e)
        {
            decoder.Reset();
            throw DecodeError(e, data);
        }
    }

    /// <summary>Encodes text; UnicodeEncodeError (strict) with Python's message.</summary>
    public byte[] Encode(string text)
    {
        try
        {
            return Encoding.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw EncodeError(e, text);
        }
    }

    private UnicodeDecodeError DecodeError(DecoderFallbackException e, ReadOnlySpan<byte> data)
    {
        var bad = e.BytesUnknown ?? [];
        var pos = Math.Max(0, e.Index);
        string reason;
        if (MaxOrdinal > 0)
        {
            reason = $"ordinal not in range({MaxOrdinal + 1})";
        }
        else if (CodecName == "utf-8" && bad.Length > 0)
        {
            var b = bad[0];
            reason = b is >= 0x80 and <= 0xC1 or >= 0xF5 ? "invalid start byte"
                : pos + bad.Length >= data.Length ? "unexpected end of data"
                : "invalid continuation byte";
        }
        else
        {
            reason = "invalid data";
        }

        var where = bad.Length <= 1
            ? $"byte 0x{(bad.Length == 1 ? bad[0] : 0):x2} in position {pos}"
            : $"bytes in position {pos}-{pos + bad.Length - 1}";
        return new UnicodeDecodeError($"'{CodecName}' codec can't decode {where}: {reason}");
    }

    private UnicodeEncodeError EncodeError(EncoderFallbackException e, string text)
    {
        var start = e.Index;
        var end = start;
        var first = char.IsSurrogatePair(text, start) ? char.ConvertToUtf32(text, start) : text[start];
        while (end < text.Length && !Encodable(text, end, out var width))
        {
            end += width;
        }

        end = Math.Max(end, start + 1);
        var reason = MaxOrdinal > 0 ? $"ordinal not in range({MaxOrdinal + 1})"
            : char.IsSurrogate(text[start]) ? "surrogates not allowed"
            : "character maps to <undefined>";
        var where = end - start == 1 || (end - start == 2 && char.IsSurrogatePair(text, start))
            ? $"character '{Escape(first)}' in position {start}"
            : $"characters in position {start}-{end - 1}";
        return new UnicodeEncodeError($"'{CodecName}' codec can't encode {where}: {reason}");
    }

    private bool Encodable(string text, int index, out int width)
    {
        width = char.IsSurrogatePair(text, index) ? 2 : 1;
        if (MaxOrdinal > 0)
        {
            return text[index] <= MaxOrdinal;
        }

        return width == 2 || !char.IsSurrogate(text[index]);
    }

    private static string Escape(int codePoint) => codePoint switch
    {
        < 0x100 => "\\x" + codePoint.ToString("x2", CultureInfo.InvariantCulture),
        < 0x10000 => "\\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
        _ => "\\U" + codePoint.ToString("x8", CultureInfo.InvariantCulture),
    };
}
