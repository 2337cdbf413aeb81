using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Async;

/// <summary>The async twins: results, errors, cancellation, non-blocking mode, mixing with blocking calls (both layers: run with PYSOCKET_PLATFORM=portable too).</summary>
public sealed class AsyncSocketTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(null)]
    [InlineData(5.0)]
    public async Task Recv_and_send_twins_exchange_bytes(double? timeout)
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(timeout);
            b.settimeout(timeout);
            var pending = b.recv_async(100).AsTask();
            (await a.send_async("hello"u8.ToArray()).AsTask().WaitAsync(Bound)).Should().Be(5);
            (await pending.WaitAsync(Bound)).Should().Equal("hello"u8.ToArray());

            var big = new byte[1 << 20];
            new Random(1).NextBytes(big);
            var send = a.sendall_async(big).AsTask();
            var got = new byte[big.Length];
            var n = 0;
            while (n < got.Length)
            {
                n += await b.recv_into_async(got.AsMemory(n)).AsTask().WaitAsync(Bound);
            }

            await send.WaitAsync(Bound);
            got.Should().Equal(big);
        }
    }

    [Fact]
    public async Task Argument_errors_are_the_blocking_calls()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            var act = async () => await a.recv_async(-1);
            (await act.Should().ThrowAsync<ValueError>()).Which.Message.Should().Be("negative buffersize in recv");
            var act2 = async () => await a.recv_into_async(new byte[4], 8);
            (await act2.Should().ThrowAsync<ValueError>()).Which.Message.Should().Be("buffer too small for requested bytes");
            (await a.recv_async(0)).Should().BeEmpty();
            (await a.recv_into_async(Memory<byte>.Empty)).Should().Be(0);
        }
    }

    [Fact]
    public async Task Peer_close_is_an_empty_read()
    {
        var (a, b) = socketpair();
        using (a)
        {
            var pending = a.recv_async(10).AsTask();
            b.close();
            (await pending.WaitAsync(Bound)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Cancellation_raises_OperationCanceledException_and_leaves_the_socket_usable()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            using var cts = new CancellationTokenSource();
            var pending = a.recv_async(10, 0, cts.Token).AsTask();
            SpinWait.SpinUntil(() => a.Handle.CallsInFlight > 0, Bound).Should().BeTrue();
            cts.Cancel();
            var act = async () => await pending.WaitAsync(Bound);
            await act.Should().ThrowAsync<OperationCanceledException>();

            b.sendall("after"u8.ToArray());
            (await a.recv_async(10).AsTask().WaitAsync(Bound)).Should().Equal("after"u8.ToArray());
        }
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_cancels_it_even_in_timeout_mode()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5.0);
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            var act = async () => await a.recv_async(10, 0, cts.Token).AsTask().WaitAsync(Bound);
            await act.Should().ThrowAsync<OperationCanceledException>();
        }
    }

    [Fact]
    public async Task Non_blocking_mode_raises_BlockingIOError_at_once()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.setblocking(false);
            var task = a.recv_async(10);
            task.IsCompleted.Should().BeTrue("timeout 0.0 makes one attempt, as recv() does");
            var act = async () => await task;
            (await act.Should().ThrowAsync<BlockingIOError>()).Which.errno.Should().Be(EAGAIN);

            var listener = Loopback.Listener();
            using (listener)
            {
                listener.setblocking(false);
                var accept = async () => await listener.accept_async();
                (await accept.Should().ThrowAsync<BlockingIOError>()).Which.errno.Should().Be(EAGAIN);
            }
        }
    }

    [Fact]
    public async Task Sync_and_async_calls_mix_on_one_socket_and_the_mode_is_kept()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(null);
            b.sendall("one"u8.ToArray());
            (await a.recv_async(10).AsTask().WaitAsync(Bound)).Should().Equal("one"u8.ToArray());
            a.gettimeout().Should().BeNull();
            a.getblocking().Should().BeTrue();

            // A blocking recv() after the async call still waits (it never raises BlockingIOError).
            var sender = new Thread(() =>
            {
                SpinWait.SpinUntil(() => a.Handle.CallsInFlight > 0, Bound);
                b.sendall("two"u8.ToArray());
            })
            { IsBackground = true };
            sender.Start();
            a.recv(10).Should().Equal("two"u8.ToArray());
            sender.Join(Bound).Should().BeTrue();

            a.sendall("three"u8.ToArray());
            (await b.recv_async(10).AsTask().WaitAsync(Bound)).Should().Equal("three"u8.ToArray());
            await a.sendall_async("four"u8.ToArray()).AsTask().WaitAsync(Bound);
            b.recv(10).Should().Equal("four"u8.ToArray());

            // The timeout can still be changed both ways.
            a.settimeout(0.0);
            var act = () => a.recv(10);
            act.Should().Throw<BlockingIOError>();
            a.settimeout(null);
            b.sendall("five"u8.ToArray());
            a.recv(10).Should().Equal("five"u8.ToArray());
        }
    }

    [Fact]
    public async Task Accept_and_connect_twins_make_a_connection()
    {
        using var listener = Loopback.Listener();
        listener.settimeout(null);
        var accepting = listener.accept_async().AsTask();
        using var client = socket(AF_INET, SOCK_STREAM);
        await client.connect_async(listener.getsockname()).AsTask().WaitAsync(Bound);
        var (conn, address) = await accepting.WaitAsync(Bound);
        using (conn)
        {
            address.Should().Be(client.getsockname());
            conn.family.Should().Be(listener.family);
            conn.gettimeout().Should().BeNull();
            await client.sendall_async("ping"u8.ToArray()).AsTask().WaitAsync(Bound);
            (await conn.recv_async(10).AsTask().WaitAsync(Bound)).Should().Equal("ping"u8.ToArray());
        }
    }

    [Fact]
    public async Task Connect_twin_to_a_closed_port_raises_ConnectionRefusedError()
    {
        int port;
        using (var l = Loopback.Listener())
        {
            port = l.getsockname()!.port;
        }

        using var client = socket(AF_INET, SOCK_STREAM);
        var act = async () => await client.connect_async(("127.0.0.1", port)).AsTask().WaitAsync(Bound);
        await act.Should().ThrowAsync<ConnectionRefusedError>();
    }

    [Fact]
    public async Task Create_connection_twin_connects()
    {
        using var listener = Loopback.Listener();
        using var client = await create_connection_async(listener.getsockname()!, 5.0).AsTask().WaitAsync(Bound);
        var (conn, _) = listener.accept();
        using (conn)
        {
            client.gettimeout().Should().Be(5.0);
            client.getpeername().Should().Be(listener.getsockname());
        }
    }

    [Fact]
    public async Task Udp_twins_carry_datagrams_and_addresses()
    {
        using var a = Loopback.Udp();
        using var b = Loopback.Udp();
        var pending = b.recvfrom_async(100).AsTask();
        (await a.sendto_async("dgram"u8.ToArray(), b.getsockname()).AsTask().WaitAsync(Bound)).Should().Be(5);
        var (data, from) = await pending.WaitAsync(Bound);
        data.Should().Equal("dgram"u8.ToArray());
        from.Should().Be(a.getsockname());
    }

    [Fact]
    public async Task Flags_dotnet_has_no_name_for_reach_the_kernel_and_the_twins_still_wait()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // MSG_MORE, MSG_CONFIRM and MSG_CMSG_CLOEXEC are Linux's
        }

        // The portable layer passes them through sendmsg/recvmsg and waits with .NET (README: the portable layer).
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            var pending = b.recv_async(10, MSG_CMSG_CLOEXEC).AsTask();
            pending.IsCompleted.Should().BeFalse("nothing was sent yet");
            (await a.send_async("ab"u8.ToArray(), MSG_MORE).AsTask().WaitAsync(Bound)).Should().Be(2);
            (await pending.WaitAsync(Bound)).Should().Equal("ab"u8.ToArray());

            using var cancel = new CancellationTokenSource();
            var cancelled = b.recv_async(10, MSG_CMSG_CLOEXEC, cancel.Token).AsTask();
            cancel.Cancel();
            await FluentActions.Awaiting(() => cancelled.WaitAsync(Bound)).Should().ThrowAsync<OperationCanceledException>();

            var closed = b.recv_async(10, MSG_CMSG_CLOEXEC).AsTask();
            b.close();
            (await FluentActions.Awaiting(() => closed.WaitAsync(Bound)).Should().ThrowAsync<OSError>()).Which.errno.Should().Be(EBADF);
        }

        using var u = Loopback.Udp();
        using var v = Loopback.Udp();
        var datagram = v.recvfrom_async(10, MSG_CMSG_CLOEXEC).AsTask();
        (await u.sendto_async("dg"u8.ToArray(), MSG_CONFIRM, v.getsockname()).AsTask().WaitAsync(Bound)).Should().Be(2);
        var (data, from) = await datagram.WaitAsync(Bound);
        data.Should().Equal("dg"u8.ToArray());
        from.Should().Be(u.getsockname());
    }

    [Fact]
    public async Task Two_calls_racing_for_one_direction_each_time_out_or_are_refused_and_nothing_else_breaks()
    {
        // Two loops of short-timeout recv_async on one socket: every call ends in TimeoutError, or (native, one
        // waiter per direction) the documented refusal; never .NET's own state errors, on this or another thread.
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.002);
            var unexpected = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            async Task Loop()
            {
                for (var i = 0; i < 300; i++)
                {
                    try
                    {
                        await a.recv_async(10);
                        unexpected.Enqueue(new InvalidOperationException("received data nobody sent"));
                    }
                    catch (TimeoutError)
                    {
                    }
                    catch (InvalidOperationException e) when (e.Message == "another async call is already waiting for the same readiness of this socket")
                    {
                    }
                    catch (Exception e)
                    {
                        unexpected.Enqueue(e);
                    }
                }
            }

            await Task.WhenAll(Task.Run(Loop), Task.Run(Loop)).WaitAsync(TimeSpan.FromSeconds(30));
            unexpected.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Connect_async_to_a_full_unix_backlog_raises_EAGAIN_as_the_blocking_connect_does()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Linux answers a full AF_UNIX backlog with EAGAIN (macOS refuses the connection)
        }

        var path = System.IO.Path.Combine(Loopback.TempDir(), "full");
        using var l = socket(AF_UNIX);
        l.bind(path);
        l.listen(0);
        var clients = new System.Collections.Generic.List<SocketObject>();
        try
        {
            BlockingIOError? blocking = null;
            for (var i = 0; i < 10 && blocking is null; i++)
            {
                var c = socket(AF_UNIX);
                clients.Add(c);
                c.settimeout(0.5);
                try
                {
                    c.connect(path);
                }
                catch (BlockingIOError e)
                {
                    blocking = e;
                }
            }

            blocking.Should().NotBeNull("python3 raises BlockingIOError here too");
            var x = socket(AF_UNIX);
            clients.Add(x);
            x.settimeout(0.5);
            var act = async () => await x.connect_async(path).AsTask().WaitAsync(Bound);
            (await act.Should().ThrowAsync<BlockingIOError>()).Which.errno.Should().Be(blocking!.errno);
        }
        finally
        {
            clients.ForEach(c => c.close());
        }
    }

    [Fact]
    public async Task A_timeout_longer_than_a_dotnet_timer_takes_still_works()
    {
        // settimeout(5e6) (58 days) is past CancelAfter's limit; python3's recv takes it, and so do the twins.
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5e6);
            var pending = a.recv_async(10).AsTask();
            b.sendall("hi"u8);
            (await pending.WaitAsync(Bound)).Should().Equal("hi"u8.ToArray());
            a.gettimeout().Should().Be(5e6);
        }
    }

    [Theory]
    [InlineData("readline", "rb")]
    [InlineData("read(n)", "rb")]
    [InlineData("read()", "rwb")]
    [InlineData("readinto", "rb")]
    public async Task A_cancelled_buffered_read_gives_back_the_bytes_it_had_taken(string call, string mode)
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5.0);
            using var f = (SocketFile)a.makefile(mode);
            b.sendall("abc"u8);
            using var cancel = new CancellationTokenSource();
            Task Start(CancellationToken token) => call switch
            {
                "readline" => f.readline_async(-1, token).AsTask(),
                "read(n)" => f.read_async(6, token).AsTask(),
                "read()" => f.read_async(-1, token).AsTask(),
                _ => f.readinto_async(new byte[6], token).AsTask(),
            };

            // The call takes "abc" and waits for the rest; cancelled there, it must not lose "abc".
            var pending = Start(cancel.Token);
            pending.IsCompleted.Should().BeFalse("the call waits for more than abc");
            cancel.Cancel();
            await FluentActions.Awaiting(() => pending.WaitAsync(Bound)).Should().ThrowAsync<OperationCanceledException>();

            b.sendall("def\n"u8);
            b.shutdown(SHUT_WR);
            (await f.read_async(-1).AsTask().WaitAsync(Bound)).Should().Equal("abcdef\n"u8.ToArray());
        }
    }

    [Fact]
    public async Task A_closed_socket_raises_EBADF()
    {
        var (a, b) = socketpair();
        using (b)
        {
            a.close();
            var act = async () => await a.recv_async(10);
            (await act.Should().ThrowAsync<OSError>()).Which.errno.Should().Be(EBADF);
        }
    }

    [Fact]
    public async Task Makefile_twins_read_lines_and_write()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            using var rfile = (SocketFile)a.makefile("rb");
            using var wfile = (SocketFile)b.makefile("wb");
            await wfile.write_async(Encoding.ASCII.GetBytes("line one\nline two\npartial")).AsTask().WaitAsync(Bound);
            await wfile.flush_async().AsTask().WaitAsync(Bound);
            (await rfile.readline_async().AsTask().WaitAsync(Bound)).Should().Equal(Encoding.ASCII.GetBytes("line one\n"));
            (await rfile.readline_async(4).AsTask().WaitAsync(Bound)).Should().Equal(Encoding.ASCII.GetBytes("line"));
            (await rfile.readline_async().AsTask().WaitAsync(Bound)).Should().Equal(Encoding.ASCII.GetBytes(" two\n"));
            var buffer = new byte[16];
            (await rfile.ReadAsync(buffer).AsTask().WaitAsync(Bound)).Should().Be(7);
            wfile.close();
            b.shutdown(SHUT_WR);
            (await rfile.readline_async().AsTask().WaitAsync(Bound)).Should().BeEmpty();
            (await rfile.read_async().AsTask().WaitAsync(Bound)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task The_file_makefile_returns_forwards_the_async_calls_without_a_cast()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            using var rfile = a.makefile("rb");
            using var wfile = b.makefile("wb");
            await wfile.write_async(Encoding.ASCII.GetBytes("first\nsecond")).AsTask().WaitAsync(Bound);
            await wfile.FlushAsync().WaitAsync(Bound);
            (await rfile.readline_async().AsTask().WaitAsync(Bound)).Should().Equal(Encoding.ASCII.GetBytes("first\n"));
            var buffer = new byte[16];
            (await rfile.ReadAsync(buffer).AsTask().WaitAsync(Bound)).Should().Be(6, "Stream.ReadAsync on the wrapper reads through the binary file");
            buffer.AsSpan(0, 6).ToArray().Should().Equal(Encoding.ASCII.GetBytes("second"));
        }
    }

    [Fact]
    public async Task Stream_async_calls_work_for_dotnet_code()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            using var writer = (System.IO.Stream)b.makefile("wb", 0);
            using var reader = (System.IO.Stream)a.makefile("rb");
            var payload = new byte[200_000];
            new Random(2).NextBytes(payload);
            var copy = Task.Run(async () =>
            {
                await writer.WriteAsync(payload);
                await writer.FlushAsync();
                b.shutdown(SHUT_WR);
            });
            using var sink = new System.IO.MemoryStream();
            await reader.CopyToAsync(sink).WaitAsync(Bound);
            await copy.WaitAsync(Bound);
            sink.ToArray().Should().Equal(payload);
        }
    }
}
