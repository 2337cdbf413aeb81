using System;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>bind(address): binds the socket to <paramref name="address"/> (for AF_UNIX, '' autobinds to an abstract name).</summary>
    public unsafe void bind(SockAddr address)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.Encode(address, family.value, "bind", new Span<byte>(sa, NativeSockAddr.MaxSize));
        Check(Pal.Bind(CheckOpen(), sa, len));
    }

    /// <summary>listen(): listens with the default backlog, min(SOMAXCONN, 128).</summary>
    public void listen() => listen(Math.Min(Socket.SOMAXCONN, 128));

    /// <summary>listen(backlog): listens for connections; a negative backlog is taken as 0.</summary>
    public void listen(int backlog)
    {
        Check(Pal.Listen(CheckOpen(), Math.Max(backlog, 0)));
    }

    /// <summary>
    /// accept(): waits for a connection and returns (conn, address). The new socket has this socket's family,
    /// type and proto, is non-inheritable, and gets the default timeout; as socket.py does, when the default
    /// timeout is None and this socket has a timeout, the new socket is blocking.
    /// </summary>
    public unsafe (SocketObject conn, SockAddr? address) accept()
    {
        var handle = CheckOpen();
        var deadline = StartDeadline();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.MaxSize;
        var err = SockCall.Accept(Pal, handle, sa, ref len, deadline, out var accepted);
        if (CollectForDescriptors(err))
        {
            len = NativeSockAddr.MaxSize;
            err = SockCall.Accept(Pal, handle, sa, ref len, deadline, out accepted);
        }

        Check(err);
        return Accepted(accepted!, new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), len);
    }

    /// <summary>accept()'s result for a new handle and the peer's sockaddr (shared with accept_async); closes the handle on failure.</summary>
    private (SocketObject conn, SockAddr? address) Accepted(SocketHandle accepted, ReadOnlySpan<byte> sa, int len)
    {
        SockAddr? address;
        try
        {
            address = NativeSockAddr.Decode(sa, len);
        }
        catch
        {
            accepted.CloseSocket();
            throw;
        }

        var conn = new SocketObject(accepted, family.value, type.value, proto);
        if (Socket.getdefaulttimeout() is null && gettimeout() is double t && t != 0)
        {
            conn.setblocking(true);
        }

        return (conn, address);
    }

    /// <summary>
    /// connect(address): connects to <paramref name="address"/>. In timeout mode the connection attempt has
    /// the socket's timeout (TimeoutError("timed out")); in non-blocking mode it raises BlockingIOError(EINPROGRESS).
    /// </summary>
    public void connect(SockAddr address)
    {
        Check(InternalConnect(address, "connect"));
    }

    /// <summary>
    /// connect_ex(address): like connect() but returns the errno instead of raising it (0 on success;
    /// EAGAIN (11) on a timeout, as CPython does). Address errors still raise.
    /// </summary>
    public int connect_ex(SockAddr address)
    {
        var err = InternalConnect(address, "connect_ex");
        return err == SocketPal.TimedOut ? Pal.Errors.WouldBlock : err;
    }

    /// <summary>shutdown(how): shuts down reading (SHUT_RD), writing (SHUT_WR) or both (SHUT_RDWR).</summary>
    public void shutdown(int how)
    {
        Check(Pal.Shutdown(CheckOpen(), how));
    }

    /// <summary>
    /// CPython's internal_connect (in <see cref="SockCall.Connect"/>): returns 0, an errno, or
    /// <see cref="SocketPal.TimedOut"/>. A closed socket fails with EBADF, which connect_ex returns (as CPython does).
    /// </summary>
    private unsafe int InternalConnect(SockAddr? address, string caller)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.Encode(address, family.value, caller, new Span<byte>(sa, NativeSockAddr.MaxSize));
        return SockCall.Connect(Pal, _handle, sa, len, StartDeadline());
    }
}
