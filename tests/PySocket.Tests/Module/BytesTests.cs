using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Bytes;

namespace PySocket.Tests.Module;

/// <summary>The bytes/str helpers (PySocket.Bytes) against python3, row by row.</summary>
public sealed class BytesTests
{
    private static readonly string[] Encodings = ["utf-8", "ascii", "latin-1", "UTF8", "Latin_1", "cp1252-bogus"];

    private static readonly string[] Handlers = ["strict", "replace", "ignore", "backslashreplace", "surrogateescape", "no-such-handler"];

    private static readonly string[] DecodeInputs =
    [
        "68656c6c6f0a", "", "ff", "616263ff646566", "e282ac", "e282", "e28261", "e228a1", "eda080", "e08080", "f09f9880",
        "f09f98", "f4908080", "c0af", "f5", "8080", "61c3", "f09f28", "f0288c28", "636166c3a9", "c3a9fffe", "edbfbf", "f0908080",
        "e0a080", "c280", "dfbf", "efbfbf", "f48fbfbf", "f09fe282ac",
    ];

    private static readonly string[] EncodeInputs =
    [
        "hello", "café", "€", "\U0001F600", "\udcff", "a\udc80\udcffb", "\ud800", "\udcff\ud800", "é€\U0001F600", "Ā",
        "x\udc80", "\udc41", "ab\udc80\u0100\udc81", "\udc80\udc41\udc81", "",
    ];

    // A Python str literal for a .NET string: a surrogate pair is one code point, a lone surrogate stays one.
    private static string PyStr(string s)
    {
        var sb = new StringBuilder("'");
        for (var i = 0; i < s.Length; i++)
        {
            int cp = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }

            sb.Append(cp is >= 0x20 and < 0x7f && cp != '\'' && cp != '\\' ? ((char)cp).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\U{cp:x8}"));
        }

        return sb.Append('\'').ToString();
    }

    private static string PyBytes(byte[] b) => $"bytes.fromhex('{Convert.ToHexStringLower(b)}')";

    // The code points of a .NET string, as Python's [ord(c) for c in s].
    private static List<int> Ords(string s)
    {
        var cps = new List<int>();
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cps.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else
            {
                cps.Add(s[i]);
            }
        }

