using System;
using System.Collections.Generic;
using System.Text;

namespace PySocket;

/// <summary>
/// CPython's conversions between str and the C strings the name services take and return, in one place:
/// the <c>s</c> argument format, PyUnicode_FSConverter, C's reading of a string up to its first NUL, and the
/// decoders for results (<c>s</c> of Py_BuildValue, PyUnicode_DecodeFSDefault). Every result is NUL-terminated.
/// </summary>
internal static class CStrings
{
    /// <summary>A NUL-terminated copy of <paramref name="bytes"/>.</summary>
    public static byte[] Terminate(ReadOnlySpan<byte> bytes)
    {
        var z = new byte[bytes.Length + 1];
        bytes.CopyTo(z);
        return z;
    }

    /// <summary>A NUL-terminated copy of <paramref name="bytes"/> cut at its first NUL, as C reads it.</summary>
    public static byte[] CutAtNul(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Terminate(end >= 0 ? bytes[..end] : bytes);
    }

    /// <summary>ASCII text (a decimal number, a fixed service name) as a C string.</summary>
    public static byte[] Ascii(string text) => Terminate(Encoding.ASCII.GetBytes(text));

    /// <summary>The UTF-8 of <paramref name="text"/> cut at an embedded NUL, as C would read it.</summary>
    public static byte[] Utf8CutAtNul(string text) => CutAtNul(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The <c>s</c> argument format: strict UTF-8 (a lone surrogate raises UnicodeEncodeError), an embedded
    /// NUL raises ValueError("embedded null character"), null raises TypeError(<paramref name="noneMessage"/>).
    /// </summary>
    public static byte[] StrictArg(string? text, string noneMessage = "argument must be str, not None")
    {
        if (text is null)
        {
            throw Errors.Type(noneMessage);
        }

        var bytes = PyText.StrictUtf8Bytes(text);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw Errors.Value("embedded null character");
        }

        return Terminate(bytes);
    }

    /// <summary>PyUnicode_FSConverter: UTF-8 with surrogateescape; an embedded NUL raises ValueError("embedded null byte").</summary>
    public static byte[] FsEncode(string text)
    {
        if (text is null)
        {
            throw Errors.Type("expected str, bytes or os.PathLike object, not NoneType");
        }

        var bytes = new List<byte>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is >= '\udc80' and <= '\udcff')
            {
                bytes.Add((byte)(ch - 0xdc00));
                continue;
            }

            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
                continue;
            }

            if (char.IsSurrogate(ch))
            {
                throw Errors.UnicodeEncode(
                    $"'utf-8' codec can't encode character '\\u{(int)ch:x4}' in position {i}: surrogates not allowed");
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(ch.ToString()));
        }

        if (bytes.Contains(0))
        {
            throw Errors.Value("embedded null byte");
        }

        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>A C string's bytes decoded as UTF-8 (Py_BuildValue's <c>s</c>).</summary>
    public static string DecodeStrict(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text);

    /// <summary>A C string's bytes decoded as PyUnicode_DecodeFSDefault does: UTF-8 with surrogateescape.</summary>
    public static string DecodeFs(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                bytes = bytes[used..];
            }
            else
            {
                sb.Append((char)(0xdc00 + bytes[0]));
                bytes = bytes[1..];
            }
        }

        return sb.ToString();
    }
}
