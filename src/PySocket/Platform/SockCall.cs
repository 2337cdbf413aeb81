using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// How long one Python-level operation may wait, in CPython's model: a socket timeout is a deadline for the
/// whole operation (not per system call), polled before each attempt.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _expires;

    private Deadline(long timeoutNanos, long expires, bool shared, bool perWait)
    {
        TimeoutNanos = timeoutNanos;
        _expires = expires;
        Shared = shared;
        PerWait = perWait;
    }

    /// <summary>The socket's timeout: -1 blocking (None), 0 non-blocking, &gt; 0 timeout mode (nanoseconds).</summary>
    public long TimeoutNanos { get; }

    /// <summary>
    /// The descriptor's blocking flag is not (only) ours: .NET may have changed it through <c>NetSocket</c>
    /// (async calls make it non-blocking; <c>Blocking = true</c> makes it blocking), or the caller wants
    /// socket.py's sendfile behaviour. The loop then keeps the socket's own mode whatever the flag is:
    /// blocking mode treats EAGAIN as "poll without a timeout and retry" (never BlockingIOError), and
    /// non-blocking mode polls with a zero timeout before each attempt (not ready is EAGAIN, never a wait).
    /// </summary>
    public bool Shared { get; }

    /// <summary>Each wait gets the full timeout (socket.py's selector.select(timeout) loops, e.g. sendfile) instead of one deadline.</summary>
    public bool PerWait { get; }

    /// <summary>True in timeout mode: poll before each attempt.</summary>
    public bool HasTimeout => TimeoutNanos > 0;

    /// <summary>The deadline of an operation starting now on a socket with <paramref name="timeoutNanos"/>.</summary>
    public static Deadline Start(long timeoutNanos, bool shared = false) =>
        new(timeoutNanos, timeoutNanos > 0 ? Expiry(timeoutNanos) : 0, shared, perWait: false);

    /// <summary>A wait budget where every wait gets the full <paramref name="timeoutNanos"/> (socket.py's selector loops).</summary>
    public static Deadline EachWait(long timeoutNanos, bool shared) =>
        new(timeoutNanos, 0, shared, perWait: true);

    /// <summary>
    /// The timeout for the next wait in nanoseconds: -1 forever (blocking mode), 0 (non-blocking mode), the full
    /// timeout (<see cref="PerWait"/>), else the time left. False when the deadline has passed (the operation times out).
    /// </summary>
    public bool TryRemaining(out long nanos)
    {
        if (TimeoutNanos <= 0 || PerWait)
        {
            nanos = TimeoutNanos < 0 ? -1 : TimeoutNanos;
            return true;
        }

        var remaining = _expires - Stopwatch.GetTimestamp();
        nanos = remaining <= 0 ? 0 : TicksToNanos(remaining);
        return remaining > 0;
    }

    /// <summary>Nanoseconds as a poll(2)/epoll_wait timeout: rounded up to milliseconds (_PyTime_ROUND_CEILING), at most INT_MAX; -1 stays -1.</summary>
    public static int CeilingMillis(long nanos) =>
        nanos < 0 ? -1 : (int)Math.Min(int.MaxValue, (nanos / 1_000_000) + (nanos % 1_000_000 > 0 ? 1 : 0));

    // Now plus the timeout in Stopwatch ticks, saturating instead of overflowing for huge timeouts.
    private static long Expiry(long timeoutNanos)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = NanosToTicks(timeoutNanos);
        return ticks >= long.MaxValue - now ? long.MaxValue : now + ticks;
    }

    private static long TicksToNanos(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));

    private static long NanosToTicks(long nanos) =>
        Stopwatch.Frequency == 1_000_000_000 ? nanos : (long)Math.Min(long.MaxValue / 2.0, nanos * (Stopwatch.Frequency / 1e9));
}

