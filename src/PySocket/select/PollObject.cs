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
    private readonly Dictionary<int, short> _fds = new();
    private Libc.Multiplex.PollFd[] _ufds = [];
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
        var mask = CheckMask(eventmask);
        _fds[n] = mask;
        _uptodate = false;
    }

    /// <summary>modify(fd, eventmask): changes a registered descriptor's mask; an unregistered one is FileNotFoundError (ENOENT).</summary>
    public void modify(object fd, int eventmask)
    {
        var n = SelectArgs.AsFd(fd);
        var mask = CheckMask(eventmask);
        if (!_fds.ContainsKey(n))
        {
            throw Errors.FromErrno(Errno.ENOENT);
        }

        _fds[n] = mask;
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

        _uptodate = false;
    }

    /// <summary>
    /// poll(timeout=None): waits and returns (fd, events) pairs for the ready descriptors. The timeout is
    /// milliseconds (fractions round up), null or negative blocks; beyond int range is OverflowError("timeout is too large").
    /// A signal makes it retry with the time left. Two threads polling the same object is RuntimeError (InvalidOperationException).
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

        var deadline = nanos >= 0 ? SelectArgs.NowNanos() + nanos : 0;
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("concurrent poll() invocation");
        }

        try
        {
            if (!_uptodate)
            {
                _ufds = new Libc.Multiplex.PollFd[_fds.Count];
                var i = 0;
                foreach (var (fd, mask) in _fds)
                {
                    _ufds[i++] = new Libc.Multiplex.PollFd { Fd = fd, Events = mask };
                }

                _uptodate = true;
            }

            var count = _ufds.Length;
            int ready;
            fixed (Libc.Multiplex.PollFd* p = _ufds)
            {
                while (true)
                {
                    var err = SelectPal.Poll(p, count, ms, out ready);
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
                        ms = (int)Math.Max(0, SelectArgs.DivideUp(deadline - SelectArgs.NowNanos(), 1_000_000));
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
