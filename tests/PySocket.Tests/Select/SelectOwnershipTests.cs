using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Select;
using static PySocket.Selectors;
using static PySocket.Socket;

namespace PySocket.Tests.SelectModule;

/// <summary>
/// The selectors and poll hold each registered socket's handle for the whole wait: a socket closed before a wait
/// reports as CPython does for its closed descriptor (SelectSelector EBADF, PollSelector and poll POLLNVAL,
/// EpollSelector nothing), its number is never polled again even when a new socket reuses it, and a socket closed
/// during a wait keeps its number until the wait returns.
/// </summary>
[Collection(SocketTimingCollection.Name)]
public sealed class SelectOwnershipTests
{
    private const string Script = """
import socket, selectors, select
for cls in (selectors.SelectSelector, selectors.PollSelector, selectors.EpollSelector):
    a, b = socket.socketpair()
    s = cls(); k = s.register(a, selectors.EVENT_READ)
    a.close()
    try:
        print(cls.__name__, [(x is k, e) for x, e in s.select(0)])
    except Exception as e:
        print(cls.__name__, type(e).__name__, e.errno)
    b.close(); s.close()
a, b = socket.socketpair(); p = select.poll(); p.register(a); fd = a.fileno(); a.close()
print('poll', [(f == fd, e) for f, e in p.poll(0)])
b.close()
""";

    private static List<string> Ours()
    {
        var lines = new List<string>();
        foreach (var (name, make) in new (string, Func<BaseSelector>)[]
                 { ("SelectSelector", () => new SelectSelector()), ("PollSelector", () => new PollSelector()), ("EpollSelector", () => new EpollSelector()) })
        {
            var (a, b) = socketpair();
            using var s = make();
            var k = s.register(a, EVENT_READ);
            a.close();
            try
            {
                lines.Add($"{name} [{string.Join(", ", s.select(0).Select(r => $"({(ReferenceEquals(r.key, k) ? "True" : "False")}, {r.events})"))}]");
            }
            catch (OSError e)
            {
                lines.Add($"{name} {e.GetType().Name} {e.errno}");
            }

            b.close();
        }

        var (c, d) = socketpair();
        var p = poll();
        p.register(c);
        var fd = c.fileno();
        c.close();
        lines.Add($"poll [{string.Join(", ", p.poll(0).Select(r => $"({(r.fd == fd ? "True" : "False")}, {r.events})"))}]");
        d.close();
        return lines;
    }

    [Fact]
    public void A_registered_socket_closed_before_the_wait_reports_as_in_CPython()
    {
        var ours = Ours();
        ours.Should().Equal("SelectSelector OSError 9", "PollSelector [(True, 1)]", "EpollSelector []", "poll [(True, 32)]");
        if (Python.Available)
        {
            ours.Should().Equal(Python.Run(Script).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void A_closed_sockets_reused_number_is_never_polled()
    {
        var (a, b) = socketpair();
        var fd = a.fileno();
        var p = poll();
        p.register(a, POLLIN);
        using var sel = new SelectSelector();
        sel.register(a, EVENT_READ);
        a.close();
        b.close();

        // A new socket takes the number (the lowest free one) and is readable: CPython, polling by number, would
        // report it under the old registration; the held handle reports the closed socket instead.
        var extra = new List<SocketObject>();
        try
        {
            SocketObject? reuse = null;
            for (var i = 0; i < 16 && reuse is null; i++)
            {
                var (c, d) = socketpair();
                extra.Add(c);
                extra.Add(d);
                reuse = c.fileno() == fd ? d : d.fileno() == fd ? c : null;
            }

            reuse.Should().NotBeNull("a new socket reuses the closed number");
            reuse!.send("x"u8.ToArray());
            p.poll(0).Should().Equal((fd, POLLNVAL));
            sel.Invoking(s => s.select(0)).Should().Throw<OSError>().Which.errno.Should().Be(9);
            select(new[] { fd }, Array.Empty<int>(), Array.Empty<int>(), 0).rlist.Should().Equal([fd], "a bare number is polled as given");
        }
        finally
        {
            extra.ForEach(s => s.close());
        }
    }

    [Fact]
    public async Task A_socket_closed_during_a_wait_keeps_its_number_until_the_wait_returns()
    {
        var (a, b) = socketpair();
        using (b)
        {
            using var sel = new PollSelector();
            var key = sel.register(a, EVENT_READ);
            var waiting = Task.Run(() => sel.select(10));
            var sw = Stopwatch.StartNew();
            while (a.Handle.CallsInFlight == 0 && sw.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Yield();
            }

            a.Handle.CallsInFlight.Should().Be(1, "the selector holds the socket during its wait");
            a.close();
            var ready = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
            ready.Should().ContainSingle().Which.key.Should().Be(key);
            a.Handle.IsClosed.Should().BeTrue("the wait's release closed the number");
            sel.select(0).Should().Equal((key, EVENT_READ));
        }
    }

    [Fact]
    public void Select_errors_on_Windows_are_Winsock_errors_as_CPython_prints_them()
    {
        // select([], [], [], 0) on Windows: Winsock's WSAEINVAL, which CPython raises as [WinError 10022].
        var empty = Select.Error(OsKind.Windows, SelectPal.WinEmptySetsError);
        empty.winerror.Should().Be(10022);
        empty.errno.Should().Be(22);
        empty.Message.Should().Be("[WinError 10022] An invalid argument was supplied");

        // A socket closed before the call: WSAENOTSOCK there, EBADF here.
        Select.Error(OsKind.Windows, 10038).winerror.Should().Be(10038);
        var closed = Select.Error(OsTables.Current, SelectPal.ClosedError);
        (OperatingSystem.IsWindows() ? closed.winerror : closed.errno).Should().Be(OperatingSystem.IsWindows() ? 10038 : 9);
    }
}