/// <summary>One wait of a retried system call, for <see cref="SockCall.Retry{TWait}"/>; a struct so the loop allocates nothing.</summary>
internal interface ITimedWait
{
    /// <summary>Makes the wait once with <paramref name="timeoutNanos"/> (-1 forever, else nanoseconds): 0 or the OS error.</summary>
    int Attempt(long timeoutNanos);
}

/// <summary>One attempt of a socket operation, for <see cref="SockCall.Run{TOp}"/>; a struct so the loop allocates nothing.</summary>
internal interface ISocketOp
{
    /// <summary>Makes the system call once: 0 or the OS error; <paramref name="result"/> the count.</summary>
    int Attempt(SocketPal pal, SocketHandle handle, out long result);
}

/// <summary>
/// The one deadline loop (CPython's sock_call_ex), used by every blocking operation of every platform layer's
/// caller: in timeout mode poll before each attempt with the time left (rounded up to milliseconds) and retry
/// EAGAIN until the deadline; retry EINTR always; in non-blocking mode one attempt. Returns 0, the OS error,
/// or <see cref="SocketPal.TimedOut"/>. Never throws, allocates nothing.
/// </summary>
internal static unsafe class SockCall
{
    /// <summary>Runs <paramref name="op"/> under <paramref name="deadline"/>, waiting for <paramref name="wait"/> readiness.</summary>
    public static int Run<TOp>(SocketPal pal, SocketHandle handle, PollEvents wait, in Deadline deadline, ref TOp op, out long result)
        where TOp : struct, ISocketOp
    {
        var codes = pal.Errors;
        while (true)
        {
            if (deadline.HasTimeout || (deadline.Shared && deadline.TimeoutNanos == 0))
            {
                var err = WaitOne(pal, handle, wait, deadline);
                if (err != 0)
                {
                    result = 0;
                    return err == SocketPal.TimedOut && !deadline.HasTimeout ? codes.WouldBlock : err;
                }
            }

            int rc;
            do
            {
                rc = op.Attempt(pal, handle, out result);
            }
            while (rc == codes.Interrupted);

            if (rc == 0)
            {
                return 0;
            }

            if (rc == codes.WouldBlock)
            {
                if (deadline.HasTimeout)
                {
                    continue;
                }

                if (deadline.TimeoutNanos < 0 && deadline.Shared)
                {
                    var err = WaitOne(pal, handle, wait, Deadline.Start(-1));
                    if (err != 0)
                    {
                        return err;
                    }

                    continue;
                }
            }

            return rc;
        }
    }

    /// <summary>
    /// Waits until <paramref name="handle"/> is ready for <paramref name="events"/>: 0 when ready (or when it
    /// reported an error or hang-up, which the next attempt raises), <see cref="SocketPal.TimedOut"/> at the
    /// deadline, or the poll's OS error. EINTR retries with the time left. Blocking mode (timeout -1) waits forever.
    /// </summary>
    public static int WaitOne(SocketPal pal, SocketHandle handle, PollEvents events, in Deadline deadline)
    {
        var wait = new PollOneWait { Pal = pal, Handle = handle, Events = events };
        var rc = Retry(ref wait, deadline, pal.Errors.Interrupted, fresh: false);
        return rc != 0 ? rc : wait.REvents != PollEvents.None ? 0 : SocketPal.TimedOut;
    }

    /// <summary>
    /// The one deadline/retry rule of every wait (the socket calls' polls here, and select, poll, epoll and kqueue in
    /// the select module; CPython's sock_call_ex and select's PEP 475 loops): makes the wait with the timeout,
    /// retries on <paramref name="interrupted"/> (EINTR) with the time left, and returns the wait's result, or
    /// <see cref="SocketPal.TimedOut"/> when the deadline passed before a retry (CPython's "timeout &lt; 0: nothing ready").
    /// A <paramref name="fresh"/> wait (a select call) makes its first attempt with the whole timeout; a wait inside an
    /// operation's deadline gets the time left on every attempt and times out without one once the deadline passed.
    /// Never throws, allocates nothing.
    /// </summary>
    public static int Retry<TWait>(ref TWait wait, in Deadline deadline, int interrupted, bool fresh)
        where TWait : struct, ITimedWait
    {
        var first = fresh;
        while (true)
        {
            long nanos;
            if (first)
            {
                nanos = deadline.TimeoutNanos < 0 ? -1 : deadline.TimeoutNanos;
                first = false;
            }
            else if (!deadline.TryRemaining(out nanos))
            {
                return SocketPal.TimedOut;
            }

            var rc = wait.Attempt(nanos);
            if (rc == 0 || rc != interrupted)
            {
                return rc;
            }
        }
    }

