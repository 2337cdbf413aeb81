using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using FluentAssertions;
using PySocket.Tests.SocketObjects;
using Xunit;
using static PySocket.Select;
using static PySocket.Selectors;
using static PySocket.Socket;

namespace PySocket.Tests.SelectModule;

/// <summary>Timeouts (loose bounds, non-parallel), the epoll_event layout, and objects with fileno().</summary>
[Collection(SocketTimingCollection.Name)]
public sealed class SelectBehaviourTests
{
    private sealed class Wrapper(SocketObject s) : IFileno
    {
        public int fileno() => s.fileno();
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }

    [Fact]
    public void Select_with_empty_lists_waits_the_timeout()
    {
        var t = Time(() => select(Array.Empty<int>(), [], [], 0.2).rlist.Should().BeEmpty());
        t.Should().BeInRange(0.15, 0.6);
    }

    [Fact]
    public void Poll_epoll_and_selectors_wait_their_timeouts_on_an_idle_socket()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            var p = poll();
            p.register(a, POLLIN);
            Time(() => p.poll(200).Should().BeEmpty()).Should().BeInRange(0.15, 0.6);
            using var e = epoll();
            e.register(a, EPOLLIN);
            Time(() => e.poll(0.2).Should().BeEmpty()).Should().BeInRange(0.15, 0.6);
            foreach (BaseSelector s in new BaseSelector[] { new SelectSelector(), new PollSelector(), new EpollSelector(), new DefaultSelector() })
            {
                using (s)
                {
                    s.register(a, EVENT_READ);
                    Time(() => s.select(0.2).Should().BeEmpty()).Should().BeInRange(0.15, 0.6);
                }
            }
        }
    }

    [Fact]
    public void Epoll_event_layout_follows_the_architecture()
    {
        var expected = RuntimeInformation.ProcessArchitecture is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.X86 ? 12 : 16;
        SelectPal.EpollEventSize.Should().Be(expected);
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            using var e = epoll();
            e.register(a, EPOLLOUT);
            e.register(b, EPOLLOUT);
            var got = e.poll(1, 4);
            got.Select(r => r.fd).Should().BeEquivalentTo(new[] { a.fileno(), b.fileno() });
            got.Should().OnlyContain(r => r.events == EPOLLOUT);
        }
    }

    [Fact]
    public void Objects_with_fileno_are_returned_as_given()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            var w = new Wrapper(a);
            b.send("x"u8);
            var (r, _, _) = select(new object[] { w, b, a.fileno() }, [], [], 1.0);
            r.Should().Equal(w, a.fileno());
            using var sel = new DefaultSelector();
            sel.register(w, EVENT_READ, "data");
            var ready = sel.select(1.0);
            ready.Should().ContainSingle().Which.key.fileobj.Should().BeSameAs(w);
            sel.get_key(w).data.Should().Be("data");
        }
    }

    [Fact]
    public void Python_shaped_calls_compile_with_collection_expressions()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            var (r, w, x) = select([a, b], [a], [], 0);
            r.Should().BeEmpty();
            w.Should().Equal(a);
            x.Should().BeEmpty();
        }
    }

    [Fact]
    public void Default_selector_is_the_one_cpython_chooses()
    {
        using var s = new DefaultSelector();
        var expected = OperatingSystem.IsLinux() ? typeof(EpollSelector) : OperatingSystem.IsMacOS() ? typeof(KqueueSelector) : typeof(SelectSelector);
        s.Implementation.Should().BeOfType(expected);
    }
}
