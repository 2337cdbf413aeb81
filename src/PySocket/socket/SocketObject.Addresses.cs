using System;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>getsockname(): the socket's own address (('0.0.0.0', 0) when unbound; '' for an unbound AF_UNIX socket).</summary>
    public unsafe SockAddr getsockname()
    {
        var fd = CheckOpen();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        uint len = NativeSockAddr.MaxSize;
        if (Libc.GetSockName(fd, sa, &len) < 0)
        {
            throw Errors.LastError();
        }

        return NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), (int)len) ?? SockAddr.Unix("");
    }

    /// <summary>getpeername(): the connected peer's address; OSError(ENOTCONN) when not connected.</summary>
    public unsafe SockAddr getpeername()
    {
        var fd = CheckOpen();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        uint len = NativeSockAddr.MaxSize;
        if (Libc.GetPeerName(fd, sa, &len) < 0)
        {
            throw Errors.LastError();
        }

        return NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), (int)len) ?? SockAddr.Unix("");
    }
}
