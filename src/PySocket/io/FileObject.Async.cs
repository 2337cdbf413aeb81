using System;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public sealed partial class FileObject
{
    /// <summary>read_async(size=-1): the async twin of <see cref="read"/> on a binary file (see <see cref="SocketFile.read_async"/>).</summary>
    /// <param name="size">The most bytes to read; -1 reads to the end of the stream.</param>
    /// <param name="cancellationToken">Cancels the wait (OperationCanceledException).</param>
    /// <returns>The bytes read, or null (Python's None) in non-blocking mode with no data.</returns>
    public ValueTask<byte[]?> read_async(int size = -1, CancellationToken cancellationToken = default) =>
        Binary("read_async").read_async(size, cancellationToken);

    /// <summary>readline_async(size=-1): the async twin of <see cref="readline"/> on a binary file.</summary>
    /// <param name="size">The most bytes to read; -1 reads to the end of the line.</param>
    /// <param name="cancellationToken">Cancels the wait (OperationCanceledException).</param>
    /// <returns>The line with its newline; empty at the end of the stream.</returns>
    public ValueTask<byte[]> readline_async(int size = -1, CancellationToken cancellationToken = default) =>
        Binary("readline_async").readline_async(size, cancellationToken);

    /// <summary>readinto_async(b): the async twin of <see cref="readinto(byte[])"/> on a binary file.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="cancellationToken">Cancels the wait (OperationCanceledException).</param>
    /// <returns>How many bytes arrived, or null in non-blocking mode with no data.</returns>
    public ValueTask<int?> readinto_async(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Binary("readinto_async").readinto_async(buffer, cancellationToken);

    /// <summary>write_async(b): the async twin of <see cref="write(byte[])"/> on a binary file.</summary>
    /// <param name="data">The bytes to write.</param>
    /// <param name="cancellationToken">Cancels the wait (OperationCanceledException).</param>
    /// <returns>How many bytes were taken.</returns>
    public ValueTask<int> write_async(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Binary("write_async").write_async(data, cancellationToken);

    /// <summary>flush_async(): the async twin of <see cref="flush"/> on a binary file.</summary>
    /// <param name="cancellationToken">Cancels the wait (OperationCanceledException).</param>
    /// <returns>A task that completes once the buffered bytes are sent.</returns>
    public ValueTask flush_async(CancellationToken cancellationToken = default) =>
        Binary("flush_async").flush_async(cancellationToken);

    // Stream.ReadAsync/WriteAsync/FlushAsync on the wrapper go to the wrapped file's async paths (not the blocking defaults).
    internal override ValueTask<int?> ReadIntoAsyncCore(Memory<byte> buffer, bool one, CancellationToken cancellationToken) =>
        _file.ReadIntoAsyncCore(buffer, one, cancellationToken);

    internal override ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _file.WriteAsyncCore(data, cancellationToken);

    internal override ValueTask FlushAsyncCore(CancellationToken cancellationToken) => _file.FlushAsyncCore(cancellationToken);
}
