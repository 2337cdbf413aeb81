using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Timing-sensitive tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SocketTimingCollection
{
    public const string Name = "Socket timing";
}

[Collection(SocketTimingCollection.Name)]
public sealed class SocketTimeoutTests
{
    private static void ShouldTakeAbout(TimeSpan elapsed, double seconds) =>
        elapsed.TotalSeconds.Should().BeInRange(seconds * 0.75, seconds * 3);

    [Fact]
    public void Recv_in_timeout_mode_raises_timed_out_after_about_the_timeout()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.2);
            var sw = Stopwatch.StartNew();
            var act = () => a.recv(10);
            var e = act.Should().Throw<TimeoutError>().Which;
            ShouldTakeAbout(sw.Elapsed, 0.2);
            e.Message.Should().Be("timed out");
            e.errno.Should().BeNull();
        }
    }

    [Fact]
    public void Recv_into_recvfrom_and_accept_each_get_their_own_timeout()
    {
        using var l = Loopback.Listener();
        l.settimeout(0.15);
        var sw = Stopwatch.StartNew();
        var accept = () => l.accept();
        accept.Should().Throw<TimeoutError>();
        ShouldTakeAbout(sw.Elapsed, 0.15);

        using var u = Loopback.Udp();
        u.settimeout(0.15);
        sw.Restart();
        var recvfrom = () => u.recvfrom(10);
        recvfrom.Should().Throw<TimeoutError>();
        ShouldTakeAbout(sw.Elapsed, 0.15);

        sw.Restart();
        var recvInto = () => u.recv_into(new byte[4]);
        recvInto.Should().Throw<TimeoutError>();
        ShouldTakeAbout(sw.Elapsed, 0.15);
    }

    [Fact]
    public async Task Recv_in_timeout_mode_returns_data_that_arrives_before_the_deadline()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5);
            var writer = Task.Run(() => b.sendall("late"u8.ToArray()));
            a.recv(10).Should().Equal("late"u8.ToArray());
            await writer.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Send_into_a_full_buffer_times_out_and_non_blocking_send_raises_eagain()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.2);
            var chunk = new byte[65536];
            var sw = Stopwatch.StartNew();
            var fill = () =>
            {
                while (true)
                {
                    a.send(chunk);
                }
            };
            fill.Should().Throw<TimeoutError>();
            ShouldTakeAbout(sw.Elapsed, 0.2);
            a.setblocking(false);
            var untilFull = () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    a.send(chunk); // may still take a partial chunk
                }
            };
            untilFull.Should().Throw<BlockingIOError>().Which.errno.Should().Be(11);
        }
    }

    [Fact]
    public async Task Sendall_has_one_deadline_for_the_whole_call_even_while_the_peer_reads()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            b.settimeout(5);
            using var stop = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                var buf = new byte[16384];
                long total = 0;
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var n = b.recv_into(buf);
                        if (n == 0)
                        {
                            break;
                        }

                        total += n;
                        Thread.Sleep(5); // drain slowly so sendall keeps making progress
                    }
                }
                catch (OSError)
                {
                }

                return total;
            });

            a.settimeout(0.3);
            var sw = Stopwatch.StartNew();
            var act = () => a.sendall(new byte[50_000_000]);
            act.Should().Throw<TimeoutError>().WithMessage("timed out");
            ShouldTakeAbout(sw.Elapsed, 0.3);
            stop.Cancel();
            a.shutdown(SHUT_RDWR);
            var total = await reader.WaitAsync(TimeSpan.FromSeconds(5));
            total.Should().BeGreaterThan(0, "the reader made progress, which did not extend the deadline");
        }
    }

    [Fact]
    public async Task A_blocking_unix_connect_to_a_full_backlog_waits_until_the_listener_accepts()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Linux makes a blocking connect wait for room; macOS refuses it (ECONNREFUSED)
        }

        var path = System.IO.Path.Combine(Loopback.TempDir(), "full");
        using var l = socket(AF_UNIX);
        l.bind(path);
        l.listen(0);
        var clients = new List<SocketObject>();
        try
        {
            // Fill the backlog: a non-blocking connect then says EAGAIN, as python3 does (BlockingIOError).
            var full = false;
            for (var i = 0; i < 10 && !full; i++)
            {
                var c = socket(AF_UNIX);
                clients.Add(c);
                c.setblocking(false);
                try
                {
                    c.connect(path);
                }
                catch (BlockingIOError e)
                {
                    e.errno.Should().Be(11);
                    full = true;
                }
            }

            full.Should().BeTrue("a listen(0) AF_UNIX backlog holds one connection on Linux");
            var waiting = socket(AF_UNIX);
            clients.Add(waiting);
            var connect = Task.Run(() => waiting.connect(path));
            (await Task.WhenAny(connect, Task.Delay(300))).Should().NotBeSameAs(connect, "a blocking connect waits while the backlog is full");

            if (global::PySocket.Platform.Layer == "portable")
            {
                // The layer's wait is its own retry loop, so a close() from another thread ends it with EBADF. On native
                // the kernel's wait for room is not woken by shutdown() (README: Differences from CPython).
                var closing = socket(AF_UNIX);
                clients.Add(closing);
                var closed = Task.Run(() => closing.connect(path));
                (await Task.WhenAny(closed, Task.Delay(300))).Should().NotBeSameAs(closed, "this connect waits too");
                closing.close();
                (await FluentActions.Awaiting(() => closed.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OSError>()).Which.errno.Should().Be(EBADF);
            }

            var (accepted, _) = l.accept();
            clients.Add(accepted);
            await connect.WaitAsync(TimeSpan.FromSeconds(5));
            waiting.getpeername().path.Should().Be(path);
        }
        finally
        {
            foreach (var c in clients)
            {
                c.close();
            }
        }
    }

    [Fact]
    public void Connect_times_out_when_the_listener_backlog_is_full()
    {
        using var l = socket();
        l.bind(("127.0.0.1", 0));
        l.listen(0);
        var clients = new List<SocketObject>();
        try
        {
            TimeSpan? timedOut = null;
            for (var i = 0; i < 16 && timedOut is null; i++)
            {
                var c = socket();
                clients.Add(c);
                c.settimeout(0.2);
                var sw = Stopwatch.StartNew();
                try
                {
                    c.connect(l.getsockname());
                }
                catch (TimeoutError e)
                {
                    e.Message.Should().Be("timed out");
                    timedOut = sw.Elapsed;
                }
            }

            timedOut.Should().NotBeNull("a full accept queue drops SYNs on Linux");
            ShouldTakeAbout(timedOut!.Value, 0.2);

            var extra = socket();
            clients.Add(extra);
            extra.settimeout(0.1);
            extra.connect_ex(l.getsockname()).Should().Be(11, "CPython's connect_ex returns EWOULDBLOCK on a timeout");
        }
        finally
        {
            foreach (var c in clients)
            {
                c.close();
            }
        }
    }

    [Fact]
    public async Task Blocking_calls_wait_without_a_timeout_until_the_peer_acts()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.gettimeout().Should().BeNull();
            var reader = Task.Run(() => a.recv(10));
            b.sendall("go"u8);
            (await reader.WaitAsync(TimeSpan.FromSeconds(5))).Should().Equal("go"u8.ToArray());
        }
    }
}