    /// <summary>
    /// CPython's internal_connect: one connect(); after EINPROGRESS in timeout mode (or EINTR in any waiting mode)
    /// waits for writability under the deadline and reads SO_ERROR. 0, the OS error, or <see cref="SocketPal.TimedOut"/>.
    /// </summary>
    public static int Connect(SocketPal pal, SocketHandle handle, byte* address, int length, in Deadline deadline)
    {
        var codes = pal.Errors;
        var err = pal.Connect(handle, address, length);
        if (err == 0)
        {
            return 0;
        }

        var timeout = deadline.TimeoutNanos;
        var wait = err == codes.Interrupted ? timeout != 0 : (timeout > 0 || (timeout < 0 && deadline.Shared)) && err == codes.InProgress;
        if (!wait)
        {
            return err;
        }

        while (true)
        {
            // CPython polls for POLLOUT (with POLLERR) even without a timeout here.
            err = WaitOne(pal, handle, PollEvents.Write | PollEvents.Error, deadline);
            if (err != 0)
            {
                return err;
            }

            err = pal.GetSocketError(handle, out var soError);
            if (err == 0)
            {
                err = soError == codes.IsConnected ? 0 : soError;
            }

            if (err == 0)
            {
                return 0;
            }

            if (err == codes.Interrupted || (deadline.HasTimeout && err == codes.WouldBlock))
            {
                continue;
            }

            return err;
        }
    }

    /// <summary>send() under the deadline: 0 or the error; <paramref name="sent"/> the bytes sent.</summary>
    public static int Send(SocketPal pal, SocketHandle handle, byte* buffer, int length, int flags, in Deadline deadline, out int sent)
    {
        var op = new SendOp { Buffer = buffer, Length = length, Flags = flags };
        var rc = Run(pal, handle, PollEvents.Write, deadline, ref op, out var n);
        sent = (int)n;
        return rc;
    }

    /// <summary>sendto() under the deadline.</summary>
    public static int SendTo(SocketPal pal, SocketHandle handle, byte* buffer, int length, int flags, byte* address, int addressLength, in Deadline deadline, out int sent)
    {
        var op = new SendToOp { Buffer = buffer, Length = length, Flags = flags, Address = address, AddressLength = addressLength };
        var rc = Run(pal, handle, PollEvents.Write, deadline, ref op, out var n);
        sent = (int)n;
        return rc;
    }

    /// <summary>recv() under the deadline.</summary>
    public static int Recv(SocketPal pal, SocketHandle handle, byte* buffer, int length, int flags, in Deadline deadline, out int received)
    {
        var op = new RecvOp { Buffer = buffer, Length = length, Flags = flags };
        var rc = Run(pal, handle, PollEvents.Read, deadline, ref op, out var n);
        received = (int)n;
        return rc;
    }

    /// <summary>recvfrom() under the deadline; <paramref name="addressLength"/>: in capacity, out the address's length.</summary>
    public static int RecvFrom(SocketPal pal, SocketHandle handle, byte* buffer, int length, int flags, byte* address, ref int addressLength, in Deadline deadline, out int received)
    {
        var op = new RecvFromOp { Buffer = buffer, Length = length, Flags = flags, Address = address, Capacity = addressLength };
        var rc = Run(pal, handle, PollEvents.Read, deadline, ref op, out var n);
        addressLength = op.AddressLength;
        received = (int)n;
        return rc;
    }

