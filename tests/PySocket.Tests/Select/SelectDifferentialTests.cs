using System;
using System.Collections.Generic;
using System.Linq;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Select;
using static PySocket.Selectors;
using static PySocket.Socket;

namespace PySocket.Tests.SelectModule;

/// <summary>select, poll, epoll and selectors compared case by case with python3 on loopback.</summary>
public sealed class SelectDifferentialTests
{
    private const string Setup = """
import select, selectors
def pair():
    a, b = socketpair(); a.settimeout(5); b.settimeout(5); return a, b
def closed():
    s = socket(); s.close(); return s
def names(res, a, b):
    return [[('a' if o is a else 'b' if o is b else repr(o)) for o in l] for l in res]
def ready(sel, t=0):
    return sorted([key.data, ev] for key, ev in sel.select(t))
""";

    private static (SocketObject a, SocketObject b) Pair()
    {
        var (a, b) = socketpair();
        a.settimeout(5);
        b.settimeout(5);
        return (a, b);
    }

    private static SocketObject Closed()
    {
        var s = socket();
        s.close();
        return s;
    }

    private static List<List<string>> Names<T>((List<T>, List<T>, List<T>) res, object a, object b) =>
        new[] { res.Item1, res.Item2, res.Item3 }
            .Select(l => l.Select(o => ReferenceEquals(o, a) ? "a" : ReferenceEquals(o, b) ? "b" : o!.ToString()!).ToList()).ToList();

    private static List<List<object?>> Ready(BaseSelector sel, double? t = 0) =>
        sel.select(t).Select(r => new List<object?> { r.key.data, r.events }).OrderBy(l => (string)l[0]!).ToList();

