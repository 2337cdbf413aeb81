using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetFamily = System.Net.Sockets.AddressFamily;
using NetSocket = System.Net.Sockets.Socket;

namespace PySocket;

/// <summary>Plugs the portable layer into <see cref="SocketPal.Current"/>.</summary>
internal abstract partial class SocketPal
{
    static partial void CreatePortable(ref SocketPal? pal) => pal = new PortableSocketPal();
}

/// <summary>
/// The portable platform layer: every socket operation through System.Net.Sockets, for Windows, macOS and any
/// OS .NET runs on (and on Linux with PYSOCKET_PLATFORM=portable). Sockets are non-blocking underneath; the
/// Python-level blocking mode is emulated (poll, then retry). Errors are the OS's numbers
/// (<see cref="PortableErrno"/>), addresses the OS's sockaddr bytes (.NET's <see cref="SocketAddress"/> buffer
/// has that layout). Every call holds the handle's reference for its whole duration and reports EBADF when the
/// handle was closed before or during it; no .NET exception leaves this class.
/// What .NET cannot do is reported as the OS's EOPNOTSUPP (documented in the README): sendmsg with ancillary
/// data (SCM_RIGHTS, ...), sendfile (the Python layer falls back to send), MSG_EOR/MSG_MORE/MSG_CONFIRM flags,
/// setsockopt with a NULL value of non-zero length, families .NET cannot create (AF_NETLINK, ...).
/// socketpair: on Unix the C library's socketpair(2) (as CPython), on Windows CPython's loopback-TCP emulation.
/// </summary>
internal sealed unsafe partial class PortableSocketPal : SocketPal
{
    private const int SliceMs = 1000;
    private const int SockRaw = 3;
    private const int SockStream = 1;
    private const int MaxPollEntries = 8;
    private const int WsaFromProtocolInfo = -1;
    private const uint WsaFlagOverlapped = 0x01;
    private const uint WsaFlagNoHandleInherit = 0x80;


    private static readonly Lazy<int> BindV6OnlyDefault = new(ReadBindV6Only);

    [ThreadStatic]
    private static PortableSocketHandle[]? _threadHandles;

    [ThreadStatic]
    private static List<NetSocket>? _threadReads;

    [ThreadStatic]
    private static List<NetSocket>? _threadWrites;

    [ThreadStatic]
    private static List<NetSocket>? _threadErrors;

    private static int EBADF => PlatformErrno.EBADF;

    private static int EAGAIN => PlatformErrno.EAGAIN;

    /// <inheritdoc/>
    public override string Name => "portable";

    /// <inheritdoc/>
    public override PalErrorCodes Errors => PlatformErrno.Codes;

    /// <inheritdoc/>
    public override int Socket(int family, int type, int proto, out SocketHandle? handle)
    {
        handle = null;
        if (!PortableConstants.TryToNet(family, out var af))
        {
            return PlatformErrno.EAFNOSUPPORT;
        }

        if (type is < 1 or > 5)
        {
            return PlatformErrno.EINVAL; // what socket(2) says for an unknown type (.NET would say EPROTOTYPE)
        }

        NetSocket s;
        try
        {
            s = new NetSocket(af, (SocketType)type, (ProtocolType)proto);
        }
        catch (Exception e)
        {
            return Fail(e);
        }

        try
        {
            // .NET turns IPV6_V6ONLY on for new AF_INET6 sockets on Unix; CPython leaves the OS default.
            if (af == NetFamily.InterNetworkV6 && type != SockRaw && !OperatingSystem.IsWindows())
            {
                Span<byte> v = stackalloc byte[4];
                BitConverter.TryWriteBytes(v, BindV6OnlyDefault.Value);
                s.SetRawSocketOption(PortableConstants.IpProtoIpv6, PortableConstants.Ipv6V6Only, v);
            }

            s.Blocking = false;
        }
        catch (Exception e)
        {
            s.Dispose();
            return Fail(e);
        }

        handle = new PortableSocketHandle(s);
        return 0;
    }

    /// <inheritdoc/>
    public override int SocketPair(int family, int type, int proto, out SocketHandle? first, out SocketHandle? second)
    {
        first = second = null;
        return OperatingSystem.IsWindows()
            ? EmulatedSocketPair(family, type, proto, out first, out second)
            : UnixSocketPair(family, type, proto, out first, out second);
    }

