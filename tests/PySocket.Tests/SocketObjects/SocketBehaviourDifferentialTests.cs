using System;
using System.IO;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Values and attributes of socket-object operations (TCP, UDP, AF_UNIX, options, descriptors), compared with python3.</summary>
public sealed class SocketBehaviourDifferentialTests
{
    private const string Setup = """
import tempfile, struct
tmp = tempfile.mkdtemp()
def listening():
    l = socket(); l.settimeout(5); l.bind(('127.0.0.1', 0)); l.listen(); return l
def tcp_pair():
    l = listening(); c = socket(); c.settimeout(5); c.connect(l.getsockname()); s, _ = l.accept(); s.settimeout(5); return c, s, l
def udp():
    u = socket(AF_INET, SOCK_DGRAM); u.settimeout(5); u.bind(('127.0.0.1', 0)); return u
""";

    [PythonFact]
    public void Tcp_transfer_details_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:c, s, l = tcp_pair(); result = [c.send(b'abc'), s.recv(0), s.recv(1, MSG_PEEK), s.recv(10)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    return new object[] { c.send("abc"u8), s.recv(0), s.recv(1, MSG_PEEK), s.recv(10) };
                }
            })
            .Case("exec:a, b = socketpair(); a.settimeout(0.1); result = [a.recv(0), a.recv_into(bytearray(0)), 0]", () =>
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                {
                    a.settimeout(0.1);
                    return new object[] { a.recv(0), a.recv_into(Span<byte>.Empty), 0 };
                }
            })
            .Case("exec:a, b = socketpair(); a.settimeout(0.1); a.recvfrom(0)", () =>
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                {
                    a.settimeout(0.1);
                    return a.recvfrom(0);
                }
            })
            .Case("exec:u = udp(); u.settimeout(0.1); u.sendto(b'abc', u.getsockname()); result = [u.recv(0), u.recv_into(bytearray(0)), u.recv(10)]", () =>
            {
                using var u = Loopback.Udp();
                u.settimeout(0.1);
                u.sendto("abc"u8, u.getsockname());
                return new object[] { u.recv(0), u.recv_into(Array.Empty<byte>()), u.recv(10) };
            })
            .Case("exec:s = socket(); s.close(); result = [s.recv(0), s.recv_into(bytearray(0)), socket().recv(0)]", () =>
            {
                var s = socket();
                s.close();
                using var t = socket();
                return new object[] { s.recv(0), s.recv_into(Span<byte>.Empty), t.recv(0) };
            })
            .Case("exec:u = udp(); u.settimeout(0.1); u.recv_into(bytearray(5), 0)", () =>
            {
                using var u = Loopback.Udp();
                u.settimeout(0.1);
                return u.recv_into(new byte[5], 0);
            })
            .Case("exec:c, s, l = tcp_pair(); c.sendall(b'xyz'); result = s.recvfrom(10)", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.sendall("xyz"u8);
                    return s.recvfrom(10);
                }
            })
            .Case("exec:c, s, l = tcp_pair(); c.sendall(b'xyz'); b = bytearray(8); result = [s.recvfrom_into(b, 2), bytes(b)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.sendall("xyz"u8);
                    var b = new byte[8];
                    return new object[] { s.recvfrom_into(b, 2), b };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); c.sendall(b'hello'); b = bytearray(8); result = [s.recv_into(b, 3), bytes(b)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.sendall("hello"u8);
                    var b = new byte[8];
                    return new object[] { s.recv_into(b, 3), b };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); c.shutdown(SHUT_WR); result = [s.recv(5), s.recv(5), s.send(b'back'), c.recv(10)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.shutdown(SHUT_WR);
                    return new object[] { s.recv(5), s.recv(5), s.send("back"u8), c.recv(10) };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); s.shutdown(SHUT_RD); result = s.recv(5)", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    s.shutdown(SHUT_RD);
                    return s.recv(5);
                }
            })
            .Case("exec:c, s, l = tcp_pair(); c.close(); result = [s.recv(5), s.recv(5)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (s)
                using (l)
                {
                    c.close();
                    return new object[] { s.recv(5), s.recv(5) };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); result = [c.sendall(b''), c.send(b''), s.getsockname() == l.getsockname(), s.getpeername() == c.getsockname()]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.sendall(ReadOnlySpan<byte>.Empty);
                    return new object?[] { null, c.send(Array.Empty<byte>()), s.getsockname() == l.getsockname(), s.getpeername() == c.getsockname() };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); result = [s.family, s.type, s.proto, s.gettimeout(), s.getblocking(), s.get_inheritable()]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (l)
                using (s)
                {
                    return new object?[] { s.family, s.type, s.proto, s.gettimeout(), s.getblocking(), s.get_inheritable() };
                }
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Accepted_socket_attributes_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:l = listening(); c = socket(); c.connect(l.getsockname()); s, a = l.accept(); result = [s.family, s.type, s.proto, s.gettimeout(), s.getblocking(), s.get_inheritable(), a == c.getsockname()]", () =>
            {
                using var l = Loopback.Listener();
                using var c = socket();
                c.connect(l.getsockname());
                var (s, a) = l.accept();
                using (s)
                {
                    return new object?[] { s.family, s.type, s.proto, s.gettimeout(), s.getblocking(), s.get_inheritable(), a == c.getsockname() };
                }
            })
            .Case("exec:l = listening(); l.setblocking(False); c = socket(); c.connect(l.getsockname()); import select; select.select([l], [], [], 5); s, a = l.accept(); result = [s.gettimeout(), s.getblocking()]", () =>
            {
                using var l = Loopback.Listener();
                using var c = socket();
                c.connect(l.getsockname());
                l.settimeout(5);
                using var probe = l.dup();
                l.setblocking(false);
                var deadline = DateTime.UtcNow.AddSeconds(5);
                while (true)
                {
                    try
                    {
                        var (s, _) = l.accept();
                        using (s)
                        {
                            return new object?[] { s.gettimeout(), s.getblocking() };
                        }
                    }
                    catch (BlockingIOError) when (DateTime.UtcNow < deadline)
                    {
                        System.Threading.Thread.Yield();
                    }
                }
            })
            .Case("exec:l = listening(); l.setblocking(False); result = l.accept()", () =>
            {
                using var l = Loopback.Listener();
                l.setblocking(false);
                return l.accept();
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Udp_datagram_details_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:a = udp(); b = udp(); b.sendto(b'', a.getsockname()); d, frm = a.recvfrom(10); result = [d, frm == b.getsockname()]", () =>
            {
                using var a = Loopback.Udp();
                using var b = Loopback.Udp();
                b.sendto(ReadOnlySpan<byte>.Empty, a.getsockname());
                var (d, frm) = a.recvfrom(10);
                return new object[] { d, frm == b.getsockname() };
            })
            .Case("exec:a = udp(); b = udp(); b.sendto(b'abcdef', a.getsockname()); b.sendto(b'gh', 0, a.getsockname()); result = [a.recv(3), a.recv(10)]", () =>
            {
                using var a = Loopback.Udp();
                using var b = Loopback.Udp();
                b.sendto("abcdef"u8, a.getsockname());
                b.sendto("gh"u8.ToArray(), 0, a.getsockname());
                return new object[] { a.recv(3), a.recv(10) };
            })
            .Case("exec:a = udp(); u = socket(AF_INET, SOCK_DGRAM); u.sendto(b'x', a.getsockname()); result = [u.getsockname()[0], u.getsockname()[1] > 0, a.recv(5)]", () =>
            {
                using var a = Loopback.Udp();
                using var u = socket(AF_INET, SOCK_DGRAM);
                u.sendto("x"u8, a.getsockname());
                return new object[] { u.getsockname().host!, u.getsockname().port > 0, a.recv(5) };
            })
            .Case("exec:a = udp(); u = socket(AF_INET, SOCK_DGRAM); u.connect(a.getsockname()); u.send(b'hi'); result = [a.recvfrom(10)[1] == u.getsockname(), u.getpeername() == a.getsockname()]", () =>
            {
                using var a = Loopback.Udp();
                using var u = socket(AF_INET, SOCK_DGRAM);
                u.connect(a.getsockname());
                u.send("hi"u8);
                return new object[] { a.recvfrom(10).address == u.getsockname(), u.getpeername() == a.getsockname() };
            })
            .Case("exec:a = udp(); a.sendto(b'x' * 65507, a.getsockname()); result = len(a.recv(70000))", () =>
            {
                using var a = Loopback.Udp();
                a.sendto(new byte[65507], a.getsockname());
                return a.recv(70000).Length;
            })
            .Case("exec:a = udp(); a.sendto(b'x' * 65508, a.getsockname())", () =>
            {
                using var a = Loopback.Udp();
                a.sendto(new byte[65508], a.getsockname());
            })
            .Case("exec:u = socket(AF_INET, SOCK_DGRAM); result = [u.getsockopt(SOL_SOCKET, SO_BROADCAST), u.setsockopt(SOL_SOCKET, SO_BROADCAST, 1), u.getsockopt(SOL_SOCKET, SO_BROADCAST)]", () =>
            {
                using var u = socket(AF_INET, SOCK_DGRAM);
                var before = u.getsockopt(SOL_SOCKET, SO_BROADCAST);
                u.setsockopt(SOL_SOCKET, SO_BROADCAST, 1);
                return new object?[] { before, null, u.getsockopt(SOL_SOCKET, SO_BROADCAST) };
            })
            .Case("exec:u = socket(AF_INET, SOCK_DGRAM); u.sendto(b'x', ('<broadcast>', 9))", () =>
            {
                using var u = socket(AF_INET, SOCK_DGRAM);
                u.sendto("x"u8, ("<broadcast>", 9));
            })
            .Case("exec:a = udp(); a.setblocking(False); a.recvfrom(10)", () =>
            {
                using var a = Loopback.Udp();
                a.setblocking(false);
                return a.recvfrom(10);
            })
            .Case("exec:a = udp(); a.setblocking(True); result = a.recv(10, MSG_DONTWAIT)", () =>
            {
                using var a = Loopback.Udp();
                a.setblocking(true);
                return a.recv(10, MSG_DONTWAIT);
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Flags_dotnet_has_no_name_for_reach_the_kernel_as_in_python()
    {
        // MSG_MORE, MSG_EOR, MSG_CONFIRM, MSG_CMSG_CLOEXEC and MSG_ERRQUEUE have no SocketFlags: the portable layer
        // passes them through sendmsg/recvmsg. An empty error queue is EAGAIN at once, blocking or not, except on
        // AF_UNIX, which ignores the flag and waits for data.
        new DifferentialTable(Setup)
            .Case("exec:c, s, l = tcp_pair(); result = [c.send(b'ab', MSG_MORE), c.send(b'cd'), s.recv(4, MSG_WAITALL), c.send(b'x', MSG_EOR), s.recv(1)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    return new object[] { c.send("ab"u8, MSG_MORE), c.send("cd"u8), s.recv(4, MSG_WAITALL), c.send("x"u8, MSG_EOR), s.recv(1) };
                }
            })
            .Case("exec:u = udp(); n = u.sendto(b'x', MSG_CONFIRM, u.getsockname()); d, a = u.recvfrom(10, MSG_CMSG_CLOEXEC); result = [n, d, a == u.getsockname(), u.sendto(b'y', MSG_EOR, u.getsockname()), u.recv(10, MSG_CMSG_CLOEXEC)]", () =>
            {
                using var u = Loopback.Udp();
                var n = u.sendto("x"u8, MSG_CONFIRM, u.getsockname());
                var (d, a) = u.recvfrom(10, MSG_CMSG_CLOEXEC);
                return new object[] { n, d, Equals(a, u.getsockname()), u.sendto("y"u8, MSG_EOR, u.getsockname()), u.recv(10, MSG_CMSG_CLOEXEC) };
            })
            .Case("exec:u = udp(); u.setblocking(False); u.recv(10, MSG_ERRQUEUE)", () =>
            {
                using var u = Loopback.Udp();
                u.setblocking(false);
                return u.recv(10, MSG_ERRQUEUE);
            })
            .Case("exec:c, s, l = tcp_pair(); s.setblocking(True); s.recv(10, MSG_ERRQUEUE)", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    s.setblocking(true);
                    return s.recv(10, MSG_ERRQUEUE);
                }
            })
            .Case("exec:u = udp(); u.setblocking(True); u.recvfrom(10, MSG_ERRQUEUE)", () =>
            {
                using var u = Loopback.Udp();
                u.setblocking(true);
                return u.recvfrom(10, MSG_ERRQUEUE);
            })
            .Case("exec:u = udp(); u.setblocking(True); u.recvmsg(10, 0, MSG_ERRQUEUE)", () =>
            {
                using var u = Loopback.Udp();
                u.setblocking(true);
                return u.recvmsg(10, 0, MSG_ERRQUEUE);
            })
            .Case("exec:u = udp(); u.settimeout(0.05); u.recv(10, MSG_ERRQUEUE)", () =>
            {
                using var u = Loopback.Udp();
                u.settimeout(0.05);
                return u.recv(10, MSG_ERRQUEUE);
            })
            .Case("exec:a, b = socketpair(); b.send(b'z'); result = a.recv(10, MSG_ERRQUEUE)", () =>
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                {
                    b.send("z"u8);
                    return a.recv(10, MSG_ERRQUEUE);
                }
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Msg_trunc_and_huge_buffer_sizes_give_the_datagram_like_python()
    {
        // With MSG_TRUNC the kernel returns the datagram's real length, more than the buffer holds: recv and
        // recvfrom return that many bytes (the received ones first), recv_into/recvfrom_into/recvmsg_into the
        // length, and recvmsg keeps only what fit (with MSG_TRUNC in msg_flags).
        static SocketObject Fed()
        {
            var u = Loopback.Udp();
            u.sendto("abcdefghij"u8, u.getsockname());
            return u;
        }

        new DifferentialTable(Setup + "\ndef fed():\n    u = udp(); u.sendto(b'abcdefghij', u.getsockname()); return u\n")
            .Case("exec:d = fed().recv(3, MSG_TRUNC); result = [len(d), d[:3]]", () =>
            {
                using var u = Fed();
                var d = u.recv(3, MSG_TRUNC);
                return new object[] { d.Length, d[..3] };
            })
            .Case("exec:d = fed().recv(1, MSG_TRUNC | MSG_PEEK); result = [len(d), d[:1]]", () =>
            {
                using var u = Fed();
                var d = u.recv(1, MSG_TRUNC | MSG_PEEK);
                return new object[] { d.Length, d[..1] };
            })
            .Case("exec:d, a = fed().recvfrom(2, MSG_TRUNC); result = [len(d), d[:2]]", () =>
            {
                using var u = Fed();
                var (d, _) = u.recvfrom(2, MSG_TRUNC);
                return new object[] { d.Length, d[..2] };
            })
            .Case("exec:b = bytearray(4); result = [fed().recv_into(b, 2, MSG_TRUNC), b]", () =>
            {
                using var u = Fed();
                var b = new byte[4];
                return new object[] { u.recv_into(b, 2, MSG_TRUNC), b };
            })
            .Case("exec:b = bytearray(4); result = [fed().recvfrom_into(b, 0, MSG_TRUNC)[0], b]", () =>
            {
                using var u = Fed();
                var b = new byte[4];
                return new object[] { u.recvfrom_into(b, 0, MSG_TRUNC).nbytes, b };
            })
            .Case("exec:d, anc, fl, a = fed().recvmsg(3, 0, MSG_TRUNC); result = [d, fl]", () =>
            {
                using var u = Fed();
                var (d, _, fl, _) = u.recvmsg(3, 0, MSG_TRUNC);
                return new object[] { d, fl };
            })
            .Case("exec:u = fed(); result = [u.recv(2**31 - 1), u.sendto(b'x', u.getsockname()), u.recvfrom(2**31 - 1)[0]]", () =>
            {
                // A bufsize up to INT_MAX is allowed, as in CPython, though no byte[] can be that large.
                using var u = Fed();
                return new object[] { u.recv(int.MaxValue), u.sendto("x"u8, u.getsockname()), u.recvfrom(int.MaxValue).data };
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Unix_domain_details_match_python()
    {
        var name = "\0pysocket-test-" + Guid.NewGuid().ToString("N")[..10];
        var pyName = "'\\x00" + name[1..] + "'";
        new DifferentialTable(Setup)
            .Case("exec:u = socket(AF_UNIX); result = [u.getsockname(), u.family, u.type]", () =>
            {
                using var u = socket(AF_UNIX);
                return new object[] { u.getsockname(), u.family, u.type };
            })
            .Case("exec:u = socket(AF_UNIX); u.bind(''); n = u.getsockname(); result = [len(n), n[:1]]", () =>
            {
                using var u = socket(AF_UNIX);
                u.bind("");
                var n = u.getsockname().path!;
                return new object[] { n.Length, new[] { (byte)n[0] } };
            })
            .Case($"exec:u = socket(AF_UNIX); u.bind({pyName}); result = u.getsockname()", () =>
            {
                using var u = socket(AF_UNIX);
                u.bind(name);
                return u.getsockname();
            })
            .Case($"exec:l = socket(AF_UNIX); l.bind({pyName}[:-1] + 'L'); l.listen(); c = socket(AF_UNIX); c.settimeout(5); c.connect({pyName}[:-1] + 'L'); s, a = l.accept(); c.sendall(b'abc'); result = [a, s.recv(10), c.getpeername(), s.getsockname()]", () =>
            {
                var lname = name[..^1] + "L";
                using var l = socket(AF_UNIX);
                l.bind(lname);
                l.listen();
                using var c = socket(AF_UNIX);
                c.settimeout(5);
                c.connect(lname);
                var (s, a) = l.accept();
                using (s)
                {
                    c.sendall("abc"u8);
                    return new object?[] { a, s.recv(10), c.getpeername(), s.getsockname() };
                }
            })
            .Case("exec:p = os.path.join(tmp, 'st'); l = socket(AF_UNIX); l.bind(p); l.listen(); c = socket(AF_UNIX); c.settimeout(5); c.connect(p); s, a = l.accept(); c.sendall(b'abc'); result = [a, s.recv(10), c.getpeername() == p, s.getsockname() == p, os.path.exists(p)]", () =>
            {
                var p = Path.Combine(Loopback.TempDir(), "st");
                using var l = socket(AF_UNIX);
                l.bind(p);
                l.listen();
                using var c = socket(AF_UNIX);
                c.settimeout(5);
                c.connect(p);
                var (s, a) = l.accept();
                using (s)
                {
                    c.sendall("abc"u8);
                    return new object?[] { a, s.recv(10), c.getpeername().path == p, s.getsockname().path == p, Path.Exists(p) };
                }
            })
            .Case("exec:p = os.path.join(tmp, 'dg'); a = socket(AF_UNIX, SOCK_DGRAM); a.settimeout(5); a.bind(p); b = socket(AF_UNIX, SOCK_DGRAM); b.sendto(b'x', p); result = a.recvfrom(10)", () =>
            {
                var p = Path.Combine(Loopback.TempDir(), "dg");
                using var a = socket(AF_UNIX, SOCK_DGRAM);
                a.settimeout(5);
                a.bind(p);
                using var b = socket(AF_UNIX, SOCK_DGRAM);
                b.sendto("x"u8, p);
                return a.recvfrom(10);
            })
            .Case("exec:p = os.path.join(tmp, 'dg2'); q = os.path.join(tmp, 'dg3'); a = socket(AF_UNIX, SOCK_DGRAM); a.settimeout(5); a.bind(p); b = socket(AF_UNIX, SOCK_DGRAM); b.bind(q); b.sendto(b'', p); d, frm = a.recvfrom(10); result = [d, frm == q]", () =>
            {
                var dir = Loopback.TempDir();
                var p = Path.Combine(dir, "dg2");
                var q = Path.Combine(dir, "dg3");
                using var a = socket(AF_UNIX, SOCK_DGRAM);
                a.settimeout(5);
                a.bind(p);
                using var b = socket(AF_UNIX, SOCK_DGRAM);
                b.bind(q);
                b.sendto(ReadOnlySpan<byte>.Empty, p);
                var (d, frm) = a.recvfrom(10);
                return new object[] { d, frm!.path == q };
            })
            .Case("exec:a, b = socketpair(AF_UNIX, SOCK_DGRAM); b.settimeout(5); a.send(b'ab'); a.send(b'c'); result = [b.recv(10), b.recv(10), a.family, a.type, a.proto, b.getsockname(), b.getpeername()]", () =>
            {
                var (a, b) = socketpair(AF_UNIX, SOCK_DGRAM);
                using (a)
                using (b)
                {
                    b.settimeout(5);
                    a.send("ab"u8);
                    a.send("c"u8);
                    return new object[] { b.recv(10), b.recv(10), a.family, a.type, a.proto, b.getsockname(), b.getpeername() };
                }
            })
            .Case("exec:a, b = socketpair(); result = [a.family, a.type, a.proto, a.gettimeout(), a.get_inheritable(), b.get_inheritable()]", () =>
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                {
                    return new object?[] { a.family, a.type, a.proto, a.gettimeout(), a.get_inheritable(), b.get_inheritable() };
                }
            })
            .Case("exec:a, b = socketpair(None, SOCK_STREAM | SOCK_NONBLOCK); result = [a.type, a.gettimeout(), b.gettimeout()]", () =>
            {
                var (a, b) = socketpair(null, SOCK_STREAM | SOCK_NONBLOCK);
                using (a)
                using (b)
                {
                    return new object?[] { a.type, a.gettimeout(), b.gettimeout() };
                }
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Socket_options_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_KEEPALIVE, 5); result = s.getsockopt(SOL_SOCKET, SO_KEEPALIVE)", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_KEEPALIVE, 5);
                return s.getsockopt(SOL_SOCKET, SO_KEEPALIVE);
            })
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_RCVBUF, 65536); result = s.getsockopt(SOL_SOCKET, SO_RCVBUF)", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_RCVBUF, 65536);
                return s.getsockopt(SOL_SOCKET, SO_RCVBUF);
            })
            .Case("exec:s = socket(); s.setsockopt(IPPROTO_TCP, TCP_NODELAY, True); result = [s.getsockopt(IPPROTO_TCP, TCP_NODELAY), s.getsockopt(IPPROTO_TCP, TCP_NODELAY, 4), s.getsockopt(IPPROTO_TCP, TCP_NODELAY, 2)]", () =>
            {
                using var s = socket();
                s.setsockopt(IPPROTO_TCP, TCP_NODELAY, true);
                return new object[] { s.getsockopt(IPPROTO_TCP, TCP_NODELAY), s.getsockopt(IPPROTO_TCP, TCP_NODELAY, 4), s.getsockopt(IPPROTO_TCP, TCP_NODELAY, 2) };
            })
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 7)); result = s.getsockopt(SOL_SOCKET, SO_LINGER, 8)", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_LINGER, new byte[] { 1, 0, 0, 0, 7, 0, 0, 0 });
                return s.getsockopt(SOL_SOCKET, SO_LINGER, 8);
            })
            .Case("exec:s = socket(); result = s.getsockopt(SOL_SOCKET, SO_LINGER, 1024)", () =>
            {
                using var s = socket();
                return s.getsockopt(SOL_SOCKET, SO_LINGER, 1024);
            })
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, b'\\x01\\x00\\x00\\x00'); result = s.getsockopt(SOL_SOCKET, SO_REUSEADDR)", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_REUSEADDR, new byte[] { 1, 0, 0, 0 });
                return s.getsockopt(SOL_SOCKET, SO_REUSEADDR);
            })
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, b'\\x01')", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_REUSEADDR, new byte[] { 1 });
            })
            .Case("exec:s = socket(AF_INET, SOCK_DGRAM); s.setsockopt(IPPROTO_IP, IP_TTL, 33); result = [s.getsockopt(IPPROTO_IP, IP_TTL), s.getsockopt(SOL_SOCKET, SO_TYPE), s.getsockopt(SOL_SOCKET, SO_ERROR)]", () =>
            {
                using var s = socket(AF_INET, SOCK_DGRAM);
                s.setsockopt(IPPROTO_IP, IP_TTL, 33);
                return new object[] { s.getsockopt(IPPROTO_IP, IP_TTL), s.getsockopt(SOL_SOCKET, SO_TYPE), s.getsockopt(SOL_SOCKET, SO_ERROR) };
            })
            .Case("exec:l = listening(); result = [l.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), socket().getsockopt(SOL_SOCKET, SO_ACCEPTCONN)]", () =>
            {
                using var l = Loopback.Listener();
                using var s = socket();
                return new object[] { l.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), s.getsockopt(SOL_SOCKET, SO_ACCEPTCONN) };
            })
            .Case("exec:s = socket(); s.bind(('127.0.0.1', 0)); result = [s.listen(-1), s.getsockopt(SOL_SOCKET, SO_ACCEPTCONN)]", () =>
            {
                using var s = socket();
                s.bind(("127.0.0.1", 0));
                s.listen(-1);
                return new object?[] { null, s.getsockopt(SOL_SOCKET, SO_ACCEPTCONN) };
            })
            .Case("exec:s = socket(); s.bind(('127.0.0.1', 0)); result = s.listen(0)", () =>
            {
                using var s = socket();
                s.bind(("127.0.0.1", 0));
                s.listen(0);
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Descriptor_functions_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:s = socket(AF_INET, SOCK_DGRAM); s.settimeout(2.5); d = s.dup(); result = [d.family, d.type, d.proto, d.gettimeout(), d.fileno() != s.fileno(), d.get_inheritable()]", () =>
            {
                using var s = socket(AF_INET, SOCK_DGRAM);
                s.settimeout(2.5);
                using var d = s.dup();
                return new object?[] { d.family, d.type, d.proto, d.gettimeout(), d.fileno() != s.fileno(), d.get_inheritable() };
            })
            .Case("exec:s = socket(); s.setblocking(False); d = s.dup(); result = [d.gettimeout(), d.getblocking()]", () =>
            {
                using var s = socket();
                s.setblocking(false);
                using var d = s.dup();
                return new object?[] { d.gettimeout(), d.getblocking() };
            })
            .Case("exec:s = socket(); result = [s.get_inheritable(), s.set_inheritable(True), s.get_inheritable(), s.set_inheritable(False), s.get_inheritable()]", () =>
            {
                using var s = socket();
                var a = s.get_inheritable();
                s.set_inheritable(true);
                var b = s.get_inheritable();
                s.set_inheritable(false);
                return new object?[] { a, null, b, null, s.get_inheritable() };
            })
            .Case("exec:s = socket(AF_INET, SOCK_DGRAM); f = fromfd(s.fileno(), AF_INET, SOCK_DGRAM); result = [f.family, f.type, f.proto, f.fileno() != s.fileno(), f.get_inheritable(), f.gettimeout()]", () =>
            {
                using var s = socket(AF_INET, SOCK_DGRAM);
                using var f = fromfd(s.fileno(), AF_INET, SOCK_DGRAM);
                return new object?[] { f.family, f.type, f.proto, f.fileno() != s.fileno(), f.get_inheritable(), f.gettimeout() };
            })
            .Case("exec:s = socket(AF_INET6, SOCK_DGRAM); fd = s.detach(); t = socket(fileno=fd); result = [t.family, t.type, t.proto, t.fileno() == fd, s.fileno()]", () =>
            {
                using var s = socket(AF_INET6, SOCK_DGRAM);
                var fd = s.detach();
                using var t = socket(fileno: fd);
                return new object?[] { t.family, t.type, t.proto, t.fileno() == fd, s.fileno() };
            })
            .Case("exec:s = socket(AF_UNIX, SOCK_DGRAM); fd = dup(s.fileno()); t = socket(fileno=fd); result = [t.family, t.type, t.proto]", () =>
            {
                using var s = socket(AF_UNIX, SOCK_DGRAM);
                var fd = dup(s.fileno());
                using var t = socket(fileno: fd);
                return new object?[] { t.family, t.type, t.proto };
            })
            .Case("exec:s = socket(); fd = dup(s.fileno()); close(fd); result = [fd != s.fileno()]", () =>
            {
                using var s = socket();
                var fd = dup(s.fileno());
                Socket.close(fd);
                return new object?[] { fd != s.fileno() };
            })
            .Case("exec:s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); result = [s.proto, s.dup().proto]", () =>
            {
                using var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
                using var d = s.dup();
                return new object?[] { s.proto, d.proto };
            })
            .AssertSameAsPython();
    }
}
