using System;
using System.Collections.Generic;
using System.Linq;

namespace PySocket;

/// <summary>selectors.SelectSelector: select()-based; every OS (on Windows sockets only, and "exceptional" counts as writable, as in CPython).</summary>
public class SelectSelector : BaseSelector
{
    private readonly SelectorTable _table = new();
    private readonly SortedSet<int> _readers = new();
    private readonly SortedSet<int> _writers = new();

    /// <summary>SelectSelector(): a new, empty selector.</summary>
    public SelectSelector()
    {
    }

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null)
    {
        var key = _table.Register(fileobj, events, data);
        if ((events & Selectors.EVENT_READ) != 0)
        {
            _readers.Add(key.fd);
        }

        if ((events & Selectors.EVENT_WRITE) != 0)
        {
            _writers.Add(key.fd);
        }

        return key;
    }

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj)
    {
        var key = _table.Unregister(fileobj);
        _readers.Remove(key.fd);
        _writers.Remove(key.fd);
        return key;
    }

    /// <summary>modify(fileobj, events, data=None): as CPython's _BaseSelectorImpl.modify (re-registers on new events, else replaces data).</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null)
    {
        var key = _table.Keys.TryGetValue(_table.Lookup(fileobj), out var k) ? k : throw SelectorTable.NotRegistered(fileobj);
        if (events != key.events)
        {
            unregister(fileobj);
            return register(fileobj, events, data);
        }

        if (!Equals(data, key.data))
        {
            key = key with { data = data };
            _table.Keys[key.fd] = key;
        }

        return key;
    }

    /// <inheritdoc/>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        timeout = timeout is double t ? Math.Max(t, 0) : null;
        List<int> r, w;
        if (OperatingSystem.IsWindows())
        {
            var (rr, ww, xx) = Select.select(_readers, _writers, _writers, timeout);
            r = rr;
            w = ww.Concat(xx).ToList();
        }
        else
        {
            (r, w, _) = Select.select(_readers, _writers, Array.Empty<int>(), timeout);
        }

        var rs = new HashSet<int>(r);
        var ws = new HashSet<int>(w);
        var ready = new List<(SelectorKey key, int events)>();
        foreach (var fd in new SortedSet<int>(rs.Concat(ws)))
        {
            var events = (rs.Contains(fd) ? Selectors.EVENT_READ : 0) | (ws.Contains(fd) ? Selectors.EVENT_WRITE : 0);
            if (_table.FromFd(fd) is SelectorKey key)
            {
                ready.Add((key, events & key.events));
            }
        }

        return ready;
    }

    /// <inheritdoc/>
    public override void close() => _table.Close();

    /// <inheritdoc/>
    public override SelectorMapping? get_map() => _table.Map;
}

/// <summary>selectors.PollSelector: poll()-based (Linux and macOS); timeouts round up to milliseconds.</summary>
public class PollSelector : BaseSelector
{
    private readonly SelectorTable _table = new();
    private readonly PollObject _poll = Select.poll();

    /// <summary>PollSelector(): a new, empty selector (PlatformNotSupportedException on Windows, where CPython has no poll).</summary>
    public PollSelector()
    {
    }

    private static int Mask(int events) =>
        ((events & Selectors.EVENT_READ) != 0 ? Select.POLLIN : 0) | ((events & Selectors.EVENT_WRITE) != 0 ? Select.POLLOUT : 0);

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null)
    {
        var key = _table.Register(fileobj, events, data);
        try
        {
            _poll.register(key.fd, Mask(events));
        }
        catch
        {
            _table.Unregister(fileobj);
            throw;
        }

        return key;
    }

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj)
    {
        var key = _table.Unregister(fileobj);
        try
        {
            _poll.unregister(key.fd);
        }
        catch (OSError)
        {
        }
        catch (KeyError)
        {
        }

        return key;
    }

    /// <summary>modify(fileobj, events, data=None): as CPython's _PollLikeSelector.modify.</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null)
    {
        var key = _table.Keys.TryGetValue(_table.Lookup(fileobj), out var k) ? k : throw SelectorTable.NotRegistered(fileobj);
        var changed = false;
        if (events != key.events)
        {
            try
            {
                _poll.modify(key.fd, Mask(events));
            }
            catch
            {
                _table.Unregister(fileobj);
                throw;
            }

            changed = true;
        }

        if (changed || !Equals(data, key.data))
        {
            key = key with { events = events, data = data };
            _table.Keys[key.fd] = key;
        }

        return key;
    }

    /// <inheritdoc/>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        double? ms = timeout is double t ? (t <= 0 ? 0 : Math.Ceiling(t * 1e3)) : null;
        var ready = new List<(SelectorKey key, int events)>();
        foreach (var (fd, mask) in _poll.poll(ms))
        {
            if (_table.FromFd(fd) is SelectorKey key)
            {
                ready.Add((key, FromPollMask((uint)mask, Select.POLLIN, Select.POLLOUT) & key.events));
            }
        }

        return ready;
    }

    /// <inheritdoc/>
    public override void close() => _table.Close();

    /// <inheritdoc/>
    public override SelectorMapping? get_map() => _table.Map;
}

