using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>What an async platform operation reports: 0 or an error (OS error, <see cref="SocketPal.Canceled"/>, <see cref="SocketPal.Busy"/>), and its outputs.</summary>
internal readonly record struct AsyncResult(int Error, int Count, int AddressLength = 0, SocketHandle? Accepted = null);

/// <summary>
/// The platform layer's async operations. Each holds the handle's reference (TryAddRef) for its whole duration,
/// so the number cannot be closed and reused under it; a close() meanwhile wakes it and it reports EBADF.
/// The socket must be in non-blocking mode (the Python layer puts it there before the first async call).
/// The default implementation is readiness-based: try the operation; on EAGAIN wait for readiness
/// (<see cref="GetReadiness"/>, the native layer's <see cref="EpollEngine"/>) and retry. The portable layer
/// overrides the operations with System.Net.Sockets' own async calls. Cancellation of
/// <c>cancellationToken</c> gives <see cref="Canceled"/> (the Python layer tells a timeout from the caller's cancel).
/// Nothing is allocated per call in the steady state (pooled async builders, one waiter per socket direction).
/// </summary>
internal abstract unsafe partial class SocketPal
{
    /// <summary>A result that is no OS error: the operation's cancellation token was cancelled.</summary>
    public const int Canceled = -2;

    /// <summary>A result that is no OS error: another async operation already waits for the same readiness of this socket.</summary>
    public const int Busy = -3;

    /// <summary>recv(2) into <paramref name="buffer"/>, waiting until data (or EOF, or an error) arrives.</summary>
    public virtual ValueTask<AsyncResult> RecvAsync(SocketHandle handle, Memory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        SockCallAsync.RunAsync(this, handle, write: false, new SockCallAsync.RecvMemoryOp { Buffer = buffer, Flags = flags }, cancellationToken);

    /// <summary>send(2) of <paramref name="buffer"/> (one successful attempt, possibly partial).</summary>
    public virtual ValueTask<AsyncResult> SendAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, CancellationToken cancellationToken) =>
        SockCallAsync.RunAsync(this, handle, write: true, new SockCallAsync.SendMemoryOp { Buffer = buffer, Flags = flags }, cancellationToken);

    /// <summary>recvfrom(2); the sender's sockaddr goes to <paramref name="address"/> (AddressLength in the result).</summary>
    public virtual ValueTask<AsyncResult> RecvFromAsync(SocketHandle handle, Memory<byte> buffer, int flags, Memory<byte> address, CancellationToken cancellationToken) =>
        SockCallAsync.RunAsync(this, handle, write: false, new SockCallAsync.RecvFromMemoryOp { Buffer = buffer, Flags = flags, Address = address }, cancellationToken);

    /// <summary>sendto(2) to the sockaddr in <paramref name="address"/>.</summary>
    public virtual ValueTask<AsyncResult> SendToAsync(SocketHandle handle, ReadOnlyMemory<byte> buffer, int flags, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        SockCallAsync.RunAsync(this, handle, write: true, new SockCallAsync.SendToMemoryOp { Buffer = buffer, Flags = flags, Address = address }, cancellationToken);

    /// <summary>accept(2): the new socket (blocking, non-inheritable) in Accepted, the peer's sockaddr in <paramref name="address"/>.</summary>
    public virtual ValueTask<AsyncResult> AcceptAsync(SocketHandle handle, Memory<byte> address, CancellationToken cancellationToken) =>
        SockCallAsync.RunAsync(this, handle, write: false, new SockCallAsync.AcceptMemoryOp { Address = address }, cancellationToken);

    /// <summary>connect(2) and, while it is in progress, a wait for its outcome (SO_ERROR): 0 or the error.</summary>
    public virtual ValueTask<int> ConnectAsync(SocketHandle handle, ReadOnlyMemory<byte> address, CancellationToken cancellationToken) =>
        SockCallAsync.ConnectAsync(this, handle, address, cancellationToken);

    /// <summary>
    /// The readiness waiters of <paramref name="handle"/> for the readiness-based default operations (the caller
    /// holds the reference). A layer without a readiness engine overrides the async operations instead.
    /// </summary>
    internal virtual int GetReadiness(SocketHandle handle, out SocketReadiness? readiness)
    {
        readiness = null;
        return Errors.InvalidArgument;
    }
}

/// <summary>
/// The readiness-based async operations of <see cref="SocketPal"/>: the one async loop (the twin of
/// <see cref="SockCall.Run{TOp}"/>) and connect's wait. Never throws; allocates nothing per call in the steady state.
/// </summary>
internal static class SockCallAsync
{
    /// <summary>connect(2) and, while it is in progress, a wait for its outcome (SO_ERROR): 0 or the error.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<int> ConnectAsync(SocketPal pal, SocketHandle handle, ReadOnlyMemory<byte> address, CancellationToken cancellationToken)
    {
        if (!handle.TryAddRef())
        {
            return pal.Errors.BadDescriptor;
        }

        var err = 0;
        try
        {
            err = pal.GetReadiness(handle, out var readiness);
            if (err == 0)
            {
                var waiter = readiness!.Write;
                var seq = waiter.Sequence;
                err = ConnectOnce(pal, handle, address);
                // As SockCall.Connect: only a connect in progress (or interrupted) is waited for; EAGAIN (a full AF_UNIX
                // backlog, no free local port) is the answer, as CPython's internal_connect gives it.
                if (err == pal.Errors.InProgress || err == pal.Errors.Interrupted)
                {
                    while (true)
                    {
                        err = await waiter.WaitAsync(seq, cancellationToken).ConfigureAwait(false);
                        if (err != 0)
                        {
                            break;
                        }

                        seq = waiter.Sequence;
                        err = pal.Poll(handle, PollEvents.Write | PollEvents.Error, 0, out var revents);
                        if (err != 0 || revents == PollEvents.None)
                        {
                            if (err != 0)
                            {
                                break;
                            }

                            continue;
                        }

                        err = pal.GetSocketError(handle, out var soError);
                        if (err == 0)
                        {
                            err = soError == pal.Errors.IsConnected ? 0 : soError;
                        }

                        break;
                    }
                }
            }
        }
        finally
        {
            if (!handle.Release())
            {
                err = pal.Errors.BadDescriptor;
            }
        }

        return err;
    }

