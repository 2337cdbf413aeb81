using System;
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
        PortableAsync.RecvAsync(handle, buffer, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> SendAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        PortableAsync.SendAsync(handle, buffer, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> RecvFromAsync(SocketHandle handle, Memory<byte> buffer, int flags, Memory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.RecvFromAsync(handle, buffer, flags, address, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AsyncResult> SendToAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        PortableAsync.SendToAsync(handle, buffer, flags, address, cancellationToken);

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

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> RecvAsync(SocketHandle handle, Memory<byte> buffer, int flags, CancellationToken cancellationToken)
    {
        if (!PortableConstants.TryToNetFlags(flags, out var net, out _, out _))
        {
            return new AsyncResult(PlatformErrno.EOPNOTSUPP, 0);
        }

        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        int err = 0, n = 0;
        try
        {
            n = await h.Net.ReceiveAsync(buffer, net, cancellationToken).ConfigureAwait(false);
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

        return new AsyncResult(err, err == 0 ? n : 0);
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> SendAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, CancellationToken cancellationToken)
    {
        if (!PortableConstants.TryToNetFlags(flags, out var net, out _, out _))
        {
            return new AsyncResult(PlatformErrno.EOPNOTSUPP, 0);
        }

        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        int err = 0, n = 0;
        try
        {
            n = await h.Net.SendAsync(buffer, net, cancellationToken).ConfigureAwait(false);
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

        return new AsyncResult(err, err == 0 ? n : 0);
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> RecvFromAsync(SocketHandle handle, Memory<byte> buffer, int flags, Memory<byte> address, CancellationToken cancellationToken)
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
        var sa = h.RentAddress();
        try
        {
            n = await h.Net.ReceiveFromAsync(buffer, net, sa, cancellationToken).ConfigureAwait(false);
            length = RawEndPoint.CopyOut(sa, address.Span);
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
            h.ReturnAddress(sa);
            if (!h.Release())
            {
                err = EBADF;
            }
        }

        return err == 0 ? new AsyncResult(0, n, length) : new AsyncResult(err, 0);
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> SendToAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, ReadOnlyMemory<byte> address, CancellationToken cancellationToken)
    {
        if (!PortableConstants.TryToNetFlags(flags, out var net, out _, out _))
        {
            return new AsyncResult(PlatformErrno.EOPNOTSUPP, 0);
        }

        if (handle is not PortableSocketHandle h || !h.TryAddRef())
        {
            return new AsyncResult(EBADF, 0);
        }

        int err = 0, n = 0;
        var sa = h.RentAddress();
        try
        {
            address.Span.CopyTo(sa.Buffer.Span);
            sa.Size = address.Length;
            n = await h.Net.SendToAsync(buffer, net, sa, cancellationToken).ConfigureAwait(false);
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
            h.ReturnAddress(sa);
            if (!h.Release())
            {
                err = EBADF;
            }
        }

        return new AsyncResult(err, err == 0 ? n : 0);
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
