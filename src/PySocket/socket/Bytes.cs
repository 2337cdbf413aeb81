using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// The few bytes and str operations socket programs do, with Python's exact results, as extension methods on
/// <c>byte[]</c> (Python's bytes) and <c>string</c> (Python's str), so a port reads like the Python:
/// <c>data.decode()</c>, <c>"hello\n".encode()</c>, <c>repr(data)</c> (a plain function, as Python's: <c>Bytes.repr(data)</c>,
/// or <c>repr(data)</c> with <c>using static PySocket.Bytes;</c>),
/// <c>line.strip().split()</c>, <c>data.startswith("GET "u8.ToArray())</c>, <c>sep.join(parts)</c>.
/// <para>
/// Codecs: <c>utf-8</c>, <c>ascii</c> and <c>latin-1</c> (with Python's aliases: <c>utf8</c>, <c>UTF-8</c>,
/// <c>us-ascii</c>, <c>latin1</c>, <c>iso-8859-1</c>, ...); another name raises <see cref="LookupError"/>.
/// Error handlers: <c>strict</c> (UnicodeDecodeError / UnicodeEncodeError with CPython's message),
/// <c>replace</c>, <c>ignore</c>, <c>backslashreplace</c> and <c>surrogateescape</c>; Python looks the handler up
/// only when an error occurs, and so do these. A str is a .NET string: a surrogate pair is one code point, a
/// lone surrogate is Python's lone surrogate code point (what surrogateescape makes). Positions in error messages
/// count code points, as Python's do.
/// </para>
/// <para>
/// The bytes methods are Python's, for ASCII bytes: whitespace is <c>b' \t\n\r\x0b\x0c'</c>, upper/lower change
/// only a-z/A-Z, start/end arguments are slice indices (negative from the end). Nothing else of Python's bytes type
/// is here; use the .NET APIs (<c>SequenceEqual</c>, ranges, collection expressions) for the rest.
/// </para>
/// </summary>
public static class Bytes
{
    private const string Whitespace = " \t\n\r\v\f";

    private enum Codec
    {
        Utf8,
        Ascii,
        Latin1,
    }

    /// <summary>
    /// bytes.decode(encoding='utf-8', errors='strict'): the text. UnicodeDecodeError (strict) with CPython's
    /// message, e.g. <c>'utf-8' codec can't decode byte 0xff in position 0: invalid start byte</c>.
    /// </summary>
    public static string decode(this byte[] data, string encoding = "utf-8", string errors = "strict")
    {
        CheckBytes(data, "decode");
        if (data.Length == 0 && encoding is not null)
        {
            return ""; // CPython returns '' for empty bytes before it looks the codec up
        }

        var codec = Lookup(encoding);
        var sb = new StringBuilder(data.Length);
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (b < 0x80 || codec == Codec.Latin1)
            {
                sb.Append((char)b);
                i++;
                continue;
            }

            int end;
            string reason;
            if (codec == Codec.Ascii)
            {
                end = i + 1;
                reason = "ordinal not in range(128)";
            }
            else
            {
                var length = Utf8Sequence(data, i, out reason, out end);
                if (length > 0)
                {
                    AppendUtf8(sb, data.AsSpan(i, length));
                    i += length;
                    continue;
                }
            }

            DecodeError(sb, Name(codec), data, i, end, reason, errors);
            i = end;
        }

