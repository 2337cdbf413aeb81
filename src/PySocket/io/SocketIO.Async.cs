using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public sealed partial class SocketIO
{
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<int?> ReadIntoAsyncCore(Memory<byte> buffer, bool one, CancellationToken cancellationToken)
    {
        CheckCanRead();
        while (true)
        {
            try
            {
                return await _sock!.recv_into_async(buffer, 0, 0, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutError)
            {
                _timeoutOccurred = true;
                throw;
            }
            catch (InterruptedError)
            {
            }
            catch (BlockingIOError e) when (e.errno == Errno.EAGAIN)
            {
                return null;
            }
        }
    }

    // IOBase.readline over a raw file: one byte at a time, so nothing past the line is consumed.
    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<byte[]> ReadLineAsyncCore(int size, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (size < 0 || line.Count < size)
        {
            var n = await ReadIntoAsyncCore(one, one: true, cancellationToken).ConfigureAwait(false);
            if (n is null)
            {
                throw Errors.Message("read() should have returned a bytes object, not 'NoneType'");
            }

            if (n == 0)
            {
                break;
            }

            line.Add(one[0]);
            if (one[0] == (byte)'\n')
            {
                break;
            }
        }

        return line.ToArray();
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        CheckClosed();
        if (!_writing)
        {
            throw Errors.Unsupported("File or stream is not writable.");
        }

        try
        {
            return await _sock!.send_async(data, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (BlockingIOError e) when (e.errno == Errno.EAGAIN)
        {
            return 0;
        }
    }
}
