using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>PySocket talks to a python3 peer over loopback: TCP, UDP and AF_UNIX, in both directions, bytes checked.</summary>
public sealed class PythonInteropTests
{
    private static readonly TimeSpan PeerLimit = TimeSpan.FromSeconds(20);

    private static readonly byte[] Payload = Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7 % 251)).ToArray();

    private static Task<string> RunPeer(string script, params string[] args) =>
        Task.Run(() => Python.Run(script, PeerLimit, args));

    private static byte[] RecvAll(SocketObject s)
    {
        using var ms = new MemoryStream();
        while (true)
        {
            var chunk = s.recv(65536);
            if (chunk.Length == 0)
            {
                return ms.ToArray();
            }

            ms.Write(chunk);
        }
    }

    /// <summary>A listener the Python peer connects back to when it is ready (synchronisation without sleeps).</summary>
    private static SocketObject ReadySignal()
    {
        var l = socket(AF_INET, SOCK_STREAM);
        l.settimeout(PeerLimit.TotalSeconds);
        l.bind(("127.0.0.1", 0));
        l.listen();
        return l;
    }

    /// <summary>Waits (bounded by the listener's timeout) for the peer's ready message and returns it.</summary>
    private static string AwaitReady(SocketObject signal)
    {
        var (c, _) = signal.accept();
        using (c)
        {
            c.settimeout(PeerLimit.TotalSeconds);
            return System.Text.Encoding.ASCII.GetString(RecvAll(c)).Trim();
        }
    }

    [PythonFact]
    public async Task A_python_tcp_client_exchanges_bytes_with_a_pysocket_server()
    {
        using var l = Loopback.Listener();
        var peer = RunPeer("""
import sys, socket
data = bytes((i * 7) % 251 for i in range(20000))
c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
c.sendall(data)
c.shutdown(socket.SHUT_WR)
back = b''
while True:
    chunk = c.recv(65536)
    if not chunk: break
    back += chunk
print(back == data[::-1], len(back))
""", l.getsockname().port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (s, addr) = l.accept();
        using (s)
        {
            s.settimeout(10);
            addr!.host.Should().Be("127.0.0.1");
            var got = RecvAll(s);
            got.Should().Equal(Payload);
            s.sendall(got.Reverse().ToArray());
            s.shutdown(SHUT_WR);
        }

        (await peer).Trim().Should().Be("True 20000");
    }

    [PythonFact]
    public async Task A_pysocket_tcp_client_exchanges_bytes_with_a_python_server()
    {
        using var ready = ReadySignal();
        var peer = RunPeer("""
import sys, socket
l = socket.socket(); l.settimeout(10); l.bind(('127.0.0.1', 0)); l.listen()
with socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10) as r: r.sendall(b'%d\n' % l.getsockname()[1])
s, _ = l.accept(); s.settimeout(10)
got = b''
while True:
    chunk = s.recv(65536)
    if not chunk: break
    got += chunk
s.sendall(b'py:' + got)
s.close()
print(len(got))
""", ready.getsockname().port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var port = int.Parse(AwaitReady(ready), System.Globalization.CultureInfo.InvariantCulture);
        using var c = socket(AF_INET, SOCK_STREAM);
        c.settimeout(10);
        c.connect(("127.0.0.1", port));
        c.sendall(Payload);
        c.shutdown(SHUT_WR);
        RecvAll(c).Should().Equal("py:"u8.ToArray().Concat(Payload));
        (await peer).Trim().Should().Be("20000");
    }

    [PythonFact]
    public async Task Udp_datagrams_flow_both_ways_between_pysocket_and_python()
    {
        using var u = Loopback.Udp();
        u.settimeout(10);
        var peer = RunPeer("""
import sys, socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(10); u.bind(('127.0.0.1', 0))
u.sendto(b'\x00hello\xff', ('127.0.0.1', int(sys.argv[1])))
u.sendto(b'', ('127.0.0.1', int(sys.argv[1])))
data, addr = u.recvfrom(100)
print(data.hex(), addr[0])
""", u.getsockname().port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (data, sender) = u.recvfrom(100);
        data.Should().Equal(0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xff);
        var (empty, sender2) = u.recvfrom(100);
        empty.Should().BeEmpty();
        sender2.Should().Be(sender);
        u.sendto(data.Reverse().ToArray(), sender);
        (await peer).Trim().Should().Be("ff6f6c6c656800 127.0.0.1");
    }

    [PythonFact]
    public async Task Unix_stream_and_datagram_sockets_interoperate_with_python()
    {
        var dir = Loopback.TempDir();
        var streamPath = Path.Combine(dir, "stream.sock");
        using var ready = ReadySignal();
        var myDgram = Path.Combine(dir, "mine.sock");
        using var d = socket(AF_UNIX, SOCK_DGRAM);
        d.settimeout(10);
        d.bind(myDgram);
        var peer = RunPeer("""
import sys, os, socket
path, ready, theirs, mine = sys.argv[1:5]
l = socket.socket(socket.AF_UNIX); l.settimeout(10); l.bind(path); l.listen()
with socket.create_connection(('127.0.0.1', int(ready)), timeout=10) as r: r.sendall(b'ok\n')
s, addr = l.accept(); s.settimeout(10)
got = s.recv(100)
s.sendall(got.upper())
s.close()
d = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); d.settimeout(10); d.bind(mine)
d.sendto(b'datagram', theirs)
back, frm = d.recvfrom(100)
print(repr(addr), back.decode(), frm == theirs)
""", streamPath, ready.getsockname().port.ToString(System.Globalization.CultureInfo.InvariantCulture), myDgram, Path.Combine(dir, "python.sock"));
        AwaitReady(ready).Should().Be("ok");
        using (var c = socket(AF_UNIX, SOCK_STREAM))
        {
            c.settimeout(10);
            c.connect(streamPath);
            c.sendall("unix bytes"u8);
            c.recv(100).Should().Equal("UNIX BYTES"u8.ToArray());
        }

        var (data, from) = d.recvfrom(100);
        data.Should().Equal("datagram"u8.ToArray());
        from!.path.Should().Be(Path.Combine(dir, "python.sock"));
        d.sendto("reply"u8, from);
        (await peer).Trim().Should().Be("'' reply True");
    }

    [Ipv6Fact(NeedsPython = true)]
    public async Task A_python_ipv6_client_reaches_a_pysocket_server_on_ipv6_loopback()
    {
        using var l = Loopback.Listener(AF_INET6, "::1");
        var peer = RunPeer("""
import sys, socket
c = socket.socket(socket.AF_INET6); c.settimeout(10); c.connect(('::1', int(sys.argv[1])))
c.sendall(b'over v6')
print(c.recv(100).decode())
""", l.getsockname().port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (s, addr) = l.accept();
        using (s)
        {
            s.settimeout(10);
            addr!.Arity.Should().Be(4);
            var got = s.recv(100);
            s.sendall(got.Concat("!"u8.ToArray()).ToArray());
        }

        (await peer).Trim().Should().Be("over v6!");
    }
}
