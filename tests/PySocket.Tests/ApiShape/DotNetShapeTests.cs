using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.ApiShape;

/// <summary>
/// The public API as .NET code meets it (issue 11): the OSError family is an IOException, parameters are typed
/// (every Python call form compiles, other types do not), results are read-only, exceptions have the standard
/// constructors, and disposable types follow the dispose pattern.
/// </summary>
public sealed class DotNetShapeTests
{
    [Fact]
    public void A_socket_error_under_a_StreamReader_over_makefile_is_caught_as_IOException()
    {
        var (client, server, listener) = Loopback.TcpPair();
        using (listener)
        using (server)
        using (client)
        {
            client.settimeout(0.05);
            using var reader = new StreamReader((SocketFile)client.makefile("rb"), Encoding.UTF8);
            IOException? caught = null;
            try
            {
                _ = reader.ReadLine(); // nothing was sent: the socket's timeout fires inside the Stream read
            }
            catch (IOException e)
            {
                caught = e;
            }

            caught.Should().BeOfType<TimeoutError>().Which.Message.Should().Be("timed out");
        }
    }

    [Fact]
    public void A_refused_connection_is_caught_as_IOException_and_keeps_errno_and_strerror()
    {
        int port;
        using (var l = Loopback.Listener())
        {
            port = l.getsockname().port;
        }

        using var s = socket(AF_INET, SOCK_STREAM);
        s.settimeout(Loopback.Bound);
        var act = () => s.connect(("127.0.0.1", port));
        var e = act.Should().Throw<IOException>().Which;
        e.Should().BeOfType<ConnectionRefusedError>();
        var os = (OSError)e;
        os.errno.Should().Be(OSError.FromErrno(os.errno!.Value).errno);
        os.strerror.Should().NotBeNullOrEmpty();
        os.Message.Should().Be($"[Errno {os.errno}] {os.strerror}");
    }

    [Fact]
    public void Every_exception_of_the_OSError_family_is_an_IOException_and_the_python_tree_is_kept()
    {
        var family = typeof(OSError).Assembly.GetExportedTypes().Where(t => typeof(OSError).IsAssignableFrom(t)).ToList();
        family.Should().HaveCountGreaterThan(15);
        family.Should().OnlyContain(t => typeof(IOException).IsAssignableFrom(t));
        typeof(ConnectionRefusedError).BaseType.Should().Be(typeof(ConnectionError));
        typeof(ConnectionError).BaseType.Should().Be(typeof(OSError));
        typeof(OSError).BaseType.Should().Be(typeof(IOException));
        typeof(ValueError).BaseType.Should().Be(typeof(ArgumentException));
        typeof(TypeError).BaseType.Should().Be(typeof(ArgumentException));
        typeof(UnicodeDecodeError).Should().BeDerivedFrom<ValueError>();
        typeof(AttributeError).Should().BeDerivedFrom<PlatformNotSupportedException>();
        typeof(ExceptionGroup).Should().BeDerivedFrom<AggregateException>();
    }

    [Fact]
    public void Every_public_exception_has_the_three_standard_constructors()
    {
        var exceptions = typeof(OSError).Assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();
        exceptions.Should().HaveCountGreaterThan(20);
        foreach (var t in exceptions)
        {
            t.GetConstructor(Type.EmptyTypes).Should().NotBeNull($"{t.Name}()");
            t.GetConstructor([typeof(string)]).Should().NotBeNull($"{t.Name}(string)");
            t.GetConstructor([typeof(string), typeof(Exception)]).Should().NotBeNull($"{t.Name}(string, Exception)");
            var e = (Exception)Activator.CreateInstance(t, "boom", new InvalidOperationException("inner"))!;
            e.Message.Should().StartWith("boom");
            e.InnerException.Should().BeOfType<InvalidOperationException>();
        }
    }

    [Fact]
    public void Standard_constructors_give_no_errno_and_the_bare_message()
    {
        var e = new ConnectionResetError("peer went away");
        e.errno.Should().BeNull();
        e.strerror.Should().BeNull();
        e.Message.Should().Be("peer went away");
        new OSError().errno.Should().BeNull();
        new AttributeError("no attribute").name.Should().BeNull();
        new AttributeError("module 'socket' has no attribute 'AF_X'", "AF_X").name.Should().Be("AF_X");
        var group = new ExceptionGroup("failed", new OSError("one"));
        group.exceptions.Should().ContainSingle();
        group.Message.Should().Be("failed (1 sub-exception)");
    }

