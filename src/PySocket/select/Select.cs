using System;
using System.Collections.Generic;
using System.Linq;

namespace PySocket;

/// <summary>
/// Python's <c>select</c> module: <see cref="select{T}"/> on every OS, <see cref="poll"/> on Linux and macOS,
/// <see cref="epoll"/> on Linux, with the POLL*/EPOLL* constants and <see cref="PIPE_BUF"/>. Use it as
/// <c>using static PySocket.Select;</c> so that ported code reads <c>var (r, w, x) = select(inputs, outputs, inputs, 1.0);</c>.
/// Descriptors are numbers, as in Python: anything with a <c>fileno()</c> (a <see cref="SocketObject"/>, a
/// makefile() file, an <see cref="IFileno"/>) or an int. Python's KeyError is <see cref="KeyError"/>
/// (a <see cref="KeyNotFoundException"/>); a function CPython lacks on the running OS raises
/// <see cref="PlatformNotSupportedException"/> (Python would raise AttributeError).
/// </summary>
public static partial class Select
{
    /// <summary>select.POLLIN: there is data to read.</summary>
    public const int POLLIN = 0x001;

    /// <summary>select.POLLPRI: there is urgent data to read.</summary>
    public const int POLLPRI = 0x002;

    /// <summary>select.POLLOUT: ready for output.</summary>
    public const int POLLOUT = 0x004;

    /// <summary>select.POLLERR: error condition.</summary>
    public const int POLLERR = 0x008;

    /// <summary>select.POLLHUP: hung up.</summary>
    public const int POLLHUP = 0x010;

    /// <summary>select.POLLNVAL: invalid request, descriptor not open.</summary>
    public const int POLLNVAL = 0x020;

    /// <summary>select.POLLRDNORM: normal data may be read (0x40 on Linux and macOS).</summary>
    public const int POLLRDNORM = 0x040;

    /// <summary>select.POLLRDBAND: priority data may be read (0x80 on Linux and macOS).</summary>
    public const int POLLRDBAND = 0x080;

    /// <summary>select.POLLWRNORM: normal data may be written (0x100 on Linux, 0x4 = POLLOUT on macOS).</summary>
    public static readonly int POLLWRNORM = OperatingSystem.IsMacOS() ? 0x004 : 0x100;

    /// <summary>select.POLLWRBAND: priority data may be written (0x200 on Linux, 0x100 on macOS).</summary>
    public static readonly int POLLWRBAND = OperatingSystem.IsMacOS() ? 0x100 : 0x200;

    /// <summary>select.POLLMSG (Linux): a message is available.</summary>
    public const int POLLMSG = 0x400;

    /// <summary>select.POLLRDHUP (Linux): the peer shut down writing.</summary>
    public const int POLLRDHUP = 0x2000;

    /// <summary>select.EPOLLIN (Linux).</summary>
    public const uint EPOLLIN = 0x001;

    /// <summary>select.EPOLLPRI (Linux).</summary>
    public const uint EPOLLPRI = 0x002;

    /// <summary>select.EPOLLOUT (Linux).</summary>
    public const uint EPOLLOUT = 0x004;

    /// <summary>select.EPOLLERR (Linux).</summary>
    public const uint EPOLLERR = 0x008;

    /// <summary>select.EPOLLHUP (Linux).</summary>
    public const uint EPOLLHUP = 0x010;

    /// <summary>select.EPOLLRDNORM (Linux).</summary>
    public const uint EPOLLRDNORM = 0x040;

    /// <summary>select.EPOLLRDBAND (Linux).</summary>
    public const uint EPOLLRDBAND = 0x080;

    /// <summary>select.EPOLLWRNORM (Linux).</summary>
    public const uint EPOLLWRNORM = 0x100;

    /// <summary>select.EPOLLWRBAND (Linux).</summary>
    public const uint EPOLLWRBAND = 0x200;

    /// <summary>select.EPOLLMSG (Linux).</summary>
    public const uint EPOLLMSG = 0x400;

    /// <summary>select.EPOLLRDHUP (Linux).</summary>
    public const uint EPOLLRDHUP = 0x2000;

    /// <summary>select.EPOLLEXCLUSIVE (Linux).</summary>
    public const uint EPOLLEXCLUSIVE = 1u << 28;

    /// <summary>select.EPOLLONESHOT (Linux).</summary>
    public const uint EPOLLONESHOT = 1u << 30;

    /// <summary>select.EPOLLET (Linux): edge-triggered.</summary>
    public const uint EPOLLET = 1u << 31;

    /// <summary>select.EPOLL_CLOEXEC (Linux): the only flag epoll() accepts.</summary>
    public const int EPOLL_CLOEXEC = 0x80000;

    /// <summary>select.PIPE_BUF: the pipe write size that is atomic (4096 on Linux, 512 on macOS).</summary>
    public static readonly int PIPE_BUF = OperatingSystem.IsMacOS() ? 512 : 4096;

