using System;
using System.Runtime.InteropServices;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>bind(address): binds the socket to <paramref name="address"/> (for AF_UNIX, '' autobinds to an abstract name).</summary>
    public unsafe void bind(SockAddr? address)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.Encode(address, family.value, "bind", new Span<byte>(sa, NativeSockAddr.MaxSize));
        var fd = CheckOpen();
        if (Libc.Bind(fd, sa, (uint)len) < 0)
        {
            throw Errors.LastError();
        }
    }

    /// <summary>listen(): listens with the default backlog, min(SOMAXCONN, 128).</summary>
    public void listen() => listen(Math.Min(Socket.SOMAXCONN, 128));

    /// <summary>listen(backlog): listens for connections; a negative backlog is taken as 0.</summary>
    public void listen(int backlog)
    {
        var fd = CheckOpen();
        if (Libc.Listen(fd, Math.Max(backlog, 0)) < 0)
        {
            throw Errors.LastError();
        }
    }

    /// <summary>
    /// accept(): waits for a connection and returns (conn, address). The new socket has this socket's family,
    /// type and proto, is non-inheritable, and gets the default timeout; as socket.py does, when the default
    /// timeout is None and this socket has a timeout, the new socket is blocking.
    /// </summary>
    public unsafe (SocketObject conn, SockAddr? address) accept()
    {
        var fd = CheckOpen();
        var deadline = StartDeadline();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        while (true)
        {
            if (deadline != 0)
            {
                WaitReady(fd, writing: false, deadline);
            }

            uint len = NativeSockAddr.MaxSize;
            var newFd = Libc.Accept4(fd, sa, &len, Socket.SOCK_CLOEXEC);
            if (newFd >= 0)
            {
                SocketObject conn;
                SockAddr? address;
                try
                {
                    address = NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), (int)len);
                    conn = new SocketObject(newFd, family.value, type.value, proto);
                }
                catch
                {
                    Libc.Close(newFd);
                    throw;
                }

                if (Socket.getdefaulttimeout() is null && gettimeout() is double t && t != 0)
                {
                    conn.setblocking(true);
                }

                return (conn, address);
            }

            ThrowUnlessRetry(deadline);
        }
    }

    /// <summary>
    /// connect(address): connects to <paramref name="address"/>. In timeout mode the connection attempt has
    /// the socket's timeout (TimeoutError("timed out")); in non-blocking mode it raises BlockingIOError(EINPROGRESS).
    /// </summary>
    public void connect(SockAddr? address)
    {
        var err = InternalConnect(address, "connect");
        if (err == -1)
        {
            throw Errors.Timeout();
        }

        if (err != 0)
        {
            throw Errors.FromErrno(err);
        }
    }

    /// <summary>
    /// connect_ex(address): like connect() but returns the errno instead of raising it (0 on success;
    /// EAGAIN (11) on a timeout, as CPython does). Address errors still raise.
    /// </summary>
    public int connect_ex(SockAddr? address)
    {
        var err = InternalConnect(address, "connect_ex");
        return err == -1 ? Errno.EAGAIN : err;
    }

    /// <summary>shutdown(how): shuts down reading (SHUT_RD), writing (SHUT_WR) or both (SHUT_RDWR).</summary>
    public void shutdown(int how)
    {
        var fd = CheckOpen();
        if (Libc.Shutdown(fd, how) < 0)
        {
            throw Errors.LastError();
        }
    }

    /// <summary>
    /// CPython's internal_connect: returns 0, an errno, or -1 for a timeout. After EINPROGRESS in timeout mode
    /// (or EINTR in any waiting mode) it polls for writability with the deadline and reads SO_ERROR.
    /// </summary>
    private unsafe int InternalConnect(SockAddr? address, string caller)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.Encode(address, family.value, caller, new Span<byte>(sa, NativeSockAddr.MaxSize));

        // A closed socket's descriptor is -1: connect() then fails with EBADF, which connect_ex returns (as CPython does).
        var fd = Fd;
        var timeout = TimeoutNanos;
        if (Libc.Connect(fd, sa, (uint)len) == 0)
        {
            return 0;
        }

        var err = Marshal.GetLastPInvokeError();
        var wait = err == Errno.EINTR ? timeout != 0 : timeout > 0 && err == Errno.EINPROGRESS;
        if (!wait)
        {
            return err;
        }

        var deadline = StartDeadline();
        while (true)
        {
            if (deadline != 0)
            {
                try
                {
                    WaitReady(fd, writing: true, deadline);
                }
                catch (TimeoutError)
                {
                    return -1;
                }
            }
            else
            {
                WaitForever(fd);
            }

            int soError = 0;
            uint optLen = sizeof(int);
            if (Libc.GetSockOpt(fd, Socket.SOL_SOCKET, Socket.SO_ERROR, (byte*)&soError, &optLen) < 0)
            {
                err = Marshal.GetLastPInvokeError();
            }
            else
            {
                err = soError == Errno.EISCONN ? 0 : soError;
            }

            if (err == 0)
            {
                return 0;
            }

            if (err == Errno.EINTR || (deadline != 0 && err == Errno.EAGAIN))
            {
                continue;
            }

            return err;
        }
    }

    /// <summary>Polls with no timeout until the descriptor is writable (a blocking connect interrupted by a signal).</summary>
    private static unsafe void WaitForever(int fd)
    {
        while (true)
        {
            var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLOUT | Libc.POLLERR };
            if (Libc.Poll(&pfd, 1, -1) >= 0)
            {
                return;
            }

            var err = Marshal.GetLastPInvokeError();
            if (err != Errno.EINTR)
            {
                throw Errors.FromErrno(err);
            }
        }
    }
}
