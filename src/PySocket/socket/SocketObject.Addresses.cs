using System;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>getsockname(): the socket's own address (('0.0.0.0', 0) when unbound; '' for an unbound AF_UNIX socket).</summary>
    public unsafe SockAddr getsockname()
    {
        var handle = CheckOpen();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.MaxSize;
        Check(Pal.GetSockName(handle, sa, ref len));
        return NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), len) ?? SockAddr.Unix("");
    }

    /// <summary>getpeername(): the connected peer's address; OSError(ENOTCONN) when not connected.</summary>
    public unsafe SockAddr getpeername()
    {
        var handle = CheckOpen();
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.MaxSize;
        Check(Pal.GetPeerName(handle, sa, ref len));
        return NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), len) ?? SockAddr.Unix("");
    }
}