        return cps;
    }

    [PythonFact]
    public void Decode_matches_python_for_every_codec_and_error_handler()
    {
        var table = new DifferentialTable();
        foreach (var hex in DecodeInputs)
        {
            var data = Convert.FromHexString(hex);
            foreach (var encoding in Encodings)
            {
                foreach (var errors in Handlers)
                {
                    table.Case($"[ord(c) for c in bytes.fromhex('{hex}').decode('{encoding}', '{errors}')]", () => Ords(data.decode(encoding, errors)));
                }
            }

            table.Case($"[ord(c) for c in bytes.fromhex('{hex}').decode()]", () => Ords(data.decode()));
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Encode_matches_python_for_every_codec_and_error_handler()
    {
        var table = new DifferentialTable();
        foreach (var text in EncodeInputs)
        {
            foreach (var encoding in Encodings)
            {
                foreach (var errors in Handlers)
                {
                    table.Case($"{PyStr(text)}.encode('{encoding}', '{errors}')", () => text.encode(encoding, errors));
                }
            }

            table.Case($"{PyStr(text)}.encode()", () => text.encode());
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Surrogateescape_round_trips_undecodable_bytes_as_python_does()
    {
        var data = Convert.FromHexString("61ff80c3a9");
        new DifferentialTable()
            .Case("bytes.fromhex('61ff80c3a9').decode('utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape')",
                () => data.decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
            .Case("bytes.fromhex('61ff80c3a9').decode('ascii', 'surrogateescape').encode('ascii', 'surrogateescape')",
                () => data.decode("ascii", "surrogateescape").encode("ascii", "surrogateescape"))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Repr_matches_python()
    {
        byte[][] bytesInputs =
        [
            "hello\n"u8.ToArray(), "it's"u8.ToArray(), "say \"hi\""u8.ToArray(), "both ' and \""u8.ToArray(), [0, 0x7f, 0x80, 0xff],
            "\t\r\\"u8.ToArray(), [], [0x1b, (byte)'[', (byte)'0', (byte)'m'],
        ];
        string[] strInputs = ["hello", "it's", "a\nb", "\0", "é", "\u200b", "\U0001F600", "\udcff", "both ' and \"", "\u00a0", "\x7f"];
        var table = new DifferentialTable();
        foreach (var b in bytesInputs)
        {
            table.Case($"repr({PyBytes(b)})", () => repr(b));
        }

        foreach (var s in strInputs)
        {
            table.Case($"repr({PyStr(s)})", () => repr(s));
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Bytes_methods_match_python()
    {
        var request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray();
        var table = new DifferentialTable();
        void Row(string python, Func<object?> dotnet) => table.Case(python, dotnet);
        byte[] B(string s) => Encoding.Latin1.GetBytes(s);
        string P(string s) => PyBytes(B(s));

        foreach (var s in new[] { "  hi \r\n", "\v\fhi\x1c", "", "   ", "\x00hi\x00" })
        {
            Row($"{P(s)}.strip()", () => B(s).strip());
            Row($"{P(s)}.lstrip()", () => B(s).lstrip());
            Row($"{P(s)}.rstrip()", () => B(s).rstrip());
        }

        Row($"{P("xxhixx")}.strip({P("x")})", () => B("xxhixx").strip(B("x")));
        Row($"{P("xyhiyx")}.lstrip({P("yx")})", () => B("xyhiyx").lstrip(B("yx")));
        Row($"{P(" hi ")}.strip({P("")})", () => B(" hi ").strip(B("")));

        foreach (var s in new[] { "a b  c", "  a b  c  ", "", "   ", "one\ttwo\nthree\r\n" })
        {
            foreach (var max in new[] { -1, 0, 1, 2, 5 })
            {
                Row($"{P(s)}.split(None, {max})", () => B(s).split(null, max));
            }
        }

        foreach (var (s, sep) in new[] { ("a,b,,c", ","), ("", ","), (",", ","), ("a--b--", "--"), ("abc", "x") })
        {
            foreach (var max in new[] { -1, 0, 1, 2 })
            {
                Row($"{P(s)}.split({P(sep)}, {max})", () => B(s).split(B(sep), max));
            }
        }

        Row($"{P("abc")}.split({P("")})", () => B("abc").split(B("")));
        Row($"{PyBytes(request)}.split({P("\r\n")})", () => request.split(B("\r\n")));
        Row($"{PyBytes(request)}.split()", () => request.split());

        Row($"{P("Hello, W\u00c3\u00b6rld! [z]")}.upper()", () => B("Hello, W\u00c3\u00b6rld! [z]").upper());
        Row($"{P("Hello, W\u00c3\u00b6rld! [Z]")}.lower()", () => B("Hello, W\u00c3\u00b6rld! [Z]").lower());

        foreach (var (s, fix, start, end) in new (string, string, int, int?)[]
                 {
                     ("GET /", "GET", 0, null), ("abc", "", 3, null), ("abc", "", 4, null), ("abc", "bc", -2, null), ("abc", "a", 0, 0),
                     ("abc", "c", 0, -1), ("abc", "ab", 0, 2), ("abc", "abc", -10, null), ("abc", "abcd", 0, null), ("abc", "b", 1, 2),
                     ("abc", "", -1, -3), ("", "", 0, null), ("abc", "a", 0, -10),
                 })
        {
            var e = end is int n ? n.ToString(CultureInfo.InvariantCulture) : "None";
            Row($"{P(s)}.startswith({P(fix)}, {start}, {e})", () => B(s).startswith(B(fix), start, end));
            Row($"{P(s)}.endswith({P(fix)}, {start}, {e})", () => B(s).endswith(B(fix), start, end));
            Row($"{P(s)}.find({P(fix)}, {start}, {e})", () => B(s).find(B(fix), start, end));
        }

        Row($"{P("hello")}.find({P("l")})", () => B("hello").find(B("l")));
        Row($"{P("hello")}.find({P("z")})", () => B("hello").find(B("z")));
        Row($"{P("a\r\n\r\nb")}.find({P("\r\n\r\n")})", () => B("a\r\n\r\nb").find(B("\r\n\r\n")));

        Row($"{P(", ")}.join([{P("a")}, {P("b")}])", () => B(", ").join([B("a"), B("b")]));
        Row($"{P("")}.join([])", () => B("").join([]));
        Row($"{P("-")}.join([{P("x")}])", () => B("-").join([B("x")]));
        Row($"{P("-")}.join([{P("x")}, None])", () => B("-").join([B("x"), null!]));
        table.AssertSameAsPython();
    }

    [Fact]
    public void A_port_reads_like_the_python_it_ports()
    {
        // Python:
        //     data = b'  GET /index.html HTTP/1.1\r\n'
        //     method, path, version = data.strip().split()
        //     if method.upper().startswith(b'GET'):
        //         print(repr(path), path.decode('ascii'), b'/'.join([b'', b'x']))
        var data = "  GET /index.html HTTP/1.1\r\n"u8.ToArray();
        var parts = data.strip().split();
        var (method, path) = (parts[0], parts[1]);
        method.upper().startswith("GET"u8.ToArray()).Should().BeTrue();
        repr(path).Should().Be("b'/index.html'");
        path.decode("ascii").Should().Be("/index.html");
        "/"u8.ToArray().join(["".encode(), "x".encode()]).Should().Equal("/x"u8.ToArray());
        $"received {repr("hello\n"u8.ToArray())}".Should().Be("received b'hello\\n'");
    }
}
