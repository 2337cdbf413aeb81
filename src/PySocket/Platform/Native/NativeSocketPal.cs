using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The native platform layer: Linux system calls through <see cref="Libc"/>. Each operation holds the handle's
/// reference for the duration of its system call and reports EBADF when the handle was closed before or during it.
/// Sends add MSG_NOSIGNAL (a closed peer gives EPIPE, never SIGPIPE); new descriptors are close-on-exec.
/// </summary>
internal sealed unsafe class NativeSocketPal : SocketPal
{
    private const int SockCloexec = 0x80000;
    private const int MsgNoSignal = 0x4000;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int MaxPollEntries = 8;


    /// <inheritdoc/>
    public override string Name => "native";

    /// <inheritdoc/>
    public override PalErrorCodes Errors => PlatformErrno.Codes;

    /// <inheritdoc/>
    public override PlatformLayout Layout => PlatformLayout.Linux;

    /// <inheritdoc/>
    public override int Socket(int family, int type, int proto, out SocketHandle? handle)
    {
        var fd = Libc.Socket(family, type | SockCloexec, proto);
        if (fd < 0)
        {
            handle = null;
            return Marshal.GetLastPInvokeError();
        }

        handle = new NativeSocketHandle(fd);
        return 0;
    }

    /// <inheritdoc/>
    public override int SocketPair(int family, int type, int proto, out SocketHandle? first, out SocketHandle? second)
    {
        var fds = stackalloc int[2];
        if (Libc.SocketPair(family, type | SockCloexec, proto, fds) < 0)
        {
            first = second = null;
            return Marshal.GetLastPInvokeError();
        }

        first = new NativeSocketHandle(fds[0]);
        second = new NativeSocketHandle(fds[1]);
        return 0;
    }

    /// <inheritdoc/>
    public override int Adopt(long number, out SocketHandle? handle)
    {
        if (number is < 0 or > int.MaxValue)
        {
            handle = null;
            return Errno.EBADF;
        }

        handle = new NativeSocketHandle((int)number);
        return 0;
    }

    /// <inheritdoc/>
    public override int Duplicate(SocketHandle handle, out SocketHandle? copy)
    {
        copy = null;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var fd = Libc.Fcntl(Fd(handle), Libc.F_DUPFD_CLOEXEC, 0);
        var err = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (!handle.Release())
        {
            if (fd >= 0)
            {
                _ = Libc.Close(fd);
            }

            return Errno.EBADF;
        }

        if (err == 0)
        {
            copy = new NativeSocketHandle(fd);
        }

        return err;
    }

