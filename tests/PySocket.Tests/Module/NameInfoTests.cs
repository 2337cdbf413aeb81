using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class NameInfoTests
{
    [PythonFact]
    public void Getnameinfo_matches_python()
    {
        new DifferentialTable()
            .Case("getnameinfo(('127.0.0.1', 80), 0)", () => getnameinfo(("127.0.0.1", 80), 0))
            .Case("getnameinfo(('127.0.0.1', 80), NI_NUMERICHOST)", () => getnameinfo(("127.0.0.1", 80), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', 80), NI_NUMERICSERV)", () => getnameinfo(("127.0.0.1", 80), NI_NUMERICSERV))
            .Case("getnameinfo(('127.0.0.1', 80), NI_NUMERICHOST | NI_NUMERICSERV)", () => getnameinfo(("127.0.0.1", 80), NI_NUMERICHOST | NI_NUMERICSERV))
            .Case("getnameinfo(('127.0.0.1', 53), NI_DGRAM)", () => getnameinfo(("127.0.0.1", 53), NI_DGRAM))
            .Case("getnameinfo(('127.0.0.1', 80), NI_NOFQDN)", () => getnameinfo(("127.0.0.1", 80), NI_NOFQDN))
            .Case("getnameinfo(('127.0.0.1', 80), NI_NAMEREQD)", () => getnameinfo(("127.0.0.1", 80), NI_NAMEREQD))
            .Case("getnameinfo(('127.0.0.2', 80), NI_NAMEREQD)", () => getnameinfo(("127.0.0.2", 80), NI_NAMEREQD))
            .Case("getnameinfo(('127.0.0.1', 80), 32)", () => getnameinfo(("127.0.0.1", 80), NI_IDN))
            .Case("getnameinfo(('127.0.0.1', 80), 255)", () => getnameinfo(("127.0.0.1", 80), 255))
            .Case("getnameinfo(('127.0.0.1', 80), -1)", () => getnameinfo(("127.0.0.1", 80), -1))
            .Case("getnameinfo(('127.0.0.1', 0), NI_NUMERICHOST)", () => getnameinfo(("127.0.0.1", 0), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', 9), NI_NUMERICHOST)", () => getnameinfo(("127.0.0.1", 9), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', 65535), NI_NUMERICHOST)", () => getnameinfo(("127.0.0.1", 65535), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', 70000), NI_NUMERICHOST)", () => getnameinfo(("127.0.0.1", 70000), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', -1), 0)", () => getnameinfo(("127.0.0.1", -1), 0))
            .Case("getnameinfo(('127.0.0.1', 80, 0, 0), 0)", () => getnameinfo(("127.0.0.1", 80, 0, 0), 0))
            .Case("getnameinfo(('127.0.0.1', 80, 0), 0)", () => getnameinfo(("127.0.0.1", 80, 0), 0))
            .Case("getnameinfo(('localhost', 80), 0)", () => getnameinfo(("localhost", 80), 0))
            .Case("getnameinfo(('', 80), 0)", () => getnameinfo(("", 80), 0))
            .Case("getnameinfo(('127.0.0.1\\x00', 80), 0)", () => getnameinfo(("127.0.0.1\0", 80), 0))
            .Case("getnameinfo(('\\ud800', 80), 0)", () => getnameinfo(("\ud800", 80), 0))
            .Case("getnameinfo((None, 80), 0)", () => getnameinfo((null, 80), 0))
            .Case("getnameinfo('127.0.0.1', 0)", () => getnameinfo("127.0.0.1", 0))
            .Case("getnameinfo(('127.1', 80), NI_NUMERICHOST)", () => getnameinfo(("127.1", 80), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80), NI_NUMERICHOST)", () => getnameinfo(("::1", 80), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, 0, 0), 0)", () => getnameinfo(("::1", 80, 0, 0), 0))
            .Case("getnameinfo(('::1', 80, 0, 1), 0)", () => getnameinfo(("::1", 80, 0, 1), 0))
            .Case("getnameinfo(('::1', 80, 0, 1), NI_NUMERICHOST)", () => getnameinfo(("::1", 80, 0, 1), NI_NUMERICHOST))
            .Case("getnameinfo(('fe80::1', 80, 0, 1), NI_NUMERICHOST)", () => getnameinfo(("fe80::1", 80, 0, 1), NI_NUMERICHOST))
            .Case("getnameinfo(('fe80::1', 80, 0, 1), 0)", () => getnameinfo(("fe80::1", 80, 0, 1), 0))
            .Case("getnameinfo(('fe80::1%1', 80), NI_NUMERICHOST)", () => getnameinfo(("fe80::1%1", 80), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, 0, -1), NI_NUMERICHOST)", () => getnameinfo(("::1", 80, 0, -1), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, 0, 12345), NI_NUMERICHOST)", () => getnameinfo(("::1", 80, 0, 12345), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, 1048575, 0), NI_NUMERICHOST)", () => getnameinfo(("::1", 80, 1048575, 0), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, 1048576, 0), NI_NUMERICHOST)", () => getnameinfo(("::1", 80, 1048576, 0), NI_NUMERICHOST))
            .Case("getnameinfo(('::1', 80, -1), 0)", () => getnameinfo(("::1", 80, -1), 0))
            .Case("getnameinfo(('::ffff:127.0.0.1', 80), 0)", () => getnameinfo(("::ffff:127.0.0.1", 80), 0))
            .Case("getnameinfo(('::1', 80), NI_NAMEREQD)", () => getnameinfo(("::1", 80), NI_NAMEREQD))
            .AssertSameAsPython();
    }

    [Fact]
    public void Getnameinfo_returns_host_and_service_strings()
    {
        var (host, port) = getnameinfo(("127.0.0.1", 443), NI_NUMERICHOST | NI_NUMERICSERV);
        host.Should().Be("127.0.0.1");
        port.Should().Be("443");
    }

    [Fact]
    public void Getnameinfo_rejects_a_three_part_ipv4_address()
    {
        var act = () => getnameinfo(("127.0.0.1", 80, 0), 0);
        act.Should().Throw<OSError>().Which.Message.Should().Be("IPv4 sockaddr must be 2 tuple");
    }
}
