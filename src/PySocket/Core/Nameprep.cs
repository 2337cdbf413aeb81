using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// The parts of Python's IDNA 2003 nameprep (encodings/idna.py, RFC 3491) that .NET's <c>IdnMapping</c>
/// does not reproduce: the prohibited-character check with its <c>Invalid character '\ud800'</c> message,
/// and the ACE-prefix check.
/// </summary>
internal static class Nameprep
{
    // stringprep tables C.1.2, C.2.2, C.3-C.9 (Unicode 3.2), less the code points nameprep's mapping (B.1) or
    // NFKC changes before the check (U+00A0, U+0340, U+0341, U+2000-U+200D, U+202F, U+205F, U+2060, U+3000,
    // U+FEFF): for what is left, a code point in the label is prohibited exactly when Python rejects it, and
    // the first one in the label is the one Python reports.
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
