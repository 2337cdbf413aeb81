using System;
using System.IO;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Every OS error and argument error of the socket object, compared row by row with python3.</summary>
public sealed class SocketErrorDifferentialTests
{
    private const string Setup = """
import tempfile, struct
tmp = tempfile.mkdtemp()
def closed():
    s = socket(); s.close(); return s
def listening():
    l = socket(); l.settimeout(5); l.bind(('127.0.0.1', 0)); l.listen(); return l
def tcp_pair():
    l = listening(); c = socket(); c.settimeout(5); c.connect(l.getsockname()); s, _ = l.accept(); s.settimeout(5); return c, s, l
def err(thunk):
    try:
        thunk(); return [None]
    except OSError as e:
        return [type(e).__name__, e.errno, str(e)]
""";

    private static SocketObject Closed()
    {
        var s = socket();
        s.close();
        return s;
    }

    private static object?[] Err(Action thunk)
    {
        try
        {
            thunk();
            return [null];
        }
        catch (OSError e)
        {
            return [e.GetType().Name, e.errno, e.Message];
        }
    }

    [PythonFact]
    public void Os_errors_match_python_errno_class_and_message()
    {
        new DifferentialTable(Setup)
            .Case("socket().recv(1)", () => { using var s = socket(); return s.recv(1); })
            .Case("socket().getpeername()", () => { using var s = socket(); return s.getpeername(); })
            .Case("socket().shutdown(SHUT_RDWR)", () => { using var s = socket(); s.shutdown(SHUT_RDWR); })
            .Case("socket().shutdown(5)", () => { using var s = socket(); s.shutdown(5); })
            .Case("socket().send(b'x')", () => { using var s = socket(); return s.send("x"u8); })
            .Case("socket().accept()", () => { using var s = socket(); return s.accept(); })
            .Case("exec:s = socket(); s.bind(('127.0.0.1', 0)); s.bind(('127.0.0.1', 0))", () => { using var s = socket(); s.bind(("127.0.0.1", 0)); s.bind(("127.0.0.1", 0)); })
            .Case("exec:a = socket(); a.bind(('127.0.0.1', 0)); b = socket(); b.bind(a.getsockname())", () => { using var a = socket(); a.bind(("127.0.0.1", 0)); using var b = socket(); b.bind(a.getsockname()); })
            .Case("socket(AF_INET, 999)", () => socket(AF_INET, 999))
            .Case("socket(999)", () => socket(999))
            .Case("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)", () => socket(AF_INET, SOCK_STREAM, IPPROTO_UDP))
            .Case("socket(AF_INET, SOCK_DGRAM).listen()", () => { using var s = socket(AF_INET, SOCK_DGRAM); s.listen(); })
            .Case("socket(AF_INET, SOCK_DGRAM).accept()", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.accept(); })
            .Case("socketpair(AF_INET)", () => socketpair(AF_INET))
            .Case("socket(AF_INET, SOCK_DGRAM).send(b'x')", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.send("x"u8); })
            .Case("socket(AF_INET, SOCK_DGRAM).sendto(b'x' * 70000, ('127.0.0.1', 9))", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto(new byte[70000], ("127.0.0.1", 9)); })
            .Case("socket().getsockopt(SOL_SOCKET, 9999)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, 9999); })
            .Case("socket().setsockopt(SOL_SOCKET, 9999, 1)", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, 9999, 1); })
            .Case("socket().getsockopt(SOL_SOCKET, 9999, 16)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, 9999, 16); })
            .Case("socket().setsockopt(SOL_SOCKET, 9999, b'ab')", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, 9999, new byte[] { 0x61, 0x62 }); })
            .Case("socket().setsockopt(1, 2, None, -1)", () => { using var s = socket(); s.setsockopt(1, 2, null, -1); })
            .Case("socket().setsockopt(1, 2, None, 4)", () => { using var s = socket(); s.setsockopt(1, 2, null, 4); })
            .Case("exec:f = open(os.devnull, 'rb')\ntry:\n    socket(fileno=f.fileno())\nfinally:\n    f.close()", () =>
            {
                using var f = File.OpenRead("/dev/null");
                return socket(fileno: (int)f.SafeFileHandle.DangerousGetHandle());
            })
            .Case("exec:f = open(os.devnull, 'rb')\ntry:\n    socket(AF_INET, SOCK_STREAM, 0, f.fileno())\nfinally:\n    f.close()", () =>
            {
                using var f = File.OpenRead("/dev/null");
                return socket(AF_INET, SOCK_STREAM, 0, (int)f.SafeFileHandle.DangerousGetHandle());
            })
            .Case("socket(AF_INET, SOCK_STREAM, 0, 999999)", () => socket(AF_INET, SOCK_STREAM, 0, 999999))
            .Case("socket(fileno=999999)", () => socket(fileno: 999999))
            .Case("exec:b = socket(); b.bind(('127.0.0.1', 0)); c = socket(); c.settimeout(5); c.connect(b.getsockname())", () =>
            {
                using var b = socket();
                b.bind(("127.0.0.1", 0));
                using var c = socket();
                c.settimeout(5);
                c.connect(b.getsockname());
            })
            .Case("exec:b = socket(); b.bind(('127.0.0.1', 0)); c = socket(); result = c.connect_ex(b.getsockname())", () =>
            {
                using var b = socket();
                b.bind(("127.0.0.1", 0));
                using var c = socket();
                return c.connect_ex(b.getsockname());
            })
            .Case("exec:b = socket(); b.bind(('127.0.0.1', 0)); c = socket(); c.settimeout(5); result = c.connect_ex(b.getsockname())", () =>
            {
                using var b = socket();
                b.bind(("127.0.0.1", 0));
                using var c = socket();
                c.settimeout(5);
                return c.connect_ex(b.getsockname());
            })
            .Case("exec:l = listening(); c = socket(); c.setblocking(False); c.connect(l.getsockname())", () =>
            {
                using var l = Loopback.Listener();
                using var c = socket();
                c.setblocking(false);
                c.connect(l.getsockname());
            })
            .Case("exec:l = listening(); c = socket(); c.setblocking(False); result = c.connect_ex(l.getsockname())", () =>
            {
                using var l = Loopback.Listener();
                using var c = socket();
                c.setblocking(false);
                return c.connect_ex(l.getsockname());
            })
            .Case("exec:c, s, l = tcp_pair(); c.connect(l.getsockname())", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.connect(l.getsockname());
                }
            })
            .Case("exec:c, s, l = tcp_pair(); result = c.connect_ex(l.getsockname())", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    return c.connect_ex(l.getsockname());
                }
            })
            .Case("exec:a, b = socketpair(); b.close(); a.settimeout(5); result = [err(lambda: a.send(b'x')), a.recv(1)]", () =>
            {
                var (a, b) = socketpair();
                using (a)
                {
                    b.close();
                    a.settimeout(5);
                    return new object?[] { Err(() => a.send("x"u8)), a.recv(1) };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); c.shutdown(SHUT_WR); result = [err(lambda: c.send(b'x')), err(lambda: c.sendall(b'x'))]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (s)
                using (l)
                {
                    c.shutdown(SHUT_WR);
                    return new object?[] { Err(() => c.send("x"u8)), Err(() => c.sendall("x"u8)) };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); s.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); s.close(); result = [err(lambda: c.recv(1)), c.recv(1)]", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (l)
                {
                    s.setsockopt(SOL_SOCKET, SO_LINGER, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 });
                    s.close();
                    return new object?[] { Err(() => c.recv(1)), c.recv(1) };
                }
            })
            .Case("exec:c, s, l = tcp_pair(); s.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); s.close(); c.recv_into(bytearray(1))", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (l)
                {
                    s.setsockopt(SOL_SOCKET, SO_LINGER, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 });
                    s.close();
                    return c.recv_into(new byte[1]);
                }
            })
            .Case("exec:c, s, l = tcp_pair(); s.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); s.close(); c.sendall(b'x' * 100000)", () =>
            {
                var (c, s, l) = Loopback.TcpPair();
                using (c)
                using (l)
                {
                    s.setsockopt(SOL_SOCKET, SO_LINGER, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 });
                    s.close();
                    c.sendall(new byte[100000]);
                }
            })
            .Case("exec:a, b = socketpair(); a.settimeout(0.05); a.recv(1)", () => { var (a, b) = socketpair(); using (a) using (b) { a.settimeout(0.05); return a.recv(1); } })
            .Case("exec:a, b = socketpair(); a.setblocking(False); a.recv(1)", () => { var (a, b) = socketpair(); using (a) using (b) { a.setblocking(false); return a.recv(1); } })
            .Case("exec:a, b = socketpair(); a.setblocking(False); a.recv_into(bytearray(3))", () => { var (a, b) = socketpair(); using (a) using (b) { a.setblocking(false); return a.recv_into(new byte[3]); } })
            .Case("exec:a, b = socketpair(); result = a.recv(1, MSG_DONTWAIT)", () => { var (a, b) = socketpair(); using (a) using (b) { return a.recv(1, MSG_DONTWAIT); } })
            .Case("exec:l = listening(); l.settimeout(0.05); l.accept()", () => { using var l = Loopback.Listener(); l.settimeout(0.05); return l.accept(); })
            .Case("exec:l = listening(); l.setblocking(False); l.accept()", () => { using var l = Loopback.Listener(); l.setblocking(false); return l.accept(); })
            .Case("exec:u = socket(AF_INET, SOCK_DGRAM); u.bind(('127.0.0.1', 0)); u.settimeout(0.05); u.recvfrom(1)", () => { using var u = socket(AF_INET, SOCK_DGRAM); u.bind(("127.0.0.1", 0)); u.settimeout(0.05); return u.recvfrom(1); })
            .Case("exec:u = socket(AF_INET, SOCK_DGRAM); u.bind(('127.0.0.1', 0)); u.setblocking(False); u.recvfrom_into(bytearray(4))", () => { using var u = socket(AF_INET, SOCK_DGRAM); u.bind(("127.0.0.1", 0)); u.setblocking(false); return u.recvfrom_into(new byte[4]); })
            .Case("exec:p = os.path.join(tmp, 'full'); l = socket(AF_UNIX); l.bind(p); l.listen(0); cs = []\nfor i in range(10):\n    c = socket(AF_UNIX); c.settimeout(0.2); cs.append(c)\n    e = err(lambda: c.connect(p))\n    if e[0]: break\nx = socket(AF_UNIX); x.settimeout(0.2); result = [i, e, x.connect_ex(p)]", () =>
            {
                // A full AF_UNIX backlog makes a non-blocking connect fail with EAGAIN, which CPython raises
                // (it waits only after EINPROGRESS), so timeout mode gives BlockingIOError, not TimeoutError.
                var p = Path.Combine(Loopback.TempDir(), "full");
                using var l = socket(AF_UNIX);
                l.bind(p);
                l.listen(0);
                var clients = new System.Collections.Generic.List<SocketObject>();
                try
                {
                    object?[] e = [null];
                    var i = 0;
                    for (; i < 10; i++)
                    {
                        var c = socket(AF_UNIX);
                        c.settimeout(0.2);
                        clients.Add(c);
                        e = Err(() => c.connect(p));
                        if (e[0] is not null)
                        {
                            break;
                        }
                    }

                    var x = socket(AF_UNIX);
                    clients.Add(x);
                    x.settimeout(0.2);
                    return new object?[] { i, e, x.connect_ex(p) };
                }
                finally
                {
                    clients.ForEach(c => c.close());
                }
            })
            .Case("socket().sendall(b'')", () => { using var s = socket(); s.sendall(ReadOnlySpan<byte>.Empty); })
            .Case("exec:s = socket(); s.settimeout(0.2); s.send(b'')", () => { using var s = socket(); s.settimeout(0.2); return s.send(Array.Empty<byte>()); })
            .Case("socket(AF_INET, SOCK_DGRAM).send(b'')", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.send(ReadOnlySpan<byte>.Empty); })
            .Case("exec:a, b = socketpair(); a.settimeout(0.1)\ntry:\n    while True: a.send(b'x' * 65536)\nexcept TimeoutError: pass\nresult = [err(lambda: a.send(b'')), err(lambda: a.sendall(b'')), err(lambda: a.recvfrom_into(bytearray(0)))]", () =>
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                {
                    a.settimeout(0.1);
                    try
                    {
                        while (true)
                        {
                            a.send(new byte[65536]);
                        }
                    }
                    catch (TimeoutError)
                    {
                    }

                    return new object?[] { Err(() => a.send(ReadOnlySpan<byte>.Empty)), Err(() => a.sendall(ReadOnlySpan<byte>.Empty)), Err(() => a.recvfrom_into(Span<byte>.Empty)) };
                }
            })
            .Case("exec:g = socket(AF_INET, SOCK_DGRAM); g.bind(('127.0.0.1', 0)); gone = g.getsockname(); g.close(); u = socket(AF_INET, SOCK_DGRAM); u.settimeout(2); u.connect(gone); u.send(b'x'); result = [err(lambda: u.recv(1)), err(lambda: u.send(b'y'))]", () =>
            {
                SockAddr gone;
                using (var g = socket(AF_INET, SOCK_DGRAM))
                {
                    g.bind(("127.0.0.1", 0));
                    gone = g.getsockname();
                }

                using var u = socket(AF_INET, SOCK_DGRAM);
                u.settimeout(2);
                u.connect(gone);
                u.send("x"u8);
                return new object?[] { Err(() => u.recv(1)), Err(() => u.send("y"u8)) };
            })
            .Case("socket().getsockopt(SOL_SOCKET, SO_LINGER)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_LINGER); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_RCVTIMEO)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_RCVTIMEO); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_RCVTIMEO, 16)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_RCVTIMEO, 16); })
            .Case("socket().setsockopt(SOL_SOCKET, SO_RCVTIMEO, 1)", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, 1); })
            .Case("socket().setsockopt(IPPROTO_TCP, 999, 1)", () => { using var s = socket(); s.setsockopt(IPPROTO_TCP, 999, 1); })
            .Case("socket().setsockopt(999, 1, 1)", () => { using var s = socket(); s.setsockopt(999, 1, 1); })
            .Case("socket(AF_UNIX).setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)", () => { using var s = socket(AF_UNIX); s.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1); })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Every_use_of_a_closed_socket_raises_ebadf_like_python()
    {
        new DifferentialTable(Setup)
            .Case("closed().recv(1)", () => Closed().recv(1))
            .Case("closed().recv_into(bytearray(1))", () => Closed().recv_into(new byte[1]))
            .Case("closed().recvfrom(1)", () => Closed().recvfrom(1))
            .Case("closed().recvfrom_into(bytearray(1))", () => Closed().recvfrom_into(new byte[1]))
            .Case("closed().send(b'x')", () => Closed().send("x"u8))
            .Case("closed().sendall(b'x')", () => Closed().sendall("x"u8))
            .Case("closed().sendto(b'x', ('127.0.0.1', 9))", () => Closed().sendto("x"u8, ("127.0.0.1", 9)))
            .Case("closed().getsockname()", () => Closed().getsockname())
            .Case("closed().getpeername()", () => Closed().getpeername())
            .Case("closed().connect(('127.0.0.1', 9))", () => Closed().connect(("127.0.0.1", 9)))
            .Case("closed().connect_ex(('127.0.0.1', 9))", () => Closed().connect_ex(("127.0.0.1", 9)))
            .Case("closed().connect(('127.0.0.1', 70000))", () => Closed().connect(("127.0.0.1", 70000)))
            .Case("closed().bind(('127.0.0.1', 0))", () => Closed().bind(("127.0.0.1", 0)))
            .Case("closed().listen()", () => Closed().listen())
            .Case("closed().accept()", () => Closed().accept())
            .Case("closed().shutdown(SHUT_RDWR)", () => Closed().shutdown(SHUT_RDWR))
            .Case("closed().settimeout(1)", () => Closed().settimeout(1))
            .Case("closed().setblocking(False)", () => Closed().setblocking(false))
            .Case("closed().getblocking()", () => Closed().getblocking())
            .Case("closed().gettimeout()", () => Closed().gettimeout())
            .Case("closed().fileno()", () => Closed().fileno())
            .Case("closed().close()", () => Closed().close())
            .Case("closed().detach()", () => Closed().detach())
            .Case("closed().getsockopt(SOL_SOCKET, SO_TYPE)", () => Closed().getsockopt(SOL_SOCKET, SO_TYPE))
            .Case("closed().getsockopt(SOL_SOCKET, SO_TYPE, 4)", () => Closed().getsockopt(SOL_SOCKET, SO_TYPE, 4))
            .Case("closed().getsockopt(SOL_SOCKET, SO_TYPE, 2000)", () => Closed().getsockopt(SOL_SOCKET, SO_TYPE, 2000))
            .Case("closed().setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)", () => Closed().setsockopt(SOL_SOCKET, SO_REUSEADDR, 1))
            .Case("closed().setsockopt(SOL_SOCKET, SO_REUSEADDR, b'1234')", () => Closed().setsockopt(SOL_SOCKET, SO_REUSEADDR, "1234"u8))
            .Case("closed().dup()", () => Closed().dup())
            .Case("closed().get_inheritable()", () => Closed().get_inheritable())
            .Case("closed().set_inheritable(True)", () => Closed().set_inheritable(true))
            .Case("closed().recv(-1)", () => Closed().recv(-1))
            .Case("close(-1)", () => Socket.close(-1))
            .Case("dup(-1)", () => dup(-1))
            .Case("fromfd(-1, AF_INET, SOCK_STREAM)", () => fromfd(-1, AF_INET, SOCK_STREAM))
            .Case("socket(fileno=-1)", () => socket(fileno: -1))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Argument_errors_match_python_messages()
    {
        new DifferentialTable(Setup)
            .Case("socket().recv(-1)", () => { using var s = socket(); return s.recv(-1); })
            .Case("socket().recvfrom(-1)", () => { using var s = socket(); return s.recvfrom(-1); })
            .Case("socket().recv_into(bytearray(4), 10)", () => { using var s = socket(); return s.recv_into(new byte[4], 10); })
            .Case("socket().recv_into(bytearray(4), -1)", () => { using var s = socket(); return s.recv_into(new byte[4], -1); })
            .Case("socket().recvfrom_into(bytearray(2), 10)", () => { using var s = socket(); return s.recvfrom_into(new byte[2], 10); })
            .Case("socket().recvfrom_into(bytearray(2), -1)", () => { using var s = socket(); return s.recvfrom_into(new byte[2], -1); })
            .Case("socket().recv_into(None)", () => { using var s = socket(); return s.recv_into(null!); })
            .Case("socket().recvfrom_into(None)", () => { using var s = socket(); return s.recvfrom_into(null!); })
            .Case("socket().send(None)", () => { using var s = socket(); return s.send(null!); })
            .Case("socket().sendall(None)", () => { using var s = socket(); s.sendall(null!); })
            .Case("socket(AF_INET, SOCK_DGRAM).sendto(None, ('127.0.0.1', 9))", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto(null!, ("127.0.0.1", 9)); })
            .Case("socket(AF_INET, SOCK_DGRAM).sendto(b'x', None)", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto("x"u8, null); })
            .Case("socket().setsockopt(SOL_SOCKET, SO_REUSEADDR, None)", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, (byte[])null!); })
                        .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, -1)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, -1); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, 1025)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, 1025); })
            .Case("socket().bind(('127.0.0.1', 70000))", () => { using var s = socket(); s.bind(("127.0.0.1", 70000)); })
            .Case("socket().bind(('127.0.0.1', -1))", () => { using var s = socket(); s.bind(("127.0.0.1", -1)); })
            .Case("socket().connect(('127.0.0.1', 70000))", () => { using var s = socket(); s.connect(("127.0.0.1", 70000)); })
            .Case("socket().connect_ex(('127.0.0.1', 70000))", () => { using var s = socket(); return s.connect_ex(("127.0.0.1", 70000)); })
            .Case("socket(AF_INET, SOCK_DGRAM).sendto(b'x', ('127.0.0.1', 70000))", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto("x"u8, ("127.0.0.1", 70000)); })
            .Case("socket(AF_INET6).bind(('::1', 0, -1, 0))", () => { using var s = socket(AF_INET6); s.bind(("::1", 0, -1, 0)); })
            .Case("socket().bind('127.0.0.1')", () => { using var s = socket(); s.bind("127.0.0.1"); })
            .Case("socket().bind(None)", () => { using var s = socket(); s.bind(null!); })
            .Case("socket().connect(('127.0.0.1\\x00x', 80))", () => { using var s = socket(); s.connect(("127.0.0.1\0x", 80)); })
            .Case("socket(AF_INET6).bind(('127.0.0.1', 0))", () => { using var s = socket(AF_INET6); s.bind(("127.0.0.1", 0)); })
            .Case("socket(AF_UNIX).bind(('a', 1))", () => { using var s = socket(AF_UNIX); s.bind(("a", 1)); })
            .Case("socket(AF_UNIX).bind('/' + 'a' * 200)", () => { using var s = socket(AF_UNIX); s.bind("/" + new string('a', 200)); })
            .Case("socket(AF_UNIX).bind('/' + 'a' * 107)", () => { using var s = socket(AF_UNIX); s.bind("/" + new string('a', 107)); })
            .Case("socket(AF_UNIX).connect('/' + 'a' * 106)", () => { using var s = socket(AF_UNIX); s.connect("/" + new string('a', 106)); })
            .Case("socket(AF_UNIX).connect('\\x00' + 'a' * 108)", () => { using var s = socket(AF_UNIX); s.connect("\0" + new string('a', 108)); })
            .Case("socket(AF_UNIX).connect('\\x00' + 'zq' * 50 + 'pysocket-none')", () => { using var s = socket(AF_UNIX); s.connect("\0" + string.Concat(System.Linq.Enumerable.Repeat("zq", 50)) + "pysocket-none"); })
            .Case("socket(AF_UNIX).connect('\\x00' + 'zq' * 53 + 'p')", () => { using var s = socket(AF_UNIX); s.connect("\0" + string.Concat(System.Linq.Enumerable.Repeat("zq", 53)) + "p"); })
            .Case("socket(AF_UNIX, SOCK_DGRAM).sendto(b'x', '')", () => { using var s = socket(AF_UNIX, SOCK_DGRAM); return s.sendto("x"u8, ""); })
            .Case("socket(AF_UNIX).connect(os.path.join(tmp, 'missing'))", () => { using var s = socket(AF_UNIX); s.connect(Path.Combine(Loopback.TempDir(), "missing")); })
            .Case("exec:p = os.path.join(tmp, 'nl'); a = socket(AF_UNIX); a.bind(p); a.close(); b = socket(AF_UNIX); b.connect(p)", () =>
            {
                var p = Path.Combine(Loopback.TempDir(), "nl");
                using (var a = socket(AF_UNIX))
                {
                    a.bind(p);
                }

                using var b = socket(AF_UNIX);
                b.connect(p);
            })
            .Case("exec:p = os.path.join(tmp, 'dup'); a = socket(AF_UNIX); a.bind(p); b = socket(AF_UNIX); b.bind(p)", () =>
            {
                var p = Path.Combine(Loopback.TempDir(), "dup");
                using var a = socket(AF_UNIX);
                a.bind(p);
                using var b = socket(AF_UNIX);
                b.bind(p);
            })
            .AssertSameAsPython();
    }

    /// <summary>Closing a descriptor behind the object's back frees its number for other threads, so this runs alone.</summary>
    [Collection(SocketTimingCollection.Name)]
    public sealed class DescriptorClosedElsewhere
    {
        [PythonFact]
        public void Close_after_the_descriptor_was_closed_elsewhere_raises_ebadf()
        {
            new DifferentialTable(Setup)
                .Case("exec:s = socket(); os.close(s.fileno()); s.close()", () => { var s = socket(); Socket.close(s.fileno()); s.close(); })
                .Case("exec:s = socket(); os.close(s.fileno()); result = [err(lambda: s.recv(1)), s.fileno() > 0, err(s.close), s.fileno(), s.close()]", () =>
                {
                    var s = socket();
                    Socket.close(s.fileno());
                    var recvError = Err(() => s.recv(1));
                    var open = s.fileno() > 0;
                    var closeError = Err(s.close);
                    var after = s.fileno();
                    s.close();
                    return new object?[] { recvError, open, closeError, after, null };
                })
                .AssertSameAsPython();
        }
    }
}
