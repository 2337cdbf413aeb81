using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>The portable layer's async operations: System.Net.Sockets' own allocation-free ValueTask calls.</summary>
internal sealed partial class PortableSocketPal
{
    /// <inheritdoc/>
    public override ValueTask<AsyncResult> RecvAsync(SocketHandle handle, Memory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        PortableAsync.NetPasses(flags)
            ? PortableAsync.RecvAsync(handle, buffer, flags, cancellationToken)
            : PortableAsync.UnixFlagsAsync(this, handle, write: false, new SockCallAsync.RecvMemoryOp { Buffer = buffer, Flags = flags }, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> SendAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        PortableAsync.NetPasses(flags)
            ? PortableAsync.SendAsync(handle, buffer, flags, cancellationToken)
            : PortableAsync.UnixFlagsAsync(this, handle, write: true, new SockCallAsync.SendMemoryOp { Buffer = buffer, Flags = flags }, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> RecvFromAsync(SocketHandle handle, Memory<byte> buffer, int flags, Memory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.NetPasses(flags)
            ? PortableAsync.RecvFromAsync(handle, buffer, flags, address, cancellationToken)
            : PortableAsync.UnixFlagsAsync(this, handle, write: false, new SockCallAsync.RecvFromMemoryOp { Buffer = buffer, Flags = flags, Address = address }, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> SendToAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.NetPasses(flags)
            ? PortableAsync.SendToAsync(handle, buffer, flags, address, cancellationToken)
            : PortableAsync.UnixFlagsAsync(this, handle, write: true, new SockCallAsync.SendToMemoryOp { Buffer = buffer, Flags = flags, Address = address }, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> AcceptAsync(SocketHandle handle, Memory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.AcceptAsync(handle, address, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<int> ConnectAsync(SocketHandle handle, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.ConnectAsync(handle, address, cancellationToken);
}

/// <summary>
/// The bodies of <see cref="PortableSocketPal"/>'s async operations. Each holds the handle's reference for its
/// whole duration; close() wakes a pending one through the handle's shutdown (on Linux also for a listening
/// socket) and it reports EBADF. .NET exceptions become the OS's error numbers; cancellation is <see cref="SocketPal.Canceled"/>.
/// </summary>
internal static class PortableAsync
{
    private static int EBADF => PlatformErrno.EBADF;

    public static ValueTask<AsyncResult> RecvAsync(SocketHandle handle, Memory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        TransferAsync(handle, flags, new Recv { Buffer = buffer }, cancellationToken);

    public static ValueTask<AsyncResult> SendAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        TransferAsync(handle, flags, new Send { Buffer = buffer }, cancellationToken);

    public static ValueTask<AsyncResult> RecvFromAsync(SocketHandle handle, Memory<byte> buffer, int flags, Memory<byte> address, CancellationToken cancellationToken) =>
        TransferAsync(handle, flags, new RecvFrom { Buffer = buffer, Address = address }, cancellationToken);

    public static ValueTask<AsyncResult> SendToAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        TransferAsync(handle, flags, new SendTo { Buffer = buffer, Address = address }, cancellationToken);

    /// <summary>
    /// True when .NET's async calls can carry <paramref name="flags"/>, and always on Windows (where .NET's flags are
    /// Winsock's and any other gives EOPNOTSUPP).
    /// </summary>
    public static bool NetPasses(int flags) => OperatingSystem.IsWindows() || PortableConstants.TryToNetFlags(flags, out _, out _, out _);

    /// <summary>
    /// A transfer with flags .NET has no name for (MSG_MORE, MSG_EOR, MSG_CONFIRM, MSG_CMSG_CLOEXEC, ...), on Unix:
    /// each attempt is the layer's own call (sendmsg/recvmsg on the non-blocking descriptor, as the blocking calls
    /// use), and on EAGAIN .NET waits for readability once (a zero-byte MSG_PEEK receive, which takes no data); a
    /// send, or a receive still refused after that, tries again after a pause growing from 1 ms to 50 ms. The
    /// handle's reference is held throughout; close() wakes the wait and the call reports EBADF.
    /// </summary>
    public static async ValueTask<AsyncResult> UnixFlagsAsync<TOp>(PortableSocketPal pal, SocketHandle handle, bool write, TOp op, CancellationToken cancellationToken)
        where TOp : struct, SockCallAsync.IAsyncSocketOp
    {
        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        var err = 0;
        long result = 0;
        try
        {
            var pause = 1;
            var retried = false;
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    err = SocketPal.Canceled;
                    break;
                }

                err = op.Attempt(pal, handle, out result);
                if (err != PlatformErrno.EAGAIN || h.IsCloseRequested)
                {
                    break;
                }

                if (!write && !retried)
                {
                    await h.Net.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
                    retried = true;
                }
                else
                {
                    // A send, or a receive still refused after its socket became readable (the flag asks for something
                    // else than data, as MSG_ERRQUEUE does): no event says when it can go, so pause and try again.
                    await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                    pause = Math.Min(pause * 2, 50);
                }
            }
        }
        catch (OperationCanceledException)
        {
            err = SocketPal.Canceled;
        }
        catch (Exception e)
        {
            err = PortableSocketPal.Fail(e);
        }
        finally
        {
            if (!h.Release())
            {
                err = EBADF;
            }
        }

        return err == 0 ? new AsyncResult(0, (int)result, op.AddressLength) : new AsyncResult(err, 0);
    }

    /// <summary>
    /// The one body of the data transfers: the flags .NET can pass, the handle's reference for the whole call, the
    /// layer's reused SocketAddress for the forms with an address, and .NET's exceptions as error numbers.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    private static async ValueTask<AsyncResult> TransferAsync<TOp>(SocketHandle handle, int flags, TOp op, CancellationToken cancellationToken)
        where TOp : struct, ITransfer
    {
        if (!PortableConstants.TryToNetFlags(flags, out var net, out _, out _))
        {
            return new AsyncResult(PlatformErrno.EOPNOTSUPP, 0);
        }

        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        int err = 0, n = 0, length = 0;
        var sa = op.UsesAddress ? h.RentAddress() : null;
        try
        {
            n = await op.Start(h.Net, net, sa, cancellationToken).ConfigureAwait(false);
            length = op.AddressLength(sa);
        }
        catch (OperationCanceledException)
        {
            err = SocketPal.Canceled;
        }
        catch (Exception e)
        {
            err = PortableSocketPal.Fail(e);
        }
        finally
        {
            if (sa is not null)
            {
                h.ReturnAddress(sa);
            }

            if (!h.Release())
            {
                err = EBADF;
            }
        }

        return err == 0 ? new AsyncResult(0, n, length) : new AsyncResult(err, 0);
    }

    /// <summary>One data transfer of <see cref="TransferAsync"/>: the .NET call and, for the address forms, the address.</summary>
    private interface ITransfer
    {
        bool UsesAddress { get; }

        ValueTask<int> Start(System.Net.Sockets.Socket s, SocketFlags flags, SocketAddress? sa, CancellationToken cancellationToken);

        int AddressLength(SocketAddress? sa);
    }

    private struct Recv : ITransfer
    {
        public Memory<byte> Buffer;

        public readonly bool UsesAddress => false;

        public readonly ValueTask<int> Start(System.Net.Sockets.Socket s, SocketFlags flags, SocketAddress? sa, CancellationToken cancellationToken) =>
            s.ReceiveAsync(Buffer, flags, cancellationToken);

        public readonly int AddressLength(SocketAddress? sa) => 0;
    }

    private struct Send : ITransfer
    {
        public ReadOnlyMemory<byte> Buffer;

        public readonly bool UsesAddress => false;

        public readonly ValueTask<int> Start(System.Net.Sockets.Socket s, SocketFlags flags, SocketAddress? sa, CancellationToken cancellationToken) =>
            s.SendAsync(Buffer, flags, cancellationToken);

        public readonly int AddressLength(SocketAddress? sa) => 0;
    }

    private struct RecvFrom : ITransfer
    {
        public Memory<byte> Buffer;
        public Memory<byte> Address;

        public readonly bool UsesAddress => true;

        public readonly ValueTask<int> Start(System.Net.Sockets.Socket s, SocketFlags flags, SocketAddress? sa, CancellationToken cancellationToken) =>
            s.ReceiveFromAsync(Buffer, flags, sa!, cancellationToken);

        public readonly int AddressLength(SocketAddress? sa) => RawEndPoint.CopyOut(sa!, Address.Span);
    }

    private struct SendTo : ITransfer
    {
        public ReadOnlyMemory<byte> Buffer;
        public ReadOnlyMemory<byte> Address;

        public readonly bool UsesAddress => true;

        public readonly ValueTask<int> Start(System.Net.Sockets.Socket s, SocketFlags flags, SocketAddress? sa, CancellationToken cancellationToken)
        {
            Address.Span.CopyTo(sa!.Buffer.Span);
            sa.Size = Address.Length;
            return s.SendToAsync(Buffer, flags, sa, cancellationToken);
        }

        public readonly int AddressLength(SocketAddress? sa) => 0;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> AcceptAsync(SocketHandle handle, Memory<byte> address, CancellationToken cancellationToken)
    {
        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        var err = 0;
        System.Net.Sockets.Socket? s = null;
        try
        {
            s = await h.Net.AcceptAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            err = SocketPal.Canceled;
        }
        catch (InvalidOperationException)
        {
            err = h.Socket.SocketType is SocketType.Stream or SocketType.Seqpacket ? PlatformErrno.EINVAL : PlatformErrno.EOPNOTSUPP;
        }
        catch (Exception e)
        {
            err = PortableSocketPal.Fail(e);
        }
        finally
        {
            if (!h.Release())
            {
                err = EBADF;
            }
        }

        if (err != 0 || s is null)
        {
            s?.Dispose();
            return new AsyncResult(err == 0 ? EBADF : err, 0);
        }

        int length;
        try
        {
            s.Blocking = false;
            length = PortableSocketPal.PeerAddress(s, address.Span);
        }
        catch (Exception e)
        {
            s.Dispose();
            return new AsyncResult(PortableSocketPal.Fail(e), 0);
        }

        return new AsyncResult(0, 0, length, new PortableSocketHandle(s));
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<int> ConnectAsync(SocketHandle handle, ReadOnlyMemory<byte> address, CancellationToken cancellationToken)
    {
        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return EBADF;
        }

        var err = 0;
        try
        {
            var s = h.Net;
            await s.ConnectAsync(new RawEndPoint(s.AddressFamily, address.Span), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            err = SocketPal.Canceled;
        }
        catch (InvalidOperationException)
        {
            err = PlatformErrno.EALREADY;
        }
        catch (Exception e)
        {
            err = e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable } && h.Socket.AddressFamily == System.Net.Sockets.AddressFamily.Unix
                ? PlatformErrno.ENOENT
                : PortableSocketPal.Fail(e);
        }
        finally
        {
            if (!h.Release())
            {
                err = EBADF;
            }
        }

        return err;
    }
}
