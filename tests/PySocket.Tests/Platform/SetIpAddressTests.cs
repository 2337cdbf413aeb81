using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Platform;

/// <summary>
/// One host-to-address parser (CPython's setipaddr) behind both the module functions and socket addresses:
/// the wildcard '', '&lt;broadcast&gt;', literals and names behave alike in gethostbyname and in bind/connect.
/// </summary>
public sealed class SetIpAddressTests
{
    [PythonFact]
    public void Hosts_in_socket_addresses_and_in_gethostbyname_match_python()
    {
        new DifferentialTable(
            "import socket as _s\n" +
            "def b4(h):\n  s = _s.socket(AF_INET, SOCK_DGRAM)\n  try:\n    s.bind((h, 0)); return s.getsockname()[0]\n  finally: s.close()\n" +
            "def b6(h):\n  s = _s.socket(AF_INET6, SOCK_DGRAM)\n  try:\n    s.bind((h, 0)); return s.getsockname()[0]\n  finally: s.close()\n" +
            "def c6(h):\n  s = _s.socket(AF_INET6, SOCK_DGRAM)\n  try:\n    s.connect((h, 9)); return s.getpeername()[0]\n  finally: s.close()\n")
            .Case("b4('')", () => Bind(AF_INET, ""))
            .Case("b4('localhost')", () => Bind(AF_INET, "localhost"))
            .Case("b4('127.0.0.1')", () => Bind(AF_INET, "127.0.0.1"))
            .Case("b4('127.1')", () => Bind(AF_INET, "127.1"))
            .Case("b4('::1')", () => Bind(AF_INET, "::1"))
            .Case("b6('')", () => Bind(AF_INET6, ""))
            .Case("b6('::1')", () => Bind(AF_INET6, "::1"))
            .Case("b6('<broadcast>')", () => Bind(AF_INET6, "<broadcast>"))
            .Case("b6('255.255.255.255')", () => Bind(AF_INET6, "255.255.255.255"))
            .Case("c6('::ffff:127.0.0.1')", () => Connect6("::ffff:127.0.0.1"))
            .Case("gethostbyname('')", () => gethostbyname(""))
            .Case("gethostbyname('<broadcast>')", () => gethostbyname("<broadcast>"))
            .Case("gethostbyaddr('')", () => gethostbyaddr(""))
            .AssertSameAsPython();
    }

    private static string? Bind(int family, string host)
    {
        using var s = socket(family, SOCK_DGRAM);
        s.bind(family == AF_INET ? SockAddr.Inet(host, 0) : SockAddr.Inet6(host, 0, 0, 0));
        return s.getsockname().host;
    }

    private static string? Connect6(string host)
    {
        using var s = socket(AF_INET6, SOCK_DGRAM);
        s.connect(SockAddr.Inet6(host, 9, 0, 0));
        return s.getpeername().host;
    }
}
