using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The file objects that <see cref="SocketObject.makefile"/> returns: Python's io classes over a socket
/// (<see cref="SocketIO"/> raw, <see cref="BufferedReader"/>, <see cref="BufferedWriter"/>,
/// <see cref="BufferedRWPair"/>, <see cref="TextIOWrapper"/>). The members keep Python's names and results
/// (<c>read</c>, <c>readline</c>, <c>readinto</c>, <c>write</c>, <c>flush</c>, <c>close</c>, <c>closed</c>, ...),
/// <c>foreach</c> yields lines, and the object is also a <see cref="Stream"/> so .NET code
/// (StreamReader, CopyTo, ...) can use it directly. Python's exceptions (OSError and its subclasses,
/// <see cref="ValueError"/> for a closed file, <see cref="UnsupportedOperation"/>) come out of the Stream
/// methods too. Disposing is <c>close()</c>.
/// The binary members on a <see cref="TextIOWrapper"/> read and write the encoded text (see there).
/// </summary>
public abstract class SocketFile : Stream, IEnumerable<byte[]>
{
    /// <summary>io.DEFAULT_BUFFER_SIZE.</summary>
    internal const int DefaultBufferSize = 8192;

    private protected SocketFile()
    {
    }

    /// <summary>closed: true once <see cref="close"/> has run.</summary>
    public abstract bool closed { get; }

    /// <summary>name: the socket's descriptor, or -1 once the file is closed.</summary>
    public abstract int name { get; }

    /// <summary>mode: the mode string ("rb", "wb", "rwb", or the requested text mode such as "r").</summary>
    public abstract string mode { get; }

    /// <inheritdoc/>
    public override bool CanRead => !closed && readable();

    /// <inheritdoc/>
    public override bool CanWrite => !closed && writable();

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <summary>Not supported: raises <see cref="UnsupportedOperation"/>("seek") (a socket file is not seekable).</summary>
    public override long Length => throw Errors.Unsupported("seek");

    /// <summary>Not supported: raises <see cref="UnsupportedOperation"/>("seek") (a socket file is not seekable).</summary>
    public override long Position
    {
        get => throw Errors.Unsupported("seek");
        set => throw Errors.Unsupported("seek");
    }

    /// <summary>close(): flushes what is buffered and closes the file; the socket's deferred close() runs then. A second close() does nothing.</summary>
    public abstract void close();

    /// <summary>flush(): writes out whatever is buffered (nothing for a reader).</summary>
    public abstract void flush();

    /// <summary>readable(): whether the file was opened for reading; ValueError once closed.</summary>
    public abstract bool readable();

    /// <summary>writable(): whether the file was opened for writing; ValueError once closed.</summary>
    public abstract bool writable();

    /// <summary>seekable(): always false for a socket file; ValueError once closed.</summary>
    public virtual bool seekable()
    {
        CheckClosed();
        return false;
    }

    /// <summary>isatty(): always false; ValueError once closed.</summary>
    public bool isatty()
    {
        CheckClosed();
        return false;
    }

    /// <summary>fileno(): the socket's descriptor; ValueError("I/O operation on closed file.") once closed.</summary>
    public abstract int fileno();

    /// <summary>
    /// read(size=-1): up to <paramref name="size"/> bytes, or everything up to EOF for -1; b"" (empty) at EOF.
    /// A buffered file blocks until it has <paramref name="size"/> bytes or meets EOF; the raw SocketIO does one recv.
    /// Null is Python's None: only in non-blocking mode when no data is available.
    /// </summary>
    public byte[]? read(int size = -1) => ReadBytes(size);

    /// <summary>read1(size=-1): at most one read from the socket (none if bytes are buffered); empty at EOF or when a non-blocking read would block.</summary>
    public byte[] read1(int size = -1) => Read1Bytes(size);

    /// <summary>readline(size=-1): the next line including its b"\n", at most <paramref name="size"/> bytes when size &gt;= 0; empty at EOF.</summary>
    public byte[] readline(int size = -1) => ReadLineBytes(size);

