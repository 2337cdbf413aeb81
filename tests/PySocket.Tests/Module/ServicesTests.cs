using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class ServicesTests
{
    [PythonFact]
    public void Service_and_protocol_lookups_match_python()
    {
        new DifferentialTable()
            .Case("getservbyname('http')", () => getservbyname("http"))
            .Case("getservbyname('http', 'tcp')", () => getservbyname("http", "tcp"))
            .Case("getservbyname('http', 'udp')", () => getservbyname("http", "udp"))
            .Case("getservbyname('domain', 'udp')", () => getservbyname("domain", "udp"))
            .Case("getservbyname('www', 'tcp')", () => getservbyname("www", "tcp"))
            .Case("getservbyname('HTTP', 'tcp')", () => getservbyname("HTTP", "tcp"))
            .Case("getservbyname('http', 'sctp')", () => getservbyname("http", "sctp"))
            .Case("getservbyname('http', '')", () => getservbyname("http", ""))
            .Case("getservbyname('nosuchservice')", () => getservbyname("nosuchservice"))
            .Case("getservbyname('')", () => getservbyname(""))
            .Case("getservbyname('80', 'tcp')", () => getservbyname("80", "tcp"))
            .Case("getservbyname('http\\x00')", () => getservbyname("http\0"))
            .Case("getservbyname('http', 'tcp\\x00x')", () => getservbyname("http", "tcp\0x"))
            .Case("getservbyname('\\ud800')", () => getservbyname("\ud800"))
            .Case("getservbyport(80)", () => getservbyport(80))
            .Case("getservbyport(80, 'tcp')", () => getservbyport(80, "tcp"))
            .Case("getservbyport(443, 'tcp')", () => getservbyport(443, "tcp"))
            .Case("getservbyport(53, 'udp')", () => getservbyport(53, "udp"))
            .Case("getservbyport(22)", () => getservbyport(22))
            .Case("getservbyport(0)", () => getservbyport(0))
            .Case("getservbyport(65535)", () => getservbyport(65535))
            .Case("getservbyport(80, 'nosuchproto')", () => getservbyport(80, "nosuchproto"))
            .Case("getservbyport(65536)", () => getservbyport(65536))
            .Case("getservbyport(-1)", () => getservbyport(-1))
            .Case("getservbyport(70000, 'tcp\\x00')", () => getservbyport(70000, "tcp\0"))
            .Case("getprotobyname('tcp')", () => getprotobyname("tcp"))
            .Case("getprotobyname('udp')", () => getprotobyname("udp"))
            .Case("getprotobyname('icmp')", () => getprotobyname("icmp"))
            .Case("getprotobyname('ipv6-icmp')", () => getprotobyname("ipv6-icmp"))
            .Case("getprotobyname('TCP')", () => getprotobyname("TCP"))
            .Case("getprotobyname('ip')", () => getprotobyname("ip"))
            .Case("getprotobyname('nosuchproto')", () => getprotobyname("nosuchproto"))
            .Case("getprotobyname('')", () => getprotobyname(""))
            .Case("getprotobyname('tcp\\x00')", () => getprotobyname("tcp\0"))
            .Case("getservbyname(None, 'tcp')", () => getservbyname(null!, "tcp"))
            .Case("getprotobyname(None)", () => getprotobyname(null!))
            .AssertSameAsPython();
    }

    [Fact]
    public void Getservbyport_checks_the_port_range_before_looking_up()
    {
        var act = () => getservbyport(65536);
        act.Should().Throw<System.OverflowException>().WithMessage("getservbyport: port must be 0-65535.");
    }

    [Fact]
    public void An_unknown_service_raises_os_error_without_errno()
    {
        var e = FluentActions.Invoking(() => getservbyname("no-such-service-name")).Should().Throw<OSError>().Which;
        e.errno.Should().BeNull();
        e.Message.Should().Be("service/proto not found");
    }
}
