using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>Python's str-to-bytes argument conversions, shared by every function that takes text.</summary>
internal static class PyText
{
    /// <summary>Python's strict UTF-8 encoding: a lone surrogate raises UnicodeEncodeError with CPython's message.</summary>
    public static byte[] StrictUtf8Bytes(string text)
    {
        CheckEncodable(text);
        return Encoding.UTF8.GetBytes(text);
    }

    // Python's strict UTF-8 encoder: the first run of lone surrogates is an error, positions counted in code points.
    public static void CheckEncodable(string text)
    {
        var codePoint = 0;
        for (var i = 0; i < text.Length; i++, codePoint++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            var first = codePoint;
            var firstChar = text[i];
            var end = i + 1;
            while (end < text.Length && char.IsSurrogate(text[end]) &&
                   !(char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1])))
            {
                end++;
            }

            var count = end - i;
            var message = count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"'utf-8' codec can't encode character '\\u{(int)firstChar:x4}' in position {first}: surrogates not allowed")
                : string.Create(CultureInfo.InvariantCulture, $"'utf-8' codec can't encode characters in position {first}-{first + count - 1}: surrogates not allowed");
            throw Errors.UnicodeEncode(message);
        }
    }
}
