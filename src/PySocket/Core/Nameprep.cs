using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// The parts of Python's IDNA 2003 nameprep (encodings/idna.py, RFC 3491) that .NET's <c>IdnMapping</c>
/// does not reproduce: the prohibited-character check with its <c>Invalid character '\ud800'</c> message,
/// the ACE-prefix check, and the ACE form of labels UTS #46 refuses but IDNA 2003 accepts. The BIDI
/// checks are not reproduced (.NET exposes no bidirectional classes).
/// </summary>
internal static class Nameprep
{
    // stringprep tables C.1.2, C.2.2, C.3-C.9 (Unicode 3.2), less the code points nameprep's mapping (B.1) or
    // NFKC changes before the check (U+00A0, U+0340, U+0341, U+2000-U+200D, U+202F, U+205F, U+2060, U+3000,
    // U+FEFF): for what is left, a code point in the label is prohibited exactly when Python rejects it, and
    // the first one in the label is the one Python reports.
    // RFC 3492's Punycode parameters.
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

    private static readonly (int First, int Last)[] Prohibited =
    [
        (0x80, 0x9F), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x1680, 0x1680), (0x180E, 0x180E), (0x200E, 0x200F),
        (0x2028, 0x202E), (0x2061, 0x2063), (0x206A, 0x206F), (0x2FF0, 0x2FFB), (0xD800, 0xF8FF), (0xFDD0, 0xFDEF),
        (0xFFF9, 0xFFFF), (0x1D173, 0x1D17A), (0x1FFFE, 0x1FFFF), (0x2FFFE, 0x2FFFF), (0x3FFFE, 0x3FFFF),
        (0x4FFFE, 0x4FFFF), (0x5FFFE, 0x5FFFF), (0x6FFFE, 0x6FFFF), (0x7FFFE, 0x7FFFF), (0x8FFFE, 0x8FFFF),
        (0x9FFFE, 0x9FFFF), (0xAFFFE, 0xAFFFF), (0xBFFFE, 0xBFFFF), (0xCFFFE, 0xCFFFF), (0xDFFFE, 0xDFFFF),
        (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xEFFFE, 0x10FFFF),
    ];

    /// <summary>
    /// Python's nameprep() errors for a non-ASCII label, as the UnicodeError reason: <c>Invalid character 'c'</c>
    /// for the first prohibited code point, <c>Label starts with ACE prefix</c> for a label that still has
    /// non-ASCII text after an <c>xn--</c> prefix; null when neither applies.
    /// </summary>
    public static string? Error(string label)
    {
        for (var i = 0; i < label.Length; i++)
        {
            int cp = label[i];
            if (char.IsHighSurrogate(label[i]) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1]))
            {
                cp = char.ConvertToUtf32(label[i], label[i + 1]);
                i++;
            }

            foreach (var (first, last) in Prohibited)
            {
                if (cp >= first && cp <= last)
                {
                    return "Invalid character " + Repr(cp);
                }
            }
        }

        // No lone surrogates are left (they are prohibited), so the label can be normalized. Python checks the
        // prefix after case folding and NFKC, on a label that is still non-ASCII.
        var prepared = label.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return prepared.StartsWith("xn--", System.StringComparison.Ordinal) && !Ascii.IsValid(prepared)
            ? "Label starts with ACE prefix"
            : null;
    }

    /// <summary>
    /// The ACE form Python's ToASCII gives a label .NET's UTS #46 mapping refuses but IDNA 2003 accepts (code
    /// points unassigned in .NET's Unicode tables, AllowUnassigned being Python's choice): nameprep's map-to-
    /// nothing (B.1), case folding and NFKC (approximated with .NET's tables), then <c>xn--</c> and Punycode.
    /// </summary>
    public static string ToAscii(string label)
    {
        var mapped = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            if (c is not ('\u00ad' or '\u034f' or '\u1806' or (>= '\u180b' and <= '\u180d') or (>= '\u200b' and <= '\u200d')
                or '\u2060' or (>= '\ufe00' and <= '\ufe0f') or '\ufeff'))
            {
                mapped.Append(c);
            }
        }

        var prepared = mapped.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        return Ascii.IsValid(prepared) ? prepared : "xn--" + Punycode(prepared);
    }

    // RFC 3492 Punycode, as Python's "punycode" codec writes it: the basic code points, '-' when there are
    // any, then the deltas of the others in code point order.
    private static string Punycode(string text)
    {
        var codePoints = new System.Collections.Generic.List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            codePoints.Add(char.ConvertToUtf32(text, i));
            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        var output = new StringBuilder();
        foreach (var cp in codePoints)
        {
            if (cp < 0x80)
            {
                output.Append((char)cp);
            }
        }

        var basic = output.Length;
        var handled = basic;
        if (basic > 0)
        {
            output.Append('-');
        }

        static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + d - 26);

        static int Adapt(int delta, int points, bool first)
        {
            delta = first ? delta / Damp : delta / 2;
            delta += delta / points;
            var k = 0;
            while (delta > (Base - TMin) * TMax / 2)
            {
                delta /= Base - TMin;
                k += Base;
            }

            return k + ((Base - TMin + 1) * delta / (delta + Skew));
        }

        int n = InitialN, bias = InitialBias;
        long d = 0;
        while (handled < codePoints.Count)
        {
            var m = int.MaxValue;
            foreach (var cp in codePoints)
            {
                if (cp >= n && cp < m)
                {
                    m = cp;
                }
            }

            d += (long)(m - n) * (handled + 1);
            n = m;
            foreach (var cp in codePoints)
            {
                if (cp < n)
                {
                    d++;
                }

                if (cp != n)
                {
                    continue;
                }

                var q = (int)d;
                for (var k = Base; ; k += Base)
                {
                    var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (q < t)
                    {
                        break;
                    }

                    output.Append(Digit(t + ((q - t) % (Base - t))));
                    q = (q - t) / (Base - t);
                }

                output.Append(Digit(q));
                bias = Adapt((int)d, handled + 1, handled == basic);
                d = 0;
                handled++;
            }

            d++;
            n++;
        }

        return output.ToString();
    }

    // Python's repr() of a one-character str (every prohibited code point but U+2FF0-U+2FFB, U+FFFC and
    // U+FFFD is non-printable and shown escaped).
    private static string Repr(int cp)
    {
        if (cp is (>= 0x2FF0 and <= 0x2FFB) or 0xFFFC or 0xFFFD)
        {
            return "'" + char.ConvertFromUtf32(cp) + "'";
        }

        return cp switch
        {
            < 0x100 => string.Create(CultureInfo.InvariantCulture, $"'\\x{cp:x2}'"),
            < 0x10000 => string.Create(CultureInfo.InvariantCulture, $"'\\u{cp:x4}'"),
            _ => string.Create(CultureInfo.InvariantCulture, $"'\\U{cp:x8}'"),
        };
    }
}
