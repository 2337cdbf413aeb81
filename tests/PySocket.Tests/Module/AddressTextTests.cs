using System;
using System.Globalization;
using System.Text;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class AddressTextTests
{
    private static readonly string[] AtonInputs =
    [
        "127.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3.4", "256.0.0.1", "1.256.0.1", "1.2.3.256",
        "1.2.3", "1.2", "1", "127.1", "10.1.2", "1.16777215", "1.16777216", "1.2.65535", "1.2.65536",
        "0x7f.1", "0X7F.0.0.1", "0x7f.0x0.0x0.0x1", "0xff.0xff.0xff.0xff", "0x100.0.0.1", "0x", "0x.1.2.3",
        "0177.0.0.1", "0377.0377.0377.0377", "0400.0.0.1", "08.0.0.1", "09", "010.010.010.010", "1.2.3.04",
        "4294967295", "4294967296", "0xffffffff", "0x100000000", "037777777777", "040000000000", "2130706433",
        "1.2.3.4 trailing text", "1.2.3.4\ttab", "1.2.3.4\nnewline", "1.2.3.4\u000bvt", "1.2.3.4\u000cff",
        "1.2.3.4\rcr", "1.2.3.4  ", "1.2.3.4 \u00e9", "1.2.3.4x", "1.2.3.4.", "1.2.3.4.5", ".1.2.3", "1..2.3",
        "", " ", "  1.2.3.4", "\t1.2.3.4", "1.2.3.-4", "-1", "+1.2.3.4", "1.2.3.+4", "1.2.3.4\u00e9",
        "1.2.3.4\u00a0x", "\uff11.2.3.4", "localhost", "::1", "1.2.3.4/24", "1.2.3.4:80",
        "1.2.3.4\0", "\0", "1.2.3.4 \0",
    ];

    private static readonly string[] Pton4Inputs =
    [
        "1.2.3.4", "0.0.0.0", "255.255.255.255", "127.0.0.1", "256.1.1.1", "127.1", "0x7f.0.0.1", "01.2.3.4",
        "1.2.3.4 ", " 1.2.3.4", "", "1.2.3", "1.2.3.4.5", "::1", "1.2.3.4\0", "\u0661.2.3.4",
    ];

    private static readonly string[] Pton6Inputs =
    [
        "::", "::1", "1::", "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:127.0.0.1", "2001:db8::1",
        "2001:DB8:0:0:1:0:0:1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
        "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "0:0:0:0:0:0:0:0", "fe80::1%eth0", ":::", "1::2::3",
        "12345::", "g::", "::ffff:1.2.3", "::ffff:256.1.1.1", "1.2.3.4", "[::1]", "::1 ", " ::1", "", ":",
        "1:", ":1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "00001::", "0001::", "::1\0",
    ];

    private static readonly string[] Ntop4Hex = ["00000000", "7f000001", "ffffffff", "01020304", "c0a80101", "", "010203", "0102030405"];

    private static readonly string[] Ntop6Hex =
    [
        "00000000000000000000000000000000", "00000000000000000000000000000001", "00010000000000000000000000000000",
        "00000000000000000000ffff01020304", "00000000000000000000000001020304", "00000000000000000000000000010203",
        "20010db8000000000000000000000001", "00010000000000020000000000000003", "00010000000200000000000300000004",
        "00010000000200030004000500060007", "00010002000300040005000600070008", "fe800000000000000000000000000001",
        "ffffffffffffffffffffffffffffffff", "00000000000000000000ffff00000000", "0000000000000000ffff000001020304",
        "000000000000000000000000000000", "0000000000000000000000000000000000", "01020304",
    ];

    [PythonFact]
    public void Inet_aton_parses_every_form_exactly_as_python()
    {
        var table = new DifferentialTable();
        foreach (var s in AtonInputs)
        {
            table.Case($"inet_aton({PyLiteral.Str(s)})", () => inet_aton(s));
        }

        table.Case("inet_aton(None)", () => inet_aton(null!));
        table.Count.Should().BeGreaterThanOrEqualTo(40);
        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Inet_pton_parses_ipv4_ipv6_and_rejects_other_families_as_python()
    {
        var table = new DifferentialTable();
        foreach (var s in Pton4Inputs)
        {
            table.Case($"inet_pton(AF_INET, {PyLiteral.Str(s)})", () => inet_pton(AF_INET, s));
        }

        foreach (var s in Pton6Inputs)
        {
            table.Case($"inet_pton(AF_INET6, {PyLiteral.Str(s)})", () => inet_pton(AF_INET6, s));
            table.Case($"exec:result = inet_ntop(AF_INET6, inet_pton(AF_INET6, {PyLiteral.Str(s)}))", () => inet_ntop(AF_INET6, inet_pton(AF_INET6, s)));
        }

        foreach (var family in new[] { AF_UNSPEC, AF_UNIX, AF_PACKET, 12345, -1 })
        {
            var f = family.ToString(CultureInfo.InvariantCulture);
            table.Case($"inet_pton({f}, '1.2.3.4')", () => inet_pton(family, "1.2.3.4"));
            table.Case($"inet_pton({f}, '1.2.3.4\\0')", () => inet_pton(family, "1.2.3.4\0"));
        }

        table.Case("inet_pton(AF_INET, None)", () => inet_pton(AF_INET, null!));
        table.Case("inet_pton(AF_UNIX, None)", () => inet_pton(AF_UNIX, null!));
        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Inet_ntop_and_inet_ntoa_format_and_reject_as_python()
    {
        var table = new DifferentialTable();
        foreach (var hex in Ntop4Hex)
        {
            var packed = Convert.FromHexString(hex);
            table.Case($"inet_ntop(AF_INET, bytes.fromhex('{hex}'))", () => inet_ntop(AF_INET, packed));
            table.Case($"inet_ntoa(bytes.fromhex('{hex}'))", () => inet_ntoa(packed));
            table.Case($"inet_ntoa(bytearray.fromhex('{hex}'))", () => inet_ntoa(packed.AsSpan()));
        }

        foreach (var hex in Ntop6Hex)
        {
            var packed = Convert.FromHexString(hex);
            table.Case($"inet_ntop(AF_INET6, bytes.fromhex('{hex}'))", () => inet_ntop(AF_INET6, packed));
            table.Case($"inet_ntop(AF_INET6, memoryview(bytes.fromhex('{hex}')))", () => inet_ntop(AF_INET6, (ReadOnlySpan<byte>)packed));
        }

        foreach (var family in new[] { AF_UNSPEC, AF_UNIX, AF_PACKET, 12345, -1 })
        {
            var f = family.ToString(CultureInfo.InvariantCulture);
            table.Case($"inet_ntop({f}, b'\\x01\\x02\\x03\\x04')", () => inet_ntop(family, new byte[] { 1, 2, 3, 4 }));
            table.Case($"inet_ntop({f}, None)", () => inet_ntop(family, (byte[])null!));
        }

        table.Case("inet_ntop(AF_INET, None)", () => inet_ntop(AF_INET, (byte[])null!));
        table.Case("inet_ntop(AF_INET6, None)", () => inet_ntop(AF_INET6, (byte[])null!));
        table.Case("inet_ntoa(None)", () => inet_ntoa((byte[])null!));
        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Text_with_lone_surrogates_raises_unicode_encode_error_as_python_does()
    {
        string[] inputs = ["\ud800", "1.2.3.4 \ud800", "\udc00\ud801x", "\U0001F600\udc00\udc01z", "\0\ud800"];
        var table = new DifferentialTable();
        foreach (var s in inputs)
        {
            table.Case($"inet_aton({PyLiteral.Str(s)})", () => inet_aton(s));
            table.Case($"inet_pton(AF_INET, {PyLiteral.Str(s)})", () => inet_pton(AF_INET, s));
            table.Case($"inet_pton(AF_UNIX, {PyLiteral.Str(s)})", () => inet_pton(AF_UNIX, s));
        }

        table.AssertSameAsPython();
    }

    [Fact]
    public void Inet_aton_and_inet_ntoa_round_trip_a_dotted_quad()
    {
        byte[] packed = inet_aton("127.0.0.1");
        packed.Should().Equal(127, 0, 0, 1);
        string dotted = inet_ntoa(packed);
        dotted.Should().Be("127.0.0.1");
        inet_ntoa("\x0a\x00\x00\x01"u8).Should().Be("10.0.0.1");
    }

    [Fact]
    public void Inet_aton_accepts_glibcs_short_and_numeric_forms()
    {
        inet_aton("127.1").Should().Equal(127, 0, 0, 1);
        inet_aton("0x7f.1").Should().Equal(127, 0, 0, 1);
        inet_aton("0177.0.0.1").Should().Equal(127, 0, 0, 1);
        inet_aton("1.2.3.4 ignored").Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void Inet_pton_rejects_an_illegal_string_with_an_oserror_without_errno()
    {
        var e = FluentActions.Invoking(() => inet_pton(AF_INET, "127.1")).Should().Throw<OSError>().Which;
        e.errno.Should().BeNull();
        e.Message.Should().Be("illegal IP address string passed to inet_pton");
    }

    [Fact]
    public void Inet_pton_with_another_family_raises_eafnosupport()
    {
        FluentActions.Invoking(() => inet_pton(AF_UNIX, "1.2.3.4")).Should().Throw<OSError>().Which.errno.Should().Be(97);
    }

    [Fact]
    public void Inet_ntop_compresses_the_longest_run_of_zero_groups_and_shows_mapped_ipv4()
    {
        inet_ntop(AF_INET6, inet_pton(AF_INET6, "1:0:0:2:0:0:0:3")).Should().Be("1:0:0:2::3");
        inet_ntop(AF_INET6, inet_pton(AF_INET6, "::ffff:1.2.3.4")).Should().Be("::ffff:1.2.3.4");
        inet_ntop(AF_INET, "\x01\x02\x03\x04"u8).Should().Be("1.2.3.4");
    }

    [Fact]
    public void Null_arguments_raise_type_error()
    {
        FluentActions.Invoking(() => inet_aton(null!)).Should().Throw<TypeError>().WithMessage("inet_aton() argument 1 must be str, not None");
        FluentActions.Invoking(() => inet_ntoa((byte[])null!)).Should().Throw<TypeError>().WithMessage("a bytes-like object is required, not 'NoneType'");
    }
}

/// <summary>Python source literals for test inputs: every non-ASCII or control character escaped.</summary>
internal static class PyLiteral
{
    public static string Str(string? s)
    {
        if (s is null)
        {
            return "None";
        }

        var sb = new StringBuilder("'");
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append("\\U").Append(char.ConvertToUtf32(ch, s[i + 1]).ToString("x8", CultureInfo.InvariantCulture));
                i++;
            }
            else if (ch is '\\' or '\'')
            {
                sb.Append('\\').Append(ch);
            }
            else if (ch < 0x20 || ch >= 0x7f)
            {
                sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.Append('\'').ToString();
    }
}