        return sb.ToString();
    }

    /// <summary>
    /// str.encode(encoding='utf-8', errors='strict'): the bytes. UnicodeEncodeError (strict) with CPython's message,
    /// e.g. <c>'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)</c>.
    /// </summary>
    public static byte[] encode(this string text, string encoding = "utf-8", string errors = "strict")
    {
        if (text is null)
        {
            throw Errors.Type("descriptor 'encode' for 'str' objects doesn't apply to a 'NoneType' object");
        }

        var codec = Lookup(encoding);
        var cps = CodePoints(text);
        var limit = codec switch
        {
            Codec.Ascii => 0x80,
            Codec.Latin1 => 0x100,
            _ => 0x110000,
        };
        var output = new List<byte>(text.Length);
        var i = 0;
        while (i < cps.Length)
        {
            var cp = cps[i];
            var bad = codec == Codec.Utf8 ? IsSurrogate(cp) : cp >= limit;
            if (!bad)
            {
                if (codec == Codec.Utf8)
                {
                    AppendUtf8(output, cp);
                }
                else
                {
                    output.Add((byte)cp);
                }

                i++;
                continue;
            }

            // The run of unencodable code points Python hands to the error handler at once.
            var end = i + 1;
            while (end < cps.Length && (codec == Codec.Utf8 ? IsSurrogate(cps[end]) : cps[end] >= limit))
            {
                end++;
            }

            var reason = codec == Codec.Utf8 ? "surrogates not allowed" : $"ordinal not in range({limit})";
            EncodeError(output, Name(codec), cps, i, end, reason, errors);
            i = end;
        }

        return [.. output];
    }

    /// <summary>repr(bytes): <c>b'hello\n'</c>, in double quotes when the bytes hold a ' and no ", other bytes as <c>\xNN</c>.</summary>
    public static string repr(byte[] data)
    {
        CheckBytes(data, "repr");
        return PyRepr.Bytes(data);
    }

    /// <summary>repr(str): <c>'text'</c> with Python's quotes and escapes (<c>\n</c>, <c>\x00</c>, <c>\u200b</c>, ...).</summary>
    public static string repr(string text) => text is null ? "None" : PyRepr.Str(text);

    /// <summary>bytes.strip(chars=None): without the leading and trailing bytes in <paramref name="chars"/> (ASCII whitespace by default).</summary>
    public static byte[] strip(this byte[] data, byte[]? chars = null) => Strip(data, chars, left: true, right: true, "strip");

    /// <summary>bytes.lstrip(chars=None): without the leading bytes in <paramref name="chars"/> (ASCII whitespace by default).</summary>
    public static byte[] lstrip(this byte[] data, byte[]? chars = null) => Strip(data, chars, left: true, right: false, "lstrip");

    /// <summary>bytes.rstrip(chars=None): without the trailing bytes in <paramref name="chars"/> (ASCII whitespace by default).</summary>
    public static byte[] rstrip(this byte[] data, byte[]? chars = null) => Strip(data, chars, left: false, right: true, "rstrip");

    /// <summary>
    /// bytes.split(sep=None, maxsplit=-1): the parts between occurrences of <paramref name="sep"/>; with no sep,
    /// the runs of non-whitespace (no empty parts). At most <paramref name="maxsplit"/> splits when it is not
    /// negative. An empty sep raises ValueError("empty separator").
    /// </summary>
    public static byte[][] split(this byte[] data, byte[]? sep = null, int maxsplit = -1)
    {
        CheckBytes(data, "split");
        var parts = new List<byte[]>();
        var max = maxsplit < 0 ? int.MaxValue : maxsplit;
        if (sep is null)
        {
            var i = 0;
            while (max-- > 0)
            {
                while (i < data.Length && IsSpace(data[i]))
                {
                    i++;
                }

                if (i == data.Length)
                {
                    break;
                }

                var j = i++;
                while (i < data.Length && !IsSpace(data[i]))
                {
                    i++;
                }

                parts.Add(data[j..i]);
            }

            if (i < data.Length)
            {
                while (i < data.Length && IsSpace(data[i]))
                {
                    i++;
                }

                if (i != data.Length)
                {
                    parts.Add(data[i..]);
                }
            }

            return [.. parts];
        }

        if (sep.Length == 0)
        {
            throw Errors.Value("empty separator");
        }

        var start = 0;
        while (max-- > 0)
        {
            var at = data.AsSpan(start).IndexOf(sep);
            if (at < 0)
            {
                break;
            }

            parts.Add(data[start..(start + at)]);
            start += at + sep.Length;
        }

        parts.Add(data[start..]);
        return [.. parts];
    }

    /// <summary>bytes.upper(): a-z made A-Z; other bytes unchanged.</summary>
    public static byte[] upper(this byte[] data)
    {
        CheckBytes(data, "upper");
        var result = (byte[])data.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] is >= (byte)'a' and <= (byte)'z')
            {
                result[i] -= 32;
            }
        }

        return result;
    }

    /// <summary>bytes.lower(): A-Z made a-z; other bytes unchanged.</summary>
    public static byte[] lower(this byte[] data)
    {
        CheckBytes(data, "lower");
        var result = (byte[])data.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] is >= (byte)'A' and <= (byte)'Z')
            {
                result[i] += 32;
            }
        }

        return result;
    }

    /// <summary>bytes.startswith(prefix[, start[, end]]): whether data[start:end] begins with <paramref name="prefix"/>.</summary>
    public static bool startswith(this byte[] data, byte[] prefix, int start = 0, int? end = null)
    {
        CheckBytes(data, "startswith");
        CheckArgument(prefix, "startswith", "first arg must be bytes or a tuple of bytes, not NoneType");
        var (s, e) = Adjust(start, end, data.Length);
        if (s > data.Length - prefix.Length || e - s < prefix.Length)
        {
            return false;
        }

        return data.AsSpan(s, prefix.Length).SequenceEqual(prefix);
    }

    /// <summary>bytes.endswith(suffix[, start[, end]]): whether data[start:end] ends with <paramref name="suffix"/>.</summary>
    public static bool endswith(this byte[] data, byte[] suffix, int start = 0, int? end = null)
    {
        CheckBytes(data, "endswith");
        CheckArgument(suffix, "endswith", "first arg must be bytes or a tuple of bytes, not NoneType");
        var (s, e) = Adjust(start, end, data.Length);
        if (e - s < suffix.Length || s > data.Length)
        {
            return false;
        }

        return data.AsSpan(e - suffix.Length, suffix.Length).SequenceEqual(suffix);
    }

    /// <summary>bytes.find(sub[, start[, end]]): the lowest index of <paramref name="sub"/> in data[start:end], or -1.</summary>
    public static int find(this byte[] data, byte[] sub, int start = 0, int? end = null)
    {
        CheckBytes(data, "find");
        CheckArgument(sub, "find", "argument should be integer or bytes-like object, not 'NoneType'");
        var (s, e) = Adjust(start, end, data.Length);
        if (e - s < sub.Length)
        {
            return -1;
        }

        var at = data.AsSpan(s, e - s).IndexOf(sub);
        return at < 0 ? -1 : s + at;
    }

    /// <summary>bytes.join(iterable): the parts with this separator between them (Python: <c>b", ".join(parts)</c>).</summary>
    public static byte[] join(this byte[] separator, IEnumerable<byte[]> parts)
    {
        CheckBytes(separator, "join");
        if (parts is null)
        {
            throw Errors.Type("can only join an iterable");
        }

        var output = new List<byte>();
        var index = 0;
        foreach (var part in parts)
        {
            if (part is null)
            {
                throw Errors.Type(string.Create(CultureInfo.InvariantCulture, $"sequence item {index}: expected a bytes-like object, NoneType found"));
            }

            if (index > 0)
            {
                output.AddRange(separator);
            }

            output.AddRange(part);
            index++;
        }

        return [.. output];
    }

    private static void CheckBytes(byte[] data, string method)
    {
        if (data is null)
        {
            throw Errors.Type($"descriptor '{method}' for 'bytes' objects doesn't apply to a 'NoneType' object");
        }
    }

    private static void CheckArgument(byte[] argument, string method, string message)
    {
        if (argument is null)
        {
            throw Errors.Type($"{method} {message}");
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c;

    private static bool IsSurrogate(int cp) => cp is >= 0xD800 and <= 0xDFFF;

    // CPython's ADJUST_INDICES: end clamped to the length, negative indices counted from the end.
    private static (int Start, int End) Adjust(int start, int? end, int length)
    {
        var e = end ?? length;
        if (e > length)
        {
            e = length;
        }
        else if (e < 0)
        {
            e = Math.Max(0, e + length);
        }

        var s = start < 0 ? Math.Max(0, start + length) : start;
        return (s, e);
    }

    private static byte[] Strip(byte[] data, byte[]? chars, bool left, bool right, string method)
    {
        CheckBytes(data, method);
        var set = chars ?? Encoding.ASCII.GetBytes(Whitespace);
        var s = 0;
        var e = data.Length;
        if (left)
        {
            while (s < e && Array.IndexOf(set, data[s]) >= 0)
            {
                s++;
            }
        }

        if (right)
        {
            while (e > s && Array.IndexOf(set, data[e - 1]) >= 0)
            {
                e--;
            }
        }

        return data[s..e];
    }

    private static Codec Lookup(string? encoding)
    {
        if (encoding is null)
        {
            throw Errors.Type("decode() argument 'encoding' must be str, not None");
        }

        // Python's normalisation: case, and '-', '_' and ' ' are the same.
        var key = encoding.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return key switch
        {
            "utf_8" or "utf8" or "u8" or "utf" or "cp65001" or "utf8_ucs2" or "utf8_ucs4" => Codec.Utf8,
            "ascii" or "us_ascii" or "646" or "us" or "ansi_x3.4_1968" or "ansi_x3_4_1968" or "cp367" or "csascii" or "ibm367" or "iso646_us" or "iso_646.irv_1991" => Codec.Ascii,
            "latin_1" or "latin1" or "latin" or "l1" or "iso_8859_1" or "iso8859_1" or "8859" or "cp819" or "iso_ir_100" or "ibm819" or "iso_8859_1_1987" or "csisolatin1" => Codec.Latin1,
            _ => throw new LookupError($"unknown encoding: {encoding}"),
        };
    }

    private static string Name(Codec codec) => codec switch
    {
        Codec.Utf8 => "utf-8",
        Codec.Ascii => "ascii",
        _ => "latin-1",
    };

    private static int[] CodePoints(string text)
    {
        var cps = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cps.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                cps.Add(text[i]);
            }
        }

        return [.. cps];
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    /// <summary>
    /// CPython's UTF-8 decoder at a non-ASCII byte: the length of a valid sequence, or 0 with the error's reason
    /// and end (invalid start byte: 1 byte; invalid continuation: the valid prefix; unexpected end: the rest).
    /// </summary>
    private static int Utf8Sequence(byte[] s, int i, out string reason, out int end)
    {
        var c = s[i];
        var left = s.Length - i;
        reason = "";
        end = 0;
        if (c < 0xC2 || c > 0xF4)
        {
            reason = "invalid start byte";
            end = i + 1;
            return 0;
        }

        var need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (var k = 1; k < need; k++)
        {
            if (k >= left)
            {
                reason = "unexpected end of data";
                end = s.Length;
                return 0;
            }

            var ck = s[i + k];
            var ok = IsContinuation(ck);
            if (ok && k == 1)
            {
                ok = c switch
                {
                    0xE0 => ck >= 0xA0,
                    0xED => ck < 0xA0,
                    0xF0 => ck >= 0x90,
                    0xF4 => ck < 0x90,
                    _ => true,
                };
            }

            if (!ok)
            {
                reason = "invalid continuation byte";
                end = i + k;
                return 0;
            }
        }

        return need;
    }

    private static void AppendUtf8(StringBuilder sb, ReadOnlySpan<byte> sequence)
    {
        int cp = sequence.Length switch
        {
            2 => ((sequence[0] & 0x1F) << 6) | (sequence[1] & 0x3F),
            3 => ((sequence[0] & 0x0F) << 12) | ((sequence[1] & 0x3F) << 6) | (sequence[2] & 0x3F),
            _ => ((sequence[0] & 0x07) << 18) | ((sequence[1] & 0x3F) << 12) | ((sequence[2] & 0x3F) << 6) | (sequence[3] & 0x3F),
        };
        sb.Append(char.ConvertFromUtf32(cp));
    }

    private static void AppendUtf8(List<byte> output, int cp)
    {
        if (cp < 0x80)
        {
            output.Add((byte)cp);
        }
        else if (cp < 0x800)
        {
            output.Add((byte)(0xC0 | (cp >> 6)));
            output.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else if (cp < 0x10000)
        {
            output.Add((byte)(0xE0 | (cp >> 12)));
            output.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            output.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else
        {
            output.Add((byte)(0xF0 | (cp >> 18)));
            output.Add((byte)(0x80 | ((cp >> 12) & 0x3F)));
            output.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            output.Add((byte)(0x80 | (cp & 0x3F)));
        }
    }

    private static void DecodeError(StringBuilder sb, string codec, byte[] data, int start, int end, string reason, string errors)
    {
        switch (errors)
        {
            case "strict":
                break;
            case "replace":
                sb.Append('\uFFFD');
                return;
            case "ignore":
                return;
            case "backslashreplace":
                for (var k = start; k < end; k++)
                {
                    sb.Append("\\x").Append(data[k].ToString("x2", CultureInfo.InvariantCulture));
                }

                return;
            case "surrogateescape":
                if (data.AsSpan(start, end - start).IndexOfAnyInRange((byte)0, (byte)0x7F) >= 0)
                {
                    break; // only bytes >= 128 escape; Python re-raises the error
                }

                for (var k = start; k < end; k++)
                {
                    sb.Append((char)(0xDC00 + data[k]));
                }

                return;
            default:
                throw UnknownHandler(errors);
        }

        var where = end - start == 1
            ? string.Create(CultureInfo.InvariantCulture, $"byte 0x{data[start]:x2} in position {start}")
            : string.Create(CultureInfo.InvariantCulture, $"bytes in position {start}-{end - 1}");
        throw new UnicodeDecodeError($"'{codec}' codec can't decode {where}: {reason}");
    }

    private static void EncodeError(List<byte> output, string codec, int[] cps, int start, int end, string reason, string errors)
    {
        switch (errors)
        {
            case "strict":
                break;
            case "replace":
                for (var k = start; k < end; k++)
                {
                    output.Add((byte)'?');
                }

                return;
            case "ignore":
                return;
            case "backslashreplace":
                for (var k = start; k < end; k++)
                {
                    output.AddRange(Encoding.ASCII.GetBytes(Escape(cps[k])));
                }

                return;
            case "surrogateescape":
                while (start < end && cps[start] is >= 0xDC80 and <= 0xDCFF)
                {
                    output.Add((byte)(cps[start] - 0xDC00));
                    start++;
                }

                if (start == end)
                {
                    return;
                }

                break; // the first code point that does not escape, to the end of the run, is the error
            default:
                throw UnknownHandler(errors);
        }

        var where = end - start == 1
            ? string.Create(CultureInfo.InvariantCulture, $"character '{Escape(cps[start])}' in position {start}")
            : string.Create(CultureInfo.InvariantCulture, $"characters in position {start}-{end - 1}");
        throw new UnicodeEncodeError($"'{codec}' codec can't encode {where}: {reason}");
    }

    private static string Escape(int cp) => cp switch
    {
        < 0x100 => "\\x" + cp.ToString("x2", CultureInfo.InvariantCulture),
        < 0x10000 => "\\u" + cp.ToString("x4", CultureInfo.InvariantCulture),
        _ => "\\U" + cp.ToString("x8", CultureInfo.InvariantCulture),
    };

    private static Exception UnknownHandler(string errors) => errors switch
    {
        "surrogatepass" or "xmlcharrefreplace" or "namereplace" =>
            new NotSupportedException($"the error handler '{errors}' is not supported by PySocket's bytes helpers (strict, replace, ignore, backslashreplace and surrogateescape are)"),
        _ => new LookupError($"unknown error handler name '{errors}'"),
    };
}