/// <summary>selectors.EpollSelector: epoll-based (Linux); CPython's DefaultSelector there.</summary>
public class EpollSelector : BaseSelector
{
    private readonly SelectorTable _table = new();
    private readonly EpollObject _epoll = Select.epoll();

    /// <summary>EpollSelector(): a new, empty selector over a new epoll descriptor (PlatformNotSupportedException off Linux).</summary>
    public EpollSelector()
    {
    }

    /// <summary>fileno(): the epoll descriptor.</summary>
    public int fileno() => _epoll.fileno();

    private static uint Mask(int events) =>
        ((events & Selectors.EVENT_READ) != 0 ? Select.EPOLLIN : 0) | ((events & Selectors.EVENT_WRITE) != 0 ? Select.EPOLLOUT : 0);

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null)
    {
        var key = _table.Register(fileobj, events, data);
        try
        {
            _epoll.register(key.fd, Mask(events));
        }
        catch
        {
            _table.Unregister(fileobj);
            throw;
        }

        return key;
    }

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj)
    {
        var key = _table.Unregister(fileobj);
        try
        {
            _epoll.unregister(key.fd);
        }
        catch (OSError)
        {
        }

        return key;
    }

    /// <summary>modify(fileobj, events, data=None): as CPython's _PollLikeSelector.modify.</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null)
    {
        var key = _table.Keys.TryGetValue(_table.Lookup(fileobj), out var k) ? k : throw SelectorTable.NotRegistered(fileobj);
        var changed = false;
        if (events != key.events)
        {
            try
            {
                _epoll.modify(key.fd, Mask(events));
            }
            catch
            {
                _table.Unregister(fileobj);
                throw;
            }

            changed = true;
        }

        if (changed || !Equals(data, key.data))
        {
            key = key with { events = events, data = data };
            _table.Keys[key.fd] = key;
        }

        return key;
    }

    /// <inheritdoc/>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        double to = timeout is double t ? (t <= 0 ? 0 : Math.Ceiling(t * 1e3) * 1e-3) : -1;
        var maxEvents = Math.Max(_table.Keys.Count, 1);
        var ready = new List<(SelectorKey key, int events)>();
        foreach (var (fd, mask) in _epoll.poll(to, maxEvents))
        {
            if (_table.FromFd(fd) is SelectorKey key)
            {
                ready.Add((key, FromPollMask(mask, Select.EPOLLIN, Select.EPOLLOUT) & key.events));
            }
        }

        return ready;
    }

    /// <inheritdoc/>
    public override void close()
    {
        _epoll.close();
        _table.Close();
    }

    /// <inheritdoc/>
    public override SelectorMapping? get_map() => _table.Map;
}

/// <summary>
/// selectors.KqueueSelector: kqueue-based (macOS); CPython's DefaultSelector there. Compiled on every OS,
/// usable on macOS only (PlatformNotSupportedException elsewhere).
/// </summary>
public class KqueueSelector : BaseSelector
{
    private const short FilterRead = -1;
    private const short FilterWrite = -2;
    private const ushort EvAdd = 0x1;
    private const ushort EvDelete = 0x2;

    private readonly SelectorTable _table = new();
    private readonly PollerHandle _kq;
    private int _maxEvents;

    /// <summary>KqueueSelector(): a new, empty selector over a new kqueue.</summary>
    public KqueueSelector()
    {
        if (!SelectPal.HasKqueue)
        {
            throw new PlatformNotSupportedException("module 'select' has no attribute 'kqueue' on this OS (CPython has kqueue on macOS and the BSDs)");
        }

        var err = SelectPal.KqueueCreate(out _kq);
        if (err != 0)
        {
            _kq.Dispose();
            throw Errors.FromErrno(err);
        }
    }

    /// <summary>fileno(): the kqueue descriptor (ValueError once closed).</summary>
    public int fileno() => _kq.IsClosed ? throw Errors.Value("I/O operation on closed kqueue object") : _kq.Fd;