    [Fact]
    public void Getaddrinfo_takes_every_python_port_form_through_typed_overloads()
    {
        getaddrinfo("127.0.0.1", 80, AF_INET, SOCK_STREAM).Single().sockaddr.Should().Be((SockAddr)("127.0.0.1", 80));
        getaddrinfo("127.0.0.1", "80", AF_INET, SOCK_STREAM).Single().sockaddr.Should().Be((SockAddr)("127.0.0.1", 80));
        getaddrinfo("127.0.0.1", null, AF_INET, SOCK_STREAM).Single().sockaddr.Should().Be((SockAddr)("127.0.0.1", 0));
        getaddrinfo(null, 0, AF_INET, SOCK_STREAM, 0, AI_PASSIVE).Single().sockaddr.Should().Be((SockAddr)("0.0.0.0", 0));
        var neither = () => getaddrinfo(null, null, AF_INET, SOCK_STREAM); // compiles; the resolver refuses, as in Python
        neither.Should().Throw<gaierror>().Which.errno.Should().Be(EAI_NONAME);
        short small = 7;
        long large = (1L << 32) + 80; // formatted in decimal and left to the resolver, as CPython does
        getaddrinfo("127.0.0.1", small, AF_INET, SOCK_STREAM).Single().sockaddr.port.Should().Be(7);
        getaddrinfo("127.0.0.1", large, AF_INET, SOCK_STREAM).Single().sockaddr.port.Should().Be(80);
        string? none = null;
        getaddrinfo("127.0.0.1", none, AF_INET, SOCK_DGRAM).Single().sockaddr.port.Should().Be(0);
    }

    [Fact]
    public void The_None_marker_of_setsockopt_has_no_instances_so_only_null_fits()
    {
        typeof(NoneType).IsSealed.Should().BeTrue();
        typeof(NoneType).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        using var s = socket(AF_INET, SOCK_STREAM);
        var act = () => s.setsockopt(SOL_SOCKET, SO_REUSEADDR, null, 4); // setsockopt(level, opt, None, 4)
        act.Should().Throw<OSError>().Which.errno.Should().Be(14); // EFAULT for a NULL value, as in Python
    }

    [Fact]
    public void Returned_collections_are_read_only()
    {
        AssertReadOnly(getaddrinfo("127.0.0.1", 80, AF_INET, SOCK_STREAM));
        AssertReadOnly(if_nameindex());
        var (_, aliases, addresses) = gethostbyname_ex("127.0.0.1");
        AssertReadOnly(aliases);
        AssertReadOnly(addresses);
        addresses.Should().Equal("127.0.0.1");

        var (a, b) = socketpair(AF_UNIX, SOCK_STREAM);
        using (a)
        using (b)
        {
            b.settimeout(Loopback.Bound);
            a.sendall("y"u8);
            var (_, ancdata, _, _) = b.recvmsg(10, 64);
            AssertReadOnly(ancdata);
            a.sendall("z"u8);
            var (n, ancdata2, _, _) = b.recvmsg_into(new List<byte[]> { new byte[4] });
            n.Should().Be(1);
            AssertReadOnly(ancdata2);
        }
    }

    [Fact]
    public void Recv_fds_returns_a_read_only_list_of_descriptors()
    {
        var (a, b) = socketpair(AF_UNIX, SOCK_STREAM);
        using (a)
        using (b)
        {
            b.settimeout(Loopback.Bound);
            send_fds(a, ["x"u8.ToArray()], [a.fileno()]);
            var (data, fds, _, _) = recv_fds(b, 10, 1);
            data.Should().Equal("x"u8.ToArray());
            fds.Should().ContainSingle();
            AssertReadOnly(fds);
            foreach (var fd in fds)
            {
                close(fd);
            }
        }
    }

    [Fact]
    public void Deconstructing_an_address_with_a_None_host_gives_null()
    {
        var (host, port) = (SockAddr)(null, 80);
        host.Should().BeNull();
        port.Should().Be(80);
        var (host6, port6, flowinfo) = SockAddr.Inet6("::1", 8, 3);
        (host6, port6, flowinfo).Should().Be(("::1", 8, 3));
    }

    [Fact]
    public void Unsealed_disposable_types_have_the_dispose_hook()
    {
        foreach (var t in new[] { typeof(SocketObject), typeof(BaseServer) })
        {
            var hook = t.GetMethod("Dispose", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(bool)]);
            hook.Should().NotBeNull(t.Name);
            hook!.IsVirtual.Should().BeTrue();
        }

        var s = new DisposeCounting();
        s.Dispose();
        s.Dispose();
        s.Calls.Should().Be(2);
        s.fileno().Should().Be(-1, "Dispose(true) closed the socket");
    }

    private sealed class DisposeCounting() : SocketObject(AF_INET, SOCK_STREAM)
    {
        public int Calls { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Calls++;
            base.Dispose(disposing);
        }
    }

    private static void AssertReadOnly<T>(IReadOnlyList<T> list)
    {
        list.Should().NotBeAssignableTo<List<T>>();
        ((ICollection<T>)list).IsReadOnly.Should().BeTrue();
    }
}
