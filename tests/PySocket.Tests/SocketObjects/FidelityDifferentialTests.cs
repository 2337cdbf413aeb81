using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// The last fidelity gaps of issue 9, each compared row by row with python3: parts of buffers in the
/// scatter/gather calls, CPython's order in address parsing (host first, then port and flowinfo), host text
/// through Python's idna codec, empty option values, getsockopt's buflen 0, and AF_UNIX paths in the
/// filesystem encoding. Name lookups stay local: numeric hosts with AI_NUMERICHOST, or names glibc's resolver
/// rejects without a query ('a..b.b' has an empty label).
/// </summary>
public sealed class FidelityDifferentialTests
{
    private const string Setup = """
import tempfile
tmp = tempfile.mkdtemp()
def pair():
    a, b = socketpair(); a.settimeout(5); b.settimeout(5); return a, b
def udp():
    u = socket(AF_INET, SOCK_DGRAM); u.settimeout(5); u.bind(('127.0.0.1', 0)); return u
""";

    private static (SocketObject, SocketObject) Pair()
    {
        var (a, b) = socketpair();
        a.settimeout(Loopback.Bound);
        b.settimeout(Loopback.Bound);
        return (a, b);
    }

    private static SocketObject Udp()
    {
        var u = socket(AF_INET, SOCK_DGRAM);
        u.settimeout(Loopback.Bound);
        u.bind(("127.0.0.1", 0));
        return u;
    }

