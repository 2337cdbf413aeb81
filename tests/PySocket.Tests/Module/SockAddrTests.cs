using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Module;

public sealed class SockAddrTests
{
    private static readonly string?[] Hosts =
    [
        "127.0.0.1", "::1", "localhost", "", null, "it's", "say \"hi\"", "both ' and \"", "back\\slash", "tab\there",
        "new\nline", "cr\rx", "\u0001", "\u007f", "\u0085", "\u00a0", "\u00ad", "\u00e9t\u00e9", "\u65e5\u672c",
        "\U0001F600", "\u2028", "\ufeff", "fe80::1%eth0", "\\'", "\"'\"",
        "\ud800", "x\udc00y", "\ue000", "\U000E0001", "\U0010FFFF", "\u3000", "\u0378", "\U0001D11E",
    ];

    [PythonFact]
    public void Tuple_addresses_print_like_pythons_tuples()
    {
        var table = new DifferentialTable();
        foreach (var host in Hosts)
        {
            var h = PyLiteral.Str(host);
            table.Case($"repr(({h}, 80))", () => SockAddr.Inet(host, 80).ToString())
                 .Case($"repr(({h}, 65535))", () => SockAddr.Inet(host, 65535).repr())
                 .Case($"repr(({h}, 443, 1, 2))", () => SockAddr.Inet6(host, 443, 1, 2).ToString())
                 .Case($"repr(({h}, 0, 0))", () => SockAddr.Inet6(host, 0, 0).repr());
        }

        table.Case("repr(('h', -1))", () => ((SockAddr)("h", -1)).ToString())
             .Case("repr(('::1', 8080, 0, 0))", () => ((SockAddr)("::1", 8080, 0, 0)).ToString())
             .Case("repr(('::1', 1, 2147483647, 4294967295 - 2**32))", () => SockAddr.Inet6("::1", 1, int.MaxValue, -1).ToString());
        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Unix_paths_print_like_python_strings_and_abstract_names_like_bytes()
    {
        string[] paths = ["/tmp/s", "", "rel/path", "it's", "a\"b", "sp ace", "\u00e9", "x\ny"];
        var table = new DifferentialTable();
        foreach (var p in paths)
        {
            var lit = PyLiteral.Str(p);
            table.Case($"str({lit})", () => SockAddr.Unix(p).ToString())
                 .Case($"repr({lit})", () => SockAddr.Unix(p).repr());
        }

        foreach (var p in new[] { "\0abc", "\0", "\0it's", "\0\u00ff\n" })
        {
            var lit = "bytes([" + string.Join(", ", System.Linq.Enumerable.Select(p, c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "])";
            table.Case($"repr({lit})", () => SockAddr.Unix(p).ToString())
                 .Case($"repr({lit}) ", () => SockAddr.Unix(p).repr());
        }

        table.AssertSameAsPython();
    }

    [Fact]
    public void A_tuple_converts_implicitly_and_deconstructs()
    {
        SockAddr addr = ("127.0.0.1", 8080);
        var (host, port) = addr;
        host.Should().Be("127.0.0.1");
        port.Should().Be(8080);
        addr.ToString().Should().Be("('127.0.0.1', 8080)");
    }

    [Fact]
    public void A_none_host_prints_as_none()
    {
        SockAddr.Inet(null, 0).ToString().Should().Be("(None, 0)");
    }

    [Fact]
    public void A_host_with_a_single_quote_is_printed_in_double_quotes()
    {
        SockAddr.Inet("it's", 1).ToString().Should().Be("(\"it's\", 1)");
    }
}
