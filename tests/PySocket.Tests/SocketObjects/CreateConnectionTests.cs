using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using PySocket.Tests.Module;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class CreateConnectionTests
{
    /// <summary>A port bound on 127.0.0.1 (and ::1 when usable) but not listening: connecting there is refused.</summary>
    private sealed class ClosedPort : IDisposable
    {
        private readonly List<SocketObject> _holders = [];

        public ClosedPort()
        {
            var v4 = socket(AF_INET, SOCK_STREAM);
            v4.bind(("127.0.0.1", 0));
            _holders.Add(v4);
            Port = v4.getsockname().port;
            if (Loopback.Ipv6Usable)
            {
                try
                {
                    var v6 = socket(AF_INET6, SOCK_STREAM);
                    _holders.Add(v6);
                    v6.bind(("::1", Port));
                }
                catch (OSError)
                {
                    // ::1 port taken by someone else: then localhost's ::1 entry may not be refused; tests compare with python anyway.
                }
            }
        }

        public int Port { get; }

        public void Dispose() => _holders.ForEach(h => h.close());
    }

    private static string Py(int port) => port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Create_connection_connects_and_applies_the_explicit_timeout()
    {
        using var listener = Loopback.Listener();
        var (host, port) = listener.getsockname();
        using var c = create_connection((host, port), timeout: 5.0);
        var (conn, peer) = listener.accept();
        using (conn)
        {
            c.gettimeout().Should().Be(5.0);
            c.family.Should().Be(AddressFamily.AF_INET);
            c.type.Should().Be(SocketKind.SOCK_STREAM);
            c.proto.Should().Be(6);
            c.getpeername().Should().Be(listener.getsockname());
            peer.Should().Be(c.getsockname());
        }
    }

    [Fact]
    public void Create_connection_binds_the_source_address_first()
    {
        using var listener = Loopback.Listener();
        using var c = create_connection(listener.getsockname(), 5.0, ("127.0.0.1", 0));
        var (conn, peer) = listener.accept();
        using (conn)
        {
            c.getsockname().host.Should().Be("127.0.0.1");
            peer.Should().Be(c.getsockname());
        }
    }

    [Fact]
    public void A_refused_connection_raises_the_last_error_itself()
    {
        using var closed = new ClosedPort();
        var act = () => create_connection(("127.0.0.1", closed.Port), 5.0);
        var e = act.Should().Throw<ConnectionRefusedError>().Which;
        e.errno.Should().Be(111);
        e.Message.Should().Be("[Errno 111] Connection refused");
    }

    [Fact]
    public void All_errors_raises_an_exception_group_with_one_error_per_address()
    {
        using var closed = new ClosedPort();
        var act = () => create_connection(("localhost", closed.Port), 5.0, all_errors: true);
        var group = act.Should().Throw<ExceptionGroup>().Which;
        group.message.Should().Be("create_connection failed");
        group.Message.Should().Be($"create_connection failed ({group.exceptions.Count} sub-exception{(group.exceptions.Count == 1 ? "" : "s")})");
        group.exceptions.Should().NotBeEmpty().And.AllBeAssignableTo<OSError>();
    }

    [PythonFact]
    public void Errors_match_python()
    {
        using var closed = new ClosedPort();
        var p = Py(closed.Port);
        static object? Group(Action call)
        {
            try
            {
                call();
                return null;
            }
            catch (ExceptionGroup eg)
            {
                return new object?[]
                {
                    eg.message,
                    eg.Message,
                    eg.exceptions.Select(e => new object?[] { Outcome.PythonClassOf(e), (e as OSError)?.errno, e.Message }).ToList(),
                };
            }
        }

        const string groupPython = "exec:try:\n    create_connection({0}, all_errors=True)\nexcept ExceptionGroup as eg:\n    result = [eg.message, str(eg), [[type(e).__name__, getattr(e, 'errno', None), str(e)] for e in eg.exceptions]]";
        new DifferentialTable()
            .Case($"create_connection(('127.0.0.1', {p}))", () => create_connection(("127.0.0.1", closed.Port)))
            .Case($"create_connection(('127.0.0.1', {p}), 5.0)", () => create_connection(("127.0.0.1", closed.Port), 5.0))
            .Case($"create_connection(('localhost', {p}))", () => create_connection(("localhost", closed.Port)))
            .Case($"create_connection(('localhost', {p}), None, ('127.0.0.1', 0))", () => create_connection(("localhost", closed.Port), null, ("127.0.0.1", 0)))
            .Case(string.Format(CultureInfo.InvariantCulture, groupPython, $"('localhost', {p})"), () => Group(() => create_connection(("localhost", closed.Port), 5.0, all_errors: true)))
            .Case(string.Format(CultureInfo.InvariantCulture, groupPython, $"('127.0.0.1', {p})"), () => Group(() => create_connection(("127.0.0.1", closed.Port), null, all_errors: true)))
            .Case("create_connection(('127.0.0.1', 1, 0, 0))", () => create_connection(("127.0.0.1", 1, 0, 0)))
            .Case("create_connection(('127.0.0.1', 70000))", () => create_connection(("127.0.0.1", 70000)))
            .Case("create_connection(('127.0.0.1', -1))", () => create_connection(("127.0.0.1", -1)))
            .Case($"create_connection(('127.0.0.1', {p}), -1)", () => create_connection(("127.0.0.1", closed.Port), -1))
            .Case($"create_connection(('127.0.0.1', {p}), 5, ('127.0.0.1', 1, 2, 3))", () => create_connection(("127.0.0.1", closed.Port), 5, ("127.0.0.1", 1, 2, 3)))
            .Case($"create_connection(('::1', {p}), 5, ('127.0.0.1', 0))", () => create_connection(("::1", closed.Port), 5, ("127.0.0.1", 0)))
            .AssertSameAsPython();
    }

    [Fact]
    public void Create_server_listens_with_SO_REUSEADDR_on_an_ipv4_address()
    {
        using var server = create_server(("127.0.0.1", 0));
        server.family.Should().Be(AddressFamily.AF_INET);
        server.type.Should().Be(SocketKind.SOCK_STREAM);
        server.getsockopt(SOL_SOCKET, SO_REUSEADDR).Should().Be(1);
        server.getsockopt(SOL_SOCKET, SO_ACCEPTCONN).Should().Be(1);
        server.settimeout(Loopback.Bound);
        using var c = create_connection(server.getsockname(), 5.0);
        var (conn, _) = server.accept();
        conn.close();
    }

    [Fact]
    public void Create_server_honours_backlog_and_reuse_port()
    {
        using var server = create_server(("127.0.0.1", 0), backlog: 3, reuse_port: true);
        server.getsockopt(SOL_SOCKET, SO_REUSEPORT).Should().Be(1);
        server.getsockopt(SOL_SOCKET, SO_ACCEPTCONN).Should().Be(1);
    }

    [Ipv6Fact]
    public void An_ipv6_server_without_dualstack_sets_IPV6_V6ONLY()
    {
        using var server = create_server(("::1", 0), family: AF_INET6);
        server.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY).Should().Be(1);
    }

    [Ipv6Fact]
    public void A_dualstack_server_sees_an_ipv4_client_as_a_mapped_address()
    {
        if (!has_dualstack_ipv6())
        {
            return; // nothing to test on a machine without dual-stack sockets (has_dualstack_ipv6() is False)
        }

        // The IPv4 loopback in its IPv6-mapped form keeps the test on loopback only.
        using var server = create_server(("::ffff:127.0.0.1", 0), family: AF_INET6, dualstack_ipv6: true);
        server.settimeout(Loopback.Bound);
        server.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY).Should().Be(0);
        var port = server.getsockname().port;
        using var c = create_connection(("127.0.0.1", port), 5.0);
        var (conn, addr) = server.accept();
        using (conn)
        {
            addr.Should().Be(SockAddr.Inet6("::ffff:127.0.0.1", c.getsockname().port, 0, 0));
            addr!.ToString().Should().Be($"('::ffff:127.0.0.1', {c.getsockname().port}, 0, 0)");
        }
    }

    [PythonFact]
    public void Create_server_errors_match_python()
    {
        using var busy = Loopback.Listener();
        var p = Py(busy.getsockname().port);
        var longPath = "/" + new string('x', 200);
        new DifferentialTable()
            .Case("has_dualstack_ipv6()", () => has_dualstack_ipv6())
            .Case($"create_server(('127.0.0.1', {p}))", () => create_server(("127.0.0.1", busy.getsockname().port)))
            .Case("create_server(('127.0.0.1', 0), family=AF_INET6)", () => create_server(("127.0.0.1", 0), family: AF_INET6))
            .Case("create_server(('::ffff:127.0.0.1', 0), family=AF_INET6)", () => create_server(("::ffff:127.0.0.1", 0), family: AF_INET6))
            .Case("create_server(('127.0.0.1', 0), dualstack_ipv6=True)", () => create_server(("127.0.0.1", 0), dualstack_ipv6: true))
            .Case("create_server(('127.0.0.1', 0, 0, 0))", () => create_server(("127.0.0.1", 0, 0, 0)))
            .Case("create_server(('127.0.0.1', 70000))", () => create_server(("127.0.0.1", 70000)))
            .Case("create_server(('127.0.0.1', 0), backlog=-1).getsockopt(SOL_SOCKET, SO_ACCEPTCONN)", () =>
            {
                using var s = create_server(("127.0.0.1", 0), backlog: -1);
                return s.getsockopt(SOL_SOCKET, SO_ACCEPTCONN);
            })
            .Case($"create_server('{longPath}', family=AF_UNIX)", () => create_server(longPath, family: AF_UNIX))
            .Case("create_server(('127.0.0.1', 0), family=12345)", () => create_server(("127.0.0.1", 0), family: 12345))
            .AssertSameAsPython();
    }
}