    [PythonFact]
    public void Select_arguments_timeouts_and_results_match_python()
    {
        new DifferentialTable(Setup)
            .Case("select.select([], [], [], 0)", () => select(Array.Empty<int>(), [], [], 0))
            .Case("select.select([], [], [], -0.0)", () => select(Array.Empty<int>(), [], [], -0.0))
            .Case("select.select([], [], [], 0.001)", () => select(Array.Empty<int>(), [], [], 0.001))
            .Case("select.select([], [], [], 1e-9)", () => select(Array.Empty<int>(), [], [], 1e-9))
            .Case("select.select([], [], [], -1e-10)", () => select(Array.Empty<int>(), [], [], -1e-10))
            .Case("select.select([], [], [], -1)", () => select(Array.Empty<int>(), [], [], -1))
            .Case("select.select([], [], [], float('nan'))", () => select(Array.Empty<int>(), [], [], double.NaN))
            .Case("select.select([], [], [], float('inf'))", () => select(Array.Empty<int>(), [], [], double.PositiveInfinity))
            .Case("select.select([], [], [], 1e30)", () => select(Array.Empty<int>(), [], [], 1e30))
            .Case("select.select([2000], [], [], 0)", () => select(new[] { 2000 }, [], [], 0))
            .Case("select.select([1024], [], [], 0)", () => select(new[] { 1024 }, [], [], 0))
            .Case("select.select([-1], [], [], 0)", () => select(new[] { -1 }, [], [], 0))
            .Case("select.select([2**40], [], [], 0)", () => select(new object[] { 1L << 40 }, [], [], 0))
            .Case("select.select(['x'], [], [], 0)", () => select(new object[] { "x" }, [], [], 0))
            .Case("select.select([2000], ['x'], [], 0)", () => select(new object[] { 2000 }, new object[] { "x" }, [], 0))
            .Case("select.select([2000], [-1], [], 0)", () => select(new[] { 2000 }, new[] { -1 }, [], 0))
            .Case("exec:r = socket(); select.select([r] * 1025, [], [], 0)", () =>
            {
                using var r = socket();
                return select(Enumerable.Repeat(r, 1025).ToArray(), [], [], 0);
            })
            .Case("exec:r = socket(); result = [len(l) for l in select.select([r] * 1024, [], [], 0)]", () =>
            {
                using var r = socket();
                var (rl, wl, xl) = select(Enumerable.Repeat(r, 1024).ToArray(), [], [], 0);
                return new[] { rl.Count, wl.Count, xl.Count };
            })
            .Case("select.select([closed()], [], [], 0)", () => select(new[] { Closed() }, [], [], 0))
            .Case("exec:r = socket(); result = [len(l) for l in select.select([r], [r], [r], 0)]; r.close()", () =>
            {
                using var r = socket();
                var (rl, wl, xl) = select(new[] { r }, new[] { r }, new[] { r }, 0);
                return new[] { rl.Count, wl.Count, xl.Count };
            })
            .Case("exec:a, b = pair(); result = names(select.select([a, b], [a, b, a], [a], 0), a, b); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    return Names(select(new[] { a, b }, new[] { a, b, a }, new[] { a }, 0), a, b);
                }
            })
            .Case("exec:a, b = pair(); b.send(b'x'); result = names(select.select([a, b], [], [], 1.0), a, b); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    b.send("x"u8);
                    return Names(select(new[] { a, b }, [], [], 1.0), a, b);
                }
            })
            .Case("exec:a, b = pair(); b.close(); result = names(select.select([a], [a], [a], 1.0), a, b); a.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                {
                    b.close();
                    return Names(select(new[] { a }, new[] { a }, new[] { a }, 1.0), a, b);
                }
            })
            .Case("exec:a, b = pair(); f = a.makefile('rb'); b.send(b'x'); result = len(select.select([f, a.fileno()], [], [], 1.0)[0]); f.close(); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    using var f = a.makefile("rb");
                    b.send("x"u8);
                    return select(new object[] { f, a.fileno() }, [], [], 1.0).rlist.Count;
                }
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Poll_and_epoll_match_python()
    {
        new DifferentialTable(Setup)
            .Case("exec:e = select.epoll.fromfd(-1); result = [e.closed, e.fileno() >= 0]; e.close()", () =>
            {
                using var e = EpollObject.fromfd(-1);
                return new object[] { e.closed, e.fileno() >= 0 };
            })
            .Case("exec:a, b = pair(); p = select.poll(); p.register(a, 0x8000); p.register(b, 65535); result = [(fd == b.fileno(), ev) for fd, ev in p.poll(0)]", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    var p = poll();
                    p.register(a, 0x8000);
                    p.register(b, 65535);
                    return p.poll(0).Select(r => (r.fd == b.fileno(), r.events)).ToList();
                }
            })
            .Case("exec:ss = [socket() for _ in range(4)]; p = select.poll()\nfor x in ss: p.register(x, select.POLLOUT)\np.unregister(ss[0]); n = socket(); p.register(n, select.POLLOUT); p.register(ss[2], select.POLLOUT); order = [x.fileno() for x in ss[1:] + [n]]; result = [order.index(fd) for fd, _ in p.poll(0)]", () =>
            {
                var ss = Enumerable.Range(0, 4).Select(_ => socket()).ToList();
                try
                {
                    var p = poll();
                    foreach (var x in ss)
                    {
                        p.register(x, POLLOUT);
                    }

                    p.unregister(ss[0]);
                    var n = socket();
                    ss.Add(n);
                    p.register(n, POLLOUT);
                    p.register(ss[2], POLLOUT);
                    var order = ss.Skip(1).Select(x => x.fileno()).ToList();
                    return p.poll(0).Select(r => order.IndexOf(r.fd)).ToList();
                }
                finally
                {
                    ss.ForEach(x => x.close());
                }
            })
            .Case("exec:a, b = pair(); p = select.poll()\ntry:\n    p.unregister(a)\nexcept KeyError as e:\n    result = [type(e).__name__, str(e) == str(a.fileno())]", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    try
                    {
                        poll().unregister(a);
                        return null;
                    }
                    catch (KeyError e)
                    {
                        return new object[] { "KeyError", e.Message == a.fileno().ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    }
                }
            })
            .Case("exec:a, b = pair(); p = select.poll(); result = p.modify(a, 1)", () => { var (a, b) = Pair(); using (a) using (b) { poll().modify(a, 1); } })
            .Case("select.poll().register(-1)", () => poll().register(-1))
            .Case("select.poll().register(0, 2**16)", () => poll().register(0, 1 << 16))
            .Case("select.poll().register(0, -1)", () => poll().register(0, -1))
            .Case("select.poll().poll(2**31)", () => poll().poll(2147483648.0))
            .Case("select.poll().poll(float('nan'))", () => poll().poll(double.NaN))
            .Case("select.poll().poll(0)", () => poll().poll(0))
            .Case("select.poll().poll(0.1)", () => poll().poll(0.1))
            .Case("exec:p = select.poll(); p.register(999); result = p.poll(-1)", () => { var p = poll(); p.register(999); return p.poll(-1); })
            .Case("exec:p = select.poll(); p.register(999); result = p.poll(None)", () => { var p = poll(); p.register(999); return p.poll(); })
            .Case("exec:a, b = pair(); p = select.poll(); p.register(a, select.POLLIN); b.close(); result = [ev for fd, ev in p.poll(1000)]; a.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                {
                    var p = poll();
                    p.register(a, POLLIN);
                    b.close();
                    return p.poll(1000).Select(r => r.events).ToList();
                }
            })
            .Case("exec:a, b = pair(); p = select.poll(); p.register(a); result = [ev for fd, ev in p.poll(0)]; a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    var p = poll();
                    p.register(a);
                    return p.poll(0).Select(r => r.events).ToList();
                }
            })
            .Case("select.epoll(sizehint=0)", () => epoll(sizehint: 0))
            .Case("select.epoll(flags=5)", () => epoll(flags: 5))
            .Case("exec:e = select.epoll(); result = e.register(999)", () => { using var e = epoll(); e.register(999); })
            .Case("exec:a, b = pair(); e = select.epoll(); result = e.unregister(a)", () => { var (a, b) = Pair(); using (a) using (b) { using var e = epoll(); e.unregister(a); } })
            .Case("exec:a, b = pair(); e = select.epoll(); result = e.modify(a, 1)", () => { var (a, b) = Pair(); using (a) using (b) { using var e = epoll(); e.modify(a, 1); } })
            .Case("exec:a, b = pair(); e = select.epoll(); e.register(a); result = e.register(a)", () => { var (a, b) = Pair(); using (a) using (b) { using var e = epoll(); e.register(a); e.register(a); } })
            .Case("select.epoll().poll(0, 0)", () => { using var e = epoll(); return e.poll(0, 0); })
            .Case("select.epoll().poll(0, -2)", () => { using var e = epoll(); return e.poll(0, -2); })
            .Case("select.epoll().poll(2.0**31)", () => { using var e = epoll(); return e.poll(2147483648.0); })
            .Case("select.epoll().poll(1e30)", () => { using var e = epoll(); return e.poll(1e30); })
            .Case("select.epoll().poll(-1e-10)", () => { using var e = epoll(); return e.poll(-1e-10); })
            .Case("exec:e = select.epoll(); e.close(); result = [e.closed, e.close()]", () => { var e = epoll(); e.close(); e.close(); return new object?[] { e.closed, null }; })
            .Case("exec:e = select.epoll(); e.close(); result = e.fileno()", () => { var e = epoll(); e.close(); return e.fileno(); })
            .Case("exec:e = select.epoll(); e.close(); result = e.poll(0)", () => { var e = epoll(); e.close(); return e.poll(0); })
            .Case("exec:e = select.epoll(); e.close(); result = e.register(0)", () => { var e = epoll(); e.close(); e.register(0); })
            .Case("exec:a, b = pair(); e = select.epoll(); e.register(a, select.EPOLLIN | select.EPOLLOUT); b.send(b'x'); result = [ev for fd, ev in e.poll(1)]; a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    using var e = epoll();
                    e.register(a, EPOLLIN | EPOLLOUT);
                    b.send("x"u8);
                    return e.poll(1).Select(r => r.events).ToList();
                }
            })
            .Case("exec:a, b = pair(); e = select.epoll(); e.register(a, select.EPOLLIN | select.EPOLLRDHUP); b.close(); result = [ev for fd, ev in e.poll(1)]; a.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                {
                    using var e = epoll();
                    e.register(a, EPOLLIN | EPOLLRDHUP);
                    b.close();
                    return e.poll(1).Select(r => r.events).ToList();
                }
            })
            .Case("[select.POLLIN, select.POLLPRI, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL, select.POLLRDNORM, select.POLLRDBAND, select.POLLWRNORM, select.POLLWRBAND, select.POLLMSG, select.POLLRDHUP, select.PIPE_BUF]",
                () => new[] { POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLWRBAND, POLLMSG, POLLRDHUP, PIPE_BUF })
            .Case("[select.EPOLLIN, select.EPOLLPRI, select.EPOLLOUT, select.EPOLLERR, select.EPOLLHUP, select.EPOLLRDNORM, select.EPOLLRDBAND, select.EPOLLWRNORM, select.EPOLLWRBAND, select.EPOLLMSG, select.EPOLLRDHUP, select.EPOLLEXCLUSIVE, select.EPOLLONESHOT, select.EPOLLET, select.EPOLL_CLOEXEC]",
                () => new long[] { EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDNORM, EPOLLRDBAND, EPOLLWRNORM, EPOLLWRBAND, EPOLLMSG, EPOLLRDHUP, EPOLLEXCLUSIVE, EPOLLONESHOT, EPOLLET, EPOLL_CLOEXEC })
            .AssertSameAsPython();
    }

    public static TheoryData<string> SelectorKinds => new() { "SelectSelector", "PollSelector", "EpollSelector", "DefaultSelector" };

    private static BaseSelector Make(string kind) => kind switch
    {
        "SelectSelector" => new SelectSelector(),
        "PollSelector" => new PollSelector(),
        "EpollSelector" => new EpollSelector(),
        _ => new DefaultSelector(),
    };

    [PythonTheory]
    [MemberData(nameof(SelectorKinds))]
    public void Selectors_match_python(string kind)
    {
        new DifferentialTable(Setup + $"\nK = selectors.{kind}\n")
            .Case("K().register(-1, 1)", () => Make(kind).register(-1, 1))
            .Case("K().register('x', 1)", () => Make(kind).register("x", 1))
            .Case("K().register(closed(), 1)", () => Make(kind).register(Closed(), 1))
            .Case("K().register(0, 0)", () => Make(kind).register(0, 0))
            .Case("K().register(0, 4)", () => Make(kind).register(0, 4))
            .Case("K().unregister(0)", () => Make(kind).unregister(0))
            .Case("K().modify(0, 1)", () => Make(kind).modify(0, 1))
            .Case("K().get_key(0)", () => Make(kind).get_key(0))
            .Case("K().select(0)", () => Make(kind).select(0))
            .Case("K().select(-5)", () => Make(kind).select(-5))
            .Case("K().select(0.001)", () => Make(kind).select(0.001))
            .Case("K().select(float('nan'))", () => Make(kind).select(double.NaN))
            .Case("K().select(float('inf'))", () => Make(kind).select(double.PositiveInfinity))
            .Case("K().select(1e306)", () => Make(kind).select(1e306))
            .Case("K().select(1e300)", () => Make(kind).select(1e300))
            .Case("exec:s = K(); s.register(7, 1); result = s.register(7, 2)", () => { using var s = Make(kind); s.register(7, 1); s.register(7, 2); })
            .Case("exec:s = K(); k = s.register(7, 1, 'd'); result = [k.fd, k.events, k.data, k.fileobj, len(s.get_map()), s.get_map()[7] == k, list(s.get_map())]", () =>
            {
                using var s = Make(kind);
                var k = s.register(7, 1, "d");
                var (fileobj, fd, events, data) = k;
                return new object?[] { fd, events, data, fileobj, s.get_map()!.Count, s.get_map()![7] == k, s.get_map()!.Keys.ToList() };
            })
            .Case("exec:s = K(); s.register(7, 1, 'd'); result = repr(s.modify(7, 1, 'e'))", () => { using var s = Make(kind); s.register(7, 1, "d"); return s.modify(7, 1, "e").ToString(); })
            .Case("exec:s = K(); s.close(); result = s.get_map()", () => { var s = Make(kind); s.close(); return s.get_map(); })
            .Case("exec:s = K(); s.close(); result = s.get_key(0)", () => { var s = Make(kind); s.close(); return s.get_key(0); })
            .Case("exec:a, b = pair(); s = K(); s.register(a, selectors.EVENT_READ | selectors.EVENT_WRITE, 'a'); s.register(b, selectors.EVENT_READ, 'b'); result = ready(s); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    using var s = Make(kind);
                    s.register(a, EVENT_READ | EVENT_WRITE, "a");
                    s.register(b, EVENT_READ, "b");
                    return Ready(s);
                }
            })
            .Case("exec:a, b = pair(); s = K(); s.register(a, selectors.EVENT_READ, 'a'); b.send(b'x'); result = ready(s, 1); s.modify(a, selectors.EVENT_WRITE, 'w'); result += ready(s, 1); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    using var s = Make(kind);
                    s.register(a, EVENT_READ, "a");
                    b.send("x"u8);
                    var r = Ready(s, 1);
                    s.modify(a, EVENT_WRITE, "w");
                    r.AddRange(Ready(s, 1));
                    return r;
                }
            })
            .Case("exec:a, b = pair(); s = K(); s.register(a, selectors.EVENT_READ, 'a'); b.close(); result = ready(s, 1); a.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                {
                    using var s = Make(kind);
                    s.register(a, EVENT_READ, "a");
                    b.close();
                    return Ready(s, 1);
                }
            })
            .Case("exec:a, b = pair(); s = K(); s.register(a, selectors.EVENT_READ, 'a'); a.close(); k = s.unregister(a); result = [k.fd > 0, k.data, len(s.get_map())]; b.close()", () =>
            {
                var (a, b) = Pair();
                using (b)
                {
                    using var s = Make(kind);
                    s.register(a, EVENT_READ, "a");
                    a.close();
                    var k = s.unregister(a);
                    return new object?[] { k.fd > 0, k.data, s.get_map()!.Count };
                }
            })
            .Case("exec:a, b = pair(); s = K(); result = str(s.register(a, 1)) == str(s.get_key(a)); a.close(); b.close()", () =>
            {
                var (a, b) = Pair();
                using (a)
                using (b)
                {
                    using var s = Make(kind);
                    return s.register(a, 1).ToString() == s.get_key(a).ToString();
                }
            })
            .AssertSameAsPython();
    }
}
