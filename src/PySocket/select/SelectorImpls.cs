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

    /// <summary>
    /// select(timeout=None): select() over the registered descriptors (timeout &lt;= 0 polls). The registered sockets are
    /// held for the call; one closed before it is OSError(EBADF) (WSAENOTSOCK on Windows), as select() on its closed
    /// descriptor is in CPython.
    /// </summary>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        long nanos = timeout is double t ? SelectArgs.SecondsToNanos(Math.Max(t, 0)) : -1;
        var readers = _readers.ToArray();
        var writers = _writers.ToArray();
        var rh = readers.Select(_table.HandleOf).ToArray();
        var wh = writers.Select(_table.HandleOf).ToArray();

        // On Windows the exceptional set is the writers too (a failed connect is reported there), and counts as writable.
        var windows = OperatingSystem.IsWindows();
        var ready = Select.SelectFds([readers, writers, windows ? writers : []], [rh, wh, windows ? wh : []], nanos);
        var rs = new HashSet<int>();
        var ws = new HashSet<int>();
        for (var i = 0; i < readers.Length; i++)
        {
            if (ready[0][i])
            {
                rs.Add(readers[i]);
            }
        }

        for (var i = 0; i < writers.Length; i++)
        {
            if (ready[1][i] || (windows && ready[2][i]))
            {
                ws.Add(writers[i]);
            }
        }

        var result = new List<(SelectorKey key, int events)>();
        foreach (var fd in new SortedSet<int>(rs.Concat(ws)))
        {
            var events = (rs.Contains(fd) ? Selectors.EVENT_READ : 0) | (ws.Contains(fd) ? Selectors.EVENT_WRITE : 0);
            if (_table.FromFd(fd) is SelectorKey key)
            {
                result.Add((key, events & key.events));
            }
        }

        return result;
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
    private readonly PollObject _poll;
    private readonly PollBackend _backend;

    /// <summary>PollSelector(): a new, empty selector (PlatformNotSupportedException on Windows, where CPython has no poll).</summary>
    public PollSelector()
    {
        _poll = Select.poll();
        _backend = new PollBackend(_poll);
    }

    private sealed class PollBackend(PollObject poll) : PollLikeBackend
    {
        public override void Add(SelectorTable table, int fd, int events) => poll.Register(fd, table.HandleOf(fd), Mask(events));

        public override void Change(int fd, int events) => poll.modify(fd, Mask(events));

        public override void Remove(int fd)
        {
            try
            {
                poll.unregister(fd);
            }
            catch (OSError)
            {
            }
            catch (KeyError)
            {
            }
        }

        private static int Mask(int events) =>
            ((events & Selectors.EVENT_READ) != 0 ? Select.POLLIN : 0) | ((events & Selectors.EVENT_WRITE) != 0 ? Select.POLLOUT : 0);
    }

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null) => _backend.Register(_table, fileobj, events, data);

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj) => _backend.Unregister(_table, fileobj);

    /// <summary>modify(fileobj, events, data=None): as CPython's _PollLikeSelector.modify.</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null) => _backend.Modify(_table, fileobj, events, data);

    /// <summary>
    /// select(timeout=None): poll() over the registered descriptors; the timeout is <c>math.ceil(timeout * 1e3)</c>
    /// milliseconds (&lt;= 0 polls, NaN ValueError, infinity OverflowError, as CPython). The registered sockets are held
    /// for the call; one closed before it reports POLLNVAL (readable and writable), as CPython's PollSelector does.
    /// </summary>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        double? ms = timeout is double t ? (t <= 0 ? 0 : SelectArgs.PollSelectorMillis(t)) : null;
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
    private readonly EpollObject _epoll;
    private readonly EpollBackend _backend;

    /// <summary>EpollSelector(): a new, empty selector over a new epoll descriptor (PlatformNotSupportedException off Linux).</summary>
    public EpollSelector()
    {
        _epoll = Select.epoll();
        _backend = new EpollBackend(_epoll);
    }

    /// <summary>fileno(): the epoll descriptor.</summary>
    public int fileno() => _epoll.fileno();

    /// <inheritdoc/>
    public override SelectorKey register(object fileobj, int events, object? data = null) => _backend.Register(_table, fileobj, events, data);

    /// <inheritdoc/>
    public override SelectorKey unregister(object fileobj) => _backend.Unregister(_table, fileobj);

    /// <summary>modify(fileobj, events, data=None): as CPython's _PollLikeSelector.modify.</summary>
    public override SelectorKey modify(object fileobj, int events, object? data = null) => _backend.Modify(_table, fileobj, events, data);

    private sealed class EpollBackend(EpollObject epoll) : PollLikeBackend
    {
        public override void Add(SelectorTable table, int fd, int events) => epoll.register(fd, Mask(events));

        public override void Change(int fd, int events) => epoll.modify(fd, Mask(events));

        public override void Remove(int fd)
        {
            try
            {
                epoll.unregister(fd);
            }
            catch (OSError)
            {
            }
        }

        private static uint Mask(int events) =>
            ((events & Selectors.EVENT_READ) != 0 ? Select.EPOLLIN : 0) | ((events & Selectors.EVENT_WRITE) != 0 ? Select.EPOLLOUT : 0);
    }

    /// <inheritdoc/>
    public override List<(SelectorKey key, int events)> select(double? timeout = null)
    {
        double to = timeout is double t ? (t <= 0 ? 0 : SelectArgs.CeilMillis(t) * 1e-3) : -1;
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

        var kev = new KEvent { Ident = (nuint)fd, Filter = filter, Flags = flags };
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
        var events = new KEvent[max];
        int count;
        fixed (KEvent* p = events)
        {
            var wait = new KeventWait { Kq = _kq, Events = p, Max = max };
            var err = SockCall.Retry(ref wait, Deadline.Start(nanos), SelectPal.Interrupted, fresh: true);
            if (err != 0 && err != SocketPal.TimedOut)
            {
                throw Errors.FromErrno(err);
            }

            count = err == 0 ? wait.Count : 0;
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

    // One kevent wait: the first attempt with the whole timeout (nanoseconds), retries with the time left.
    private unsafe struct KeventWait : ITimedWait
    {
        public PollerHandle Kq;
        public KEvent* Events;
        public int Max;
        public int Count;

        public int Attempt(long timeoutNanos) => SelectPal.Kevent(Kq, null, 0, Events, Max, timeoutNanos, out Count);
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

/// <summary>
/// What CPython's <c>_PollLikeSelector</c> shares between <see cref="PollSelector"/> and <see cref="EpollSelector"/>:
/// register, unregister and modify of the key table over one backend (poll or epoll), which maps the events to its
/// own mask and says which of its errors unregister ignores.
/// </summary>
internal abstract class PollLikeBackend
{
    /// <summary>Registers <paramref name="fd"/> for the selector <paramref name="events"/>.</summary>
    public abstract void Add(SelectorTable table, int fd, int events);

    /// <summary>Changes the events of a registered <paramref name="fd"/>.</summary>
    public abstract void Change(int fd, int events);

    /// <summary>Unregisters <paramref name="fd"/>, ignoring what CPython ignores there.</summary>
    public abstract void Remove(int fd);

    /// <summary>register: the key first, then the backend; a backend error takes the key back out.</summary>
    public SelectorKey Register(SelectorTable table, object fileobj, int events, object? data)
    {
        var key = table.Register(fileobj, events, data);
        try
        {
            Add(table, key.fd, events);
        }
        catch
        {
            table.Unregister(fileobj);
            throw;
        }

        return key;
    }

    /// <summary>unregister: the key, then the backend.</summary>
    public SelectorKey Unregister(SelectorTable table, object fileobj)
    {
        var key = table.Unregister(fileobj);
        Remove(key.fd);
        return key;
    }

    /// <summary>modify: as CPython's _PollLikeSelector.modify (a backend error unregisters the key and is raised).</summary>
    public SelectorKey Modify(SelectorTable table, object fileobj, int events, object? data)
    {
        var key = table.Keys.TryGetValue(table.Lookup(fileobj), out var k) ? k : throw SelectorTable.NotRegistered(fileobj);
        var changed = false;
        if (events != key.events)
        {
            try
            {
                Change(key.fd, events);
            }
            catch
            {
                table.Unregister(fileobj);
                throw;
            }

            changed = true;
        }

        if (changed || !Equals(data, key.data))
        {
            key = key with { events = events, data = data };
            table.Keys[key.fd] = key;
        }

        return key;
    }
}