    private static unsafe int ConnectOnce(SocketPal pal, SocketHandle handle, ReadOnlyMemory<byte> address)
    {
        fixed (byte* sa = address.Span)
        {
            return pal.Connect(handle, sa, address.Length);
        }
    }

    /// <summary>
    /// The one async loop over a readiness engine (the async twin of <see cref="SockCall.Run{TOp}"/>): attempt,
    /// retry EINTR, on EAGAIN wait for the edge after the attempt's sequence number and retry; the handle's
    /// reference is held throughout.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public static async ValueTask<AsyncResult> RunAsync<TOp>(SocketPal pal, SocketHandle handle, bool write, TOp op, CancellationToken cancellationToken)
        where TOp : struct, IAsyncSocketOp
    {
        if (!handle.TryAddRef())
        {
            return new AsyncResult(pal.Errors.BadDescriptor, 0);
        }

        var err = 0;
        long result = 0;
        try
        {
            err = pal.GetReadiness(handle, out var readiness);
            if (err == 0)
            {
                var waiter = write ? readiness!.Write : readiness!.Read;
                while (true)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        err = SocketPal.Canceled;
                        break;
                    }

                    var seq = waiter.Sequence;
                    do
                    {
                        err = op.Attempt(pal, handle, out result);
                    }
                    while (err == pal.Errors.Interrupted);

                    if (err != pal.Errors.WouldBlock)
                    {
                        break;
                    }

                    err = await waiter.WaitAsync(seq, cancellationToken).ConfigureAwait(false);
                    if (err != 0)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            if (!handle.Release())
            {
                err = pal.Errors.BadDescriptor;
            }
        }

        if (err != 0)
        {
            op.Accepted?.CloseSocket();
            return new AsyncResult(err, 0);
        }

        return new AsyncResult(0, (int)result, op.AddressLength, op.Accepted);
    }

    /// <summary>One attempt of an async operation over memory (pinned only for the system call).</summary>
    internal interface IAsyncSocketOp
    {
        int AddressLength { get; }

        SocketHandle? Accepted { get; }

        int Attempt(SocketPal pal, SocketHandle handle, out long result);
    }

    internal unsafe struct RecvMemoryOp : IAsyncSocketOp
    {
        public Memory<byte> Buffer;
        public int Flags;

        public readonly int AddressLength => 0;

        public readonly SocketHandle? Accepted => null;

        public readonly int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            fixed (byte* p = Buffer.Span)
            {
                var rc = pal.Recv(handle, p, Buffer.Length, Flags, out var n);
                result = n;
                return rc;
            }
        }
    }

    internal unsafe struct SendMemoryOp : IAsyncSocketOp
    {
        public ReadOnlyMemory<byte> Buffer;
        public int Flags;

        public readonly int AddressLength => 0;

        public readonly SocketHandle? Accepted => null;

        public readonly int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            fixed (byte* p = Buffer.Span)
            {
                var rc = pal.Send(handle, p, Buffer.Length, Flags, out var n);
                result = n;
                return rc;
            }
        }
    }

    internal unsafe struct RecvFromMemoryOp : IAsyncSocketOp
    {
        public Memory<byte> Buffer;
        public int Flags;
        public Memory<byte> Address;

        public int AddressLength { get; private set; }

        public readonly SocketHandle? Accepted => null;

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            fixed (byte* p = Buffer.Span)
            fixed (byte* sa = Address.Span)
            {
                var len = Address.Length;
                var rc = pal.RecvFrom(handle, p, Buffer.Length, Flags, sa, ref len, out var n);
                AddressLength = len;
                result = n;
                return rc;
            }
        }
    }

    internal unsafe struct SendToMemoryOp : IAsyncSocketOp
    {
        public ReadOnlyMemory<byte> Buffer;
        public int Flags;
        public ReadOnlyMemory<byte> Address;

        public readonly int AddressLength => 0;

        public readonly SocketHandle? Accepted => null;

        public readonly int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            fixed (byte* p = Buffer.Span)
            fixed (byte* sa = Address.Span)
            {
                var rc = pal.SendTo(handle, p, Buffer.Length, Flags, sa, Address.Length, out var n);
                result = n;
                return rc;
            }
        }
    }

    internal unsafe struct AcceptMemoryOp : IAsyncSocketOp
    {
        public Memory<byte> Address;

        public int AddressLength { get; private set; }

        public SocketHandle? Accepted { get; private set; }

        public int Attempt(SocketPal pal, SocketHandle handle, out long result)
        {
            result = 0;
            fixed (byte* sa = Address.Span)
            {
                var len = Address.Length;
                var rc = pal.Accept(handle, sa, ref len, out var accepted);
                AddressLength = len;
                Accepted = accepted;
                return rc;
            }
        }
    }
}
