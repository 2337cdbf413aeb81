using System;
using System.Buffers;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// select.epoll's object (Linux): an epoll descriptor, owned and closed exactly once. Disposing is
/// <c>close()</c>, so <c>using var ep = epoll();</c> is Python's <c>with select.epoll() as ep:</c>.
/// Any use after close is ValueError("I/O operation on closed epoll object").
/// </summary>
public sealed class EpollObject : IDisposable
{
    private readonly PollerHandle _handle;

    internal EpollObject(int sizehint, int flags)
    {
        if (!SelectPal.HasEpoll)
        {
            throw new PlatformNotSupportedException("module 'select' has no attribute 'epoll' on this OS (CPython has epoll() on Linux only)");
        }

        if (sizehint != -1 && sizehint <= 0)
        {
            throw Errors.Value("negative sizehint");
        }

        if (flags != 0 && flags != Select.EPOLL_CLOEXEC)
        {
            throw Errors.Message("invalid flags");
        }

        var err = SelectPal.EpollCreate(Select.EPOLL_CLOEXEC, out _handle);
        if (err != 0)
        {
            _handle.Dispose();
            throw Errors.FromErrno(err);
        }
    }

    private EpollObject(PollerHandle handle) => _handle = handle;

    /// <summary>epoll.fromfd(fd): an epoll object that takes ownership of an existing epoll descriptor (not checked, as in CPython); -1 makes a new one, as CPython's does.</summary>
    public static EpollObject fromfd(int fd)
    {
        if (!SelectPal.HasEpoll)
        {
            throw new PlatformNotSupportedException("module 'select' has no attribute 'epoll' on this OS (CPython has epoll() on Linux only)");
        }

        // CPython's newPyEpoll_Object: -1 (no descriptor) makes a new epoll.
        return fd == -1 ? new EpollObject(-1, 0) : new EpollObject(new PollerHandle(fd));
    }

    /// <summary>epoll.closed: true once closed.</summary>
    public bool closed => _handle.IsClosed || _handle.IsInvalid;

    /// <summary>fileno(): the epoll descriptor.</summary>
    public int fileno()
    {
        CheckOpen();
        return _handle.Fd;
    }

    /// <summary>close(): closes the epoll descriptor (after any call using it returns); a second close does nothing.</summary>
    public void close() => _handle.Dispose();

    /// <summary>Dispose(): <c>close()</c>, the end of Python's <c>with</c> block.</summary>
    public void Dispose() => close();

    /// <summary>register(fd, eventmask=EPOLLIN|EPOLLPRI|EPOLLOUT): epoll_ctl ADD; a registered descriptor is FileExistsError (EEXIST).</summary>
    public void register(object fd, uint eventmask = Select.EPOLLIN | Select.EPOLLPRI | Select.EPOLLOUT) =>
        Control(1 /* EPOLL_CTL_ADD */, fd, eventmask);

    /// <summary>modify(fd, eventmask): epoll_ctl MOD; an unregistered descriptor is FileNotFoundError (ENOENT).</summary>
    public void modify(object fd, uint eventmask) => Control(3 /* EPOLL_CTL_MOD */, fd, eventmask);

    /// <summary>unregister(fd): epoll_ctl DEL; an unregistered descriptor is FileNotFoundError (ENOENT).</summary>
    public void unregister(object fd) => Control(2 /* EPOLL_CTL_DEL */, fd, 0);

    /// <summary>
    /// poll(timeout=None, maxevents=-1): waits and returns up to maxevents (fd, events) pairs. The timeout is
    /// seconds rounded up to milliseconds; null or negative blocks (a negative below 1 ms rounds to 0 and
    /// polls, as in CPython). maxevents -1 is FD_SETSIZE-1; 0 or below -1 is ValueError. A signal retries with the time left.
    /// </summary>
    public unsafe List<(int fd, uint events)> poll(double? timeout = null, int maxevents = -1)
    {
        CheckOpen();
        long nanos = -1;
        var ms = -1;
        if (timeout is double t)
        {
            nanos = SelectArgs.SecondsToNanos(t);
            ms = SelectArgs.ToPollMillis(SelectArgs.DivideCeiling(nanos, 1_000_000));
        }

        if (maxevents == -1)
        {
            maxevents = SelectPal.FdSetSize - 1;
        }
        else if (maxevents < 1)
        {
            throw Errors.Value($"maxevents must be greater than 0, got {maxevents}");
        }

        var bytes = maxevents * SelectPal.EpollEventSize;
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            fixed (byte* p = buffer)
            {
                var wait = new EpollWaitCall { Handle = _handle, Buffer = p, MaxEvents = maxevents, FixedMs = ms };
                var err = SockCall.Retry(ref wait, Deadline.Start(nanos), SelectPal.Interrupted, fresh: true);
                if (err != 0 && err != SocketPal.TimedOut)
                {
                    throw err == Errno.EBADF && closed ? Closed() : Errors.FromErrno(err);
                }

                var count = err == 0 ? wait.Count : 0;
                var result = new List<(int fd, uint events)>(count);
                for (var i = 0; i < count; i++)
                {
                    var (fd, events) = SelectPal.EpollEventAt(p, i);
                    result.Add((fd, events));
                }

                return result;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // One epoll_wait: the first attempt with the whole timeout, retries with the time left (rounded toward +infinity
    // to milliseconds); a negative timeout (no deadline) keeps its conversion (-1, or 0 above -1 ms).
    private unsafe struct EpollWaitCall : ITimedWait
    {
        public PollerHandle Handle;
        public byte* Buffer;
        public int MaxEvents;
        public int FixedMs;
        public int Count;

        public int Attempt(long timeoutNanos)
        {
            var ms = timeoutNanos < 0 ? FixedMs : (int)Math.Min(int.MaxValue, SelectArgs.DivideCeiling(timeoutNanos, 1_000_000));
            return SelectPal.EpollWait(Handle, Buffer, MaxEvents, ms, out Count);
        }
    }

    private void Control(int op, object fd, uint eventmask)
    {
        CheckOpen();
        var n = SelectArgs.AsFd(fd);
        var err = SelectPal.EpollCtl(_handle, op, n, eventmask);
        if (err != 0)
        {
            throw err == Errno.EBADF && closed ? Closed() : Errors.FromErrno(err);
        }
    }

    private void CheckOpen()
    {
        if (closed)
        {
            throw Closed();
        }
    }

    private static ValueError Closed() => Errors.Value("I/O operation on closed epoll object");
}
