using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using FluentAssertions;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Select;

namespace PySocket.Tests.SelectModule;

/// <summary>PEP 475: a signal interrupting select/poll/epoll_wait retries with the time left (no InterruptedError).</summary>
[Collection(SocketTimingCollection.Name)]
public sealed partial class SelectSignalTests
{
    private const int SigCont = 18; // the runtime installs a handler for it, so it interrupts a blocked call with EINTR

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "tgkill")]
    private static partial int TgKill(int tgid, int tid, int sig);

    private static double UnderSignals(Action wait)
    {
        var tid = 0;
        var started = new ManualResetEventSlim();
        double elapsed = 0;
        Exception? error = null;
        var waiter = new Thread(() =>
        {
            tid = GetTid();
            started.Set();
            var sw = Stopwatch.StartNew();
            try
            {
                wait();
            }
            catch (Exception e)
            {
                error = e;
            }

            elapsed = sw.Elapsed.TotalSeconds;
        });
        waiter.Start();
        started.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        var pid = GetPid();
        var sent = 0;
        while (!waiter.Join(20))
        {
            TgKill(pid, tid, SigCont);
            sent++;
        }

        error.Should().BeNull();
        sent.Should().BeGreaterThan(3);
        return elapsed;
    }

    [Fact]
    public void Select_poll_and_epoll_keep_waiting_their_timeout_through_signals()
    {
        UnderSignals(() => select(Array.Empty<int>(), [], [], 0.4).rlist.Should().BeEmpty()).Should().BeInRange(0.3, 1.2);
        var (a, b) = PySocket.Socket.socketpair();
        using (a)
        using (b)
        {
            var p = poll();
            p.register(a, POLLIN);
            UnderSignals(() => p.poll(400).Should().BeEmpty()).Should().BeInRange(0.3, 1.2);
            using var e = epoll();
            e.register(a, EPOLLIN);
            UnderSignals(() => e.poll(0.4).Should().BeEmpty()).Should().BeInRange(0.3, 1.2);
        }
    }
}
