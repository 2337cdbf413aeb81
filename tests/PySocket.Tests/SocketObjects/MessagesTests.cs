using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using Microsoft.Win32.SafeHandles;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class MessagesTests
{
    private static (SocketObject, SocketObject) BoundedPair()
    {
        var (a, b) = socketpair();
        a.settimeout(Loopback.Bound);
        b.settimeout(Loopback.Bound);
        return (a, b);
    }

    private static byte[] Int32s(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Sendmsg_sends_the_concatenated_buffers_and_recvmsg_returns_them_with_no_address()
    {
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            a.sendmsg([Encoding.ASCII.GetBytes("hel"), [], Encoding.ASCII.GetBytes("lo")]).Should().Be(5);
            var (data, ancdata, flags, address) = b.recvmsg(100);
            Encoding.ASCII.GetString(data).Should().Be("hello");
            ancdata.Should().BeEmpty();
            flags.Should().Be(0);
            address.Should().BeNull();
        }
    }

    [Fact]
    public void Recvmsg_into_scatters_the_data_over_the_buffers_in_order()
    {
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            a.sendall("abcdef"u8);
            var first = new byte[2];
            var second = new byte[10];
            var (n, ancdata, flags, _) = b.recvmsg_into([first, second]);
            n.Should().Be(6);
            Encoding.ASCII.GetString(first).Should().Be("ab");
            Encoding.ASCII.GetString(second, 0, 4).Should().Be("cdef");
            ancdata.Should().BeEmpty();
            flags.Should().Be(0);
        }
    }

    [Fact]
    public void Sendmsg_to_an_address_reaches_a_udp_socket_which_sees_the_sender_and_MSG_TRUNC()
    {
        using var receiver = Loopback.Udp();
        using var sender = Loopback.Udp();
        sender.sendmsg([[1, 2], [3, 4]], null, 0, receiver.getsockname()).Should().Be(4);
        var (data, _, flags, address) = receiver.recvmsg(3);
        data.Should().Equal(1, 2, 3);
        flags.Should().Be(MSG_TRUNC);
        address.Should().Be(sender.getsockname());
    }

    [Fact]
    public void Recvmsg_into_on_an_af_unix_datagram_socket_reports_the_bound_sender_path()
    {
        var dir = Loopback.TempDir();
        try
        {
            using var receiver = socket(AF_UNIX, SOCK_DGRAM);
            using var sender = socket(AF_UNIX, SOCK_DGRAM);
            receiver.settimeout(Loopback.Bound);
            receiver.bind(Path.Combine(dir, "r"));
            sender.bind(Path.Combine(dir, "s"));
            sender.sendmsg([[1, 2, 3, 4, 5]], null, 0, Path.Combine(dir, "r")).Should().Be(5);
            var buffer = new byte[3];
            var (n, ancdata, flags, address) = receiver.recvmsg_into([buffer]);
            n.Should().Be(3);
            buffer.Should().Equal(1, 2, 3);
            ancdata.Should().BeEmpty();
            flags.Should().Be(MSG_TRUNC);
            address.Should().Be(SockAddr.Unix(Path.Combine(dir, "s")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_scm_rights_message_passes_a_working_file_descriptor()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "passed through SCM_RIGHTS");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            var fd = (int)file.SafeFileHandle.DangerousGetHandle();
            var (a, b) = BoundedPair();
            using (a)
            using (b)
            {
                a.sendmsg([[42]], [(SOL_SOCKET, SCM_RIGHTS, Int32s(fd))]).Should().Be(1);
                var (data, ancdata, flags, _) = b.recvmsg(10, 64);
                data.Should().Equal(42);
                flags.Should().Be(0);
                ancdata.Should().ContainSingle();
                var (level, type, fdBytes) = ancdata[0];
                level.Should().Be(SOL_SOCKET);
                type.Should().Be(SCM_RIGHTS);
                fdBytes.Should().HaveCount(4);
                var received = BitConverter.ToInt32(fdBytes);
                received.Should().NotBe(fd);
                using var copy = new FileStream(new SafeFileHandle(received, ownsHandle: true), FileAccess.Read);
                copy.Seek(0, SeekOrigin.Begin);
                new StreamReader(copy).ReadToEnd().Should().Be("passed through SCM_RIGHTS");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_passed_socket_descriptor_can_be_wrapped_and_used()
    {
        var (a, b) = BoundedPair();
        var (x, y) = BoundedPair();
        using (a)
        using (b)
        using (x)
        using (y)
        {
            a.sendmsg([[0]], [(SOL_SOCKET, SCM_RIGHTS, Int32s(x.fileno()))]);
            var (_, ancdata, _, _) = b.recvmsg(1, 64);
            using var passed = socket(fileno: BitConverter.ToInt32(ancdata[0].data));
            passed.settimeout(Loopback.Bound);
            passed.sendall("via passed fd"u8);
            Encoding.ASCII.GetString(y.recv(100)).Should().Be("via passed fd");
        }
    }

    [Fact]
    public void A_too_small_ancillary_buffer_sets_MSG_CTRUNC_and_keeps_the_descriptors_that_fit()
    {
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            var fds = new[] { a.fileno(), a.fileno(), a.fileno() };
            a.sendmsg([[7]], [(SOL_SOCKET, SCM_RIGHTS, Int32s(fds))]);
            var (data, ancdata, flags, _) = b.recvmsg(1, 16 + 4); // CMSG_LEN(4): room for one descriptor
            data.Should().Equal(7);
            (flags & MSG_CTRUNC).Should().Be(MSG_CTRUNC);
            ancdata.Should().ContainSingle().Which.data.Should().HaveCount(4);
            close(BitConverter.ToInt32(ancdata[0].data));
        }
    }

    [Fact]
    public void Recvmsg_with_no_ancillary_buffer_drops_passed_descriptors_and_reports_MSG_CTRUNC()
    {
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            a.sendmsg([[7]], [(SOL_SOCKET, SCM_RIGHTS, Int32s(a.fileno()))]);
            var (_, ancdata, flags, _) = b.recvmsg(1);
            ancdata.Should().BeEmpty();
            flags.Should().Be(MSG_CTRUNC);
        }
    }

    [Fact]
    public void Several_control_messages_are_laid_out_with_CMSG_SPACE_and_arrive_as_the_kernel_merges_them()
    {
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            // Two SCM_RIGHTS items of one descriptor each: the second header sits at CMSG_SPACE(4) = 24.
            a.sendmsg([[1]], [(SOL_SOCKET, SCM_RIGHTS, Int32s(a.fileno())), (SOL_SOCKET, SCM_RIGHTS, Int32s(b.fileno()))]);
            var (_, ancdata, flags, _) = b.recvmsg(1, 256);
            flags.Should().Be(0);
            var received = ancdata.SelectMany(c => Enumerable.Range(0, c.data.Length / 4).Select(i => BitConverter.ToInt32(c.data, i * 4))).ToList();
            received.Should().HaveCount(2);
            received.ForEach(close);
        }
    }

    [Fact]
    public void Cmsg_parse_keeps_the_bytes_of_a_truncated_item_and_stops()
    {
        var buffer = Cmsg.Build([(1, 1, Int32s(10, 11, 12)), (2, 3, [9])]);
        buffer.Length.Should().Be(32 + 24); // CMSG_SPACE(12) + CMSG_SPACE(1)
        Cmsg.Parse(buffer, buffer.Length).Select(c => (c.level, c.type, c.data.Length)).Should().Equal((1, 1, 12), (2, 3, 1));
        Cmsg.Parse(buffer, 16 + 6).Should().ContainSingle().Which.data.Should().Equal(Int32s(10, 11, 12).Take(6));
        Cmsg.Parse(buffer, 15).Should().BeEmpty();
    }

    [Fact]
    public void Sendmsg_to_a_closed_peer_raises_BrokenPipeError_instead_of_a_signal()
    {
        var (a, b) = BoundedPair();
        using (a)
        {
            b.close();
            var act = () => a.sendmsg([[1]]);
            act.Should().Throw<BrokenPipeError>().Which.errno.Should().Be(32);
        }
    }

    [Fact]
    public void Recvmsg_on_a_non_blocking_socket_with_nothing_to_read_raises_BlockingIOError()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.setblocking(false);
            var act = () => a.recvmsg(10);
            act.Should().Throw<BlockingIOError>().Which.Message.Should().Be("[Errno 11] Resource temporarily unavailable");
        }
    }

    [PythonFact]
    public void Argument_errors_match_python()
    {
        new DifferentialTable("a, b = socketpair()\nc, d = socketpair(); c.close()")
            .Case("a.recvmsg(-1)", () => Pair(s => s.recvmsg(-1)))
            .Case("a.recvmsg(1, -1)", () => Pair(s => s.recvmsg(1, -1)))
            .Case("a.recvmsg(1, 0, -1)", () => Pair(s => s.recvmsg(1, 0, -1)))
            .Case("a.recvmsg_into([bytearray(1)], -1)", () => Pair(s => s.recvmsg_into([new byte[1]], -1)))
            .Case("a.recvmsg_into(None)", () => Pair(s => s.recvmsg_into(null!)))
            .Case("a.recvmsg_into([None])", () => Pair(s => s.recvmsg_into([null!])))
            .Case("a.sendmsg(None)", () => Pair(s => s.sendmsg(null!)))
            .Case("a.sendmsg([None])", () => Pair(s => s.sendmsg([null!])))
            .Case("a.sendmsg([b'x'], [(1, 1, None)])", () => Pair(s => s.sendmsg([[1]], [(1, 1, null!)])))
            .Case("a.sendmsg([b'x'], [(1, 1, b'abc')])", () => Pair(s => s.sendmsg([[1]], [(1, 1, [1, 2, 3])])))
            .Case("a.sendmsg([b'x'], [(1, 99, b'')])", () => Pair(s => s.sendmsg([[1]], [(1, 99, [])])))
            .Case("a.sendmsg([b'x'], [], 0, ('127.0.0.1', 1))", () => Pair(s => s.sendmsg([[1]], [], 0, ("127.0.0.1", 1))))
            .Case("a.sendmsg([b'x'], [], 0, '/nonexistent')", () => Pair(s => s.sendmsg([[1]], [], 0, "/nonexistent")))
            .Case("a.sendmsg([])", () => Pair(s => s.sendmsg([])))
            .Case("c.sendmsg([b'x'])", () => Closed(s => s.sendmsg([[1]])))
            .Case("c.recvmsg(1)", () => Closed(s => s.recvmsg(1)))
            .Case("c.recvmsg(-1)", () => Closed(s => s.recvmsg(-1)))
            .Case("c.sendmsg([None])", () => Closed(s => s.sendmsg([null!])))
            .Case("exec:b.send(b'hi'); first = a.recvmsg(5, 2**31 - 1); b.send(b'hi'); result = [first, a.recvmsg(2**31 - 1)]", () =>
            {
                // CPython allows any bufsize and ancbufsize up to INT_MAX (beyond the largest byte[]).
                var (a, b) = BoundedPair();
                using (a)
                using (b)
                {
                    b.send("hi"u8);
                    var first = a.recvmsg(5, int.MaxValue);
                    b.send("hi"u8);
                    return new object[] { first, a.recvmsg(int.MaxValue) };
                }
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Descriptor_truncation_matches_python()
    {
        const string script = """
import socket, json
a, b = socket.socketpair()
out = []
for anc, n in [(16 + 4, 3), (16 + 8, 3), (socket.CMSG_SPACE(12), 3), (0, 1), (17, 2)]:
    a.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, __import__('array').array('i', [a.fileno()] * n))])
    data, ancdata, flags, addr = b.recvmsg(1, anc)
    out.append([flags, [[l, t, len(d)] for l, t, d in ancdata]])
    for l, t, d in ancdata:
        for i in range(0, len(d) - len(d) % 4, 4): socket.close(int.from_bytes(d[i:i+4], 'little'))
print(json.dumps(out))
""";
        var expected = Python.Run(script).Trim();
        var (a, b) = BoundedPair();
        using (a)
        using (b)
        {
            var results = new System.Collections.Generic.List<object>();
            foreach (var (anc, n) in new[] { (16 + 4, 3), (16 + 8, 3), (16 + 16, 3), (0, 1), (17, 2) })
            {
                a.sendmsg([[(byte)'x']], [(SOL_SOCKET, SCM_RIGHTS, Int32s(Enumerable.Repeat(a.fileno(), n).ToArray()))]);
                var (_, ancdata, flags, _) = b.recvmsg(1, anc);
                results.Add(new object[] { flags, ancdata.Select(c => new[] { c.level, c.type, c.data.Length }).ToArray() });
                foreach (var c in ancdata)
                {
                    for (var i = 0; i + 4 <= c.data.Length; i += 4)
                    {
                        close(BitConverter.ToInt32(c.data, i));
                    }
                }
            }

            System.Text.Json.JsonSerializer.Serialize(results).Should().Be(expected.Replace(" ", "", StringComparison.Ordinal));
        }
    }

    private static object? Pair(Func<SocketObject, object?> call)
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            return call(a);
        }
    }

    private static object? Closed(Func<SocketObject, object?> call)
    {
        var (a, b) = socketpair();
        using (b)
        {
            a.close();
            return call(a);
        }
    }

    [Fact]
    public void A_blocking_recvmsg_and_sendmsg_wait_for_the_peer_and_then_complete()
    {
        // Blocking mode: native blocks in the kernel; the portable layer waits for readiness and retries.
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(null);
            var sender = new System.Threading.Thread(() =>
            {
                System.Threading.SpinWait.SpinUntil(() => a.Handle.CallsInFlight > 0, TimeSpan.FromSeconds(5));
                b.sendmsg([Encoding.ASCII.GetBytes("late")]);
            });
            sender.Start();
            var (data, ancdata, flags, _) = a.recvmsg(16);
            sender.Join(TimeSpan.FromSeconds(5)).Should().BeTrue();
            (Encoding.ASCII.GetString(data), ancdata.Count, flags).Should().Be(("late", 0, 0));

            // A full send buffer: sendmsg waits until the peer reads, then sends everything.
            b.setblocking(false);
            var chunk = new byte[65536];
            long queued = 0;
            try
            {
                while (true)
                {
                    queued += b.send(chunk);
                }
            }
            catch (BlockingIOError)
            {
            }

            b.setblocking(true);
            var drainer = new System.Threading.Thread(() =>
            {
                System.Threading.SpinWait.SpinUntil(() => b.Handle.CallsInFlight > 0, TimeSpan.FromSeconds(5));
                var buf = new byte[65536];
                long drained = 0;
                while (drained < queued + 5)
                {
                    drained += a.recv_into(buf);
                }
            });
            drainer.Start();
            b.sendmsg([Encoding.ASCII.GetBytes("after")]).Should().Be(5);
            drainer.Join(TimeSpan.FromSeconds(10)).Should().BeTrue("the drainer read the queued bytes and the message");
        }
    }
}

[Collection(SocketTimingCollection.Name)]
public sealed class MessageTimeoutTests
{
    [Fact]
    public void Recvmsg_in_timeout_mode_raises_timed_out_after_about_the_timeout()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.2);
            var sw = Stopwatch.StartNew();
            var act = () => a.recvmsg(10, 64);
            act.Should().Throw<TimeoutError>().Which.Message.Should().Be("timed out");
            sw.Elapsed.TotalSeconds.Should().BeInRange(0.15, 0.6);
        }
    }

    [Fact]
    public void Sendmsg_in_timeout_mode_raises_timed_out_when_the_peer_does_not_read()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.2);
            var chunk = new byte[65536];
            var sw = Stopwatch.StartNew();
            var act = () =>
            {
                while (sw.Elapsed < TimeSpan.FromSeconds(10))
                {
                    a.sendmsg([chunk]);
                }
            };
            act.Should().Throw<TimeoutError>().Which.Message.Should().Be("timed out");
            sw.Elapsed.TotalSeconds.Should().BeLessThan(5);
        }
    }
}
