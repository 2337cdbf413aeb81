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
        new(timeoutNanos, timeoutNanos > 0 ? Stopwatch.GetTimestamp() + NanosToTicks(timeoutNanos) : 0, shared, perWait: false);

    /// <summary>A wait budget where every wait gets the full <paramref name="timeoutNanos"/> (socket.py's selector loops).</summary>
    public static Deadline EachWait(long timeoutNanos, bool shared) =>
        new(timeoutNanos, 0, shared, perWait: true);

    /// <summary>
    /// Milliseconds left for the next poll, rounded up as CPython does (_PyTime_ROUND_CEILING); -1 when the
    /// deadline has passed (the operation times out).
    /// </summary>
    public int RemainingMillis()
    {
        if (PerWait)
        {
            return (int)Math.Min(int.MaxValue, (TimeoutNanos + 999_999) / 1_000_000);
        }

        var remaining = _expires - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return -1;
        }

        return (int)Math.Min(int.MaxValue, (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }

    private static long NanosToTicks(long nanos) =>
        Stopwatch.Frequency == 1_000_000_000 ? nanos : (long)(nanos * (Stopwatch.Frequency / 1e9));
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
        var entry = new PollEntry { Handle = handle, Events = events };
        return WaitCore(pal, MemoryMarshal.CreateSpan(ref entry, 1), deadline, atLeastOnce: false, out _);
    }

    /// <summary>
    /// The one poll loop: waits until one of <paramref name="entries"/> is ready (0), the deadline passes or
    /// nothing was ready for a zero timeout (<see cref="SocketPal.TimedOut"/>), or an error. Timeout -1 waits forever, 0 polls once; EINTR retries with
    /// the time left (PEP 475). A selector's wait: the poll is made at least once, with a zero timeout if the
    /// deadline has already passed.
    /// </summary>
    public static int Wait(SocketPal pal, Span<PollEntry> entries, in Deadline deadline, out int ready) =>
        WaitCore(pal, entries, deadline, atLeastOnce: true, out ready);

    private static int WaitCore(SocketPal pal, Span<PollEntry> entries, in Deadline deadline, bool atLeastOnce, out int ready)
    {
        var codes = pal.Errors;
        var first = true;
        while (true)
        {
            int ms;
            if (deadline.TimeoutNanos < 0)
            {
                ms = -1;
            }
            else if (deadline.TimeoutNanos == 0)
            {
                ms = 0;
            }
            else
            {
                ms = deadline.RemainingMillis();
                if (ms < 0)
                {
                    if (!(atLeastOnce && first))
                    {
                        ready = 0;
                        return SocketPal.TimedOut;
                    }

                    ms = 0;
                }
            }

            first = false;

            int rc;
            if (entries.Length == 1)
            {
                rc = pal.Poll(entries[0].Handle, entries[0].Events, ms, out entries[0].REvents);
                ready = entries[0].REvents != PollEvents.None ? 1 : 0;
            }
            else
            {
                rc = pal.PollMany(entries, ms, out ready);
            }

            if (rc == codes.Interrupted)
            {
                continue;
            }

            if (rc != 0)
            {
                return rc;
            }

            return ready > 0 ? 0 : SocketPal.TimedOut;
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
