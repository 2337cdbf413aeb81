using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>
/// The async side of the file objects: Stream.ReadAsync/WriteAsync/FlushAsync go to the socket's async calls
/// (no thread is blocked), as do <see cref="SocketFile"/>'s <c>read_async</c>, <c>readline_async</c>,
/// <c>readinto_async</c>, <c>write_async</c> and <c>flush_async</c>. The socket's timeout is each call's deadline
/// (TimeoutError), the token's cancellation raises OperationCanceledException. Unlike the blocking calls, the async
/// calls of a buffered file take no lock: one async call at a time per file (as for any .NET Stream).
/// A text file's Stream methods run synchronously.
/// </summary>
public abstract partial class IOBase
{
    /// <summary>Stream.ReadAsync: at most one socket read (readinto1), awaited; BlockingIOError where Python would return None.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        await ReadIntoAsyncCore(buffer, one: true, cancellationToken).ConfigureAwait(false) ?? throw Errors.WouldBlock();

    /// <summary>Stream.ReadAsync: the array form of <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Stream.WriteAsync: write_async() until everything is taken; BlockingIOError if a non-blocking socket cannot take more.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var n = await WriteAsyncCore(buffer, cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw Errors.WouldBlock();
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>Stream.WriteAsync: the array form of <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Stream.FlushAsync: flush_async().</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsyncCore(cancellationToken).AsTask();

    /// <summary>readinto (or readinto1 with <paramref name="one"/>), awaited; null on EAGAIN. Default: the blocking call.</summary>
    internal virtual ValueTask<int?> ReadIntoAsyncCore(Memory<byte> buffer, bool one, CancellationToken cancellationToken)
    {
        try
        {
            return new ValueTask<int?>(ReadInto1(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int?>(e);
        }
    }

    /// <summary>One write, awaited. Default: the blocking call.</summary>
    internal virtual ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            return new ValueTask<int>(WriteBytes(data.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    /// <summary>flush, awaited. Default: the blocking call.</summary>
    internal virtual ValueTask FlushAsyncCore(CancellationToken cancellationToken)
    {
        try
        {
            flush();
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }
}
