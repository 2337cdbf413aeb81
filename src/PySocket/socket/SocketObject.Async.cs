using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>
/// The async twins of the blocking calls. Each returns a <see cref="ValueTask"/> and takes a
/// <see cref="CancellationToken"/>; the Python rules are the blocking call's: argument errors, results and
/// exceptions are the same (raised when awaited). Timeouts follow CPython's model: the socket's timeout is the
/// deadline of the whole call (TimeoutError("timed out")); the token's cancellation raises
/// <see cref="OperationCanceledException"/>; in non-blocking mode (timeout 0.0) the call makes one attempt and
/// raises BlockingIOError at once, as the blocking call does. The first async call puts the descriptor in
/// non-blocking mode for good (blocking calls keep the socket's own mode per call, as with <see cref="NetSocket"/>).
/// A pending call holds the socket's descriptor: close() wakes it and it raises OSError(EBADF).
/// One pending call per direction (one read-side, one write-side) at a time on the native layer: a second
/// raises InvalidOperationException.
/// </summary>
public partial class SocketObject
{
    private CancellationTokenSource? _spareTimeoutSource;
    private byte[]? _spareAddress;

    /// <summary>recv_async(bufsize, flags=0): the async twin of <see cref="recv(int, int)"/>.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<byte[]> recv_async(int bufsize, int flags = 0, CancellationToken cancellationToken = default)
    {
        if (bufsize < 0)
        {
            throw Errors.Value("negative buffersize in recv");
        }

        if (bufsize == 0)
        {
            return [];
        }

        var buffer = new byte[bufsize];
        var n = await ReceiveCoreAsync(buffer, flags, cancellationToken).ConfigureAwait(false);
        return n == bufsize ? buffer : buffer.AsSpan(0, Math.Min(n, bufsize)).ToArray();
    }

    /// <summary>
    /// recv_into_async(buffer, nbytes=0, flags=0): the async twin of <see cref="recv_into(Span{byte}, int, int)"/>;
    /// allocates nothing per call in the steady state.
    /// </summary>
    public ValueTask<int> recv_into_async(Memory<byte> buffer, int nbytes = 0, int flags = 0, CancellationToken cancellationToken = default)
    {
        if (nbytes < 0)
        {
            return ValueTask.FromException<int>(Errors.Value("negative buffersize in recv_into"));
        }

        if (nbytes == 0)
        {
            nbytes = buffer.Length;
        }

        if (buffer.Length < nbytes)
        {
            return ValueTask.FromException<int>(Errors.Value("buffer too small for requested bytes"));
        }

        return nbytes == 0 ? new ValueTask<int>(0) : ReceiveCoreAsync(buffer[..nbytes], flags, cancellationToken);
    }

    /// <summary>send_async(data, flags=0): the async twin of <see cref="send(ReadOnlySpan{byte}, int)"/>; allocates nothing per call in the steady state.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<int> send_async(ReadOnlyMemory<byte> data, int flags = 0, CancellationToken cancellationToken = default)
    {
        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            return send(data.Span, flags);
        }

        EnsureAsync(handle);
        var token = BeginTimeout(cancellationToken, out var lease);
        AsyncResult r;
        try
        {
            r = await Pal.SendAsync(handle, data, flags, token).ConfigureAwait(false);
        }
        finally
        {
            EndTimeout(lease);
        }

