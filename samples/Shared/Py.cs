// Shared by the samples (linked into each): the few operations on Python's bytes they print with.
using System;
using System.Text;

/// <summary>The few bytes operations of Python the samples use.</summary>
internal static class Py
{
    /// <summary>bytes.strip(): removes ASCII whitespace at both ends.</summary>
    public static byte[] Strip(byte[] data)
    {
        int start = 0, end = data.Length;
        while (start < end && IsSpace(data[start]))
        {
            start++;
        }

        while (end > start && IsSpace(data[end - 1]))
        {
            end--;
        }

        return data[start..end];
    }

    /// <summary>bytes.upper(): ASCII letters only.</summary>
    public static byte[] Upper(byte[] data)
    {
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

    /// <summary>repr(bytes): b'...' (or b"..." when the bytes hold a ' and no ").</summary>
    public static string Repr(byte[] data)
    {
        var quote = Array.IndexOf(data, (byte)'\'') >= 0 && Array.IndexOf(data, (byte)'"') < 0 ? '"' : '\'';
        var text = new StringBuilder("b").Append(quote);
        foreach (var b in data)
        {
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\t' => "\\t",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                _ when b == quote => "\\" + quote,
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        return text.Append(quote).ToString();
    }

    /// <summary>repr(str) for the ASCII text the samples print: '...' (or "..." when it holds a ' and no ").</summary>
    public static string Repr(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var result = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when c == quote => "\\" + quote,
                < ' ' or '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return result.Append(quote).ToString();
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c;
}
