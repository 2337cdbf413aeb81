using System;
using System.Diagnostics;

namespace PySocket;

/// <summary>
/// The socketserver selector: a poll on the server's socket through the platform layer's one poll loop
/// (<see cref="SockCall.Wait"/>), plus an optional wake-up socket pair so that shutdown() and a cancelled token
/// end a serve_forever wait at once instead of after poll_interval. CPython uses selectors.PollSelector, which
/// polls the same way (timeouts rounded up to whole milliseconds, EINTR retried with the time left).
/// </summary>
internal sealed class ServerPoll : IDisposable
{
    private static readonly SocketPal Pal = SocketPal.Current;

    private readonly object _gate = new();
    private readonly PollEntry[] _entries = new PollEntry[2];
    private SocketHandle? _wakeRead;
    private SocketHandle? _wakeWrite;

    /// <summary>A poller with a wake-up pair (for serve_forever).</summary>
    public static ServerPoll WithWakeup()
    {
        var poll = new ServerPoll();
        SocketObject.Check(Pal.SocketPair(Socket.AF_UNIX, Socket.SOCK_STREAM, 0, out var read, out var write));
        poll._wakeRead = read;
        poll._wakeWrite = write;
        var err = Pal.SetNonBlocking(read!, true);
        if (err == 0)
        {
            err = Pal.SetNonBlocking(write!, true);
        }

        if (err != 0)
        {
            poll.Dispose();
            throw Errors.FromPal(err);
        }

        return poll;
    }

    /// <summary>
    /// The handle to poll for <paramref name="server"/>'s <paramref name="fd"/> (its fileno()): the server socket's
    /// own handle for a TCPServer (so a poll never reaches a reused number), otherwise a handle borrowed for the
    /// wait and given back (not closed) by <see cref="PollTarget.Dispose"/>.
    /// </summary>
    public static PollTarget Target(BaseServer server, int fd)
    {
        if (server is TCPServer tcp && tcp.socket is { } sock && sock.fileno() == fd)
        {
            return new PollTarget(sock.Handle, borrowed: false);
        }

        SocketObject.Check(Pal.Adopt(fd, out var handle));
        return new PollTarget(handle!, borrowed: true);
    }

    /// <summary>Wakes a waiting <see cref="Wait"/> (does nothing once disposed).</summary>
    public unsafe void Wake()
    {
        lock (_gate)
        {
            if (_wakeWrite is not null)
            {
                byte b = 1;
                _ = Pal.Send(_wakeWrite, &b, 1, 0, out _);
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="server"/> is readable, the poller is woken, or <paramref name="timeout"/> seconds
    /// pass (null waits forever; 0 or less does not wait, as PollSelector.select). True when the server reported an
    /// event (POLLIN, or an error the next accept/recvfrom will raise; a closed socket counts, as POLLNVAL does).
    /// </summary>
    public bool Wait(SocketHandle server, double? timeout)
    {
        var nanos = timeout is not double s ? -1 : s <= 0 ? 0 : Math.Max(1, (long)(PollMillis(s) * 1_000_000L));
        var deadline = PySocket.Deadline.Start(nanos);
        var entries = _entries.AsSpan();
        entries[0] = new PollEntry { Handle = server, Events = PollEvents.Read };
        var wake = _wakeRead;
        var count = 1;
        if (wake is not null)
        {
            entries[1] = new PollEntry { Handle = wake, Events = PollEvents.Read };
            count = 2;
        }

        var err = SockCall.Wait(Pal, entries[..count], deadline, out _);
        if (err == Pal.Errors.BadDescriptor)
        {
            // A closed server socket: selectors reports POLLNVAL as an event, and the next accept raises.
            return server.IsCloseRequested;
        }

        if (err != 0 && err != SocketPal.TimedOut)
        {
            throw Errors.FromPal(err);
        }

        if (count == 2 && entries[1].REvents != PollEvents.None)
        {
            Drain();
        }

        return entries[0].REvents != PollEvents.None;
    }

    /// <summary>Closes the wake-up pair.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _wakeRead?.CloseSocket();
            _wakeWrite?.CloseSocket();
            _wakeRead = _wakeWrite = null;
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

    private unsafe void Drain()
    {
        var buf = stackalloc byte[64];
        while (_wakeRead is { } read && Pal.Recv(read, buf, 64, 0, out var n) == 0 && n > 0)
        {
        }
    }

    /// <summary>The handle a server's wait polls; a borrowed one is detached (left open) on disposal.</summary>
    public readonly struct PollTarget : IDisposable
    {
        private readonly bool _borrowed;

        /// <summary>A target over <paramref name="handle"/>.</summary>
        public PollTarget(SocketHandle handle, bool borrowed)
        {
            Handle = handle;
            _borrowed = borrowed;
        }

        /// <summary>The handle to poll.</summary>
        public SocketHandle Handle { get; }

        /// <summary>Gives a borrowed number back without closing it.</summary>
        public void Dispose()
        {
            if (_borrowed)
            {
                Handle.Detach();
            }
        }
    }
}
