using System;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public sealed partial class BufferedRWPair
{
    internal override ValueTask<byte[]> ReadLineAsyncCore(int size, CancellationToken cancellationToken) => _reader.ReadLineAsyncCore(size, cancellationToken);

    internal override ValueTask<int?> ReadIntoAsyncCore(Memory<byte> buffer, bool one, CancellationToken cancellationToken) =>
        _reader.ReadIntoAsyncCore(buffer, one, cancellationToken);

    internal override void Unread(ReadOnlySpan<byte> bytes) => _reader.Unread(bytes);

    internal override ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _writer.WriteAsyncCore(data, cancellationToken);

    internal override ValueTask FlushAsyncCore(CancellationToken cancellationToken) => _writer.FlushAsyncCore(cancellationToken);
}
