using System;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class BasicIoTests
{
    private static (SocketObject Client, SocketObject Server, SocketObject Listener) TcpPair(double? timeout = 5.0)
    {
        var listener = socket(AF_INET, SOCK_STREAM);
        listener.settimeout(5.0);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        var client = socket(AF_INET, SOCK_STREAM);
        client.settimeout(timeout);
        client.connect(listener.getsockname());
        var (server, _) = listener.accept();
        server.settimeout(5.0);
        return (client, server, listener);
    }

    [Fact]
    public void Bytes_sent_by_a_tcp_client_arrive_at_the_accepted_socket_and_back()
    {
        var (c, s, l) = TcpPair();
        using (c)
        using (s)
        using (l)
        {
            c.sendall("hello"u8);
            s.recv(1024).Should().Equal("hello"u8.ToArray());
            s.send(new byte[] { 1, 2, 3 }).Should().Be(3);
            var buf = new byte[10];
            c.recv_into(buf).Should().Be(3);
            buf[..3].Should().Equal(1, 2, 3);
            s.getpeername().Should().Be(c.getsockname());
        }
    }

    [Fact]
    public void Recv_returns_empty_bytes_after_the_peer_shuts_down_writing()
    {
        var (c, s, l) = TcpPair();
        using (c)
        using (s)
        using (l)
        {
            c.shutdown(SHUT_WR);
            s.recv(10).Should().BeEmpty();
        }
    }

    [Fact]
    public void Connect_to_a_closed_port_raises_connection_refused_and_connect_ex_returns_111()
    {
        int port;
        using (var probe = socket())
        {
            probe.bind(("127.0.0.1", 0));
            port = probe.getsockname().port;
        }

        using var c = socket();
        c.settimeout(5.0);
        var act = () => c.connect(("127.0.0.1", port));
        act.Should().Throw<ConnectionRefusedError>().Which.errno.Should().Be(111);
        using var c2 = socket();
        c2.connect_ex(("127.0.0.1", port)).Should().Be(111);
    }

    [Fact]
    public void Udp_datagrams_carry_the_sender_address()
    {
        using var a = socket(AF_INET, SOCK_DGRAM);
        using var b = socket(AF_INET, SOCK_DGRAM);
        a.settimeout(5.0);
        b.settimeout(5.0);
        a.bind(("127.0.0.1", 0));
        b.bind(("127.0.0.1", 0));
        b.sendto("ping"u8, a.getsockname()).Should().Be(4);
        var (data, sender) = a.recvfrom(100);
        data.Should().Equal("ping"u8.ToArray());
        sender.Should().Be(b.getsockname());
        a.sendto(new byte[] { 9 }, sender);
        var buf = new byte[8];
        var (n, from) = b.recvfrom_into(buf);
        n.Should().Be(1);
        from.Should().Be(a.getsockname());
    }

    [Fact]
    public void Socketpair_gives_two_connected_unix_sockets()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.family.Should().Be(AddressFamily.AF_UNIX);
            a.settimeout(5.0);
            b.settimeout(5.0);
            a.sendall(new byte[] { 1, 2 });
            b.recv(2).Should().Equal(1, 2);
        }
    }

    [Fact]
    public void Recv_in_timeout_mode_raises_timed_out()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.05);
            var act = () => a.recv(1);
            act.Should().Throw<TimeoutError>().WithMessage("timed out");
            a.setblocking(false);
            act.Should().Throw<BlockingIOError>().Which.errno.Should().Be(11);
        }
    }

    [Fact]
    public void Int_socket_options_round_trip()
    {
        using var s = socket();
        s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        s.getsockopt(SOL_SOCKET, SO_REUSEADDR).Should().Be(1);
        s.setsockopt(SOL_SOCKET, SO_REUSEADDR, false);
        s.getsockopt(SOL_SOCKET, SO_REUSEADDR).Should().Be(0);
        s.getsockopt(SOL_SOCKET, SO_TYPE).Should().Be(SOCK_STREAM);
    }

    [Fact]
    public void Accept_in_timeout_mode_times_out_and_bind_checks_the_port()
    {
        using var l = socket();
        l.settimeout(0.05);
        l.bind(("127.0.0.1", 0));
        l.listen();
        var act = () => l.accept();
        act.Should().Throw<TimeoutError>();
        using var s = socket();
        var bad = () => s.bind(("127.0.0.1", 70000));
        bad.Should().Throw<OverflowException>().WithMessage("bind(): port must be 0-65535.");
    }
}
