using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class ResolverTests
{
    [PythonFact]
    public void Getaddrinfo_port_forms_match_python()
    {
        new DifferentialTable()
            .Case("getaddrinfo('127.0.0.1', 80)", () => getaddrinfo("127.0.0.1", 80))
            .Case("getaddrinfo('127.0.0.1', None)", () => getaddrinfo("127.0.0.1", null))
            .Case("getaddrinfo('127.0.0.1', 0, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", 0, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 'http', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "http", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 'domain', 0, SOCK_DGRAM)", () => getaddrinfo("127.0.0.1", "domain", 0, SOCK_DGRAM))
            .Case("getaddrinfo('127.0.0.1', 'http')", () => getaddrinfo("127.0.0.1", "http"))
            .Case("getaddrinfo('127.0.0.1', 'nosuchservice')", () => getaddrinfo("127.0.0.1", "nosuchservice"))
            .Case("getaddrinfo('127.0.0.1', '80', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "80", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', ' 80', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", " 80", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', '80 ', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "80 ", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', '', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', '-1', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "-1", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', '0x50', 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", "0x50", 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', -1)", () => getaddrinfo("127.0.0.1", -1))
            .Case("getaddrinfo('127.0.0.1', -65536, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", -65536, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 65535, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", 65535, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 65536, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", 65536, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 70000, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", 70000, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 2**32 + 80, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", (1L << 32) + 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1', 2**63 - 1, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1", long.MaxValue, 0, SOCK_STREAM))
            .Case("getaddrinfo('localhost', 'http\\x00junk', 0, SOCK_STREAM)", () => getaddrinfo("localhost", "http\0junk", 0, SOCK_STREAM))
            .Case("getaddrinfo('localhost', '\\ud800')", () => getaddrinfo("localhost", "\ud800"))
            .Case("getaddrinfo('localhost', 'ht\\ud800tp')", () => getaddrinfo("localhost", "ht\ud800tp"))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Getaddrinfo_hosts_and_literals_match_python()
    {
        new DifferentialTable("H = gethostname()")
            .Case("getaddrinfo('localhost', 80)", () => getaddrinfo("localhost", 80))
            .Case("getaddrinfo('localhost', 80, 0, SOCK_STREAM)", () => getaddrinfo("localhost", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('localhost', 80, AF_INET, SOCK_DGRAM)", () => getaddrinfo("localhost", 80, AF_INET, SOCK_DGRAM))
            .Case("getaddrinfo('localhost', 80, AF_INET6)", () => getaddrinfo("localhost", 80, AF_INET6))
            .Case("getaddrinfo(H, 80)", () => getaddrinfo(gethostname(), 80))
            .Case("getaddrinfo(H, 80, 0, SOCK_STREAM, 0, AI_CANONNAME)", () => getaddrinfo(gethostname(), 80, 0, SOCK_STREAM, 0, AI_CANONNAME))
            .Case("getaddrinfo(None, 80)", () => getaddrinfo(null, 80))
            .Case("getaddrinfo(None, 80, 0, SOCK_STREAM)", () => getaddrinfo(null, 80, 0, SOCK_STREAM))
            .Case("getaddrinfo(None, None)", () => getaddrinfo(null, null))
            .Case("getaddrinfo('', 80)", () => getaddrinfo("", 80))
            .Case("getaddrinfo('::1', 80)", () => getaddrinfo("::1", 80))
            .Case("getaddrinfo('::1', 80, AF_INET6, SOCK_STREAM)", () => getaddrinfo("::1", 80, AF_INET6, SOCK_STREAM))
            .Case("getaddrinfo('::', 0, 0, SOCK_STREAM)", () => getaddrinfo("::", 0, 0, SOCK_STREAM))
            .Case("getaddrinfo('0.0.0.0', 0, 0, SOCK_STREAM)", () => getaddrinfo("0.0.0.0", 0, 0, SOCK_STREAM))
            .Case("getaddrinfo('::ffff:127.0.0.1', 80, 0, SOCK_STREAM)", () => getaddrinfo("::ffff:127.0.0.1", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('fe80::1%1', 80, 0, SOCK_STREAM)", () => getaddrinfo("fe80::1%1", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('fe80::1%lo', 80, 0, SOCK_DGRAM)", () => getaddrinfo("fe80::1%lo", 80, 0, SOCK_DGRAM))
            .Case("getaddrinfo('FE80::ABCD', 80, 0, SOCK_DGRAM)", () => getaddrinfo("FE80::ABCD", 80, 0, SOCK_DGRAM))
            .Case("getaddrinfo('0x7f.1', 80, 0, SOCK_STREAM)", () => getaddrinfo("0x7f.1", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.1', 80, 0, SOCK_STREAM)", () => getaddrinfo("127.1", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('255.255.255.255', 80, 0, SOCK_STREAM)", () => getaddrinfo("255.255.255.255", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('127.0.0.1\\x00junk', 80, 0, SOCK_STREAM)", () => getaddrinfo("127.0.0.1\0junk", 80, 0, SOCK_STREAM))
            .Case("getaddrinfo('a..b', 80)", () => getaddrinfo("a..b", 80))
            .Case("getaddrinfo('.', 80)", () => getaddrinfo(".", 80))
            .Case("getaddrinfo('a' * 64, 80)", () => getaddrinfo(new string('a', 64), 80))
            .Case("getaddrinfo('a' * 64 + '.b', 80)", () => getaddrinfo(new string('a', 64) + ".b", 80))
            .Case("getaddrinfo('b\u00fccher', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("b\u00fccher", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('b\u00fc..x', 80)", () => getaddrinfo("b\u00fc..x", 80))
            .Case("getaddrinfo('\u00fc' * 70, 80)", () => getaddrinfo(new string('\u00fc', 70), 80))
            .Case("getaddrinfo('\u00fc\u3002\u3002x', 80)", () => getaddrinfo("\u00fc\u3002\u3002x", 80))
            .Case("getaddrinfo('a\\ud800b', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\ud800b", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\ue000.x', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("\ue000.x", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('b\\u00fc.a\\x80', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("b\u00fc.a\u0080", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('a\\u206e', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\u206e", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('a\\U000f0000', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\U000f0000", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('a\\ufffd\\u2ff0', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\ufffd\u2ff0", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('a\\u00ad\\u3000\\ud800', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\u00ad\u3000\ud800", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('xn--\\u00fc', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("xn--\u00fc", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('XN--\\u00fc', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("XN--\u00fc", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('a\\u05fbb.x', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("a\u05fbb.x", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('x.a\\u05d0', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("x.a\u05d0", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u00df' * 32, 80, flags=AI_NUMERICHOST)", () => getaddrinfo(new string('\u00df', 32), 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u0130' * 40, 80, flags=AI_NUMERICHOST)", () => getaddrinfo(new string('\u0130', 40), 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u1fb3' * 25 + '\\u00fc', 80, flags=AI_NUMERICHOST)", () => getaddrinfo(new string('\u1fb3', 25) + "\u00fc", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u05d01.\\u00fc', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("\u05d01.\u00fc", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u0627\\u0661\\u0628', 80, flags=AI_NUMERICHOST)", () => getaddrinfo("\u0627\u0661\u0628", 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u0a45' * 2 + 'a' * 48, 80, flags=AI_NUMERICHOST)", () => getaddrinfo(new string('\u0a45', 2) + new string('a', 48), 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('\\u0a45' * 2 + 'a' * 58, 80, flags=AI_NUMERICHOST)", () => getaddrinfo(new string('\u0a45', 2) + new string('a', 58), 80, flags: AI_NUMERICHOST))
            .Case("getaddrinfo('::1', 80, AF_INET)", () => getaddrinfo("::1", 80, AF_INET))
            .Case("getaddrinfo('127.0.0.1', 80, AF_INET6)", () => getaddrinfo("127.0.0.1", 80, AF_INET6))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Getaddrinfo_flags_families_and_types_match_python()
    {
        new DifferentialTable()
            .Case("getaddrinfo(None, 80, flags=AI_PASSIVE)", () => getaddrinfo(null, 80, flags: AI_PASSIVE))
            .Case("getaddrinfo(None, 0, AF_INET6, SOCK_STREAM, 0, AI_PASSIVE)", () => getaddrinfo(null, 0, AF_INET6, SOCK_STREAM, 0, AI_PASSIVE))
            .Case("getaddrinfo(None, 'http', AF_INET, SOCK_STREAM, 0, AI_PASSIVE)", () => getaddrinfo(null, "http", AF_INET, SOCK_STREAM, 0, AI_PASSIVE))
            .Case("getaddrinfo('localhost', 80, 0, SOCK_STREAM, 0, AI_CANONNAME)", () => getaddrinfo("localhost", 80, 0, SOCK_STREAM, 0, AI_CANONNAME))
            .Case("getaddrinfo('localhost', 80, type=SOCK_STREAM, flags=AI_CANONNAME)", () => getaddrinfo("localhost", 80, type: SOCK_STREAM, flags: AI_CANONNAME))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, 0, AI_CANONNAME)", () => getaddrinfo("127.0.0.1", 80, 0, 0, 0, AI_CANONNAME))
            .Case("getaddrinfo('localhost', 80, 0, 0, 0, AI_NUMERICHOST)", () => getaddrinfo("localhost", 80, 0, 0, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('::1', 80, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("::1", 80, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('127.0.0.1', 'http', 0, SOCK_STREAM, 0, AI_NUMERICSERV)", () => getaddrinfo("127.0.0.1", "http", 0, SOCK_STREAM, 0, AI_NUMERICSERV))
            .Case("getaddrinfo('127.0.0.1', '80', 0, SOCK_STREAM, 0, AI_NUMERICSERV)", () => getaddrinfo("127.0.0.1", "80", 0, SOCK_STREAM, 0, AI_NUMERICSERV))
            .Case("getaddrinfo('127.0.0.1', 80, AF_INET6, 0, 0, AI_V4MAPPED)", () => getaddrinfo("127.0.0.1", 80, AF_INET6, 0, 0, AI_V4MAPPED))
            .Case("getaddrinfo('127.0.0.1', 80, AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED | AI_ALL)", () => getaddrinfo("127.0.0.1", 80, AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED | AI_ALL))
            .Case("getaddrinfo('localhost', 80, AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED)", () => getaddrinfo("localhost", 80, AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED))
            .Case("getaddrinfo('localhost', 80, AF_INET6, 0, 0, AI_V4MAPPED | AI_ALL)", () => getaddrinfo("localhost", 80, AF_INET6, 0, 0, AI_V4MAPPED | AI_ALL))
            .Case("getaddrinfo('127.0.0.1', 80, AF_INET, SOCK_STREAM, 0, AI_V4MAPPED)", () => getaddrinfo("127.0.0.1", 80, AF_INET, SOCK_STREAM, 0, AI_V4MAPPED))
            .Case("getaddrinfo('localhost', 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG)", () => getaddrinfo("localhost", 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG))
            .Case("getaddrinfo('::1', 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG)", () => getaddrinfo("::1", 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG))
            .Case("getaddrinfo(None, 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG | AI_PASSIVE)", () => getaddrinfo(null, 80, 0, SOCK_STREAM, 0, AI_ADDRCONFIG | AI_PASSIVE))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, 0, 0x10000)", () => getaddrinfo("127.0.0.1", 80, 0, 0, 0, 0x10000))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, 0, -1)", () => getaddrinfo("127.0.0.1", 80, 0, 0, 0, -1))
            .Case("getaddrinfo(None, None, 0, 0, 0, AI_CANONNAME)", () => getaddrinfo(null, null, 0, 0, 0, AI_CANONNAME))
            .Case("getaddrinfo('127.0.0.1', 80, AF_UNIX)", () => getaddrinfo("127.0.0.1", 80, AF_UNIX))
            .Case("getaddrinfo('127.0.0.1', 80, AF_PACKET)", () => getaddrinfo("127.0.0.1", 80, AF_PACKET))
            .Case("getaddrinfo('127.0.0.1', 80, 12345)", () => getaddrinfo("127.0.0.1", 80, 12345))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 99)", () => getaddrinfo("127.0.0.1", 80, 0, 99))
            .Case("getaddrinfo('127.0.0.1', 80, 0, SOCK_SEQPACKET)", () => getaddrinfo("127.0.0.1", 80, 0, SOCK_SEQPACKET))
            .Case("getaddrinfo('127.0.0.1', 80, 0, SOCK_STREAM, IPPROTO_UDP)", () => getaddrinfo("127.0.0.1", 80, 0, SOCK_STREAM, IPPROTO_UDP))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, IPPROTO_UDP)", () => getaddrinfo("127.0.0.1", 80, 0, 0, IPPROTO_UDP))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, IPPROTO_TCP)", () => getaddrinfo("127.0.0.1", 80, 0, 0, IPPROTO_TCP))
            .Case("getaddrinfo('127.0.0.1', 80, 0, 0, 200)", () => getaddrinfo("127.0.0.1", 80, 0, 0, 200))
            .Case("getaddrinfo('127.0.0.1', 80, 0, SOCK_RAW)", () => getaddrinfo("127.0.0.1", 80, 0, SOCK_RAW))
            .Case("getaddrinfo('127.0.0.1', None, 0, SOCK_RAW)", () => getaddrinfo("127.0.0.1", null, 0, SOCK_RAW))
            .Case("getaddrinfo('127.0.0.1', None, 0, SOCK_RAW, 255)", () => getaddrinfo("127.0.0.1", null, 0, SOCK_RAW, 255))
            .Case("getaddrinfo('::1', 80, AF_INET6, SOCK_DGRAM, IPPROTO_UDP)", () => getaddrinfo("::1", 80, AF_INET6, SOCK_DGRAM, IPPROTO_UDP))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Create_connection_and_socket_addresses_idna_encode_hosts_as_python_does()
    {
        new DifferentialTable()
            .Case("create_connection(('a\\ud800', 80), 1)", () => create_connection(("a\ud800", 80), 1))
            .Case("create_connection(('\\u00fc..x', 80), 1)", () => create_connection(("\u00fc..x", 80), 1))
            .Case("create_connection(('x.a\\u05d0', 80), 1)", () => create_connection(("x.a\u05d0", 80), 1))
            .Case("create_connection(('a' * 64, 80), 1)", () => create_connection((new string('a', 64), 80), 1))
            .Case("exec:s = socket(AF_INET, SOCK_DGRAM)\ntry: s.sendto(b'x', ('a\\ud800', 80))\nfinally: s.close()", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto("x"u8.ToArray(), ("a\ud800", 80)); })
            .Case("exec:s = socket(AF_INET, SOCK_DGRAM)\ntry: s.connect(('\\uff4c\\uff4f\\uff43\\uff41\\uff4c\\uff48\\uff4f\\uff53\\uff54', 9)); result = s.getpeername()\nfinally: s.close()",
                () => { using var s = socket(AF_INET, SOCK_DGRAM); s.connect(("\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54", 9)); return s.getpeername(); })
            .Case("getaddrinfo('\\uff11\\uff12\\uff17\\uff0e\\uff10\\uff0e\\uff10\\uff0e\\uff11', 80, 0, SOCK_STREAM)", () => getaddrinfo("\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11", 80, 0, SOCK_STREAM))
            .Case("exec:s = socket(AF_INET6, SOCK_DGRAM)\ntry: s.sendto(b'x', ('x.a\\u05d0', 80, 0, 0))\nfinally: s.close()", () => { using var s = socket(AF_INET6, SOCK_DGRAM); return s.sendto("x"u8.ToArray(), ("x.a\u05d0", 80, 0, 0)); })
            .AssertSameAsPython();
    }

    [Fact]
    public void Getaddrinfo_results_deconstruct_into_the_five_python_fields()
    {
        var seen = new List<string>();
        foreach (var (family, type, proto, canonname, sockaddr) in getaddrinfo("127.0.0.1", 80, 0, SOCK_STREAM))
        {
            family.Should().Be(AddressFamily.AF_INET);
            ((int)type).Should().Be(SOCK_STREAM);
            proto.Should().Be(IPPROTO_TCP);
            canonname.Should().BeEmpty();
            var (host, port) = sockaddr;
            seen.Add($"{host}:{port}");
        }

        seen.Should().Equal("127.0.0.1:80");
    }

    [Fact]
    public void Getaddrinfo_gives_ipv6_results_four_part_addresses()
    {
        var entry = getaddrinfo("::1", 443, AF_INET6, SOCK_STREAM).Single();
        entry.sockaddr.ToString().Should().Be("('::1', 443, 0, 0)");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1%1")]
    [InlineData("0x7f.1")]
    public void Getaddrinfo_resolves_ip_literals_locally_as_with_ai_numerichost(string literal)
    {
        var plain = getaddrinfo(literal, 80, 0, SOCK_STREAM);
        var numeric = getaddrinfo(literal, 80, 0, SOCK_STREAM, 0, AI_NUMERICHOST);
        plain.Should().Equal(numeric);
    }

    [Fact]
    public void Getaddrinfo_port_is_typed_so_a_float_port_does_not_compile()
    {
        // Python raises OSError("Int or String expected") for getaddrinfo(host, 80.0) at run time; here there is
        // no overload for it, so only the int and string (or null) forms are callable.
        var overloads = typeof(Socket).GetMethods().Where(m => m.Name == "getaddrinfo").Select(m => m.GetParameters()[1].ParameterType);
        overloads.Should().BeEquivalentTo([typeof(long), typeof(string)]);
    }

    [Fact]
    public void Getaddrinfo_raises_gaierror_with_glibc_code_for_an_unknown_service()
    {
        var act = () => getaddrinfo("127.0.0.1", "no-such-service-name");
        var e = act.Should().Throw<gaierror>().Which;
        e.errno.Should().Be(EAI_SERVICE);
        e.Message.Should().Be("[Errno -8] Servname not supported for ai_socktype");
    }
}