        CheckAsync(r.Error, cancellationToken);
        return r.Count;
    }

    /// <summary>
    /// sendall_async(data, flags=0): the async twin of <see cref="sendall(ReadOnlySpan{byte}, int)"/>: one deadline
    /// for the whole call; allocates nothing per call in the steady state.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder))]
    public async ValueTask sendall_async(ReadOnlyMemory<byte> data, int flags = 0, CancellationToken cancellationToken = default)
    {
        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            sendall(data.Span, flags);
            return;
        }

        EnsureAsync(handle);
        var token = BeginTimeout(cancellationToken, out var lease);
        try
        {
            // Like CPython, at least one send() is made, even for empty data.
            do
            {
                var r = await Pal.SendAsync(handle, data, flags, token).ConfigureAwait(false);
                CheckAsync(r.Error, cancellationToken);
                data = data[r.Count..];
            }
            while (data.Length > 0);
        }
        finally
        {
            EndTimeout(lease);
        }
    }

    /// <summary>recvfrom_async(bufsize, flags=0): the async twin of <see cref="recvfrom(int, int)"/>.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<(byte[] data, SockAddr? address)> recvfrom_async(int bufsize, int flags = 0, CancellationToken cancellationToken = default)
    {
        if (bufsize < 0)
        {
            throw Errors.Value("negative buffersize in recvfrom");
        }

        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            return recvfrom(bufsize, flags);
        }

        EnsureAsync(handle);
        var buffer = new byte[bufsize];
        var sa = new byte[NativeSockAddr.MaxSize];
        var token = BeginTimeout(cancellationToken, out var lease);
        AsyncResult r;
        try
        {
            r = await Pal.RecvFromAsync(handle, buffer, flags, sa, token).ConfigureAwait(false);
        }
        finally
        {
            EndTimeout(lease);
        }

        CheckAsync(r.Error, cancellationToken);
        var address = NativeSockAddr.Decode(sa, r.AddressLength);
        var data = r.Count == bufsize ? buffer : new byte[r.Count];
        if (!ReferenceEquals(data, buffer))
        {
            buffer.AsSpan(0, Math.Min(r.Count, bufsize)).CopyTo(data);
        }

        return (data, address);
    }

    /// <summary>sendto_async(data, address): the async twin of <see cref="sendto(ReadOnlySpan{byte}, SockAddr)"/>.</summary>
    public ValueTask<int> sendto_async(ReadOnlyMemory<byte> data, SockAddr? address, CancellationToken cancellationToken = default) =>
        sendto_async(data, 0, address, cancellationToken);

    /// <summary>
    /// sendto_async(data, flags, address): the async twin of <see cref="sendto(ReadOnlySpan{byte}, int, SockAddr)"/>;
    /// allocates nothing per call in the steady state for an IP literal or an AF_UNIX path.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<int> sendto_async(ReadOnlyMemory<byte> data, int flags, SockAddr? address, CancellationToken cancellationToken = default)
    {
        var sa = Interlocked.Exchange(ref _spareAddress, null) ?? new byte[NativeSockAddr.MaxSize];
        try
        {
            var saLen = NativeSockAddr.Encode(address, family.value, "sendto", sa);
            var handle = CheckOpen();
            if (TimeoutNanos == 0)
            {
                return sendto(data.Span, flags, address);
            }

            EnsureAsync(handle);
            var token = BeginTimeout(cancellationToken, out var lease);
            AsyncResult r;
            try
            {
                r = await Pal.SendToAsync(handle, data, flags, sa.AsMemory(0, saLen), token).ConfigureAwait(false);
            }
            finally
            {
                EndTimeout(lease);
            }

            CheckAsync(r.Error, cancellationToken);
            return r.Count;
        }
        finally
        {
            Volatile.Write(ref _spareAddress, sa);
        }
    }

    /// <summary>accept_async(): the async twin of <see cref="accept"/>: (conn, address), the new socket set up as accept() does.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<(SocketObject conn, SockAddr? address)> accept_async(CancellationToken cancellationToken = default)
    {
        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            return accept();
        }

        EnsureAsync(handle);
        var sa = new byte[NativeSockAddr.MaxSize];
        var token = BeginTimeout(cancellationToken, out var lease);
        AsyncResult r;
        try
        {
            r = await Pal.AcceptAsync(handle, sa, token).ConfigureAwait(false);
        }
        finally
        {
            EndTimeout(lease);
        }

        CheckAsync(r.Error, cancellationToken);
        return Accepted(r.Accepted!, sa, r.AddressLength);
    }

    /// <summary>
    /// connect_async(address): the async twin of <see cref="connect"/>: in timeout mode the attempt has the socket's
    /// timeout (TimeoutError("timed out")); in non-blocking mode it raises BlockingIOError(EINPROGRESS).
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder))]
    public async ValueTask connect_async(SockAddr address, CancellationToken cancellationToken = default)
    {
        var sa = new byte[NativeSockAddr.MaxSize];
        var len = NativeSockAddr.Encode(address, family.value, "connect", sa);
        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            connect(address);
            return;
        }

        EnsureAsync(handle);
        var token = BeginTimeout(cancellationToken, out var lease);
        int err;
        try
        {
            err = await Pal.ConnectAsync(handle, sa.AsMemory(0, len), token).ConfigureAwait(false);
        }
        finally
        {
            EndTimeout(lease);
        }

        CheckAsync(err, cancellationToken);
    }

    /// <summary>
    /// The async recv_into core: one receive into <paramref name="buffer"/> under the socket's timeout; allocates
    /// nothing per call in the steady state (pooled state machines, the socket's reusable timeout source).
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal async ValueTask<int> ReceiveCoreAsync(Memory<byte> buffer, int flags, CancellationToken cancellationToken)
    {
        var handle = CheckOpen();
        if (TimeoutNanos == 0)
        {
            return recv_into(buffer.Span, 0, flags);
        }

        EnsureAsync(handle);
        var token = BeginTimeout(cancellationToken, out var lease);
        AsyncResult r;
        try
        {
            r = await Pal.RecvAsync(handle, buffer, flags, token).ConfigureAwait(false);
        }
        finally
        {
            EndTimeout(lease);
        }

        CheckAsync(r.Error, cancellationToken);
        return r.Count;
    }

    /// <summary>The exception for an async platform result: cancellation by the caller, the deadline, or an OS error.</summary>
    private static void CheckAsync(int err, CancellationToken cancellationToken)
    {
        if (err == 0)
        {
            return;
        }

        if (err == SocketPal.Canceled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Errors.Timeout();
        }

        if (err == SocketPal.Busy)
        {
            throw new InvalidOperationException("another async call is already waiting for the same readiness of this socket");
        }

        throw Errors.FromPal(err);
    }

    /// <summary>The first async call makes the descriptor non-blocking for good; blocking calls then keep the socket's mode per call.</summary>
    private void EnsureAsync(SocketHandle handle)
    {
        if (Volatile.Read(ref _asyncMode) == 0)
        {
            Check(Pal.SetNonBlocking(handle, true));
            Volatile.Write(ref _asyncMode, 1);
        }
    }

    // The longest delay CancellationTokenSource.CancelAfter takes.
    private const double MaxTimerMilliseconds = uint.MaxValue - 1.0;

    /// <summary>
    /// The token of one async call: the caller's alone without a timeout; in timeout mode a reusable per-socket
    /// source cancelled after the timeout (and by the caller's token), so a steady stream of calls allocates nothing.
    /// </summary>
    private CancellationToken BeginTimeout(CancellationToken cancellationToken, out TimeoutLease lease)
    {
        var nanos = TimeoutNanos;
        if (nanos < 0)
        {
            lease = default;
            return cancellationToken;
        }

        var source = Interlocked.Exchange(ref _spareTimeoutSource, null) ?? new CancellationTokenSource();
        var delay = TimeSpan.FromTicks(Math.Max(1, (nanos + 99) / 100));

        // A .NET timer takes at most 2^32 - 2 ms (about 49.7 days): a longer timeout arms none, and such a call waits
        // as a blocking one does (it would time out later than asked, never earlier).
        if (delay.TotalMilliseconds <= MaxTimerMilliseconds)
        {
            source.CancelAfter(delay);
        }

        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
            : default;
        lease = new TimeoutLease(source, registration);
        return source.Token;
    }

    private void EndTimeout(in TimeoutLease lease)
    {
        if (lease.Source is not { } source)
        {
            return;
        }

        lease.Registration.Dispose();
        if (source.TryReset())
        {
            Volatile.Write(ref _spareTimeoutSource, source);
        }
        else
        {
            source.Dispose();
        }
    }

    private readonly record struct TimeoutLease(CancellationTokenSource? Source, CancellationTokenRegistration Registration);
}
