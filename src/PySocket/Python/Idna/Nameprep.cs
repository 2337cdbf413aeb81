using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// Python's IDNA 2003 ToASCII for a non-ASCII label (encodings/idna.py; RFC 3490, 3491, 3454, 3492):
/// nameprep's mapping (B.1, B.2) and NFKC, the prohibited-character check with its
/// <c>Invalid character '\ud800'</c> message, the BIDI checks (stringprep tables D.1 and D.2), the ACE-prefix
/// check, and Punycode. The prohibited and BIDI tables are Unicode 3.2's as in Python; case folding and NFKC
/// use .NET's current Unicode tables, so code points assigned after Unicode 3.2 may map differently.
/// </summary>
internal static partial class Nameprep
{
    // RFC 3492's Punycode parameters.
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

    // The stringprep tables (B.1, the prohibited set, D.1, D.2) are generated from Python's stringprep module
    // into Nameprep.g.cs by tools/gen_stringprep.py.

    /// <summary>
    /// Python's nameprep() and ToASCII errors for a non-ASCII label, as the UnicodeError reason: <c>Invalid
    /// character 'c'</c> for the first prohibited code point, <c>Violation of BIDI requirement 2</c> or <c>3</c>,
    /// <c>Label starts with ACE prefix</c> for a label that still has non-ASCII text after an <c>xn--</c>
    /// prefix; null when none applies.
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

        // No lone surrogates are left (they are prohibited), so the label can be prepared. Python checks the
        // BIDI rules and then the ACE prefix on the mapped, normalized label.
        var prepared = Prepare(label);
        var codePoints = CodePoints(prepared);
        if (codePoints.Exists(cp => In(RandAL, cp)))
        {
            if (codePoints.Exists(cp => In(LeftToRight, cp)))
            {
                return "Violation of BIDI requirement 2";
            }

            if (!In(RandAL, codePoints[0]) || !In(RandAL, codePoints[^1]))
            {
                return "Violation of BIDI requirement 3";
            }
        }

        return prepared.StartsWith("xn--", System.StringComparison.Ordinal) && !Ascii.IsValid(prepared)
            ? "Label starts with ACE prefix"
            : null;
    }

    /// <summary>
    /// The ASCII form of a non-ASCII label that passed <see cref="Error"/>: the prepared label itself when it
    /// is ASCII, else <c>xn--</c> and its Punycode.
    /// </summary>
    public static string ToAscii(string label)
    {
        var prepared = Prepare(label);
        return Ascii.IsValid(prepared) ? prepared : "xn--" + Punycode(prepared);
    }

    // nameprep's mapping and normalization: B.1 (map to nothing), B.2 (stringprep's map_table_b2: case folding
    // closed under NFKC, per code point) and NFKC of the whole label. .NET has simple lowercasing only, so
    // the full foldings that differ (sharp s, final sigma, the iota subscript, dotted capital I) are applied
    // by hand; NFKC uses .NET's Unicode tables.
    private static string Prepare(string label)
    {
        var mapped = new StringBuilder(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (In(MapToNothing, c))
            {
                continue;
            }

            var single = char.IsHighSurrogate(c) && i + 1 < label.Length ? label.Substring(i++, 2) : c.ToString();
            var folded = FoldCase(single);
            var normalized = folded.Normalize(NormalizationForm.FormKC);
            var closed = FoldCase(normalized).Normalize(NormalizationForm.FormKC);
            mapped.Append(normalized != closed ? closed : folded);
        }

        return mapped.ToString().Normalize(NormalizationForm.FormKC);
    }

    // Unicode full case folding (stringprep table B.3), approximated with .NET's simple lowercasing.
    private static string FoldCase(string text)
    {
        var lowered = text.Replace("\u0130", "i\u0307", System.StringComparison.Ordinal).ToLowerInvariant()
            .Replace("\u00df", "ss", System.StringComparison.Ordinal).Replace('\u03c2', '\u03c3');
        return lowered.Contains('\u0345', System.StringComparison.Ordinal) || lowered.Normalize(NormalizationForm.FormD).Contains('\u0345', System.StringComparison.Ordinal)
            ? lowered.Normalize(NormalizationForm.FormD).Replace('\u0345', '\u03b9').Normalize(NormalizationForm.FormC)
            : lowered;
    }

    private static System.Collections.Generic.List<int> CodePoints(string text)
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

        return codePoints;
    }

    private static bool In((int First, int Last)[] table, int cp)
    {
        int lo = 0, hi = table.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (cp < table[mid].First)
            {
                hi = mid - 1;
            }
            else if (cp > table[mid].Last)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    // RFC 3492 Punycode, as Python's "punycode" codec writes it: the basic code points, '-' when there are
    // any, then the deltas of the others in code point order.
    private static string Punycode(string text)
    {
        var codePoints = CodePoints(text);
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
