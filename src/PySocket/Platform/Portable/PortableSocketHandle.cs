using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NetFamily = System.Net.Sockets.AddressFamily;

namespace PySocket;

/// <summary>
/// An owned socket of the portable layer: a <see cref="System.Net.Sockets.Socket"/> that is always non-blocking
/// underneath (<c>Blocking = false</c>; PySocket's own deadline model polls). The mode the Python layer asked for
/// (<see cref="SocketPal.SetNonBlocking"/>) is kept here and emulated by the layer: in blocking mode a call that
/// would block waits (polling, re-checking for close) and retries, as a blocking
/// descriptor would. The last release disposes the Socket, which closes the OS socket.
/// </summary>
internal sealed class PortableSocketHandle : SocketHandle
{
    private SocketAddress? _spareAddress;
    private volatile bool _nonBlocking;

    /// <summary>Owns <paramref name="socket"/> (and so its OS socket); <paramref name="nonBlocking"/> is the Python-level mode.</summary>
    public PortableSocketHandle(System.Net.Sockets.Socket socket, bool nonBlocking = false)
        : base(socket.SafeHandle.DangerousGetHandle())
    {
        Socket = socket;
        _nonBlocking = nonBlocking;
    }

    /// <summary>The wrapped socket.</summary>
    public System.Net.Sockets.Socket Socket { get; }

    /// <summary>The mode the Python layer set: true for non-blocking (timeout mode or timeout 0), false for blocking.</summary>
    public bool NonBlocking
    {
        get => _nonBlocking;
        set => _nonBlocking = value;
    }

    /// <summary>
    /// The socket, non-blocking: if .NET code using <c>NetSocket</c> set <c>Blocking = true</c> in between, it is
    /// put back (one system call), so no PySocket call ever blocks inside .NET.
    /// </summary>
    public System.Net.Sockets.Socket Net
    {
        get
        {
            var s = Socket;
            if (s.Blocking)
            {
                s.Blocking = false;
            }

            return s;
        }
    }

    /// <summary>A SocketAddress of the socket's family for one sendto/recvfrom (reused: allocation-free after the first).</summary>
    public SocketAddress RentAddress() =>
        Interlocked.Exchange(ref _spareAddress, null) ?? new SocketAddress(Socket.AddressFamily, 128);

    /// <summary>Gives back an address from <see cref="RentAddress"/>.</summary>
    public void ReturnAddress(SocketAddress address) => Volatile.Write(ref _spareAddress, address);

    /// <summary>
    /// shutdown(SHUT_RDWR) while the socket is still open, as the native layer does: wakes threads polling or
    /// waiting on it (they then report EBADF). Calls in the layer's blocking emulation also re-check for close
    /// every second, for OSes whose shutdown does not wake a poll (Windows, unconnected sockets).
    /// </summary>
    protected override void WakeCalls()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>detach(): the Socket no longer owns the number (neither Dispose nor its finaliser will close it).</summary>
    protected override void OnDetached()
    {
        Socket.SafeHandle.SetHandleAsInvalid();
        GC.SuppressFinalize(Socket);
    }

    /// <summary>
    /// Closes the OS socket by disposing the Socket. Dispose reports no error, so on Unix the number is first checked
    /// (fcntl F_GETFD): a number closed behind PySocket's back (os.close(s.fileno())) gives EBADF, as close(2) would.
    /// </summary>
    protected override int CloseNumber(IntPtr number)
    {
        try
        {
            var err = 0;
            if (!OperatingSystem.IsWindows() && PortableInterop.Fcntl((int)number, PortableInterop.F_GETFD, 0) < 0)
            {
                err = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            }

            Socket.Dispose();
            return err;
        }
        catch (SocketException e)
        {
            return PortableErrno.FromSocketError(e.SocketErrorCode);
        }
    }
}