    /// <inheritdoc/>
    public override int DuplicateNumber(long number, out long copy)
    {
        copy = -1;
        if (number is < 0 or > int.MaxValue)
        {
            return Errno.EBADF;
        }

        var fd = Libc.Fcntl((int)number, Libc.F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        copy = fd;
        return 0;
    }

    /// <inheritdoc/>
    public override int CloseNumber(long number)
    {
        if (number is < 0 or > int.MaxValue)
        {
            return Errno.EBADF;
        }

        return Libc.Close((int)number) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <inheritdoc/>
    public override int GetInheritable(SocketHandle handle, out bool inheritable)
    {
        inheritable = false;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var flags = Libc.Fcntl(Fd(handle), Libc.F_GETFD, 0);
        var err = flags < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (!handle.Release())
        {
            return Errno.EBADF;
        }

        inheritable = err == 0 && (flags & Libc.FD_CLOEXEC) == 0;
        return err;
    }

    /// <inheritdoc/>
    public override int SetInheritable(SocketHandle handle, bool inheritable) =>
        UpdateFlags(handle, Libc.F_GETFD, Libc.F_SETFD, Libc.FD_CLOEXEC, set: !inheritable);

    /// <inheritdoc/>
    public override int GetNonBlocking(SocketHandle handle, out bool nonBlocking)
    {
        nonBlocking = false;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var flags = Libc.Fcntl(Fd(handle), Libc.F_GETFL, 0);
        var err = flags < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (!handle.Release())
        {
            return Errno.EBADF;
        }

        nonBlocking = err == 0 && (flags & Libc.O_NONBLOCK) != 0;
        return err;
    }

    /// <inheritdoc/>
    public override int SetNonBlocking(SocketHandle handle, bool nonBlocking) =>
        UpdateFlags(handle, Libc.F_GETFL, Libc.F_SETFL, Libc.O_NONBLOCK, set: nonBlocking);

    /// <inheritdoc/>
    public override int Bind(SocketHandle handle, byte* address, int length)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = Libc.Bind(Fd(handle), address, (uint)length) < 0 ? Marshal.GetLastPInvokeError() : 0;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Connect(SocketHandle handle, byte* address, int length)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = Libc.Connect(Fd(handle), address, (uint)length) < 0 ? Marshal.GetLastPInvokeError() : 0;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Listen(SocketHandle handle, int backlog)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = Libc.Listen(Fd(handle), backlog) < 0 ? Marshal.GetLastPInvokeError() : 0;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int Accept(SocketHandle handle, byte* address, ref int length, out SocketHandle? accepted)
    {
        accepted = null;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var len = (uint)length;
        var fd = Libc.Accept4(Fd(handle), address, &len, SockCloexec);
        var err = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (!handle.Release())
        {
            // The listening socket was closed meanwhile: the connection is not handed out.
            if (fd >= 0)
            {
                _ = Libc.Close(fd);
            }

            return Errno.EBADF;
        }

        if (err == 0)
        {
            length = (int)len;
            accepted = new NativeSocketHandle(fd);
        }

        return err;
    }

    /// <inheritdoc/>
    public override int Send(SocketHandle handle, byte* buffer, int length, int flags, out int sent)
    {
        sent = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var n = Libc.Send(Fd(handle), buffer, (nuint)length, flags | MsgNoSignal);
        return EndCount(handle, n, out sent);
    }

    /// <inheritdoc/>
    public override int SendTo(SocketHandle handle, byte* buffer, int length, int flags, byte* address, int addressLength, out int sent)
    {
        sent = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var n = Libc.SendTo(Fd(handle), buffer, (nuint)length, flags | MsgNoSignal, address, (uint)addressLength);
        return EndCount(handle, n, out sent);
    }

    /// <inheritdoc/>
    public override int Recv(SocketHandle handle, byte* buffer, int length, int flags, out int received)
    {
        received = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var n = Libc.Recv(Fd(handle), buffer, (nuint)length, flags);
        return EndCount(handle, n, out received);
    }

    /// <inheritdoc/>
    public override int RecvFrom(SocketHandle handle, byte* buffer, int length, int flags, byte* address, ref int addressLength, out int received)
    {
        received = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var len = (uint)addressLength;
        var n = Libc.RecvFrom(Fd(handle), buffer, (nuint)length, flags, address, &len);
        var err = EndCount(handle, n, out received);
        if (err == 0)
        {
            addressLength = (int)len;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int SendMsg(SocketHandle handle, PalMessage* message, int flags, out int sent)
    {
        sent = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var msg = ToMsgHdr(message);
        var n = Libc.SendMsg(Fd(handle), &msg, flags | MsgNoSignal);
        return EndCount(handle, n, out sent);
    }

    /// <inheritdoc/>
    public override int RecvMsg(SocketHandle handle, PalMessage* message, int flags, out int received)
    {
        received = 0;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var msg = ToMsgHdr(message);
        var n = Libc.RecvMsg(Fd(handle), &msg, flags);
        var err = EndCount(handle, n, out received);
        if (err == 0)
        {
            message->NameLength = (int)msg.NameLen;
            message->ControlLength = (int)Math.Min((ulong)msg.ControlLen, int.MaxValue);
            message->Flags = msg.Flags;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int Shutdown(SocketHandle handle, int how)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = Libc.Shutdown(Fd(handle), how) < 0 ? Marshal.GetLastPInvokeError() : 0;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int GetSockOpt(SocketHandle handle, int level, int name, byte* value, ref int length)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var len = (uint)length;
        var err = Libc.GetSockOpt(Fd(handle), level, name, value, &len) < 0 ? Marshal.GetLastPInvokeError() : 0;
        err = End(handle, err);
        if (err == 0)
        {
            length = (int)len;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int SetSockOpt(SocketHandle handle, int level, int name, byte* value, int length)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = Libc.SetSockOpt(Fd(handle), level, name, value, (uint)length) < 0 ? Marshal.GetLastPInvokeError() : 0;
        return End(handle, err);
    }

    /// <inheritdoc/>
    public override int GetSocketError(SocketHandle handle, out int socketError)
    {
        int value = 0;
        var len = sizeof(int);
        var err = GetSockOpt(handle, SolSocket, SoError, (byte*)&value, ref len);
        socketError = value;
        return err;
    }

    /// <inheritdoc/>
    public override int GetSockName(SocketHandle handle, byte* address, ref int length) => EndPointName(handle, address, ref length, peer: false);

    /// <inheritdoc/>
    public override int GetPeerName(SocketHandle handle, byte* address, ref int length) => EndPointName(handle, address, ref length, peer: true);

    private static int EndPointName(SocketHandle handle, byte* address, ref int length, bool peer)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var len = (uint)length;
        var rc = peer ? Libc.GetPeerName(Fd(handle), address, &len) : Libc.GetSockName(Fd(handle), address, &len);
        var err = End(handle, rc < 0 ? Marshal.GetLastPInvokeError() : 0);
        if (err == 0)
        {
            length = (int)len;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int SendFile(SocketHandle handle, SafeHandle file, long offset, long count, out long sent)
    {
        sent = 0;
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
            return Errno.EBADF;
        }

        try
        {
            if (!handle.TryAddRef())
            {
                return Errno.EBADF;
            }

            var off = offset;
            var n = Libc.SendFile(Fd(handle), (int)file.DangerousGetHandle(), &off, (nuint)count);
            var err = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            err = End(handle, err);
            if (err == 0)
            {
                sent = n;
            }

            return err;
        }
        finally
        {
            file.DangerousRelease();
        }
    }

    /// <inheritdoc/>
    public override int Poll(SocketHandle handle, PollEvents events, int timeoutMs, out PollEvents revents)
    {
        revents = PollEvents.None;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var pfd = new Libc.PollFd { Fd = Fd(handle), Events = (short)events };
        var rc = Libc.Poll(&pfd, 1, timeoutMs);
        var err = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        err = End(handle, err);
        if (err == 0 && rc > 0)
        {
            revents = (PollEvents)pfd.REvents;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int PollMany(Span<PollEntry> entries, int timeoutMs, out int ready)
    {
        ready = 0;
        if (entries.Length > MaxPollEntries)
        {
            return Errno.EINVAL;
        }

        var fds = stackalloc Libc.PollFd[MaxPollEntries];
        var taken = 0;
        var err = 0;
        for (; taken < entries.Length; taken++)
        {
            entries[taken].REvents = PollEvents.None;
            if (!entries[taken].Handle.TryAddRef())
            {
                err = Errno.EBADF;
                break;
            }

            fds[taken] = new Libc.PollFd { Fd = Fd(entries[taken].Handle), Events = (short)entries[taken].Events };
        }

        var rc = 0;
        if (err == 0)
        {
            rc = Libc.Poll(fds, (nuint)entries.Length, timeoutMs);
            err = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        }

        for (var i = 0; i < taken; i++)
        {
            if (!entries[i].Handle.Release())
            {
                err = Errno.EBADF;
            }
        }

        if (err == 0 && rc > 0)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i].REvents = (PollEvents)fds[i].REvents;
            }

            ready = rc;
        }

        return err;
    }

    /// <inheritdoc/>
    public override int GetNetSocket(SocketHandle handle, out System.Net.Sockets.Socket? socket)
    {
        socket = null;
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var err = 0;
        try
        {
            socket = new System.Net.Sockets.Socket(new System.Net.Sockets.SafeSocketHandle(handle.Raw, ownsHandle: false));
        }
        catch (System.Net.Sockets.SocketException e)
        {
            err = e.NativeErrorCode != 0 ? e.NativeErrorCode : Errno.EBADF;
        }

        if (!handle.Release())
        {
            socket?.Dispose();
            socket = null;
            return Errno.EBADF;
        }

        return err;
    }

    /// <inheritdoc/>
    public override string ErrorText(int error) => Marshal.GetPInvokeErrorMessage(error);

    /// <summary>Async operations wait for readiness through the process's <see cref="EpollEngine"/>.</summary>
    internal override int GetReadiness(SocketHandle handle, out SocketReadiness? readiness)
    {
        readiness = null;
        return handle is NativeSocketHandle native ? EpollEngine.Instance.Register(native, out readiness) : Errno.EBADF;
    }

    private static int Fd(SocketHandle handle) => (int)handle.Raw;

    /// <summary>Ends a call: EBADF when the handle was closed during it, otherwise <paramref name="err"/>.</summary>
    private static int End(SocketHandle handle, int err) => handle.Release() ? err : Errno.EBADF;

    private static int EndCount(SocketHandle handle, nint n, out int count)
    {
        var err = n < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (!handle.Release())
        {
            count = 0;
            return Errno.EBADF;
        }

        count = err == 0 ? (int)n : 0;
        return err;
    }

    private static Libc.MsgHdr ToMsgHdr(PalMessage* message) => new()
    {
        Name = message->Name,
        NameLen = (uint)message->NameLength,
        Iov = (Libc.IoVec*)message->Iov,
        IovLen = (nuint)message->IovCount,
        Control = message->Control,
        ControlLen = (nuint)message->ControlLength,
    };

    private static int UpdateFlags(SocketHandle handle, int getCmd, int setCmd, int bit, bool set)
    {
        if (!handle.TryAddRef())
        {
            return Errno.EBADF;
        }

        var fd = Fd(handle);
        var err = 0;
        var flags = Libc.Fcntl(fd, getCmd, 0);
        if (flags < 0)
        {
            err = Marshal.GetLastPInvokeError();
        }
        else
        {
            var wanted = set ? flags | bit : flags & ~bit;
            if (wanted != flags && Libc.Fcntl(fd, setCmd, wanted) < 0)
            {
                err = Marshal.GetLastPInvokeError();
            }
        }

        return End(handle, err);
    }
}
