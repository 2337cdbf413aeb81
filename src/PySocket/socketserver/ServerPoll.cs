using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The socketserver selector: poll(2) on the server's descriptor, plus an optional wake-up socket pair
/// so that shutdown() and a cancelled token end a serve_forever wait at once instead of after
/// poll_interval. CPython uses selectors.PollSelector, which polls the same way (timeouts rounded up to
/// whole milliseconds, EINTR retried).
/// </summary>
internal sealed class ServerPoll : IDisposable
{
    private readonly object _gate = new();
    private int _readFd = -1;
    private int _writeFd = -1;

    /// <summary>A poller with a wake-up pair (for serve_forever).</summary>
    public static unsafe ServerPoll WithWakeup()
    {
        var poll = new ServerPoll();
        var sv = stackalloc int[2];
        if (Libc.SocketPair(Socket.AF_UNIX, Socket.SOCK_STREAM | Socket.SOCK_CLOEXEC | Socket.SOCK_NONBLOCK, 0, sv) < 0)
        {
            throw Errors.LastError();
        }

        poll._readFd = sv[0];
        poll._writeFd = sv[1];
        return poll;
    }

    /// <summary>Wakes a waiting <see cref="Wait"/> (does nothing once disposed).</summary>
    public unsafe void Wake()
    {
        lock (_gate)
        {
            if (_writeFd >= 0)
            {
                byte b = 1;
                _ = Libc.Send(_writeFd, &b, 1, Socket.MSG_DONTWAIT | Socket.MSG_NOSIGNAL);
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="fd"/> is readable, the poller is woken, or <paramref name="timeout"/> seconds
    /// pass (null waits forever; 0 or less does not wait, as PollSelector.select). True when <paramref name="fd"/>
    /// reported an event (POLLIN, or an error the next accept/recvfrom will raise).
    /// </summary>
    public unsafe bool Wait(int fd, double? timeout)
    {
        var ms = timeout is not double s ? -1 : s <= 0 ? 0 : PollMillis(s);
        var deadline = timeout is double t && t > 0 ? Deadline(t) : 0;
        var fds = stackalloc Libc.PollFd[2];
        while (true)
        {
            fds[0] = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
            fds[1] = new Libc.PollFd { Fd = _readFd, Events = Libc.POLLIN };
            var rc = Libc.Poll(fds, _readFd >= 0 ? 2u : 1u, ms);
            if (rc >= 0)
            {
                if (_readFd >= 0 && fds[1].REvents != 0)
                {
                    Drain();
                }

                return rc > 0 && fds[0].REvents != 0;
            }

            var err = Marshal.GetLastPInvokeError();
            if (err != Errno.EINTR)
            {
                throw Errors.FromErrno(err);
            }

            // PEP 475: retry with the time that is left.
            if (deadline != 0)
            {
                var left = (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
                ms = left <= 0 ? 0 : ToMillis(left);
            }
        }
    }

    /// <summary>Closes the wake-up pair.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_readFd >= 0)
            {
                _ = Libc.Close(_readFd);
                _ = Libc.Close(_writeFd);
                _readFd = _writeFd = -1;
            }
        }
    }

    /// <summary>Now plus <paramref name="seconds"/> in Stopwatch ticks, saturating instead of overflowing for huge timeouts.</summary>
    public static long Deadline(double seconds)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = seconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    /// <summary>
    /// PollSelector.select's <c>math.ceil(timeout * 1e3)</c> then select.poll's conversion, with their errors: NaN
    /// (ValueError), infinity, a value beyond _PyTime_t's nanoseconds, or more than INT_MAX milliseconds (OverflowError).
    /// </summary>
    private static int PollMillis(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            throw Errors.Value("cannot convert float NaN to integer");
        }

        if (double.IsPositiveInfinity(seconds))
        {
            throw Errors.Overflow("cannot convert float infinity to integer");
        }

        var ms = Math.Ceiling(seconds * 1e3);
        if (ms > long.MaxValue / 1_000_000)
        {
            throw Errors.Overflow("timestamp too large to convert to C _PyTime_t");
        }

        return ms > int.MaxValue ? throw Errors.Overflow("timeout is too large") : (int)ms;
    }

    private static int ToMillis(double seconds) => (int)Math.Min(int.MaxValue, Math.Ceiling(seconds * 1e3));

    private unsafe void Drain()
    {
        var buf = stackalloc byte[64];
        while (Libc.Recv(_readFd, buf, 64, Socket.MSG_DONTWAIT) > 0)
        {
        }
    }
}
