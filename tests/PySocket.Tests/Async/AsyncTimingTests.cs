using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Async;

/// <summary>
/// Timeouts of the async twins (loose 0.75x–3x bounds), close during a pending async call (EBADF, the socket that
/// reuses the number untouched), and allocation of the memory forms. Not parallel: timing and process-wide allocation.
/// </summary>
[Collection(SocketTimingCollection.Name)]
public sealed class AsyncTimingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static void ShouldTakeAbout(TimeSpan elapsed, double seconds) =>
        elapsed.TotalSeconds.Should().BeInRange(seconds * 0.75, seconds * 3);

    [Fact]
    public async Task The_socket_timeout_is_the_deadline_of_an_async_recv()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.3);
            var watch = Stopwatch.StartNew();
            var act = async () => await a.recv_async(10).AsTask().WaitAsync(Bound);
            (await act.Should().ThrowAsync<TimeoutError>()).Which.Message.Should().Be("timed out");
            ShouldTakeAbout(watch.Elapsed, 0.3);

            // The socket is still usable, and the next call gets a fresh deadline.
            b.sendall("x"u8.ToArray());
            (await a.recv_async(10).AsTask().WaitAsync(Bound)).Should().Equal("x"u8.ToArray());
            watch.Restart();
            await act.Should().ThrowAsync<TimeoutError>();
            ShouldTakeAbout(watch.Elapsed, 0.3);
        }
    }

    [Fact]
    public async Task Sendall_async_has_one_deadline_for_the_whole_call()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(0.4);
            var watch = Stopwatch.StartNew();
            var act = async () => await a.sendall_async(new byte[64 << 20]).AsTask().WaitAsync(Bound);
            await act.Should().ThrowAsync<TimeoutError>();
            ShouldTakeAbout(watch.Elapsed, 0.4);
        }
    }

    [Fact]
    public async Task Accept_async_times_out_and_cancellation_wins_over_the_timeout()
    {
        using var listener = Loopback.Listener();
        listener.settimeout(0.3);
        var watch = Stopwatch.StartNew();
        var act = async () => await listener.accept_async().AsTask().WaitAsync(Bound);
        await act.Should().ThrowAsync<TimeoutError>();
        ShouldTakeAbout(watch.Elapsed, 0.3);

        listener.settimeout(30);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(0.3));
        watch.Restart();
        var cancelled = async () => await listener.accept_async(cts.Token).AsTask().WaitAsync(Bound);
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        ShouldTakeAbout(watch.Elapsed, 0.3);
    }

    [Fact]
    public async Task Close_during_a_pending_async_recv_raises_EBADF_and_never_reads_the_new_socket()
    {
        for (var i = 0; i < 50; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            a.settimeout(i % 2 == 0 ? null : 5.0);
            await RaceClose(a, a.recv_async(10).AsTask());
        }
    }

    [Fact]
    public async Task Close_during_a_pending_async_accept_raises_EBADF()
    {
        for (var i = 0; i < 30; i++)
        {
            var l = socket(AF_INET, SOCK_STREAM);
            l.bind(("127.0.0.1", 0));
            l.listen();
            l.settimeout(i % 2 == 0 ? null : 5.0);
            await RaceClose(l, l.accept_async().AsTask());
        }
    }

    [Fact]
    public async Task Close_during_a_pending_async_sendall_raises_EBADF_and_sends_nothing_on_the_new_socket()
    {
        var payload = new byte[8 << 20];
        for (var i = 0; i < 30; i++)
        {
            var (a, peer) = socketpair();
            using var _ = peer;
            await RaceClose(a, a.sendall_async(payload).AsTask());
        }
    }

    [Fact]
    public async Task Recv_into_send_and_sendall_twins_on_memory_allocate_nothing_in_the_steady_state()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5.0);
            b.settimeout(null);
            var outgoing = new byte[256];
            var incoming = new byte[512];

            async Task Rounds(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    // b waits first (the wait path), then a sends.
                    var pending = b.recv_into_async(incoming);
                    await a.send_async(outgoing);
                    await a.sendall_async(outgoing);
                    var got = await pending;
                    while (got < 512)
                    {
                        got += await b.recv_into_async(incoming.AsMemory(got));
                    }
                }
            }

            await Rounds(200).WaitAsync(Bound); // warm up: JIT, pools, the engine, the timeout source
            const int rounds = 5000;

            // The count is process-wide (the thread pool runs the continuations), so other threads' work (servers left by
            // other tests, polling) adds noise: the least of three windows is taken. Alone, a window allocates under
            // 5 KB in all (native and portable), under xunit's synchronization context, which resumes this test on
            // another thread than the one its calls finished on: PySocket's pooled builder keeps a shared stack of
            // spare boxes, so the calls that start on one thread and end on another allocate nothing either (.NET's
            // pooling builder allocated up to 180 bytes a round here). A box per call (100+ bytes) would be 4 x 100+
            // bytes per round, fifty times this bound.
            var allocated = long.MaxValue;
            for (var window = 0; window < 3; window++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                await Rounds(rounds).WaitAsync(Bound);
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            allocated.Should().BeLessThan(rounds * 8, "the 20,000+ async calls (half of them waiting) allocate nothing each");
        }
    }

    private static async Task RaceClose(SocketObject victim, Task pending)
    {
        SpinWait.SpinUntil(() => victim.Handle.CallsInFlight > 0 || pending.IsCompleted, Bound).Should().BeTrue();
        var watch = Stopwatch.StartNew();
        victim.close();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "close() never waits for a pending call");
        victim.fileno().Should().Be(-1);

        var (n1, n2) = socketpair();
        using (n1)
        using (n2)
        {
            n1.settimeout(Loopback.Bound);
            n2.settimeout(Loopback.Bound);
            n2.sendall(Encoding.ASCII.GetBytes("fresh"));
            var act = async () => await pending.WaitAsync(Bound);
            (await act.Should().ThrowAsync<OSError>()).Which.errno.Should().Be(EBADF);
            n1.recv(100).Should().Equal(Encoding.ASCII.GetBytes("fresh"), "the pending call never read the socket that reused the number");
            n1.setblocking(false);
            var more = () => n1.recv(100);
            more.Should().Throw<BlockingIOError>("nothing was written to the new socket either");
        }
    }
}
