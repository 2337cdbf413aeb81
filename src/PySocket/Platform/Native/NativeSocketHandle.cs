using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace PySocket;

/// <summary>A libc socket descriptor owned by a <see cref="SocketHandle"/>.</summary>
internal sealed class NativeSocketHandle : SocketHandle
{
    private const int ShutRdWr = 2;

    /// <summary>Owns <paramref name="fd"/>.</summary>
    public NativeSocketHandle(int fd)
        : base(new IntPtr(fd))
    {
    }

    /// <summary>The descriptor for a system call (between TryAddRef and Release).</summary>
    public int Fd => (int)Raw;

    /// <summary>The socket's registration with <see cref="EpollEngine"/>, from its first async operation on (null before).</summary>
    public SocketReadiness? Readiness;

    /// <summary>
    /// shutdown(fd, SHUT_RDWR) while the number is still open: Linux wakes every thread blocked in poll, recv,
    /// send, accept or sendfile on it (also for UDP and AF_UNIX sockets; unconnected ones report ENOTCONN but
    /// are woken all the same). The woken calls then see the handle closed and report EBADF. Pending async
    /// operations are also woken directly (their retry then reports EBADF).
    /// </summary>
    protected override void WakeCalls()
    {
        _ = Libc.Shutdown((int)Raw, ShutRdWr);
        Volatile.Read(ref Readiness)?.Close();
    }

    /// <summary>detach(): the number leaves the epoll set (the caller owns it now; a new socket object over it registers afresh).</summary>
    protected override void OnDetached()
    {
        if (Volatile.Read(ref Readiness) is { } readiness)
        {
            EpollEngine.Instance.Unregister(readiness, (int)Raw);
        }
    }

    /// <summary>Closes the number; a socket used asynchronously leaves the epoll set first (while the number is still its own).</summary>
    protected override int CloseNumber(IntPtr number)
    {
        if (Volatile.Read(ref Readiness) is { } readiness)
        {
            EpollEngine.Instance.Unregister(readiness, (int)number);
        }

        return Libc.Close((int)number) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }
}
