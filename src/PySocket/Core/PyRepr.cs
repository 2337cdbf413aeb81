using System;
using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>Python's repr() for the values PySocket prints (str, bytes), so messages and ToString() match CPython.</summary>
internal static class PyRepr
{
    /// <summary>repr(str): single quotes unless the text has a single quote and no double quote.</summary>
    public static string Str(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch == quote)
                    {
                        sb.Append('\\').Append(ch);
                    }
                    else if (ch < 0x20 || ch == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (ch >= 0x80 && ch < 0xa0)
                    {
                        sb.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>repr(bytes): <c>b'...'</c> with Python's escapes.</summary>
    public static string Bytes(ReadOnlySpan<byte> data)
    {
        var hasSingle = data.IndexOf((byte)'\'') >= 0;
        var quote = hasSingle && data.IndexOf((byte)'"') < 0 ? '"' : '\'';
        var sb = new StringBuilder(data.Length + 3).Append('b').Append(quote);
        foreach (var b in data)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (b == quote)
                    {
                        sb.Append('\\').Append((char)b);
                    }
                    else if (b < 0x20 || b >= 0x7f)
                    {
                        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }
}
