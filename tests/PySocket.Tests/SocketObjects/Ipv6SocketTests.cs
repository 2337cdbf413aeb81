using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class Ipv6SocketTests
{
    [Ipv6Fact]
    public void Tcp_over_ipv6_loopback_reports_four_part_addresses()
    {
        var (c, s, l) = Loopback.TcpPair(AF_INET6, "::1");
        using (c)
        using (s)
        using (l)
        {
            var (host, port, flowinfo, scopeId) = l.getsockname();
            host.Should().Be("::1");
            port.Should().BeGreaterThan(0);
            (flowinfo, scopeId).Should().Be((0, 0));
            s.getpeername().Should().Be(c.getsockname());
            s.getpeername().ToString().Should().Be($"('::1', {c.getsockname().port}, 0, 0)");
            c.sendall("six"u8);
            s.recv(10).Should().Equal("six"u8.ToArray());
        }
    }

    [Ipv6Fact]
    public void Udp_over_ipv6_loopback_gives_the_sender_as_a_four_tuple()
    {
        using var a = socket(AF_INET6, SOCK_DGRAM);
        using var b = socket(AF_INET6, SOCK_DGRAM);
        a.settimeout(5);
        a.bind(("::1", 0));
        b.bind(("::1", 0, 0, 0));
        b.sendto("v6"u8, a.getsockname());
        var (data, sender) = a.recvfrom(10);
        data.Should().Equal("v6"u8.ToArray());
        sender.Should().Be(b.getsockname());
        sender!.Arity.Should().Be(4);
    }

    [Ipv6Fact]
    public void A_dual_stack_listener_sees_ipv4_clients_as_mapped_addresses()
    {
        using var l = socket(AF_INET6, SOCK_STREAM);
        l.settimeout(5);
        l.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0);
        l.bind(("::ffff:127.0.0.1", 0));
        l.listen();
        using var c = socket(AF_INET, SOCK_STREAM);
        c.settimeout(5);
        c.connect(("127.0.0.1", l.getsockname().port));
        var (s, addr) = l.accept();
        using (s)
        {
            addr!.host.Should().Be("::ffff:127.0.0.1");
            addr.port.Should().Be(c.getsockname().port);
            s.family.Should().Be(AddressFamily.AF_INET6);
        }
    }

    [Ipv6Fact(NeedsPython = true)]
    public void Ipv6_address_forms_match_python()
    {
        new DifferentialTable()
            .Case("socket(AF_INET6).getsockname()", () => { using var s = socket(AF_INET6); return s.getsockname(); })
            .Case("exec:s = socket(AF_INET6); s.bind(('::1', 0)); result = [s.getsockname()[0], len(s.getsockname())]", () => { using var s = socket(AF_INET6); s.bind(("::1", 0)); return new object?[] { s.getsockname().host, s.getsockname().Arity }; })
            .Case("exec:s = socket(AF_INET6); s.bind(('::1', 0, 5)); result = s.getsockname()[2]", () => { using var s = socket(AF_INET6); s.bind(("::1", 0, 5)); return s.getsockname().flowinfo; })
            .Case("socket(AF_INET6).bind(('::1', 0, 1048576, 0))", () => { using var s = socket(AF_INET6); s.bind(("::1", 0, 1048576, 0)); })
            .Case("socket(AF_INET6).connect(('::1', 70000))", () => { using var s = socket(AF_INET6); s.connect(("::1", 70000)); })
            .Case("exec:b = socket(AF_INET6); b.bind(('::1', 0)); c = socket(AF_INET6); result = c.connect_ex(b.getsockname())", () => { using var b = socket(AF_INET6); b.bind(("::1", 0)); using var c = socket(AF_INET6); return c.connect_ex(b.getsockname()); })
            .Case("socket(AF_INET).connect(('::1', 80))", () => { using var s = socket(AF_INET); s.connect(("::1", 80)); })
            .AssertSameAsPython();
    }
}
