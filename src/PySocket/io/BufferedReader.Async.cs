using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public sealed partial class BufferedReader
{
    // readline: a line found in the buffer is returned with one allocation (the line itself).
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<byte[]> ReadLineAsyncCore(int size, CancellationToken cancellationToken)
    {
        CheckClosed("readline of closed file");
        MemoryStream? line = null;
        while (size < 0 || (line?.Length ?? 0) < size)
        {
            if (_end - _pos == 0)
            {
                int filled;
                try
                {
                    filled = await FillBufferAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (line is not null)
                {
                    Unread(line.GetBuffer().AsSpan(0, (int)line.Length));
                    throw;
                }

                if (filled <= 0)
                {
                    break;
                }
            }

            var taken = line?.Length ?? 0;
            var availLength = _end - _pos;
            if (size >= 0)
            {
                availLength = (int)Math.Min(availLength, size - taken);
            }

            var avail = _buf.AsSpan(_pos, availLength);
            var nl = avail.IndexOf((byte)'\n');
            var take = nl >= 0 ? nl + 1 : avail.Length;
            if (line is null && (nl >= 0 || take == size))
            {
                _pos += take;
                return avail[..take].ToArray();
            }

            line ??= new MemoryStream();
            line.Write(avail[..take]);
            _pos += take;
            if (nl >= 0)
            {
                break;
            }
        }

        return line?.ToArray() ?? [];
    }

    // CPython's _buffered_readinto_generic, awaited: buffered bytes first, then straight into the caller's
    // buffer when more than a buffer's worth is wanted, else through the buffer.
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<int?> ReadIntoAsyncCore(Memory<byte> buffer, bool one, CancellationToken cancellationToken)
    {
        CheckClosed("readinto of closed file");
        var written = Math.Min(_end - _pos, buffer.Length);
        _buf.AsSpan(_pos, written).CopyTo(buffer.Span);
        _pos += written;
        if (written == buffer.Length)
        {
            return written;
        }

        _pos = _end = 0;
        try
        {
            while (written < buffer.Length)
            {
                var remaining = buffer.Length - written;
                int? n;
                if (remaining > _buf.Length)
                {
                    n = await raw.ReadIntoAsyncCore(buffer[written..], one: true, cancellationToken).ConfigureAwait(false);
                }
                else if (!(one && written > 0))
                {
                    var filled = await FillBufferAsync(cancellationToken).ConfigureAwait(false);
                    if (filled > 0)
                    {
                        var take = Math.Min(filled, remaining);
                        _buf.AsSpan(0, take).CopyTo(buffer.Span[written..]);
                        _pos = take;
                        written += take;
                        if (one)
                        {
                            break;
                        }

                        continue;
                    }

                    n = filled < 0 ? null : 0;
                }
                else
                {
                    n = 0;
                }

                if (n == 0 || (n is null && written > 0))
                {
                    break;
                }

                if (n is null)
                {
                    return null;
                }

                written += n.Value;
                if (one)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (written > 0)
        {
            Unread(buffer.Span[..written]);
            throw;
        }

        return written;
    }

    // A cancelled read gives back what it had taken from the socket: the bytes go in front of what is buffered, as if
    // never read (a timeout loses them, as in CPython, and the file then refuses to read).
    internal override void Unread(ReadOnlySpan<byte> bytes)
    {
        var buffered = _end - _pos;
        if (bytes.Length + buffered > _buf.Length)
        {
            var bigger = new byte[bytes.Length + buffered];
            _buf.AsSpan(_pos, buffered).CopyTo(bigger.AsSpan(bytes.Length));
            _buf = bigger;
        }
        else
        {
            _buf.AsSpan(_pos, buffered).CopyTo(_buf.AsSpan(bytes.Length));
        }

        bytes.CopyTo(_buf);
        _pos = 0;
        _end = bytes.Length + buffered;
    }

    /// <summary>One awaited raw read into the (empty) buffer: the count, 0 at EOF, -1 when it would block.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    private async ValueTask<int> FillBufferAsync(CancellationToken cancellationToken)
    {
        _pos = _end = 0;
        var n = await raw.ReadIntoAsyncCore(_buf, one: true, cancellationToken).ConfigureAwait(false);
        if (n is null)
        {
            return -1;
        }

        _end = n.Value;
        return n.Value;
    }
}