    /// <summary>
    /// CPython's socket.socketpair where the OS has none (Lib/socket.py, used on Windows): a loopback listener,
    /// a non-blocking connect, accept, and a check that the accepted peer is the connecting socket. Returns the
    /// accepted (server) side first, as CPython does. AF_INET/AF_INET6 and SOCK_STREAM only (CPython raises
    /// ValueError for anything else before it gets here; this layer answers EOPNOTSUPP).
    /// </summary>
    internal int EmulatedSocketPair(int family, int type, int proto, out SocketHandle? first, out SocketHandle? second)
    {
        first = second = null;
        if ((family != PortableConstants.AfInet && family != PortableConstants.AfInet6) || type != SockStream || proto != 0)
        {
            return PlatformErrno.EOPNOTSUPP;
        }

        var v6 = family == PortableConstants.AfInet6;
        var af = v6 ? NetFamily.InterNetworkV6 : NetFamily.InterNetwork;
        NetSocket? listener = null, client = null, server = null;
        try
        {
            listener = new NetSocket(af, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(v6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
            listener.Listen();
            var at = listener.LocalEndPoint!;
            client = new NetSocket(af, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                client.Connect(at);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
            }

            server = listener.Accept();
            if (!client.Poll(10_000_000, SelectMode.SelectWrite))
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            // CPython: "Unexpected peer connection" unless each side's peer is the other.
            if (!Equals(server.LocalEndPoint, client.RemoteEndPoint) || !Equals(server.RemoteEndPoint, client.LocalEndPoint))
            {
                throw new SocketException((int)SocketError.ConnectionAborted);
            }

            server.Blocking = false;
            first = new PortableSocketHandle(server);
            second = new PortableSocketHandle(client);
            return 0;
        }
        catch (Exception e)
        {
            server?.Dispose();
            client?.Dispose();
            return Fail(e);
        }
        finally
        {
            listener?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override int Adopt(long number, out SocketHandle? handle)
    {
        handle = null;
        if (number < 0 || (!OperatingSystem.IsWindows() && number > int.MaxValue))
        {
            return EBADF;
        }

        // A number that is not open at all: EBADF, as the getsockname CPython validates with reports it
        // (.NET's Socket constructor would say ENOTSOCK).
        if (!OperatingSystem.IsWindows() && PortableInterop.Fcntl((int)number, PortableInterop.F_GETFD, 0) < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var safe = new SafeSocketHandle((IntPtr)number, ownsHandle: true);
        try
        {
            var s = new NetSocket(safe);
            var nonBlocking = !s.Blocking;
            s.Blocking = false;
            handle = new PortableSocketHandle(s, nonBlocking);
            return 0;
        }
        catch (Exception e)
        {
            // Not ours to close: the caller's number stays open, as CPython leaves it.
            safe.SetHandleAsInvalid();
            return e is ArgumentException ? EBADF : Fail(e);
        }
    }

    /// <inheritdoc/>
    public override int Duplicate(SocketHandle handle, out SocketHandle? copy)
    {
        copy = null;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = DuplicateNumberCore((long)h.Raw, out var number);
        if (!handle.Release())
        {
            if (err == 0)
            {
                _ = CloseNumber(number);
            }

            return EBADF;
        }

        if (err != 0)
        {
            return err;
        }

        err = Adopt(number, out copy);
        if (err != 0)
        {
            _ = CloseNumber(number);
        }
        else
        {
            ((PortableSocketHandle)copy!).NonBlocking = h.NonBlocking;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int DuplicateNumber(long number, out long copy) => DuplicateNumberCore(number, out copy);

    /// <inheritdoc/>
    public override int Share(SocketHandle handle, uint processId, byte* info)
    {
        if (!OperatingSystem.IsWindows())
        {
            return PlatformErrno.EOPNOTSUPP;
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = PortableInterop.WSADuplicateSocketW(h.Raw, processId, info) != 0 ? Marshal.GetLastPInvokeError() : 0;
        return handle.Release() ? err : EBADF;
    }

    /// <inheritdoc/>
    public override int FromShare(byte* info, out SocketHandle? handle, out int family, out int type, out int proto)
    {
        handle = null;
        family = type = proto = 0;
        if (!OperatingSystem.IsWindows())
        {
            return PlatformErrno.EOPNOTSUPP;
        }

        var s = PortableInterop.WSASocketW(WsaFromProtocolInfo, WsaFromProtocolInfo, WsaFromProtocolInfo, info, 0, WsaFlagOverlapped | WsaFlagNoHandleInherit);
        if (s == new IntPtr(-1))
        {
            return Marshal.GetLastPInvokeError();
        }

        // WSAPROTOCOL_INFOW: iAddressFamily at 76, iSocketType at 88, iProtocol at 92 (what CPython reads).
        family = *(int*)(info + 76);
        type = *(int*)(info + 88);
        proto = *(int*)(info + 92);
        var err = Adopt((long)s, out handle);
        if (err != 0)
        {
            _ = PortableInterop.CloseSocket(s);
        }

        return err;
    }

    /// <inheritdoc/>
    public override int CloseNumber(long number)
    {
        if (number < 0)
        {
            return EBADF;
        }

        if (OperatingSystem.IsWindows())
        {
            return PortableInterop.CloseSocket((IntPtr)number) != 0 ? Marshal.GetLastPInvokeError() : 0;
        }

        return number > int.MaxValue ? EBADF : PortableInterop.Close((int)number) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <inheritdoc/>
    public override int GetInheritable(SocketHandle handle, out bool inheritable)
    {
        inheritable = false;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        int err;
        if (OperatingSystem.IsWindows())
        {
            err = PortableInterop.GetHandleInformation(h.Raw, out var flags) ? 0 : Marshal.GetLastPInvokeError();
            inheritable = err == 0 && (flags & PortableInterop.HANDLE_FLAG_INHERIT) != 0;
        }
        else
        {
            var flags = PortableInterop.Fcntl((int)h.Raw, PortableInterop.F_GETFD, 0);
            err = flags < 0 ? Marshal.GetLastPInvokeError() : 0;
            inheritable = err == 0 && (flags & PortableInterop.FD_CLOEXEC) == 0;
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int SetInheritable(SocketHandle handle, bool inheritable)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = SetInheritableCore(h.Raw, inheritable);
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int GetNonBlocking(SocketHandle handle, out bool nonBlocking)
    {
        nonBlocking = false;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        nonBlocking = h.NonBlocking;
        return End(handle, 0);
    }

    /// <inheritdoc/>
    public override int SetNonBlocking(SocketHandle handle, bool nonBlocking)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        h.NonBlocking = nonBlocking;
        var err = 0;
        try
        {
            _ = h.Net;
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Bind(SocketHandle handle, byte* address, int length)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            var s = h.Net;
            s.Bind(new RawEndPoint(s.AddressFamily, new ReadOnlySpan<byte>(address, length)));
        }
        catch (Exception e)
        {
            err = UnixPathError(h, Fail(e), e);
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Connect(SocketHandle handle, byte* address, int length)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = ConnectOnce(h, address, length);
        if (err == PlatformErrno.EINPROGRESS && !h.NonBlocking)
        {
            // A blocking connect: wait for the outcome and report it, as connect(2) on a blocking socket does.
            err = WaitConnected(h);
            if (err == 0)
            {
                err = SoError(h.Socket);
            }
        }
        else if (err == EAGAIN && !h.NonBlocking && h.Socket.AddressFamily == NetFamily.Unix)
        {
            err = WaitUnixBacklog(h, address, length);
        }

        return End(handle, err);
    }

    private static int ConnectOnce(PortableSocketHandle h, byte* address, int length)
    {
        try
        {
            var s = h.Net;
            s.Connect(new RawEndPoint(s.AddressFamily, new ReadOnlySpan<byte>(address, length)));
            return 0;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // .NET reports both EINPROGRESS and EAGAIN as WouldBlock: an AF_UNIX connect never is in progress,
            // its EAGAIN means the listener's backlog is full.
            return h.Socket.AddressFamily == NetFamily.Unix ? EAGAIN : PlatformErrno.EINPROGRESS;
        }
        catch (InvalidOperationException)
        {
            // .NET refuses a second Connect while one is in progress (the OS says EALREADY).
            return PlatformErrno.EALREADY;
        }
        catch (Exception e)
        {
            return UnixPathError(h, Fail(e), e);
        }
    }

    /// <summary>
    /// Blocking emulation of an AF_UNIX connect to a listener whose backlog is full. Linux answers it with EAGAIN on
    /// a non-blocking socket (CPython raises that in timeout mode too) and sleeps in connect(2) on a blocking one
    /// until the listener accepts; macOS refuses it (ECONNREFUSED, no retry). No readiness event says the backlog
    /// has room, so the layer's always non-blocking socket tries again after a pause that grows from 1 ms to
    /// 50 ms, until the connect has another outcome or the socket is closed (EBADF).
    /// </summary>
    private static int WaitUnixBacklog(PortableSocketHandle h, byte* address, int length)
    {
        var pause = 1;
        while (true)
        {
            if (h.IsCloseRequested)
            {
                return EBADF;
            }

            System.Threading.Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 50);
            var err = ConnectOnce(h, address, length);
            if (err != EAGAIN)
            {
                return err;
            }
        }
    }

    /// <inheritdoc/>
    public override int Listen(SocketHandle handle, int backlog)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            h.Net.Listen(backlog);
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Accept(SocketHandle handle, byte* address, ref int length, out SocketHandle? accepted)
    {
        accepted = null;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        NetSocket? s = null;
        int err;
        while (true)
        {
            try
            {
                s = h.Net.Accept();
                err = 0;
            }
            catch (InvalidOperationException)
            {
                // .NET refuses Accept before Listen; the OS says EOPNOTSUPP for a type without connections, else EINVAL.
                err = h.Socket.SocketType is SocketType.Stream or SocketType.Seqpacket ? PlatformErrno.EINVAL : PlatformErrno.EOPNOTSUPP;
            }
            catch (Exception e)
            {
                err = Fail(e);
            }

            if (err != EAGAIN || h.NonBlocking || (err = WaitReady(h, SelectMode.SelectRead)) != 0)
            {
                break;
            }
        }

        if (!handle.Release())
        {
            s?.Dispose();
            return EBADF;
        }

        if (err != 0 || s is null)
        {
            return err;
        }

        try
        {
            s.Blocking = false;
            length = PeerAddress(s, new Span<byte>(address, length));
        }
        catch (Exception e)
        {
            s.Dispose();
            return Fail(e);
        }

        accepted = new PortableSocketHandle(s);
        return 0;
    }

    /// <inheritdoc/>
    public override int Send(SocketHandle handle, byte* buffer, int length, int flags, out int sent)
    {
        sent = 0;
        if (!PortableConstants.TryToNetFlags(flags, out var net, out var dontWait, out _))
        {
            var none = 0;
            return UnixSingle(handle, buffer, length, flags, null, ref none, send: true, out sent);
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        int err;
        while (true)
        {
            try
            {
                sent = h.Net.Send(new ReadOnlySpan<byte>(buffer, length), net, out var se);
                err = PortableErrno.FromSocketError(se);
            }
            catch (Exception e)
            {
                err = Fail(e);
            }

            if (err != EAGAIN || dontWait || h.NonBlocking || (err = WaitReady(h, SelectMode.SelectWrite)) != 0)
            {
                break;
            }
        }

        return EndCount(handle, err, ref sent);
    }

    /// <inheritdoc/>
    public override int SendTo(SocketHandle handle, byte* buffer, int length, int flags, byte* address, int addressLength, out int sent)
    {
        sent = 0;
        if (!PortableConstants.TryToNetFlags(flags, out var net, out var dontWait, out _))
        {
            return UnixSingle(handle, buffer, length, flags, address, ref addressLength, send: true, out sent);
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        int err;
        SocketAddress? sa = null;
        try
        {
            sa = h.RentAddress();
            new ReadOnlySpan<byte>(address, addressLength).CopyTo(sa.Buffer.Span);
            sa.Size = addressLength;
            err = 0;
        }
        catch (Exception e)
        {
            sa = null;
            err = Fail(e);
        }

        while (sa is not null)
        {
            try
            {
                sent = h.Net.SendTo(new ReadOnlySpan<byte>(buffer, length), net, sa);
                err = 0;
            }
            catch (Exception e)
            {
                err = UnixPathError(h, Fail(e), e);
            }

            if (err != EAGAIN || dontWait || h.NonBlocking || (err = WaitReady(h, SelectMode.SelectWrite)) != 0)
            {
                break;
            }
        }

        if (sa is not null)
        {
            h.ReturnAddress(sa);
        }

        return EndCount(handle, err, ref sent);
    }

    /// <inheritdoc/>
    public override int Recv(SocketHandle handle, byte* buffer, int length, int flags, out int received)
    {
        received = 0;
        if (!PortableConstants.TryToNetFlags(flags, out var net, out var dontWait, out var waitAll))
        {
            var none = 0;
            return UnixSingle(handle, buffer, length, flags, null, ref none, send: false, out received);
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var blocking = !dontWait && !h.NonBlocking;
        var total = 0;
        int err;
        while (true)
        {
            var n = 0;
            try
            {
                n = h.Net.Receive(new Span<byte>(buffer + total, length - total), net, out var se);
                err = PortableErrno.FromSocketError(se);
            }
            catch (Exception e)
            {
                err = Fail(e);
            }

            if (err == 0)
            {
                total += n;

                // MSG_WAITALL on a blocking socket: keep receiving until the buffer is full or the stream ends.
                if (!waitAll || !blocking || n == 0 || total >= length || (net & SocketFlags.Peek) != 0 || h.Socket.SocketType != SocketType.Stream)
                {
                    break;
                }

                continue;
            }

            if (err == EAGAIN && blocking)
            {
                err = WaitReady(h, SelectMode.SelectRead);
                if (err == 0)
                {
                    continue;
                }
            }

            if (total > 0)
            {
                err = 0; // what arrived before the error is returned, as recv(MSG_WAITALL) does
            }

            break;
        }

        received = total;
        return EndCount(handle, err, ref received);
    }

    /// <inheritdoc/>
    public override int RecvFrom(SocketHandle handle, byte* buffer, int length, int flags, byte* address, ref int addressLength, out int received)
    {
        received = 0;
        if (!PortableConstants.TryToNetFlags(flags, out var net, out var dontWait, out _))
        {
            return UnixSingle(handle, buffer, length, flags, address, ref addressLength, send: false, out received);
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        int err;
        SocketAddress? sa = null;
        var addrLen = 0;
        try
        {
            sa = h.RentAddress();
            err = 0;
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        while (sa is not null)
        {
            try
            {
                sa.Size = sa.Buffer.Length;
                received = h.Net.ReceiveFrom(new Span<byte>(buffer, length), net, sa);
                addrLen = RawEndPoint.CopyOut(sa, new Span<byte>(address, addressLength));
                err = 0;
            }
            catch (Exception e)
            {
                err = Fail(e);
            }

            if (err != EAGAIN || dontWait || h.NonBlocking || (err = WaitReady(h, SelectMode.SelectRead)) != 0)
            {
                break;
            }
        }

        if (sa is not null)
        {
            h.ReturnAddress(sa);
        }

        err = EndCount(handle, err, ref received);
        if (err == 0)
        {
            addressLength = addrLen;
        }

        return err;
    }

    /// <summary>
    /// sendmsg: on Unix the C library's sendmsg(2) on the socket's descriptor (ancillary data included, as CPython);
    /// elsewhere (Windows, where CPython has no sendmsg) the buffers, gathered into one when there are several, go
    /// out with send or sendto, and ancillary data gives EOPNOTSUPP (.NET cannot pass it).
    /// </summary>
    public override int SendMsg(SocketHandle handle, PalMessage* message, int flags, out int sent)
    {
        if (!OperatingSystem.IsWindows())
        {
            return UnixMsg(handle, message, flags, send: true, out sent);
        }

        sent = 0;
        if (message->ControlLength > 0)
        {
            return PlatformErrno.EOPNOTSUPP;
        }

        long total = 0;
        for (var i = 0; i < message->IovCount; i++)
        {
            total += (long)message->Iov[i].Length;
        }

        if (total > int.MaxValue)
        {
            return PlatformErrno.EINVAL;
        }

        byte[]? rented = null;
        try
        {
            byte* data;
            byte dummy = 0;
            if (message->IovCount == 1)
            {
                data = message->Iov[0].Base;
            }
            else if (total == 0)
            {
                data = &dummy;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)total);
                var at = 0;
                for (var i = 0; i < message->IovCount; i++)
                {
                    var part = new ReadOnlySpan<byte>(message->Iov[i].Base, (int)message->Iov[i].Length);
                    part.CopyTo(rented.AsSpan(at));
                    at += part.Length;
                }

                fixed (byte* p = rented)
                {
                    return message->Name != null && message->NameLength > 0
                        ? SendTo(handle, p, (int)total, flags, message->Name, message->NameLength, out sent)
                        : Send(handle, p, (int)total, flags, out sent);
                }
            }

            return message->Name != null && message->NameLength > 0
                ? SendTo(handle, data, (int)total, flags, message->Name, message->NameLength, out sent)
                : Send(handle, data, (int)total, flags, out sent);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// recvmsg: on Unix the C library's recvmsg(2) on the socket's descriptor (control messages and msg_flags as the
    /// OS reports them); elsewhere (Windows, where CPython has no recvmsg) it receives into the buffers (through one
    /// when there are several) with recvfrom, reports no control message and only the MSG_TRUNC it can detect.
    /// </summary>
    public override int RecvMsg(SocketHandle handle, PalMessage* message, int flags, out int received)
    {
        if (!OperatingSystem.IsWindows())
        {
            return UnixMsg(handle, message, flags, send: false, out received);
        }

        received = 0;
        long total = 0;
        for (var i = 0; i < message->IovCount; i++)
        {
            total += (long)message->Iov[i].Length;
        }

        if (total > int.MaxValue)
        {
            return PlatformErrno.EINVAL;
        }

        // msg_flags: .NET passes none back. On Linux a datagram's real length comes back with MSG_TRUNC as an input
        // flag, which tells whether it was cut (the flag is then reported, and the count clamped unless the caller
        // asked for MSG_TRUNC itself).
        var callerTrunc = (flags & PortableConstants.MsgTrunc) != 0;
        var detectTrunc = OperatingSystem.IsLinux() && handle is PortableSocketHandle { Socket.SocketType: SocketType.Dgram or SocketType.Seqpacket or SocketType.Raw };
        if (detectTrunc)
        {
            flags |= PortableConstants.MsgTrunc;
        }

        byte[]? rented = null;
        try
        {
            byte dummy = 0;
            var name = stackalloc byte[128];
            var nameLength = 128;
            int err;
            if (message->IovCount == 1)
            {
                err = RecvFrom(handle, message->Iov[0].Base, (int)total, flags, name, ref nameLength, out received);
            }
            else if (total == 0)
            {
                err = RecvFrom(handle, &dummy, 0, flags, name, ref nameLength, out received);
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)total);
                fixed (byte* p = rented)
                {
                    err = RecvFrom(handle, p, (int)total, flags, name, ref nameLength, out received);
                }

                if (err == 0)
                {
                    var left = rented.AsSpan(0, Math.Min(received, (int)total));
                    for (var i = 0; i < message->IovCount && left.Length > 0; i++)
                    {
                        var part = new Span<byte>(message->Iov[i].Base, (int)message->Iov[i].Length);
                        var n = Math.Min(part.Length, left.Length);
                        left[..n].CopyTo(part);
                        left = left[n..];
                    }
                }
            }

            if (err == 0)
            {
                if (message->Name != null)
                {
                    var n = Math.Min(nameLength, message->NameLength);
                    new ReadOnlySpan<byte>(name, n).CopyTo(new Span<byte>(message->Name, message->NameLength));
                    message->NameLength = nameLength;
                }

                message->ControlLength = 0;
                message->Flags = 0;
                if (detectTrunc && received > total)
                {
                    message->Flags = PortableConstants.MsgTrunc;
                    if (!callerTrunc)
                    {
                        received = (int)total;
                    }
                }
            }

            return err;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc/>
    public override int Shutdown(SocketHandle handle, int how)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            h.Net.Shutdown((SocketShutdown)how);
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int GetSockOpt(SocketHandle handle, int level, int name, byte* value, ref int length)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        var n = 0;
        try
        {
            n = h.Socket.GetRawSocketOption(level, name, new Span<byte>(value, length));
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        err = End(handle, err);
        if (err == 0)
        {
            length = n;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int SetSockOpt(SocketHandle handle, int level, int name, byte* value, int length)
    {
        if ((value == null || length == 0) && !OperatingSystem.IsWindows())
        {
            // .NET passes NULL for an empty value and cannot pass NULL with a length (CPython's setsockopt(l, o, b'')
            // and setsockopt(l, o, None, optlen)): the C library's setsockopt(2) gets them as CPython gives them.
            return RawSetSockOpt(handle, level, name, value, length);
        }

        if (value == null && length > 0)
        {
            // Windows: .NET cannot pass a NULL option value with a length; Winsock answers WSAEFAULT for it.
            return PlatformErrno.EFAULT;
        }

        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            h.Socket.SetRawSocketOption(level, name, new ReadOnlySpan<byte>(value, length));
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        return End(handle, err);
    }

    private static int RawSetSockOpt(SocketHandle handle, int level, int name, byte* value, int length)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var rc = PortableInterop.SetSockOpt((int)h.Raw, level, name, value, (uint)length);
        return End(handle, rc < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <inheritdoc/>
    public override int GetSocketError(SocketHandle handle, out int socketError)
    {
        socketError = 0;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            socketError = SoError(h.Socket);
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int GetSockName(SocketHandle handle, byte* address, ref int length) => EndPointName(handle, address, ref length, peer: false);

    /// <inheritdoc/>
    public override int GetPeerName(SocketHandle handle, byte* address, ref int length) => EndPointName(handle, address, ref length, peer: true);

    /// <summary>getsockname/getpeername: a fresh shadow Socket's end point as sockaddr bytes (EOPNOTSUPP/ENOTCONN when it has none).</summary>
    private static int EndPointName(SocketHandle handle, byte* address, ref int length, bool peer)
    {
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        var n = 0;
        try
        {
            var shadow = Shadow(h);
            var ep = peer ? shadow.RemoteEndPoint : shadow.LocalEndPoint;
            if (ep is null)
            {
                err = shadow.SocketType == SocketType.Unknown ? NotSocket(h) : peer ? PlatformErrno.ENOTCONN : PlatformErrno.EOPNOTSUPP;
            }
            else
            {
                n = RawEndPoint.CopyOut(ep.Serialize(), new Span<byte>(address, length));
            }
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        err = End(handle, err);
        if (err == 0)
        {
            length = n;
        }

        return err;
    }

    /// <summary>
    /// sendfile: on Linux and macOS the C library's sendfile(2) on the layer's descriptor (zero copy, as CPython's
    /// os.sendfile), with the layer's blocking emulation. Elsewhere .NET has no sendfile with an offset and a count
    /// on a non-blocking socket: EOPNOTSUPP with nothing sent, which the Python layer takes as "not available" and
    /// answers with its send() loop, as CPython's socket.sendfile does where os.sendfile is missing (Windows).
    /// </summary>
    public override int SendFile(SocketHandle handle, SafeHandle file, long offset, long count, out long sent)
    {
        sent = 0;
        if (!PortableInterop.HasSendFile)
        {
            return handle.IsCloseRequested ? EBADF : PlatformErrno.EOPNOTSUPP;
        }

        var fileAdded = false;
        try
        {
            file.DangerousAddRef(ref fileAdded);
        }
        catch (ObjectDisposedException)
        {
        }

        if (!fileAdded)
        {
            return EBADF;
        }

        try
        {
            if (!Begin(handle, out var h))
            {
                return EBADF;
            }

            int err;
            long n;
            while (true)
            {
                n = PortableInterop.SendFile((int)h.Raw, (int)file.DangerousGetHandle(), offset, count, out err);
                if (n >= 0)
                {
                    err = 0;
                    break;
                }

                if (err == PlatformErrno.EINTR)
                {
                    continue;
                }

                if (err != EAGAIN || h.NonBlocking || (err = WaitReady(h, SelectMode.SelectWrite)) != 0)
                {
                    break;
                }
            }

            err = End(handle, err);
            sent = err == 0 ? n : 0;
            return err;
        }
        finally
        {
            file.DangerousRelease();
        }
    }

    /// <summary>
    /// Socket.Poll for one direction (both: Socket.Select). The wait is cut into slices of at most a second, so
    /// Socket.Poll's microsecond argument never overflows and a wait without a timeout notices close() on OSes
    /// where shutdown does not wake a poll. <paramref name="timeoutMs"/> is whole milliseconds (the caller rounds
    /// up as CPython does), which Socket.Poll passes to poll(2) unchanged.
    /// </summary>
    public override int Poll(SocketHandle handle, PollEvents events, int timeoutMs, out PollEvents revents)
    {
        revents = PollEvents.None;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var entry = new PollEntry { Handle = handle, Events = events };
        var err = PollCore(MemoryMarshal.CreateSpan(ref entry, 1), MemoryMarshal.CreateReadOnlySpan(ref h, 1), timeoutMs, out _);
        revents = entry.REvents;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int PollMany(Span<PollEntry> entries, int timeoutMs, out int ready)
    {
        ready = 0;
        var handles = _threadHandles ??= new PortableSocketHandle[MaxPollEntries];
        if (entries.Length > MaxPollEntries)
        {
            return PlatformErrno.EINVAL;
        }

        var taken = 0;
        var err = 0;
        for (; taken < entries.Length; taken++)
        {
            entries[taken].REvents = PollEvents.None;
            if (!Begin(entries[taken].Handle, out var h))
            {
                err = EBADF;
                break;
            }

            handles[taken] = h;
        }

        if (err == 0)
        {
            err = PollCore(entries, handles.AsSpan(0, entries.Length), timeoutMs, out ready);
        }

        Array.Clear(handles);

        for (var i = 0; i < taken; i++)
        {
            if (!entries[i].Handle.Release())
            {
                err = EBADF;
            }
        }

        if (err != 0)
        {
            ready = 0;
        }

        return err;
    }

    /// <summary>
    /// A second Socket over the same OS socket that does not own it, as the native layer hands out: the socket
    /// object disposes it on close/detach without closing the number, and the layer's own Socket is untouched
    /// by whatever .NET code does with it (its async calls only keep the socket non-blocking, which it already is).
    /// </summary>
    public override int GetNetSocket(SocketHandle handle, out NetSocket? socket)
    {
        socket = null;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            socket = new NetSocket(new SafeSocketHandle(h.Raw, ownsHandle: false));
        }
        catch (Exception e)
        {
            err = Fail(e);
        }

        if (!handle.Release())
        {
            socket?.Dispose();
            socket = null;
            return EBADF;
        }

        return err;
    }

    /// <inheritdoc/>
    public override string ErrorText(int error) => Marshal.GetPInvokeErrorMessage(error);

    /// <summary>The OS error for an exception of a .NET socket call.</summary>
    internal static int Fail(Exception e) => e switch
    {
        SocketException se => se.SocketErrorCode == SocketError.SocketError && se.NativeErrorCode > 0 && !OperatingSystem.IsWindows()
            ? se.NativeErrorCode
            : PortableErrno.FromSocketError(se.SocketErrorCode),
        ObjectDisposedException => EBADF,
        PlatformNotSupportedException or NotSupportedException => PlatformErrno.EOPNOTSUPP,
        InvalidOperationException => PlatformErrno.EINVAL,
        ArgumentException => PlatformErrno.EINVAL,
        _ => PlatformErrno.EINVAL,
    };

    /// <summary>
    /// sendmsg(2)/recvmsg(2) through the C library on the layer's descriptor (Unix), with the layer's blocking
    /// emulation: in blocking mode EAGAIN waits for readiness and retries; EINTR retries. The flags are the OS's.
    /// </summary>
    private static int UnixMsg(SocketHandle handle, PalMessage* message, int flags, bool send, out int count)
    {
        count = 0;
        if (!Begin(handle, out var h))
        {
            return EBADF;
        }

        // MSG_ERRQUEUE reads the error queue without ever blocking (EAGAIN when it is empty, on a blocking socket too);
        // AF_UNIX ignores the flag and reads (and blocks) as usual.
        var dontWait = (PortableConstants.MsgDontWait != 0 && (flags & PortableConstants.MsgDontWait) != 0)
            || (!send && PortableConstants.MsgErrQueue != 0 && (flags & PortableConstants.MsgErrQueue) != 0 && h.Socket.AddressFamily != NetFamily.Unix);
        if (send)
        {
            flags |= PortableConstants.MsgNoSignal; // as the native layer (Linux; 0 where the OS has none: SO_NOSIGPIPE is .NET's there)
        }

        int err;
        long n;
        while (true)
        {
            // A failed call leaves the message as it was (Msg writes the lengths back only on success), so a retry
            // passes the caller's capacities again.
            n = PortableInterop.Msg((int)h.Raw, message, flags, send, out err);
            if (n >= 0)
            {
                break;
            }

            if (err == PlatformErrno.EINTR)
            {
                continue;
            }

            if (err != EAGAIN || dontWait || h.NonBlocking || (err = WaitReady(h, send ? SelectMode.SelectWrite : SelectMode.SelectRead)) != 0)
            {
                break;
            }
        }

        count = n > 0 ? (int)Math.Min(n, int.MaxValue) : 0;
        return EndCount(handle, err, ref count);
    }

    /// <summary>
    /// send/sendto/recv/recvfrom with flags .NET cannot pass (MSG_MORE, MSG_EOR, MSG_CONFIRM, MSG_ERRQUEUE, ...): on
    /// Unix one buffer through sendmsg(2)/recvmsg(2) (<see cref="UnixMsg"/>), so the kernel takes or refuses the
    /// flags as it does for CPython's send(2)/recv(2), and recvfrom's sender address comes back in
    /// <paramref name="addressLength"/>; on Windows EOPNOTSUPP (.NET's flags are all that Winsock has there).
    /// </summary>
    private static int UnixSingle(SocketHandle handle, byte* buffer, int length, int flags, byte* address, ref int addressLength, bool send, out int count)
    {
        if (OperatingSystem.IsWindows())
        {
            count = 0;
            return PlatformErrno.EOPNOTSUPP;
        }

        var iov = new PalIoVec { Base = buffer, Length = (nuint)length };
        var message = new PalMessage { Name = address, NameLength = address is null ? 0 : addressLength, Iov = &iov, IovCount = 1 };
        var err = UnixMsg(handle, &message, flags, send, out count);
        if (err == 0 && !send)
        {
            addressLength = message.NameLength;
        }

        return err;
    }

    private static bool Begin(SocketHandle handle, out PortableSocketHandle h)
    {
        h = (handle as PortableSocketHandle)!;
        if (h is null)
        {
            return false;
        }

        return handle.TryAddRef();
    }

    private static int End(SocketHandle handle, int err) => handle.Release() ? err : EBADF;

    private static int EndCount(SocketHandle handle, int err, ref int count)
    {
        if (!handle.Release())
        {
            count = 0;
            return EBADF;
        }

        if (err != 0)
        {
            count = 0;
        }

        return err;
    }

    /// <summary>.NET folds ENOENT into AddressNotAvailable; for an AF_UNIX path the OS's answer is ENOENT.</summary>
    private static int UnixPathError(PortableSocketHandle h, int err, Exception e) =>
        e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable } && h.Socket.AddressFamily == NetFamily.Unix
            ? PlatformErrno.ENOENT
            : err;

    /// <summary>ENOTSOCK for a number .NET could not read as a socket, or EBADF (Unix) when it is not open at all.</summary>
    private static int NotSocket(PortableSocketHandle h) =>
        !OperatingSystem.IsWindows() && PortableInterop.Fcntl((int)h.Raw, PortableInterop.F_GETFD, 0) < 0
            ? Marshal.GetLastPInvokeError()
            : PlatformErrno.ENOTSOCK;

    private static int SoError(NetSocket s)
    {
        Span<byte> v = stackalloc byte[4];
        v.Clear();
        s.GetRawSocketOption(PortableConstants.SolSocket, PortableConstants.SoError, v);
        return BitConverter.ToInt32(v);
    }

    /// <summary>
    /// A Socket over the same OS socket that does not own it, made fresh so that .NET reads getsockname and
    /// getpeername now (a Socket caches its end points). It is never disposed (that would shut the socket down)
    /// and has no finaliser; it only reads.
    /// </summary>
    private static NetSocket Shadow(PortableSocketHandle h)
    {
        var shadow = new NetSocket(new SafeSocketHandle(h.Raw, ownsHandle: false));
        GC.SuppressFinalize(shadow);
        return shadow;
    }

    /// <summary>The accepted socket's peer address as sockaddr bytes (0 for an unnamed AF_UNIX peer, as accept(2) reports it).</summary>
    internal static int PeerAddress(NetSocket s, Span<byte> dest)
    {
        EndPoint? ep;
        try
        {
            ep = s.RemoteEndPoint;
        }
        catch (SocketException)
        {
            ep = null;
        }

        if (ep is null)
        {
            return 0;
        }

        var sa = ep.Serialize();
        return RawEndPoint.CopyOut(sa, dest);
    }

    /// <summary>
    /// Blocking emulation: waits until <paramref name="h"/> is ready for <paramref name="mode"/>, in slices of a
    /// second so that a close() from another thread is noticed; 0 when ready, EBADF once closed.
    /// </summary>
    private static int WaitReady(PortableSocketHandle h, SelectMode mode)
    {
        while (true)
        {
            if (h.IsCloseRequested)
            {
                return EBADF;
            }

            try
            {
                if (h.Socket.Poll(SliceMs * 1000, mode))
                {
                    return h.IsCloseRequested ? EBADF : 0;
                }
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }
    }

    /// <summary>
    /// Blocking emulation of connect: waits until the connect has an outcome, writable (connected) or in the error
    /// set (Windows reports a refused connect there only); 0, or EBADF once closed.
    /// </summary>
    private static int WaitConnected(PortableSocketHandle h)
    {
        Span<PollEntry> entry = [new PollEntry { Handle = h, Events = PollEvents.Write | PollEvents.Error }];
        return PollCore(entry, [h], -1, out _);
    }

    private static int PollCore(Span<PollEntry> entries, ReadOnlySpan<PortableSocketHandle> handles, int timeoutMs, out int ready)
    {
        ready = 0;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            int slice;
            if (timeoutMs < 0)
            {
                slice = SliceMs;
            }
            else
            {
                var left = timeoutMs - (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                slice = (int)Math.Clamp(left, 0, SliceMs);
            }

            int err;
            try
            {
                err = PollOnce(entries, handles, slice * 1000, out ready);
            }
            catch (Exception e)
            {
                err = Fail(e);
            }

            if (err != 0 || ready > 0)
            {
                return err;
            }

            foreach (var h in handles)
            {
                if (h.IsCloseRequested)
                {
                    return EBADF;
                }
            }

            if (timeoutMs >= 0 && slice < SliceMs)
            {
                return 0; // the whole timeout has passed
            }
        }
    }

    private static int PollOnce(Span<PollEntry> entries, ReadOnlySpan<PortableSocketHandle> handles, int micros, out int ready)
    {
        ready = 0;
        // A wait that asks for POLLERR goes through Select with an error list: Windows reports a failed connect in
        // exceptfds only, never as writable (CPython's internal_select adds the socket to efds for a connect).
        if (entries.Length == 1 && (entries[0].Events & (PollEvents.Read | PollEvents.Write | PollEvents.Error)) is PollEvents.Read or PollEvents.Write)
        {
            var read = (entries[0].Events & PollEvents.Read) != 0;
            var s = handles[0].Socket;
            var started = Stopwatch.GetTimestamp();
            if (s.Poll(micros, read ? SelectMode.SelectRead : SelectMode.SelectWrite))
            {
                entries[0].REvents = read ? PollEvents.Read : PollEvents.Write;
                ready = 1;
            }
            else if (micros == 0 || Stopwatch.GetElapsedTime(started).TotalMilliseconds < micros / 1000)
            {
                // Socket.Poll counts only POLLIN|POLLHUP (read) or POLLOUT (write), but poll(2) returns early for
                // POLLERR (a pending ICMP error, a failed connect) too: report it, as poll(2) would.
                if (s.Poll(0, SelectMode.SelectError))
                {
                    entries[0].REvents = PollEvents.Error;
                    ready = 1;
                }
                else if (!read && s.Poll(0, SelectMode.SelectRead))
                {
                    entries[0].REvents = PollEvents.HangUp;
                    ready = 1;
                }
            }

            return 0;
        }

        var reads = _threadReads ??= [];
        var writes = _threadWrites ??= [];
        var errors = _threadErrors ??= [];
        reads.Clear();
        writes.Clear();
        errors.Clear();
        for (var i = 0; i < entries.Length; i++)
        {
            if ((entries[i].Events & PollEvents.Read) != 0)
            {
                reads.Add(handles[i].Socket);
            }

            if ((entries[i].Events & PollEvents.Write) != 0)
            {
                writes.Add(handles[i].Socket);
            }

            if ((entries[i].Events & PollEvents.Error) != 0)
            {
                errors.Add(handles[i].Socket);
            }
        }

        if (reads.Count == 0 && writes.Count == 0 && errors.Count == 0)
        {
            return 0;
        }

        NetSocket.Select(reads.Count > 0 ? reads : null, writes.Count > 0 ? writes : null, errors.Count > 0 ? errors : null, micros);
        for (var i = 0; i < entries.Length; i++)
        {
            var ev = PollEvents.None;
            if ((entries[i].Events & PollEvents.Read) != 0 && reads.Contains(handles[i].Socket))
            {
                ev |= PollEvents.Read;
            }

            if ((entries[i].Events & PollEvents.Write) != 0 && writes.Contains(handles[i].Socket))
            {
                ev |= PollEvents.Write;
            }

            if ((entries[i].Events & PollEvents.Error) != 0 && errors.Contains(handles[i].Socket))
            {
                ev |= PollEvents.Error;
            }

            entries[i].REvents = ev;
            if (ev != PollEvents.None)
            {
                ready++;
            }
        }

        reads.Clear();
        writes.Clear();
        errors.Clear();
        return 0;
    }

    private static int UnixSocketPair(int family, int type, int proto, out SocketHandle? first, out SocketHandle? second)
    {
        first = second = null;
        var fds = stackalloc int[2];
        if (PortableInterop.SocketPair(family, type | PortableInterop.SOCK_CLOEXEC, proto, fds) < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        if (PortableInterop.SOCK_CLOEXEC == 0)
        {
            _ = PortableInterop.Fcntl(fds[0], PortableInterop.F_SETFD, PortableInterop.FD_CLOEXEC);
            _ = PortableInterop.Fcntl(fds[1], PortableInterop.F_SETFD, PortableInterop.FD_CLOEXEC);
        }

        NetSocket? a = null;
        try
        {
            a = new NetSocket(new SafeSocketHandle(fds[0], ownsHandle: true)) { Blocking = false };
            var b = new NetSocket(new SafeSocketHandle(fds[1], ownsHandle: true)) { Blocking = false };
            first = new PortableSocketHandle(a);
            second = new PortableSocketHandle(b);
            return 0;
        }
        catch (Exception e)
        {
            if (a is null)
            {
                _ = PortableInterop.Close(fds[0]);
            }
            else
            {
                a.Dispose();
            }

            _ = PortableInterop.Close(fds[1]);
            return Fail(e);
        }
    }

    private static int DuplicateNumberCore(long number, out long copy)
    {
        copy = -1;
        if (number < 0)
        {
            return EBADF;
        }

        if (OperatingSystem.IsWindows())
        {
            var info = stackalloc byte[1024]; // WSAPROTOCOL_INFOW is 628 bytes
            if (PortableInterop.WSADuplicateSocketW((IntPtr)number, PortableInterop.GetCurrentProcessId(), info) != 0)
            {
                return Marshal.GetLastPInvokeError();
            }

            var s = PortableInterop.WSASocketW(WsaFromProtocolInfo, WsaFromProtocolInfo, WsaFromProtocolInfo, info, 0, WsaFlagOverlapped | WsaFlagNoHandleInherit);
            if (s == new IntPtr(-1))
            {
                return Marshal.GetLastPInvokeError();
            }

            copy = (long)s;
            return 0;
        }

        if (number > int.MaxValue)
        {
            return EBADF;
        }

        var fd = PortableInterop.Fcntl((int)number, PortableInterop.F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        copy = fd;
        return 0;
    }

    private static int SetInheritableCore(IntPtr number, bool inheritable)
    {
        if (OperatingSystem.IsWindows())
        {
            return PortableInterop.SetHandleInformation(number, PortableInterop.HANDLE_FLAG_INHERIT, inheritable ? PortableInterop.HANDLE_FLAG_INHERIT : 0)
                ? 0
                : Marshal.GetLastPInvokeError();
        }

        var fd = (int)number;
        var flags = PortableInterop.Fcntl(fd, PortableInterop.F_GETFD, 0);
        if (flags < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var wanted = inheritable ? flags & ~PortableInterop.FD_CLOEXEC : flags | PortableInterop.FD_CLOEXEC;
        return wanted != flags && PortableInterop.Fcntl(fd, PortableInterop.F_SETFD, wanted) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>The OS's default IPV6_V6ONLY for new sockets: Linux's net.ipv6.bindv6only (normally 0), 0 on the BSDs.</summary>
    private static int ReadBindV6Only()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            return File.ReadAllText("/proc/sys/net/ipv6/bindv6only").Trim() == "1" ? 1 : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