    private unsafe void Control(int fd, short filter, ushort flags)
    {
        if (_kq.IsClosed)
        {
            throw Errors.Value("I/O operation on closed kqueue object");
        }

        var kev = new Libc.Multiplex.KEvent { Ident = (nuint)fd, Filter = filter, Flags = flags };
        var err = SelectPal.Kevent(_kq, &kev, 1, null, 0, 0, out _);
        if (err != 0)
        {
            throw Errors.FromErrno(err);
        }
    }

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null)
    {
        var key = _table.Register(fileobj, events, data);
        try
        {
            if ((events & Selectors.EVENT_READ) != 0)
            {
                Control(key.fd, FilterRead, EvAdd);
                _maxEvents++;
            }

            if ((events & Selectors.EVENT_WRITE) != 0)
            {
                Control(key.fd, FilterWrite, EvAdd);
                _maxEvents++;
            }
        }
        catch
        {
            _table.Unregister(fileobj);
            throw;
        }

        return key;
    }

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj)
    {
        var key = _table.Unregister(fileobj);
        if ((key.events & Selectors.EVENT_READ) != 0)
        {
            _maxEvents--;
            try
            {
                Control(key.fd, FilterRead, EvDelete);
            }
            catch (OSError)
            {
            }
        }

        if ((key.events & Selectors.EVENT_WRITE) != 0)
        {
            _maxEvents--;
            try
            {
                Control(key.fd, FilterWrite, EvDelete);
            }
            catch (OSError)
            {
            }
        }

        return key;
    }

    /// <summary>modify(fileobj, events, data=None): as CPython's _BaseSelectorImpl.modify.</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null)
    {
        var key = _table.Keys.TryGetValue(_table.Lookup(fileobj), out var k) ? k : throw SelectorTable.NotRegistered(fileobj);
        if (events != key.events)
        {
            unregister(fileobj);
            return register(fileobj, events, data);
        }

        if (!Equals(data, key.data))
        {
            key = key with { data = data };
            _table.Keys[key.fd] = key;
        }

        return key;
    }

    /// <inheritdoc/>
    public override unsafe List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        long nanos = timeout is double t ? SelectArgs.SecondsToNanos(Math.Max(t, 0)) : -1;
        if (_kq.IsClosed)
        {
            throw Errors.Value("I/O operation on closed kqueue object");
        }

        var max = _maxEvents > 0 ? _maxEvents : 1;
        var events = new Libc.Multiplex.KEvent[max];
        var deadline = nanos >= 0 ? SelectArgs.NowNanos() + nanos : 0;
        int count;
        fixed (Libc.Multiplex.KEvent* p = events)
        {
            while (true)
            {
                var err = SelectPal.Kevent(_kq, null, 0, p, max, nanos, out count);
                if (err == 0)
                {
                    break;
                }

                if (!SelectPal.IsInterrupted(err))
                {
                    throw Errors.FromErrno(err);
                }

                if (nanos >= 0)
                {
                    nanos = Math.Max(0, deadline - SelectArgs.NowNanos());
                }
            }
        }

        var ready = new List<(SelectorKey key, int events)>();
        for (var i = 0; i < count; i++)
        {
            var ev = (events[i].Filter == FilterRead ? Selectors.EVENT_READ : 0) | (events[i].Filter == FilterWrite ? Selectors.EVENT_WRITE : 0);
            if (_table.FromFd((int)events[i].Ident) is SelectorKey key)
            {
                ready.Add((key, ev & key.events));
            }
        }

        return ready;
    }

    /// <inheritdoc/>
    public override void close()
    {
        _kq.Dispose();
        _table.Close();
    }

    /// <inheritdoc/>
    public override SelectorMapping? get_map() => _table.Map;
}

/// <summary>
/// selectors.DefaultSelector: the selector CPython picks on this OS — <see cref="EpollSelector"/> on Linux,
/// <see cref="KqueueSelector"/> on macOS, <see cref="SelectSelector"/> on Windows — behind one class.
/// (In Python DefaultSelector is that class itself; here <see cref="Implementation"/> names it.)
/// </summary>
public sealed class DefaultSelector : BaseSelector
{
    private readonly BaseSelector _inner;

    /// <summary>DefaultSelector(): a new selector of the OS's best kind.</summary>
    public DefaultSelector() =>
        _inner = SelectPal.HasKqueue ? new KqueueSelector() : SelectPal.HasEpoll ? new EpollSelector() : SelectPal.HasPoll ? new PollSelector() : new SelectSelector();

    /// <summary>The selector doing the work (Python's <c>type(selectors.DefaultSelector())</c>).</summary>
    public BaseSelector Implementation => _inner;

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null) => _inner.register(fileobj, events, data);

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj) => _inner.unregister(fileobj);

    /// <inheritdoc/>
    public override SelectorKey modify(object fileobj, int events, object? data = null) => _inner.modify(fileobj, events, data);

    /// <inheritdoc/>
    public override List<(SelectorKey key, int events)> select(double? timeout = null) => _inner.select(timeout);

    /// <inheritdoc/>
    public override SelectorKey get_key(object fileobj) => _inner.get_key(fileobj);

    /// <inheritdoc/>
    public override void close() => _inner.close();

    /// <inheritdoc/>
    public override SelectorMapping? get_map() => _inner.get_map();
}