    private static T With<T>(Func<SocketObject, SocketObject, T> body)
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            return body(a, b);
        }
    }

    private static IEnumerable<Memory<byte>> Thirds(byte[] buf)
    {
        // Python: (memoryview(buf)[i:i + 3] for i in (0, 3)), a generator of buffer parts.
        foreach (var i in new[] { 0, 3 })
        {
            yield return buf.AsMemory(i, 3);
        }
    }

    [PythonFact]
    public void Parts_of_buffers_and_any_sequence_work_in_the_scatter_gather_calls()
    {
        new DifferentialTable(Setup)
            .Case("exec:a, b = pair(); b.send(b'abcdefghij'); buf = bytearray(12); n = a.recv_into(memoryview(buf)[2:9]); result = [n, buf]", () =>
                With((a, b) =>
                {
                    b.send("abcdefghij"u8);
                    var buf = new byte[12];
                    var n = a.recv_into(buf.AsMemory(2, 7));
                    return new object[] { n, buf };
                }))
            .Case("exec:a, b = pair(); b.send(b'abcdefghij'); buf = bytearray(12); n = a.recv_into(memoryview(buf)[2:9], 3); result = [n, buf]", () =>
                With((a, b) =>
                {
                    b.send("abcdefghij"u8);
                    var buf = new byte[12];
                    var n = a.recv_into(new ArraySegment<byte>(buf, 2, 7), 3);
                    return new object[] { n, buf };
                }))
            .Case("exec:a, b = pair(); buf = bytearray(12); a.recv_into(memoryview(buf)[2:4], 3)", () =>
                With((a, b) => a.recv_into(new byte[12].AsMemory(2, 2), 3)))
            .Case("exec:u = udp(); v = udp(); v.sendto(b'datagram', u.getsockname()); buf = bytearray(10); n, addr = u.recvfrom_into(memoryview(buf)[1:5]); result = [n, buf, addr == v.getsockname()]", () =>
            {
                using var u = Udp();
                using var v = Udp();
                v.sendto("datagram"u8, u.getsockname());
                var buf = new byte[10];
                var (n, addr) = u.recvfrom_into(new ArraySegment<byte>(buf, 1, 4));
                return new object[] { n, buf, addr == v.getsockname() };
            })
            .Case("exec:u = udp(); v = udp(); v.sendto(b'datagram', u.getsockname()); buf = bytearray(10); n, addr = u.recvfrom_into(memoryview(buf)[4:], 2); result = [n, buf]", () =>
            {
                using var u = Udp();
                using var v = Udp();
                v.sendto("datagram"u8, u.getsockname());
                var buf = new byte[10];
                var (n, _) = u.recvfrom_into(buf.AsMemory(4), 2);
                return new object[] { n, buf };
            })
            .Case("exec:a, b = pair(); b.send(b'abcdefgh'); buf = bytearray(8); n, anc, flags, addr = a.recvmsg_into(memoryview(buf)[i:i + 3] for i in (0, 3)); result = [n, buf, anc, flags, addr]", () =>
                With((a, b) =>
                {
                    b.send("abcdefgh"u8);
                    var buf = new byte[8];
                    var (n, anc, flags, addr) = a.recvmsg_into(Thirds(buf));
                    return new object?[] { n, buf, anc, flags, addr };
                }))
            .Case("exec:a, b = pair(); b.send(b'abcdefgh'); buf = bytearray(8); second = bytearray(2); n, anc, flags, addr = a.recvmsg_into([memoryview(buf)[2:5], second]); result = [n, buf, second]", () =>
                With((a, b) =>
                {
                    b.send("abcdefgh"u8);
                    var buf = new byte[8];
                    var second = new byte[2];
                    var (n, _, _, _) = a.recvmsg_into(new object[] { new ArraySegment<byte>(buf, 2, 3), second });
                    return new object[] { n, buf, second };
                }))
            .Case("exec:a, b = pair(); buf = bytearray(8); n, anc, flags, addr = (a.send(b'xyz'), b.recvmsg_into(iter([buf])))[1]; result = [n, buf]", () =>
                With((a, b) =>
                {
                    a.send("xyz"u8);
                    var buf = new byte[8];
                    var (n, _, _, _) = b.recvmsg_into(new[] { buf }.Select(x => x));
                    return new object[] { n, buf };
                }))
            .Case("exec:a, b = pair(); data = b'hello world'; n = a.sendmsg([memoryview(data)[0:5], memoryview(data)[5:], b'!']); result = [n, b.recv(100)]", () =>
                With((a, b) =>
                {
                    var data = Encoding.ASCII.GetBytes("hello world");
                    var n = a.sendmsg(new object[] { data.AsMemory(0, 5), data.AsMemory(5), "!"u8.ToArray() });
                    return new object[] { n, b.recv(100) };
                }))
            .Case("exec:a, b = pair(); data = b'hello world'; n = a.sendmsg(memoryview(data)[i:i + 2] for i in range(0, 6, 2)); result = [n, b.recv(100)]", () =>
                With((a, b) =>
                {
                    ReadOnlyMemory<byte> data = Encoding.ASCII.GetBytes("hello world");
                    var n = a.sendmsg(Enumerable.Range(0, 3).Select(i => data.Slice(i * 2, 2)));
                    return new object[] { n, b.recv(100) };
                }))
            .Case("exec:a, b = pair(); data = bytearray(b'segments'); n = a.sendmsg([memoryview(data)[3:]]); result = [n, b.recv(100)]", () =>
                With((a, b) =>
                {
                    var data = Encoding.ASCII.GetBytes("segments");
                    var n = a.sendmsg(new[] { new ArraySegment<byte>(data, 3, 5) });
                    return new object[] { n, b.recv(100) };
                }))
            .Case("exec:a, b = pair(); result = [a.sendmsg([]), a.sendmsg(iter([]))]", () =>
                With((a, b) => new object[] { a.sendmsg([]), a.sendmsg(Enumerable.Empty<Memory<byte>>()) }))
            .Case("exec:a, b = pair(); b.send(b'abcdef'); bufs = [bytearray(2), bytearray(2)]; n = a.recvmsg_into(bufs)[0]; result = [n, bufs]", () =>
                With((a, b) =>
                {
                    b.send("abcdef"u8);
                    var bufs = new List<Memory<byte>> { new byte[2], new byte[2] };
                    var n = a.recvmsg_into(bufs).nbytes;
                    return new object[] { n, bufs.Select(m => m.ToArray()).ToArray() };
                }))
            .Case("exec:a, b = pair(); a.sendmsg([1])", () => With((a, b) => a.sendmsg(new object[] { 1 })))
            .Case("exec:a, b = pair(); a.sendmsg([b'x', 'x'])", () => With((a, b) => a.sendmsg(new object[] { new byte[1], "x" })))
            .Case("exec:a, b = pair(); a.sendmsg([None])", () => With((a, b) => a.sendmsg(new object?[] { null })))
            .Case("exec:a, b = pair(); a.sendmsg('text')", () => With((a, b) => a.sendmsg((System.Collections.IEnumerable)"text")))
            .Case("exec:a, b = pair(); a.sendmsg(b'raw')", () => With((a, b) => a.sendmsg((System.Collections.IEnumerable)"raw"u8.ToArray())))
            .Case("exec:a, b = pair(); a.recvmsg_into([bytearray(1), b'x'])", () => With((a, b) => a.recvmsg_into(new object[] { new byte[1], (ReadOnlyMemory<byte>)new byte[1] })))
            .Case("exec:a, b = pair(); a.recvmsg_into([1])", () => With((a, b) => a.recvmsg_into(new object[] { 1 })))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Address_tuples_resolve_the_host_before_the_port_and_flowinfo_are_range_checked()
    {
        new DifferentialTable(Setup)
            .Case("socket(AF_INET6).connect(('<broadcast>', 2**31 - 1))", () => { using var s = socket(AF_INET6); s.connect(("<broadcast>", int.MaxValue)); })
            .Case("socket(AF_INET6).connect(('<broadcast>', 70000))", () => { using var s = socket(AF_INET6); s.connect(("<broadcast>", 70000)); })
            .Case("socket(AF_INET6).connect(('<broadcast>', 1, 2**20))", () => { using var s = socket(AF_INET6); s.connect(("<broadcast>", 1, 1 << 20)); })
            .Case("socket(AF_INET6).bind(('<broadcast>', 1, -1))", () => { using var s = socket(AF_INET6); s.bind(("<broadcast>", 1, -1)); })
            .Case("socket(AF_INET6).connect(('::1', 70000, 2**20))", () => { using var s = socket(AF_INET6); s.connect(("::1", 70000, 1 << 20)); })
            .Case("socket(AF_INET6).connect(('::1', 1, 2**20))", () => { using var s = socket(AF_INET6); s.connect(("::1", 1, 1 << 20)); })
            .Case("socket().bind(('a..b.b', -1))", () => { using var s = socket(); s.bind(("a..b.b", -1)); })
            .Case("socket().bind(('a..b.b', 70000))", () => { using var s = socket(); s.bind(("a..b.b", 70000)); })
            .Case("socket(AF_INET6).bind(('a..b.b', -1, 2**20))", () => { using var s = socket(AF_INET6); s.bind(("a..b.b", -1, 1 << 20)); })
            .Case("socket().bind(('1.2.3.4', -1))", () => { using var s = socket(); s.bind(("1.2.3.4", -1)); })
            .Case("socket().bind(('', 70000))", () => { using var s = socket(); s.bind(("", 70000)); })
            .Case("socket().bind(('<broadcast>', -1))", () => { using var s = socket(); s.bind(("<broadcast>", -1)); })
            .Case("socket().bind(('a\\0', -1))", () => { using var s = socket(); s.bind(("a\0", -1)); })
            .Case("socket().bind((None, -1))", () => { using var s = socket(); s.bind((null, -1)); })
            .Case("socket().connect(('xn--\\u00fc', -1))", () => { using var s = socket(); s.connect(("xn--\u00fc", -1)); })
            .Case("socket(AF_INET, SOCK_DGRAM).sendto(b'x', ('a..b.b', -1))", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.sendto("x"u8, ("a..b.b", -1)); })
            .Case("exec:a, b = socketpair(AF_UNIX, SOCK_DGRAM); u = socket(AF_INET, SOCK_DGRAM); result = u.sendmsg([b'x'], [], 0, ('a..b.b', 70000))", () =>
            {
                using var u = socket(AF_INET, SOCK_DGRAM);
                return u.sendmsg([[(byte)'x']], [], 0, ("a..b.b", 70000));
            })
            .Case("getnameinfo(('a..b.b', -1), 0)", () => getnameinfo(("a..b.b", -1), 0))
            .Case("getnameinfo(('a..b.b', 1, 2**20), NI_NUMERICHOST)", () => getnameinfo(("a..b.b", 1, 1 << 20), NI_NUMERICHOST))
            .Case("getnameinfo(('127.0.0.1', 70000), NI_NUMERICHOST | NI_NUMERICSERV)", () => getnameinfo(("127.0.0.1", 70000), NI_NUMERICHOST | NI_NUMERICSERV))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Host_text_goes_through_the_idna_codec_first_and_literals_never_reach_dns()
    {
        new DifferentialTable(Setup)
            .Case("getaddrinfo('fe80::1\\uff11', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("fe80::1\uff11", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('\\uff11', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("\uff11", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('\\u00b9.2.3.4', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("\u00b9.2.3.4", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('\\ufeff1.2.3.4', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("\ufeff1.2.3.4", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('1.2.3.4\\u00ad', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("1.2.3.4\u00ad", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('1\\u00a0', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("1\u00a0", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('\\u2460.2.3.4', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("\u2460.2.3.4", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('xn--abc.\\u00fc', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("xn--abc.\u00fc", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('xn--\\u00fc', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("xn--\u00fc", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("getaddrinfo('xn--\\u00fc.com', None, 0, SOCK_STREAM, 0, AI_NUMERICHOST)", () => getaddrinfo("xn--\u00fc.com", null, 0, SOCK_STREAM, 0, AI_NUMERICHOST))
            .Case("gethostbyname('\\uff11\\uff12\\uff17.\\uff10.\\uff10.\\uff11')", () => gethostbyname("\uff11\uff12\uff17.\uff10.\uff10.\uff11"))
            .Case("exec:s = socket(); s.bind(('\\uff11\\uff12\\uff17\\u3002\\uff10.\\uff10.\\uff11', 0)); result = s.getsockname()[0]", () =>
            {
                using var s = socket();
                s.bind(("\uff11\uff12\uff17\u3002\uff10.\uff10.\uff11", 0));
                return s.getsockname().host;
            })
            .Case("exec:u = udp(); s = socket(AF_INET, SOCK_DGRAM); s.connect(('\\uff11\\uff12\\uff17.0.0.\\u00b9', u.getsockname()[1])); result = s.getpeername() == u.getsockname()", () =>
            {
                using var u = Udp();
                using var s = socket(AF_INET, SOCK_DGRAM);
                s.connect(("\uff11\uff12\uff17.0.0.\u00b9", u.getsockname().port));
                return s.getpeername() == u.getsockname();
            })
            .Case("gethostbyname_ex('\\uff11\\uff12\\uff17.\\uff10.\\uff10.\\uff11')", () => gethostbyname_ex("\uff11\uff12\uff17.\uff10.\uff10.\uff11"))
            .Case("gethostbyaddr('\\uff11\\uff12\\uff17.\\uff10.\\uff10.\\uff11')[2]", () => gethostbyaddr("\uff11\uff12\uff17.\uff10.\uff10.\uff11").Item3)
            .Case("getnameinfo(('\\uff11\\uff12\\uff17.0.0.1', 80), NI_NUMERICHOST | NI_NUMERICSERV)", () => getnameinfo(("\uff11\uff12\uff17.0.0.1", 80), NI_NUMERICHOST | NI_NUMERICSERV))
            .Case("inet_aton('\\uff11\\uff12\\uff17.0.0.1')", () => inet_aton("\uff11\uff12\uff17.0.0.1"))
            .Case("exec:l = socket(); l.bind(('127.0.0.1', 0)); l.listen(); c = create_connection(('\\uff11\\uff12\\uff17.0.0.\\uff11', l.getsockname()[1]), timeout=5); result = c.getpeername() == l.getsockname(); c.close()", () =>
            {
                using var l = Loopback.Listener();
                using var c = create_connection(("\uff11\uff12\uff17.0.0.\uff11", l.getsockname().port), 5.0);
                return c.getpeername() == l.getsockname();
            })
            .Case("socket().connect(('xn--\\u00fc', 1))", () => { using var s = socket(); s.connect(("xn--\u00fc", 1)); })
            .Case("socket().connect(('\\ud800', 1))", () => { using var s = socket(); s.connect(("\ud800", 1)); })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Empty_option_values_and_getsockopt_buflen_zero_behave_as_in_python()
    {
        new DifferentialTable(Setup)
            .Case("socket().setsockopt(IPPROTO_IP, IP_OPTIONS, b'')", () => { using var s = socket(); s.setsockopt(IPPROTO_IP, IP_OPTIONS, Array.Empty<byte>()); })
            .Case("socket(AF_INET, SOCK_DGRAM).setsockopt(IPPROTO_IP, IP_OPTIONS, b'')", () => { using var s = socket(AF_INET, SOCK_DGRAM); s.setsockopt(IPPROTO_IP, IP_OPTIONS, ReadOnlySpan<byte>.Empty); })
            .Case("exec:s = socket(); s.setsockopt(IPPROTO_IP, IP_OPTIONS, b''); result = s.getsockopt(IPPROTO_IP, IP_OPTIONS, 40)", () =>
            {
                using var s = socket();
                s.setsockopt(IPPROTO_IP, IP_OPTIONS, Array.Empty<byte>());
                return s.getsockopt(IPPROTO_IP, IP_OPTIONS, 40);
            })
            .Case("socket().setsockopt(SOL_SOCKET, SO_REUSEADDR, b'')", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, Array.Empty<byte>()); })
            .Case("socket().setsockopt(SOL_SOCKET, SO_LINGER, b'')", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_LINGER, Array.Empty<byte>()); })
            .Case("socket().setsockopt(SOL_SOCKET, SO_BINDTODEVICE, b'')", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, Array.Empty<byte>()); })
            .Case("socket().setsockopt(IPPROTO_TCP, TCP_CONGESTION, b'')", () => { using var s = socket(); s.setsockopt(IPPROTO_TCP, TCP_CONGESTION, Array.Empty<byte>()); })
            .Case("socket().setsockopt(SOL_SOCKET, 9999, b'')", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, 9999, Array.Empty<byte>()); })
            .Case("socket().setsockopt(SOL_SOCKET, SO_REUSEADDR, None, 0)", () => { using var s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, null, 0); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, 0)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, 0); })
            .Case("socket(AF_INET, SOCK_DGRAM).getsockopt(SOL_SOCKET, SO_TYPE, 0)", () => { using var s = socket(AF_INET, SOCK_DGRAM); return s.getsockopt(SOL_SOCKET, SO_TYPE, 0); })
            .Case("exec:s = socket(); s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1); result = s.getsockopt(SOL_SOCKET, SO_REUSEADDR, 0)", () =>
            {
                using var s = socket();
                s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
                return s.getsockopt(SOL_SOCKET, SO_REUSEADDR, 0);
            })
            .Case("socket().getsockopt(SOL_SOCKET, 9999, 0)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, 9999, 0); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, -1)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, -1); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, 1025)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, 1025); })
            .Case("socket().getsockopt(SOL_SOCKET, SO_TYPE, 1)", () => { using var s = socket(); return s.getsockopt(SOL_SOCKET, SO_TYPE, 1); })
            .Case("exec:s = socket(); s.close(); s.getsockopt(SOL_SOCKET, SO_TYPE, 0)", () =>
            {
                var s = socket();
                s.close();
                return s.getsockopt(SOL_SOCKET, SO_TYPE, 0);
            })
            .AssertSameAsPython();
    }

    [Fact]
    public void Getsockopt_with_the_constant_zero_compiles_to_the_int_form_and_a_runtime_zero_says_so()
    {
        using var s = socket();
        int type = s.getsockopt(SOL_SOCKET, SO_TYPE, 0);
        type.Should().Be(SOCK_STREAM);
        s.getsockopt(SOL_SOCKET, SO_TYPE, SockOptBufLen.IntForm).Should().Be(SOCK_STREAM);
        byte[] raw = s.getsockopt(SOL_SOCKET, SO_TYPE, 4);
        BitConverter.ToInt32(raw).Should().Be(SOCK_STREAM);

        var zero = 0;
        var act = () => s.getsockopt(SOL_SOCKET, SO_TYPE, zero);
        act.Should().Throw<ValueError>().WithMessage("*call getsockopt(level, optname)*");
    }

    // Python's os.fsencode: UTF-8, with U+DC80..U+DCFF standing for the bytes 0x80..0xFF (surrogateescape).
    private static byte[] FsEncode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= '\udc80' and <= '\udcff')
            {
                bytes.Add((byte)(text[i] - 0xdc00));
            }
            else
            {
                var length = char.IsSurrogatePair(text, i) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                i += length - 1;
            }
        }

        return [.. bytes];
    }

    private static byte[] FsName(SockAddr? address) => FsEncode(Path.GetFileName(address!.path!));

    // .NET decodes file names it lists as UTF-8 with U+FFFD, so it cannot delete these; python3 can.
    private static void RemoveWithPython(string dir) =>
        Python.Evaluate("", [$"exec:import shutil; shutil.rmtree(bytes.fromhex('{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(dir))}'), ignore_errors=True)"]);

    [PythonFact]
    public void Af_unix_paths_use_the_filesystem_encoding_with_surrogateescape()
    {
        var dir = Loopback.TempDir();
        try
        {
            new DifferentialTable(Setup)
                .Case("exec:p = os.path.join(tmp, 'a\\udcffb'); s = socket(AF_UNIX); s.bind(p); c = socket(AF_UNIX, SOCK_STREAM); s.listen(); c.settimeout(5); c.connect(p); result = [os.fsencode(os.path.basename(s.getsockname())), s.getsockname() == p, os.fsencode(os.path.basename(c.getpeername()))]", () =>
                {
                    var p = Path.Combine(dir, "a\udcffb");
                    using var s = socket(AF_UNIX);
                    s.bind(p);
                    using var c = socket(AF_UNIX, SOCK_STREAM);
                    s.listen();
                    c.settimeout(Loopback.Bound);
                    c.connect(p);
                    return new object?[] { FsName(s.getsockname()), s.getsockname() == p, FsName(c.getpeername()) };
                })
                .Case("exec:p = os.path.join(tmp, '\\udc80\\u00e9\\U0001f600'); s = socket(AF_UNIX, SOCK_DGRAM); s.bind(p); result = [os.fsencode(os.path.basename(s.getsockname())), s.getsockname() == p]", () =>
                {
                    var p = Path.Combine(dir, "\udc80\u00e9\U0001f600");
                    using var s = socket(AF_UNIX, SOCK_DGRAM);
                    s.bind(p);
                    return new object[] { FsName(s.getsockname()), s.getsockname() == p };
                })
                .Case("exec:p = os.path.join(tmp, 'dgram\\udcfe'); r = socket(AF_UNIX, SOCK_DGRAM); r.bind(os.path.join(tmp, 'r')); r.settimeout(5); s = socket(AF_UNIX, SOCK_DGRAM); s.bind(p); s.sendto(b'x', r.getsockname()); data, addr = r.recvfrom(10); result = [data, addr == p]", () =>
                {
                    var p = Path.Combine(dir, "dgram\udcfe");
                    using var r = socket(AF_UNIX, SOCK_DGRAM);
                    r.bind(Path.Combine(dir, "r"));
                    r.settimeout(Loopback.Bound);
                    using var s = socket(AF_UNIX, SOCK_DGRAM);
                    s.bind(p);
                    s.sendto("x"u8, r.getsockname());
                    var (data, addr) = r.recvfrom(10);
                    return new object[] { data, addr == p };
                })
                .Case("socket(AF_UNIX).bind('\\ud800x')", () => { using var s = socket(AF_UNIX); s.bind("\ud800x"); })
                .Case("socket(AF_UNIX).connect('ab\\ud800\\ud801')", () => { using var s = socket(AF_UNIX); s.connect("ab\ud800\ud801"); })
                .Case("socket(AF_UNIX).connect('a\\udcff\\ud800')", () => { using var s = socket(AF_UNIX); s.connect("a\udcff\ud800"); })
                .Case("socket(AF_UNIX).connect('\\U0001f600\\udc7f')", () => { using var s = socket(AF_UNIX); s.connect("\U0001f600\udc7f"); })
                .Case("socket(AF_UNIX).bind('\\ud800' + 'x' * 200)", () => { using var s = socket(AF_UNIX); s.bind("\ud800" + new string('x', 200)); })
                .Case("socket(AF_UNIX).bind('\\udcff' * 108)", () => { using var s = socket(AF_UNIX); s.bind(new string('\udcff', 108)); })
                .Case("socket(AF_UNIX, SOCK_DGRAM).sendto(b'x', '/nonexistent/\\udcff')", () => { using var s = socket(AF_UNIX, SOCK_DGRAM); return s.sendto("x"u8, "/nonexistent/\udcff"); })
                .AssertSameAsPython();
        }
        finally
        {
            RemoveWithPython(dir);
        }
    }

    [PythonFact]
    public void A_path_with_a_lone_surrogate_names_the_file_python_sees()
    {
        // PySocket binds; python3 lists the directory (as bytes) and connects to the name it finds there.
        var dir = Loopback.TempDir();
        try
        {
            using var s = socket(AF_UNIX);
            s.bind(Path.Combine(dir, "x\udcff\udc80y"));
            s.listen();
            s.settimeout(Loopback.Bound);
            var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(dir));
            var seen = Python.Evaluate("", [$"exec:import os\nd = bytes.fromhex('{hex}')\nnames = os.listdir(d)\nc = socket(AF_UNIX); c.settimeout(5); c.connect(os.path.join(d, names[0])); c.close()\nresult = names"]);
            Outcome.Canonical(seen[0]).Should().Be(Outcome.Canonical(Outcome.Of(() => new[] { new byte[] { (byte)'x', 0xff, 0x80, (byte)'y' } })));
            using var conn = s.accept().conn;
        }
        finally
        {
            RemoveWithPython(dir);
        }
    }
}
