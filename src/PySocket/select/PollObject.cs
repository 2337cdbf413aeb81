using System;
using System.Collections.Generic;
using System.Threading;

namespace PySocket;

/// <summary>
/// select.poll's object: a set of descriptors, each with an event mask, waited on with poll(2).
/// Descriptors are numbers (an int, or an object's fileno() read at register time), as in Python.
/// </summary>
public sealed class PollObject
{
    private readonly Dictionary<int, (short Mask, SocketHandle? Handle)> _fds = new();

    // The registration order (CPython's dict keeps it, and poll() reports in it); a Dictionary reuses freed slots.
    private readonly List<int> _order = new();
    private PollFd[] _ufds = [];
    private SocketHandle?[] _handles = [];
    private bool _uptodate;
    private int _running;

    internal PollObject()
    {
    }

    /// <summary>
    /// register(fd, eventmask=POLLIN|POLLPRI|POLLOUT): adds the descriptor, or replaces its mask.
    /// A mask outside 0..65535 raises what CPython raises (OverflowError, ValueError).
    /// </summary>
    public void register(object fd, int eventmask = Select.POLLIN | Select.POLLPRI | Select.POLLOUT)
    {
        var n = SelectArgs.AsFd(fd);
        Register(n, SelectArgs.HandleOf(fd, n), eventmask);
    }

    /// <summary>register() of a descriptor with the socket handle behind it (held for each poll), as the selectors register.</summary>
    internal void Register(int fd, SocketHandle? handle, int eventmask)
    {
        var mask = CheckMask(eventmask);
        if (!_fds.ContainsKey(fd))
        {
            _order.Add(fd);
        }

        _fds[fd] = (mask, handle);
        _uptodate = false;
    }

    /// <summary>modify(fd, eventmask): changes a registered descriptor's mask; an unregistered one is FileNotFoundError (ENOENT).</summary>
    public void modify(object fd, int eventmask)
    {
        var n = SelectArgs.AsFd(fd);
        var mask = CheckMask(eventmask);
        if (!_fds.TryGetValue(n, out var entry))
        {
            throw Errors.FromErrno(Errno.ENOENT);
        }

        _fds[n] = (mask, entry.Handle);
        _uptodate = false;
    }

    /// <summary>unregister(fd): removes the descriptor; an unregistered one is KeyError(fd).</summary>
    public void unregister(object fd)
    {
        var n = SelectArgs.AsFd(fd);
        if (!_fds.Remove(n))
        {
            throw new KeyError(n);
        }

        _order.Remove(n);

        _uptodate = false;
    }

    /// <summary>
    /// poll(timeout=None): waits and returns (fd, events) pairs for the ready descriptors. The timeout is
    /// milliseconds (fractions round up), null or negative blocks; beyond int range is OverflowError("timeout is too large").
    /// A signal makes it retry with the time left. Two threads polling the same object is RuntimeError (InvalidOperationException).
    /// A registered socket is held for the call; one closed before it reports POLLNVAL, as poll(2) does for a closed
    /// descriptor, and its (possibly reused) number is not polled.
    /// </summary>
    public unsafe List<(int fd, int events)> poll(double? timeout = null)
    {
        long nanos = -1;
        int ms = -1;
        if (timeout is double t)
        {
            nanos = SelectArgs.MillisToNanos(t);
            ms = SelectArgs.ToPollMillis(SelectArgs.DivideUp(nanos, 1_000_000));
        }

        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("concurrent poll() invocation");
        }

        try
        {
            if (!_uptodate)
            {
                _ufds = new PollFd[_fds.Count];
                _handles = new SocketHandle?[_fds.Count];
                var i = 0;
                foreach (var fd in _order)
                {
                    var (mask, handle) = _fds[fd];
                    _handles[i] = handle;
                    _ufds[i++] = new PollFd { Fd = fd, Events = mask };
                }

                _uptodate = true;
            }

            var count = _ufds.Length;
            var ready = 0;
            using (var lease = HandleLease.Acquire(_handles))
            {
                fixed (PollFd* p = _ufds)
                {
                    var saved = lease.Closed > 0 ? new int[count] : null;
                    for (var i = 0; saved is not null && i < count; i++)
                    {
                        saved[i] = p[i].Fd;
                        if (lease.IsClosed(i))
                        {
                            p[i].Fd = -1; // poll(2) skips a negative descriptor
                        }
                    }

                    var wait = new PollWait { Fds = p, Count = count, FixedMs = ms, Immediate = lease.Closed > 0 };
                    var err = SockCall.Retry(ref wait, Deadline.Start(nanos), SelectPal.Interrupted, fresh: true);
                    for (var i = 0; saved is not null && i < count; i++)
                    {
                        p[i].Fd = saved[i];
                    }

                    if (err != 0 && err != SocketPal.TimedOut)
                    {
                        throw Errors.FromErrno(err);
                    }

                    ready = err == 0 ? wait.Ready : 0;
                    for (var i = 0; lease.Closed > 0 && i < count; i++)
                    {
                        if (lease.IsClosed(i))
                        {
                            p[i].REvents = Select.POLLNVAL;
                            ready++;
                        }
                    }
                }
            }

            var result = new List<(int fd, int events)>(ready);
            for (var i = 0; i < count && result.Count < ready; i++)
            {
                if (_ufds[i].REvents != 0)
                {
                    result.Add((_ufds[i].Fd, _ufds[i].REvents & 0xffff));
                    _ufds[i].REvents = 0;
                }
            }

            return result;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    // One poll(2): the first attempt with the whole timeout, retries with the time left (rounded up to milliseconds);
    // a negative timeout (no deadline) keeps its conversion; Immediate (a registered socket is closed) does not wait.
    private unsafe struct PollWait : ITimedWait
    {
        public PollFd* Fds;
        public int Count;
        public int FixedMs;
        public bool Immediate;
        public int Ready;

        public int Attempt(long timeoutNanos)
        {
            var ms = Immediate ? 0 : timeoutNanos < 0 ? FixedMs : (int)Math.Min(int.MaxValue, SelectArgs.DivideUp(timeoutNanos, 1_000_000));
            return SelectPal.Poll(Fds, Count, ms, out Ready);
        }
    }

    private static short CheckMask(int eventmask)
    {
        if (eventmask < 0)
        {
            throw Errors.Value("value must be positive");
        }

        if (eventmask > ushort.MaxValue)
        {
            throw Errors.Overflow("Python int too large for C unsigned short");
        }

        return unchecked((short)eventmask);
    }
}
