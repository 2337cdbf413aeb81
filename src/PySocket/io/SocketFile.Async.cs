using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public abstract partial class SocketFile
{
    /// <summary>
    /// Gives back bytes a cancelled read had taken, in front of what is buffered, so the next read returns them; a
    /// raw (unbuffered) file has no buffer and loses them.
    /// </summary>
    internal virtual void Unread(ReadOnlySpan<byte> bytes)
    {
    }

    /// <summary>read_async(size=-1): the async twin of <see cref="read"/>; null (Python's None) only in non-blocking mode with no data.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    public async ValueTask<byte[]?> read_async(int size = -1, CancellationToken cancellationToken = default)
    {
        if (size < -1)
        {
            throw Errors.Value("read length must be non-negative or -1");
        }

        if (size >= 0)
        {
            var buffer = new byte[size];
            var n = await ReadIntoAsyncCore(buffer, one: this is SocketIO, cancellationToken).ConfigureAwait(false);
            return n is int count ? (count == size ? buffer : buffer.AsSpan(0, count).ToArray()) : null;
        }

        using var all = new MemoryStream();
        var chunk = new byte[DefaultBufferSize];
        while (true)
        {
            int? n;
            try
            {
                n = await ReadIntoAsyncCore(chunk, one: true, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (all.Length > 0)
            {
                Unread(all.GetBuffer().AsSpan(0, (int)all.Length));
                throw;
            }

            if (n is null)
            {
                return all.Length == 0 ? null : all.ToArray();
            }

            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(chunk, 0, n.Value);
        }
    }

    /// <summary>readline_async(size=-1): the async twin of <see cref="readline"/>: the next line including b"\n"; empty at EOF.</summary>
    public ValueTask<byte[]> readline_async(int size = -1, CancellationToken cancellationToken = default) => ReadLineAsyncCore(size, cancellationToken);

    /// <summary>readinto_async(b): the async twin of <see cref="readinto(Span{byte})"/>.</summary>
    public ValueTask<int?> readinto_async(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadIntoAsyncCore(buffer, one: this is SocketIO, cancellationToken);

    /// <summary>write_async(b): the async twin of <see cref="write(ReadOnlySpan{byte})"/>.</summary>
    public ValueTask<int> write_async(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsyncCore(data, cancellationToken);

    /// <summary>flush_async(): the async twin of <see cref="IOBase.flush"/>.</summary>
    public ValueTask flush_async(CancellationToken cancellationToken = default) => FlushAsyncCore(cancellationToken);

    /// <summary>readline, awaited. Default: the blocking call.</summary>
    internal virtual ValueTask<byte[]> ReadLineAsyncCore(int size, CancellationToken cancellationToken)
    {
        try
        {
            return new ValueTask<byte[]>(ReadLineBytes(size));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<byte[]>(e);
        }
    }
}
