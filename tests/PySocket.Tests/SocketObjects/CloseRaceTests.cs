using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// Issue 7, defect 1: a socket closed by another thread while a call is blocked on it. The blocked call fails with
/// OSError [Errno 9] Bad file descriptor, never reads or writes the socket that reuses the descriptor number;
/// fileno() is -1 at once; a second close() is fine; close() itself never waits. 100 iterations of each race.
/// </summary>
[Collection(SocketTimingCollection.Name)]
public sealed class CloseRaceTests
{
    private const int Iterations = 100;
    private static readonly TimeSpan JoinBound = TimeSpan.FromSeconds(5);

    [Fact]
    public void Recv_blocked_in_timeout_mode_fails_with_EBADF_and_never_reads_the_new_socket()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            RaceClose(a, () => a.recv(10));
        }
    }

    [Fact]
    public void Recv_into_blocked_in_timeout_mode_fails_with_EBADF()
    {
        var buffer = new byte[16];
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            RaceClose(a, () => a.recv_into(buffer));
        }
    }

    [Fact]
    public void Sendall_blocked_in_timeout_mode_fails_with_EBADF_and_sends_nothing_on_the_new_socket()
    {
        var payload = new byte[4 << 20];
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            RaceClose(a, () => a.sendall(payload));
        }
    }

    [Fact]
    public void Accept_blocked_in_timeout_mode_fails_with_EBADF()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var l = socket(AF_INET, SOCK_STREAM);
            l.bind(("127.0.0.1", 0));
            l.listen();
            l.settimeout(2.0);
            RaceClose(l, () => l.accept().conn.close());
        }
    }

    [Fact]
    public void Makefile_read_blocked_in_timeout_mode_fails_with_EBADF_when_the_file_is_closed()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            var f = ((SocketFile)a.makefile("rb"));
            var raw = ((BufferedReader)f).raw;

            // socket.close() is deferred while the file is open (as in CPython); closing the raw file completes it.
            RaceClose(a, () => f.read(10), close: () =>
            {
                a.close();
                raw.close();
            });
        }
    }

    [Fact]
    public void Makefile_write_blocked_in_timeout_mode_fails_with_EBADF_and_sends_nothing_on_the_new_socket()
    {
        var payload = new byte[4 << 20];
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            var f = (SocketFile)a.makefile("wb");
            var raw = ((BufferedWriter)f).raw;
            RaceClose(a, () => f.write(payload), close: () =>
            {
                a.close();
                raw.close();
            });
        }
    }

    [Fact]
    public void Sendfile_blocked_in_timeout_mode_fails_with_EBADF_and_sends_nothing_on_the_new_socket()
    {
        var path = System.IO.Path.Combine(Loopback.TempDir(), "payload");
        System.IO.File.WriteAllBytes(path, new byte[8 << 20]);
        for (var i = 0; i < 20; i++)
        {
            var (a, b) = socketpair(AF_UNIX, SOCK_STREAM);
            using var peer = b;
            a.settimeout(2.0);
            using var file = new System.IO.FileStream(path, System.IO.FileMode.Open, System.IO.FileAccess.Read);
            RaceClose(a, () => a.sendfile(file));
        }
    }

    [Fact]
    public void Recv_blocked_without_a_timeout_is_woken_and_fails_with_EBADF()
    {
        // CPython stays blocked until the peer acts; PySocket wakes the call (see README).
        for (var i = 0; i < 20; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(null);
            RaceClose(a, () => a.recv(10));
        }
    }

    [Fact]
    public void Recvmsg_blocked_in_timeout_mode_fails_with_EBADF_and_never_reads_the_new_socket()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(2.0);
            RaceClose(a, () => a.recvmsg(10, 64));
        }
    }

    [Fact]
    public void Recvmsg_blocked_without_a_timeout_is_woken_and_fails_with_EBADF()
    {
        // The portable layer emulates the blocking call around recvmsg(2) (wait, retry); native blocks in the kernel.
        for (var i = 0; i < 20; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(null);
            RaceClose(a, () => a.recvmsg(10, 64));
        }
    }

    [Fact]
    public void Accept_blocked_without_a_timeout_is_woken_and_fails_with_EBADF()
    {
        for (var i = 0; i < 20; i++)
        {
            var l = socket(AF_INET, SOCK_STREAM);
            l.bind(("127.0.0.1", 0));
            l.listen();
            l.settimeout(null);
            RaceClose(l, () => l.accept().conn.close());
        }
    }

    [Fact]
    public void Udp_recvfrom_blocked_without_a_timeout_is_woken_and_fails_with_EBADF()
    {
        for (var i = 0; i < 20; i++)
        {
            var u = socket(AF_INET, SOCK_DGRAM);
            u.bind(("127.0.0.1", 0));
            u.settimeout(null);
            RaceClose(u, () => u.recvfrom(10));
        }
    }

    /// <summary>
    /// Starts <paramref name="blocked"/> on a thread, waits (bounded) until it is inside a platform call on
    /// <paramref name="victim"/>, closes the socket from this thread and opens a new socket pair (which the OS
    /// may give the same number), and checks every outcome of the race.
    /// </summary>
    private static void RaceClose(SocketObject victim, Action blocked, Action? close = null)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                blocked();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        SpinWait.SpinUntil(() => victim.Handle.CallsInFlight > 0 || !thread.IsAlive, JoinBound).Should().BeTrue();

        var watch = Stopwatch.StartNew();
        (close ?? victim.close)();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "close() never waits for a blocked call");
        victim.fileno().Should().Be(-1);

        var (n1, n2) = socketpair();
        try
        {
            n1.settimeout(Loopback.Bound);
            n2.settimeout(Loopback.Bound);
            n2.sendall(Encoding.ASCII.GetBytes("fresh"));

            thread.Join(JoinBound).Should().BeTrue("the blocked call ends once its socket is closed");
            failure.Should().BeOfType<OSError>().Which.errno.Should().Be(9);
            failure!.Message.Should().Be("[Errno 9] Bad file descriptor");

            // The new pair's data is untouched, and nothing else reached it.
            Encoding.ASCII.GetString(n1.recv(100)).Should().Be("fresh");
            n1.setblocking(false);
            n2.setblocking(false);
            FluentActions.Invoking(() => n1.recv(100)).Should().Throw<BlockingIOError>();
            FluentActions.Invoking(() => n2.recv(100)).Should().Throw<BlockingIOError>();

            victim.close(); // a second close() is fine
        }
        finally
        {
            n1.close();
            n2.close();
        }
    }
}