    /// <summary>sendmsg() (<paramref name="writing"/>) or recvmsg() under the deadline.</summary>
    public static int Msg(SocketPal pal, SocketHandle handle, PalMessage* message, int flags, bool writing, in Deadline deadline, out int count)
    {
        var op = new MsgOp { Message = message, Flags = flags, Writing = writing };
        var rc = Run(pal, handle, writing ? PollEvents.Write : PollEvents.Read, deadline, ref op, out var n);
        count = (int)n;
        return rc;
    }

    /// <summary>accept() under the deadline; <paramref name="addressLength"/>: in capacity, out the address's length.</summary>
    public static int Accept(SocketPal pal, SocketHandle handle, byte* address, ref int addressLength, in Deadline deadline, out SocketHandle? accepted)
    {
        var op = new AcceptOp { Address = address, Capacity = addressLength };
        var rc = Run(pal, handle, PollEvents.Read, deadline, ref op, out _);
        addressLength = op.AddressLength;
        accepted = op.Accepted;
        return rc;
    }

    /// <summary>sendfile() under the deadline: one successful attempt (<paramref name="sent"/> 0 at end of file).</summary>
    public static int SendFile(SocketPal pal, SocketHandle handle, SafeHandle file, long offset, long count, in Deadline deadline, out long sent)
    {
        var op = new SendFileOp { File = file, Offset = offset, Count = count };
        return Run(pal, handle, PollEvents.Write, deadline, ref op, out sent);
    }

    private struct PollOneWait : ITimedWait
    {
        public SocketPal Pal;
        public SocketHandle Handle;
        public PollEvents Events;
        public PollEvents REvents;

        public int Attempt(long timeoutNanos) => Pal.Poll(Handle, Events, Deadline.CeilingMillis(timeoutNanos), out REvents);
    }

    private struct SendOp : ISocketOp
    {
        public byte* Buffer;
        public int Length;
        public int Flags;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            var rc = pal.Send(handle, Buffer, Length, Flags, out var n);
            result = n;
            return rc;
        }
    }

    private struct SendToOp : ISocketOp
    {
        public byte* Buffer;
        public int Length;
        public int Flags;
        public byte* Address;
        public int AddressLength;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            var rc = pal.SendTo(handle, Buffer, Length, Flags, Address, AddressLength, out var n);
            result = n;
            return rc;
        }
    }

    private struct RecvOp : ISocketOp
    {
        public byte* Buffer;
        public int Length;
        public int Flags;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            var rc = pal.Recv(handle, Buffer, Length, Flags, out var n);
            result = n;
            return rc;
        }
    }

    private struct RecvFromOp : ISocketOp
    {
        public byte* Buffer;
        public int Length;
        public int Flags;
        public byte* Address;
        public int Capacity;
        public int AddressLength;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            AddressLength = Capacity;
            var rc = pal.RecvFrom(handle, Buffer, Length, Flags, Address, ref AddressLength, out var n);
            result = n;
            return rc;
        }
    }

    private struct MsgOp : ISocketOp
    {
        public PalMessage* Message;
        public int Flags;
        public bool Writing;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            int n;
            var rc = Writing ? pal.SendMsg(handle, Message, Flags, out n) : pal.RecvMsg(handle, Message, Flags, out n);
            result = n;
            return rc;
        }
    }

    private struct AcceptOp : ISocketOp
    {
        public byte* Address;
        public int Capacity;
        public int AddressLength;
        public SocketHandle? Accepted;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            AddressLength = Capacity;
            result = 0;
            return pal.Accept(handle, Address, ref AddressLength, out Accepted);
        }
    }

    private struct SendFileOp : ISocketOp
    {
        public SafeHandle File;
        public long Offset;
        public long Count;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result) =>
            pal.SendFile(handle, File, Offset, Count, out result);
    }
}