[Collection(DefaultTimeoutCollection.Name)]
public sealed class CreateConnectionDefaultTimeoutTests
{
    [Fact]
    public void An_omitted_timeout_keeps_the_default_and_an_explicit_null_blocks()
    {
        using var listener = Loopback.Listener();
        try
        {
            setdefaulttimeout(2.5);
            using var omitted = create_connection(listener.getsockname());
            omitted.gettimeout().Should().Be(2.5);
            using var blocking = create_connection(listener.getsockname(), null);
            blocking.gettimeout().Should().BeNull();
            blocking.getblocking().Should().BeTrue();
            using var explicitTimeout = create_connection(listener.getsockname(), timeout: 0.75);
            explicitTimeout.gettimeout().Should().Be(0.75);
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }

    [PythonFact]
    public void Timeouts_match_python_with_a_default_set()
    {
        using var listener = Loopback.Listener();
        var p = listener.getsockname().port.ToString(CultureInfo.InvariantCulture);
        try
        {
            setdefaulttimeout(2.5);
            new DifferentialTable("setdefaulttimeout(2.5)")
                .Case($"create_connection(('127.0.0.1', {p})).gettimeout()", () => { using var c = create_connection(("127.0.0.1", listener.getsockname().port)); return c.gettimeout(); })
                .Case($"create_connection(('127.0.0.1', {p}), None).gettimeout()", () => { using var c = create_connection(("127.0.0.1", listener.getsockname().port), null); return c.gettimeout(); })
                .Case($"create_connection(('127.0.0.1', {p}), 0.5).gettimeout()", () => { using var c = create_connection(("127.0.0.1", listener.getsockname().port), 0.5); return c.gettimeout(); })
                .Case($"create_server(('127.0.0.1', 0)).gettimeout()", () => { using var s = create_server(("127.0.0.1", 0)); return s.gettimeout(); })
                .AssertSameAsPython();
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }
}
