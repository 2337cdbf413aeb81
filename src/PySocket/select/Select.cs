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
    /// with the time left. A socket closed before the call is OSError(EBADF) (the socket is held for the call, so its number
    /// is never reused under it). On Windows only sockets work (fileno() is the SOCKET handle), and three empty lists raise
    /// OSError [WinError 10022] as in CPython.
    /// </summary>
    public static (List<T> rlist, List<T> wlist, List<T> xlist) select<T>(
        IEnumerable<T> rlist, IEnumerable<T> wlist, IEnumerable<T> xlist, double? timeout = null)
    {
        long timeoutNanos = -1;
        if (timeout is double t)
        {
            timeoutNanos = SelectArgs.SecondsToNanos(t);
            if (SelectArgs.DivideUp(timeoutNanos, 1000) < 0)
            {
                throw Errors.Value("timeout must be non-negative");
            }
        }

        if (rlist is null || wlist is null || xlist is null)
        {
            throw Errors.Type("arguments 1-3 must be sequences");
        }

        var sets = new[] { rlist.ToArray(), wlist.ToArray(), xlist.ToArray() };
        var fds = new int[3][];
        var handles = new SocketHandle?[3][];
        for (var s = 0; s < 3; s++)
        {
            fds[s] = new int[sets[s].Length];
            handles[s] = new SocketHandle?[sets[s].Length];
            for (var i = 0; i < sets[s].Length; i++)
            {
                var fd = SelectArgs.AsFd(sets[s][i]);
                CheckSelectable(fd, i);
                fds[s][i] = fd;
                handles[s][i] = SelectArgs.HandleOf(sets[s][i], fd);
            }
        }

        var ready = SelectFds(fds, handles, timeoutNanos);
        var result = new List<T>[3];
        for (var s = 0; s < 3; s++)
        {
            result[s] = new List<T>();
            for (var i = 0; i < fds[s].Length; i++)
            {
                if (ready[s][i])
                {
                    result[s].Add(sets[s][i]);
                }
            }
        }

        return (result[0], result[1], result[2]);
    }

    /// <summary>
    /// CPython's seq2set checks of one list entry, made right after its conversion (so the first bad entry, in
    /// rlist, wlist, xlist order, gives the error): a number select cannot take on Unix, then the list's length.
    /// </summary>
    private static void CheckSelectable(int fd, int index)
    {
        if (!OperatingSystem.IsWindows() && fd >= SelectPal.FdSetSize)
        {
            throw Errors.Value("filedescriptor out of range in select()");
        }

        if (index >= SelectPal.FdSetSize)
        {
            throw Errors.Value("too many file descriptors in select()");
        }
    }

    /// <summary>
    /// select() over descriptor numbers (three sets) with the handles behind them (null for bare numbers), held for
    /// the call: which entries are ready. <paramref name="timeoutNanos"/> -1 blocks. A handle closed before the call
    /// is OSError(EBADF) (WSAENOTSOCK on Windows), what select gives for a closed descriptor, without passing its number.
    /// </summary>
    internal static bool[][] SelectFds(int[][] fds, SocketHandle?[][] handles, long timeoutNanos)
    {
        var max = -1;
        for (var s = 0; s < 3; s++)
        {
            for (var i = 0; i < fds[s].Length; i++)
            {
                CheckSelectable(fds[s][i], i);
                max = Math.Max(max, fds[s][i]);
            }
        }

        using var lease = HandleLease.Acquire([.. handles[0], .. handles[1], .. handles[2]]);
        if (lease.Closed > 0)
        {
            throw Error(SelectPal.ClosedError);
        }

        return OperatingSystem.IsWindows() ? SelectWindows(fds, timeoutNanos) : SelectUnix(fds, max, timeoutNanos);
    }

    /// <summary>The OSError for a select-module error number: errno, or on Windows the Winsock code ([WinError 10022] ...).</summary>
    internal static OSError Error(int err) => Error(OsTables.Current, err);

    /// <summary><see cref="Error(int)"/> with the error rules of <paramref name="os"/>.</summary>
    internal static OSError Error(OsKind os, int err) => os == OsKind.Windows ? Errors.FromWinError(err) : Errors.FromErrno(os, err);

    private static unsafe bool[][] SelectUnix(int[][] fds, int max, long timeoutNanos)
    {
        const int n = SelectPal.UnixFdSetBytes;
        var bits = stackalloc byte[3 * n];
        var wait = new UnixSelectWait { Fds = fds, Bits = bits, Nfds = max + 1 };
        var err = SockCall.Retry(ref wait, Deadline.Start(timeoutNanos), SelectPal.Interrupted, fresh: true);
        if (err == SocketPal.TimedOut)
        {
            // bpo-35310: the time ran out after a signal; nothing is ready.
            new Span<byte>(bits, 3 * n).Clear();
        }
        else if (err != 0)
        {
            throw Error(err);
        }

        var result = new bool[3][];
        for (var s = 0; s < 3; s++)
        {
            result[s] = new bool[fds[s].Length];
            for (var i = 0; i < fds[s].Length; i++)
            {
                var fd = fds[s][i];
                result[s][i] = (bits[(s * n) + (fd >> 3)] & (1 << (fd & 7))) != 0;
            }
        }

        return result;
    }

    private static unsafe bool[][] SelectWindows(int[][] fds, long timeoutNanos)
    {
        var size = 1 + SelectPal.FdSetSize;
        var buffer = new nint[3 * size];
        fixed (nint* p = buffer)
        {
            var wait = new WindowsSelectWait { Fds = fds, Sets = p, Size = size };
            var err = SockCall.Retry(ref wait, Deadline.Start(timeoutNanos), SelectPal.Interrupted, fresh: true);
            if (err == SocketPal.TimedOut)
            {
                Array.Clear(buffer);
            }
            else if (err != 0)
            {
                // Three empty sets: WSAEINVAL, OSError [WinError 10022] as in CPython.
                throw Error(err);
            }

            var result = new bool[3][];
            for (var s = 0; s < 3; s++)
            {
                var set = p + (s * size);
                result[s] = new bool[fds[s].Length];
                for (var i = 0; i < fds[s].Length; i++)
                {
                    for (var k = 0; k < set[0]; k++)
                    {
                        if (set[1 + k] == fds[s][i])
                        {
                            result[s][i] = true;
                            break;
                        }
                    }
                }
            }

            return result;
        }
    }

    // One select(2): the sets are rebuilt for each attempt (select overwrites them); the timeout rounds up to microseconds.
    private unsafe struct UnixSelectWait : ITimedWait
    {
        public int[][] Fds;
        public byte* Bits;
        public int Nfds;

        public int Attempt(long timeoutNanos)
        {
            const int n = SelectPal.UnixFdSetBytes;
            new Span<byte>(Bits, 3 * n).Clear();
            for (var s = 0; s < 3; s++)
            {
                foreach (var fd in Fds[s])
                {
                    Bits[(s * n) + (fd >> 3)] |= (byte)(1 << (fd & 7));
                }
            }

            return SelectPal.Select(Nfds, Bits, Bits + n, Bits + (2 * n), timeoutNanos < 0 ? -1 : SelectArgs.DivideUp(timeoutNanos, 1000), out _);
        }
    }

    // One Winsock select over fd_sets laid out as nint[1 + FD_SETSIZE] (count, then SOCKETs; a SOCKET appears once).
    private unsafe struct WindowsSelectWait : ITimedWait
    {
        public int[][] Fds;
        public nint* Sets;
        public int Size;

        public int Attempt(long timeoutNanos)
        {
            new Span<nint>(Sets, 3 * Size).Clear();
            for (var s = 0; s < 3; s++)
            {
                var set = Sets + (s * Size);
                foreach (var fd in Fds[s])
                {
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

            return SelectPal.WinSelect(Sets, Sets + Size, Sets + (2 * Size), timeoutNanos < 0 ? -1 : SelectArgs.DivideUp(timeoutNanos, 1000), out _);
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
