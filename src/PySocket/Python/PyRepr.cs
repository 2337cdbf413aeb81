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
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
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
                    else if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        // One code point outside the BMP: printed as is unless Python deems it unprintable.
                        var codePoint = char.ConvertToUtf32(ch, s[i + 1]);
                        if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(codePoint)))
                        {
                            sb.Append(ch).Append(s[i + 1]);
                        }
                        else
                        {
                            sb.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                        }

                        i++;
                    }
                    else if (ch < 0x7f && ch >= 0x20)
                    {
                        sb.Append(ch);
                    }
                    else if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(ch)))
                    {
                        sb.Append(ch);
                    }
                    else if (ch < 0x100)
                    {
                        sb.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        // Lone surrogates (Cs) land here too, as Python prints them: '\ud800'.
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    // Python's str.isprintable() per character: everything but the Other (Cc, Cf, Cs, Co, Cn) and
    // Separator (Zl, Zp, Zs) categories; the ASCII space is handled by the caller.
    private static bool IsPrintable(UnicodeCategory category) => category switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };

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
