using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PySocket;

/// <summary>
/// The platform face of the <c>select</c> module: the only code that calls select, poll, epoll, kqueue
/// (and Winsock's select). Every method returns 0 or an error number (errno; on Windows the WSA code)
/// and never throws; results come back through out parameters. Descriptor numbers for select/poll
/// are Python's model (plain numbers); the epoll/kqueue descriptor is owned by a <see cref="PollerHandle"/>
/// that every call holds a reference on for its whole duration.
/// </summary>
internal static unsafe class SelectPal
{
    /// <summary>FD_SETSIZE as CPython is built with it: 1024 on Linux and macOS, 512 on Windows.</summary>
    public static readonly int FdSetSize = OperatingSystem.IsWindows() ? 512 : 1024;

    /// <summary>Bytes in a Unix fd_set (a bit per descriptor, little-endian words).</summary>
    public const int UnixFdSetBytes = 1024 / 8;

    /// <summary>The OS has poll(2) (CPython's select.poll): Linux and macOS.</summary>
    public static bool HasPoll => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>The OS has epoll (CPython's select.epoll): Linux.</summary>
    public static bool HasEpoll => OperatingSystem.IsLinux();

    /// <summary>The OS has kqueue (CPython's select.kqueue): macOS.</summary>
    public static bool HasKqueue => OperatingSystem.IsMacOS();

    /// <summary>struct epoll_event is packed on x86 and x86-64 (12 bytes, data at offset 4) and naturally aligned elsewhere (16 bytes, data at 8).</summary>
    public static readonly int EpollEventSize =
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    private static readonly int EpollDataOffset = EpollEventSize == 12 ? 4 : 8;

    private const int EINTR = 4;
    private const int Ebadf = 9;
    private const int WsaEinval = 10022;

    static SelectPal()
    {
        if (OperatingSystem.IsWindows())
        {
            // Winsock must be started (WSAStartup) before select; System.Net.Sockets does it once per process.
            _ = System.Net.Sockets.Socket.OSSupportsIPv4;
        }
    }

    /// <summary>select(2) over three Unix fd_sets of <see cref="UnixFdSetBytes"/> bytes; <paramref name="timeoutMicros"/> -1 blocks.</summary>
    public static int Select(int nfds, byte* read, byte* write, byte* except, long timeoutMicros, out int ready)
    {
        Libc.Multiplex.TimeVal tv;
        Libc.Multiplex.TimeVal* tvp = null;
        if (timeoutMicros >= 0)
        {
            tv.Seconds = (nint)(timeoutMicros / 1_000_000);
            tv.Micros = (nint)(timeoutMicros % 1_000_000);
            tvp = &tv;
        }

        ready = Libc.Multiplex.Select(nfds, read, write, except, tvp);
        return ready < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>Winsock select over three fd_sets laid out as nint[1 + FdSetSize] (count, then SOCKETs).</summary>
    public static int WinSelect(nint* read, nint* write, nint* except, long timeoutMicros, out int ready)
    {
        Libc.Multiplex.WinTimeVal tv;
        Libc.Multiplex.WinTimeVal* tvp = null;
        if (timeoutMicros >= 0)
        {
            var seconds = timeoutMicros / 1_000_000;
            tv.Seconds = seconds > int.MaxValue ? int.MaxValue : (int)seconds;
            tv.Micros = (int)(timeoutMicros % 1_000_000);
            tvp = &tv;
        }

        ready = Libc.Multiplex.WsaSelect(0, read, write, except, tvp);
        return ready < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>The error Winsock gives for select over three empty sets (CPython passes it on: [WinError 10022]).</summary>
    public static int WinEmptySetsError => WsaEinval;

    /// <summary>poll(2); <paramref name="timeoutMs"/> -1 blocks.</summary>
    public static int Poll(Libc.Multiplex.PollFd* fds, int count, int timeoutMs, out int ready)
    {
        ready = Libc.Multiplex.Poll(fds, (nuint)count, timeoutMs);
        return ready < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>True for the errno a signal interrupting the call gives.</summary>
    public static bool IsInterrupted(int error) => error == EINTR && !OperatingSystem.IsWindows();

    /// <summary>epoll_create1(flags): a new epoll descriptor, owned by <paramref name="handle"/>.</summary>
    public static int EpollCreate(int flags, out PollerHandle handle)
    {
        var fd = Libc.Multiplex.EpollCreate1(flags);
        var err = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        handle = new PollerHandle(fd);
        return err;
    }

    /// <summary>epoll_ctl(epfd, op, fd, {events, data.fd = fd}).</summary>
    public static int EpollCtl(PollerHandle epoll, int op, int fd, uint events)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(long*)(ev + EpollDataOffset) = fd;
        if (!TryAddRef(epoll))
        {
            return Ebadf;
        }

        try
        {
            return Libc.Multiplex.EpollCtl(epoll.Value, op, fd, ev) < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        finally
        {
            epoll.DangerousRelease();
        }
    }

    /// <summary>epoll_wait into <paramref name="buffer"/> (maxEvents * <see cref="EpollEventSize"/> bytes); <paramref name="count"/> events came back.</summary>
    public static int EpollWait(PollerHandle epoll, byte* buffer, int maxEvents, int timeoutMs, out int count)
    {
        count = 0;
        if (!TryAddRef(epoll))
        {
            return Ebadf;
        }

        try
        {
            count = Libc.Multiplex.EpollWait(epoll.Value, buffer, maxEvents, timeoutMs);
            return count < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        finally
        {
            epoll.DangerousRelease();
        }
    }

    /// <summary>The (fd, events) of the i-th epoll_event in a buffer epoll_wait filled.</summary>
    public static (int Fd, uint Events) EpollEventAt(byte* buffer, int index)
    {
        var ev = buffer + (index * EpollEventSize);
        return ((int)*(long*)(ev + EpollDataOffset), *(uint*)ev);
    }

    /// <summary>kqueue(): a new kqueue descriptor, owned by <paramref name="handle"/>.</summary>
    public static int KqueueCreate(out PollerHandle handle)
    {
        var fd = Libc.Multiplex.Kqueue();
        var err = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (fd >= 0)
        {
            Libc.Multiplex.Fcntl(fd, 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
        }

        handle = new PollerHandle(fd);
        return err;
    }

    /// <summary>kevent(kq, changes, events, timeout); <paramref name="timeoutNanos"/> -1 blocks.</summary>
    public static int Kevent(PollerHandle kq, Libc.Multiplex.KEvent* changes, int nChanges, Libc.Multiplex.KEvent* events, int nEvents, long timeoutNanos, out int count)
    {
        Libc.Multiplex.TimeSpec ts;
        Libc.Multiplex.TimeSpec* tsp = null;
        if (timeoutNanos >= 0)
        {
            ts.Seconds = (nint)(timeoutNanos / 1_000_000_000);
            ts.Nanos = (nint)(timeoutNanos % 1_000_000_000);
            tsp = &ts;
        }

        count = 0;
        if (!TryAddRef(kq))
        {
            return Ebadf;
        }

        try
        {
            count = Libc.Multiplex.Kevent(kq.Value, changes, nChanges, events, nEvents, tsp);
            return count < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        finally
        {
            kq.DangerousRelease();
        }
    }

    private static bool TryAddRef(PollerHandle handle)
    {
        if (handle.IsInvalid)
        {
            return false;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return added;
    }
}

/// <summary>An epoll or kqueue descriptor: closed exactly once, never while a call is using it.</summary>
internal sealed class PollerHandle : SafeHandleMinusOneIsInvalid
{
    public PollerHandle(int fd) : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>The descriptor number (for fileno()); -1 once closed.</summary>
    public int Fd => IsClosed || IsInvalid ? -1 : (int)handle;

    /// <summary>The descriptor number while a reference is held (inside the platform layer).</summary>
    internal int Value => (int)handle;

    protected override bool ReleaseHandle() => Libc.Multiplex.Close((int)handle) == 0;
}
