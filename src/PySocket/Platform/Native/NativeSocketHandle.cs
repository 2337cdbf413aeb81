using System;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// shutdown(fd, SHUT_RDWR) while the number is still open: Linux wakes every thread blocked in poll, recv,
    /// send, accept or sendfile on it (also for UDP and AF_UNIX sockets; unconnected ones report ENOTCONN but
    /// are woken all the same). The woken calls then see the handle closed and report EBADF.
    /// </summary>
    protected override void WakeCalls() => _ = Libc.Shutdown((int)Raw, ShutRdWr);

    /// <inheritdoc/>
    protected override int CloseNumber(IntPtr number) =>
        Libc.Close((int)number) < 0 ? Marshal.GetLastPInvokeError() : 0;
}
