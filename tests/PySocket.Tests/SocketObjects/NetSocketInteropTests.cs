using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// Issue 7, defect 2: .NET's async calls through <see cref="SocketObject.NetSocket"/> switch the descriptor to
/// non-blocking underneath; every PySocket call must keep the socket object's own timeout mode regardless.
/// </summary>
[Collection(SocketTimingCollection.Name)]
public sealed class NetSocketInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_blocking_recv_after_an_async_NetSocket_receive_waits_for_data_instead_of_raising_BlockingIOError()
    {
        var (client, server, listener) = Loopback.TcpPair();
        using var c = client;
        using var s = server;
        using var l = listener;
        s.setblocking(true);

        c.sendall(Encoding.ASCII.GetBytes("one"));
        var buffer = new byte[16];
        var n = await s.NetSocket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Bound);
        Encoding.ASCII.GetString(buffer, 0, n).Should().Be("one");

        // Nothing is pending now: a blocking recv must wait until the peer sends.
        var got = RecvOnThread(s, () => c.sendall(Encoding.ASCII.GetBytes("two")));
        got.Should().Be("two");
        s.getblocking().Should().BeTrue();
        s.gettimeout().Should().BeNull();
    }

    [Fact]
    public async Task NetworkStream_async_use_and_PySocket_calls_mix_on_one_socket_in_every_timeout_mode()
    {
        var (client, server, listener) = Loopback.TcpPair();
        using var c = client;
        using var s = server;
        using var l = listener;
        s.settimeout(null);
        using var stream = new NetworkStream(s.NetSocket, ownsSocket: false);

        await stream.WriteAsync(Encoding.ASCII.GetBytes("from-net")).AsTask().WaitAsync(Bound);
        Encoding.ASCII.GetString(c.recv(100)).Should().Be("from-net");

        c.sendall(Encoding.ASCII.GetBytes("to-net"));
        var buffer = new byte[32];
        var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Bound);
        Encoding.ASCII.GetString(buffer, 0, n).Should().Be("to-net");

        // Blocking mode: sendall and a waiting recv work.
        s.sendall(Encoding.ASCII.GetBytes("from-py"));
        Encoding.ASCII.GetString(c.recv(100)).Should().Be("from-py");
        RecvOnThread(s, () => c.sendall(Encoding.ASCII.GetBytes("to-py"))).Should().Be("to-py");

        // Timeout mode: TimeoutError after the timeout, not BlockingIOError at once.
        s.settimeout(0.2);
        var watch = Stopwatch.StartNew();
        FluentActions.Invoking(() => s.recv(10)).Should().Throw<TimeoutError>().WithMessage("timed out");
        watch.Elapsed.TotalSeconds.Should().BeInRange(0.2 * 0.75, 0.2 * 3);

        // Non-blocking mode: BlockingIOError at once.
        s.setblocking(false);
        FluentActions.Invoking(() => s.recv(10)).Should().Throw<BlockingIOError>().Which.errno.Should().Be(11);

        // And .NET keeps working after PySocket's calls.
        s.setblocking(true);
        c.sendall(Encoding.ASCII.GetBytes("again"));
        n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Bound);
        Encoding.ASCII.GetString(buffer, 0, n).Should().Be("again");
        RecvOnThread(s, () => c.sendall(Encoding.ASCII.GetBytes("last"))).Should().Be("last");
    }

    [Fact]
    public async Task A_blocking_accept_after_an_async_NetSocket_accept_waits_for_the_connection()
    {
        using var l = Loopback.Listener();
        l.setblocking(true);
        var address = l.getsockname();
        using (var first = socket())
        {
            first.settimeout(Loopback.Bound);
            first.connect(address);
            using var accepted = await l.NetSocket.AcceptAsync().WaitAsync(Bound);
        }

        using var second = socket();
        second.settimeout(Loopback.Bound);
        Exception? failure = null;
        SocketObject? conn = null;
        var thread = new Thread(() =>
        {
            try
            {
                conn = l.accept().conn;
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        SpinWait.SpinUntil(() => l.Handle.CallsInFlight > 0 || !thread.IsAlive, Bound).Should().BeTrue();
        second.connect(address);
        thread.Join(Bound).Should().BeTrue();
        failure.Should().BeNull();
        using var accepted2 = conn!;
        accepted2.getpeername().Should().Be(second.getsockname());
    }

    /// <summary>recv(100) on a thread; once it is inside its platform call, <paramref name="then"/> runs; returns the text.</summary>
    private static string RecvOnThread(SocketObject s, Action then)
    {
        byte[]? got = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                got = s.recv(100);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        SpinWait.SpinUntil(() => s.Handle.CallsInFlight > 0 || !thread.IsAlive, Bound).Should().BeTrue();
        then();
        thread.Join(Bound).Should().BeTrue();
        failure.Should().BeNull();
        return Encoding.ASCII.GetString(got!);
    }
}