    /// <summary>readlines(hint=-1): the remaining lines; with hint &gt; 0, stops after the line that takes the total past hint bytes.</summary>
    public List<byte[]> readlines(int hint = -1)
    {
        var lines = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var line = ReadLineBytes(-1);
            if (line.Length == 0)
            {
                return lines;
            }

            lines.Add(line);

            // CPython's IOBase.readlines: stop once a line takes the total past the hint.
            if (hint > 0 && line.Length > hint - total)
            {
                return lines;
            }

            total += line.Length;
        }
    }

    /// <summary>
    /// readinto(b): reads into <paramref name="buffer"/> and returns the count, 0 at EOF. A buffered file fills
    /// the buffer unless EOF comes first; the raw SocketIO does one recv. Null is Python's None (non-blocking, no data).
    /// </summary>
    public int? readinto(Span<byte> buffer) => ReadInto(buffer);

    /// <summary>readinto(b): the <c>byte[]</c> form of <see cref="readinto(Span{byte})"/>.</summary>
    public int? readinto(byte[] buffer) => ReadInto(buffer ?? throw Errors.Type(this is SocketIO
        ? "recv_into() argument 1 must be read-write bytes-like object, not None"
        : "readinto() argument must be read-write bytes-like object, not None"));

    /// <summary>
    /// write(b): writes <paramref name="data"/> and returns the count. A BufferedWriter takes all of it (held until
    /// flush() or a full buffer); the raw SocketIO does one send, which may be partial, and returns 0 where
    /// Python returns None (non-blocking and nothing could be sent).
    /// </summary>
    public int write(ReadOnlySpan<byte> data) => WriteBytes(data);

    /// <summary>write(b): the <c>byte[]</c> form of <see cref="write(ReadOnlySpan{byte})"/>.</summary>
    public int write(byte[] data) => WriteBytes(data ?? throw Errors.Type("a bytes-like object is required, not 'NoneType'"));

    /// <summary>iter(f): the lines, as readline() returns them, until EOF.</summary>
    public IEnumerator<byte[]> GetEnumerator()
    {
        while (true)
        {
            var line = ReadLineBytes(-1);
            if (line.Length == 0)
            {
                yield break;
            }

            yield return line;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A reader that fills a span: the count, or null where Python returns None.</summary>
    private protected delegate int? SpanReader(Span<byte> buffer);

    /// <summary>
    /// read(size) through a size-byte scratch buffer in native memory, as CPython allocates size bytes
    /// uninitialised: any size up to INT_MAX works (no byte[] can be that large) and only the pages that
    /// receive data are touched. Returns the bytes read, or null for Python's None.
    /// </summary>
    private protected static unsafe byte[]? ReadWithScratch(int size, SpanReader read)
    {
        var p = (byte*)NativeMemory.Alloc((nuint)Math.Max(size, 1));
        try
        {
            var n = read(new Span<byte>(p, size));
            return n is int count ? new ReadOnlySpan<byte>(p, count).ToArray() : null;
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    /// <summary>Stream.Read: at most one socket read (readinto1); BlockingIOError where Python would return None.</summary>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <summary>Stream.Read: at most one socket read (readinto1); BlockingIOError where Python would return None.</summary>
    public override int Read(Span<byte> buffer) => ReadInto1(buffer) ?? throw Errors.WouldBlock();

    /// <summary>Stream.Write: write() until everything is taken; BlockingIOError if a non-blocking socket cannot take more.</summary>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <summary>Stream.Write: write() until everything is taken; BlockingIOError if a non-blocking socket cannot take more.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = WriteBytes(buffer);
            if (n <= 0)
            {
                throw Errors.WouldBlock();
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>Stream.Flush: flush().</summary>
    public override void Flush() => flush();

    /// <summary>Not supported: raises <see cref="UnsupportedOperation"/>("seek").</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw Errors.Unsupported("seek");

    /// <summary>Not supported: raises <see cref="UnsupportedOperation"/>("truncate").</summary>
    public override void SetLength(long value) => throw Errors.Unsupported("truncate");

    /// <summary>Python's repr(f), e.g. <c>&lt;_io.BufferedReader name=3&gt;</c>.</summary>
    public override string ToString() => $"<_io.{GetType().Name} name={name}>";

    /// <summary>Dispose is close().</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            close();
        }

        base.Dispose(disposing);
    }

    internal abstract byte[]? ReadBytes(int size);

    internal abstract byte[] Read1Bytes(int size);

    internal abstract byte[] ReadLineBytes(int size);

    internal abstract int? ReadInto(Span<byte> buffer);

    /// <summary>At most one read from the socket (Python's readinto1); null on EAGAIN.</summary>
    internal abstract int? ReadInto1(Span<byte> buffer);

    internal abstract int WriteBytes(ReadOnlySpan<byte> data);

    /// <summary>ValueError("I/O operation on closed file.") once closed.</summary>
    internal void CheckClosed()
    {
        if (closed)
        {
            throw Errors.Value("I/O operation on closed file.");
        }
    }
}
