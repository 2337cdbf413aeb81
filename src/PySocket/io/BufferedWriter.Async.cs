using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public sealed partial class BufferedWriter
{
    // write: what fits is buffered (no wait); otherwise the buffer is flushed and a large rest goes to the socket directly.
    internal override ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (closed)
        {
            return ValueTask.FromException<int>(Errors.Value("write to closed file"));
        }

        if (_len + data.Length <= _buf.Length)
        {
            data.Span.CopyTo(_buf.AsSpan(_len));
            _len += data.Length;
            return new ValueTask<int>(data.Length);
        }

        return WriteSlowAsync(data, cancellationToken);
    }

    internal override ValueTask FlushAsyncCore(CancellationToken cancellationToken) =>
        closed ? ValueTask.FromException(Errors.Value("flush of closed file")) : FlushBufferAsync(cancellationToken);

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    private async ValueTask<int> WriteSlowAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        var rest = data;
        while (rest.Length > _buf.Length)
        {
            var n = await raw.WriteAsyncCore(rest, cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw Errors.FromErrno(Errno.EAGAIN, "write could not complete without blocking");
            }

            rest = rest[n..];
        }

        rest.Span.CopyTo(_buf);
        _len = rest.Length;
        return data.Length;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder))]
    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        var start = 0;
        try
        {
            while (start < _len)
            {
                var n = await raw.WriteAsyncCore(_buf.AsMemory(start, _len - start), cancellationToken).ConfigureAwait(false);
                if (n <= 0)
                {
                    throw Errors.FromErrno(Errno.EAGAIN, "write could not complete without blocking");
                }

                start += n;
            }
        }
        finally
        {
            _buf.AsSpan(start, _len - start).CopyTo(_buf);
            _len -= start;
        }
    }
}