    /// <summary>
    /// select(rlist, wlist, xlist, timeout=None): waits until some of the objects are ready for reading,
    /// writing or an exceptional condition, and returns the ready subsets of the <em>original objects</em>
    /// in input order. <paramref name="timeout"/> is seconds (rounded up to microseconds), 0 polls,
    /// null blocks; negative is ValueError("timeout must be non-negative"). A descriptor at or above
    /// FD_SETSIZE (1024) is ValueError("filedescriptor out of range in select()"); a signal makes it retry
    /// with the time left. On Windows only sockets work, and three empty lists raise OSError (WSAEINVAL) as in CPython.
    /// </summary>
    public static unsafe (List<T> rlist, List<T> wlist, List<T> xlist) select<T>(
        IEnumerable<T> rlist, IEnumerable<T> wlist, IEnumerable<T> xlist, double? timeout = null)
    {
        long timeoutMicros = -1;
        long deadline = 0;
        if (timeout is double t)
        {
            var nanos = SelectArgs.SecondsToNanos(t);
            timeoutMicros = SelectArgs.DivideUp(nanos, 1000);
            if (timeoutMicros < 0)
            {
                throw Errors.Value("timeout must be non-negative");
            }

            deadline = SelectArgs.NowNanos() + nanos;
        }

        if (rlist is null || wlist is null || xlist is null)
        {
            throw Errors.Type("arguments 1-3 must be sequences");
        }

        var sets = new[] { rlist.ToArray(), wlist.ToArray(), xlist.ToArray() };
        var fds = new int[3][];
        var max = -1;
        for (var s = 0; s < 3; s++)
        {
            fds[s] = new int[sets[s].Length];
            for (var i = 0; i < sets[s].Length; i++)
            {
                var fd = SelectArgs.AsFd(sets[s][i]);
                if (!OperatingSystem.IsWindows() && fd >= SelectPal.FdSetSize)
                {
                    throw Errors.Value("filedescriptor out of range in select()");
                }

                fds[s][i] = fd;
                max = Math.Max(max, fd);
            }

            if (OperatingSystem.IsWindows() && fds[s].Length > SelectPal.FdSetSize)
            {
                throw Errors.Value("too many file descriptors in select()");
            }
        }

        return OperatingSystem.IsWindows()
            ? SelectWindows(sets, fds, timeoutMicros, deadline)
            : SelectUnix(sets, fds, max, timeoutMicros, deadline);
    }

    private static unsafe (List<T>, List<T>, List<T>) SelectUnix<T>(T[][] sets, int[][] fds, int max, long timeoutMicros, long deadline)
    {
        const int n = SelectPal.UnixFdSetBytes;
        var bits = stackalloc byte[3 * n];
        while (true)
        {
            new Span<byte>(bits, 3 * n).Clear();
            for (var s = 0; s < 3; s++)
            {
                foreach (var fd in fds[s])
                {
                    bits[(s * n) + (fd >> 3)] |= (byte)(1 << (fd & 7));
                }
            }

            var err = SelectPal.Select(max + 1, bits, bits + n, bits + (2 * n), timeoutMicros, out _);
            if (err == 0)
            {
                break;
            }

            if (!SelectPal.IsInterrupted(err))
            {
                throw Errors.FromErrno(err);
            }

            if (timeoutMicros >= 0)
            {
                timeoutMicros = Math.Max(0, SelectArgs.DivideUp(deadline - SelectArgs.NowNanos(), 1000));
            }
        }

        var result = new List<T>[3];
        for (var s = 0; s < 3; s++)
        {
            result[s] = new List<T>();
            for (var i = 0; i < fds[s].Length; i++)
            {
                var fd = fds[s][i];
                if ((bits[(s * n) + (fd >> 3)] & (1 << (fd & 7))) != 0)
                {
                    result[s].Add(sets[s][i]);
                }
            }
        }

        return (result[0], result[1], result[2]);
    }

    private static unsafe (List<T>, List<T>, List<T>) SelectWindows<T>(T[][] sets, int[][] fds, long timeoutMicros, long deadline)
    {
        var size = 1 + SelectPal.FdSetSize;
        var buffer = new nint[3 * size];
        fixed (nint* p = buffer)
        {
            while (true)
            {
                Array.Clear(buffer);
                for (var s = 0; s < 3; s++)
                {
                    var set = p + (s * size);
                    foreach (var fd in fds[s])
                    {
                        // FD_SET: a SOCKET appears once.
                        var present = false;
                        for (var k = 0; k < set[0]; k++)
                        {
                            present |= set[1 + k] == fd;
                        }

                        if (!present)
                        {
                            set[1 + set[0]] = fd;
                            set[0]++;
                        }
                    }
                }

                var err = SelectPal.WinSelect(p, p + size, p + (2 * size), timeoutMicros, out _);
                if (err == 0)
                {
                    break;
                }

                if (err == SelectPal.WinEmptySetsError)
                {
                    throw Errors.FromErrno(Errno.EINVAL, Errors.Strerror(err));
                }

                throw Errors.FromErrno(err);
            }

            var result = new List<T>[3];
            for (var s = 0; s < 3; s++)
            {
                var set = p + (s * size);
                result[s] = new List<T>();
                for (var i = 0; i < fds[s].Length; i++)
                {
                    for (var k = 0; k < set[0]; k++)
                    {
                        if (set[1 + k] == fds[s][i])
                        {
                            result[s].Add(sets[s][i]);
                            break;
                        }
                    }
                }
            }

            _ = deadline;
            return (result[0], result[1], result[2]);
        }
    }

    /// <summary>poll(): a new polling object (Linux and macOS; CPython has none on Windows).</summary>
    public static PollObject poll()
    {
        if (!SelectPal.HasPoll)
        {
            throw new PlatformNotSupportedException("module 'select' has no attribute 'poll' on this OS (CPython has poll() on Linux and macOS)");
        }

        return new PollObject();
    }

    /// <summary>
    /// epoll(sizehint=-1, flags=0): a new edge/level-triggered polling object over an epoll descriptor
    /// (Linux only). sizehint 0 or below -1 is ValueError("negative sizehint"); flags other than 0 and
    /// EPOLL_CLOEXEC are OSError("invalid flags"). The descriptor is always close-on-exec, as in CPython.
    /// </summary>
    public static EpollObject epoll(int sizehint = -1, int flags = 0) => new EpollObject(sizehint, flags);
}
