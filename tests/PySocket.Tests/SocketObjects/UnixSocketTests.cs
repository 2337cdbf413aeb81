using System;
using System.IO;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class UnixSocketTests
{
    [Fact]
    public void A_unix_stream_server_on_a_path_accepts_an_unbound_client_reported_as_empty()
    {
        var path = Path.Combine(Loopback.TempDir(), "srv.sock");
        using var l = socket(AF_UNIX, SOCK_STREAM);
        l.settimeout(5);
        l.bind(path);
        l.listen();
        using var c = socket(AF_UNIX, SOCK_STREAM);
        c.settimeout(5);
        c.connect(path);
        var (s, addr) = l.accept();
        using (s)
        {
            addr.Should().Be(SockAddr.Unix(""));
            s.getsockname().path.Should().Be(path);
            c.getpeername().path.Should().Be(path);
            c.getsockname().path.Should().BeEmpty();
            c.sendall("over a path"u8);
            s.recv(100).Should().Equal("over a path"u8.ToArray());
            s.family.Should().Be(AddressFamily.AF_UNIX);
            s.type.Should().Be(SocketKind.SOCK_STREAM);
        }

        File.Exists(path).Should().BeTrue("the socket file is left on disk after close, as in CPython");
    }

    [Fact]
    public void Abstract_names_and_autobind_work_for_datagrams()
    {
        var name = "\0pysocket-unix-" + Guid.NewGuid().ToString("N")[..12];
        using var a = socket(AF_UNIX, SOCK_DGRAM);
        a.settimeout(5);
        a.bind(name);
        a.getsockname().path.Should().Be(name);
        a.getsockname().ToString().Should().StartWith("b'\\x00pysocket-unix-");

        using var b = socket(AF_UNIX, SOCK_DGRAM);
        b.settimeout(5);
        b.bind("");
        var auto = b.getsockname().path!;
        auto.Length.Should().Be(6);
        auto[0].Should().Be('\0');

        b.sendto("to abstract"u8, name);
        var (data, from) = a.recvfrom(100);
        data.Should().Equal("to abstract"u8.ToArray());
        from!.path.Should().Be(auto);
        a.sendto(new byte[] { 1, 2, 3 }, from);
        var buf = new byte[8];
        var (n, back) = b.recvfrom_into(buf);
        n.Should().Be(3);
        back!.path.Should().Be(name);
    }

    [Fact]
    public void Unix_errors_use_python_errno_classes()
    {
        var dir = Loopback.TempDir();
        using var c = socket(AF_UNIX);
        var missing = () => c.connect(Path.Combine(dir, "missing"));
        missing.Should().Throw<FileNotFoundError>().Which.errno.Should().Be(2);

        var path = Path.Combine(dir, "taken");
        using var a = socket(AF_UNIX);
        a.bind(path);
        using var b = socket(AF_UNIX);
        var taken = () => b.bind(path);
        taken.Should().Throw<OSError>().Which.Message.Should().Be("[Errno 98] Address already in use");

        using var d = socket(AF_UNIX);
        var refused = () => d.connect(path);
        refused.Should().Throw<ConnectionRefusedError>().Which.errno.Should().Be(111);

        using var e = socket(AF_UNIX);
        var tooLong = () => e.bind("/" + new string('x', 107));
        tooLong.Should().Throw<OSError>().Which.Message.Should().Be("AF_UNIX path too long");
    }
}
