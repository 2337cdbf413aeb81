using System;
using System.IO;

namespace PySocket;

/// <summary>
/// io.IOBase: the common base of every file object <see cref="SocketObject.makefile"/> returns, binary
/// (<see cref="SocketFile"/>: <see cref="SocketIO"/>, <see cref="BufferedReader"/>, <see cref="BufferedWriter"/>,
/// <see cref="BufferedRWPair"/>) or text (<see cref="TextIOWrapper"/>). It holds what both kinds share, with
/// Python's names (<c>close</c>, <c>closed</c>, <c>flush</c>, <c>fileno</c>, <c>readable</c>, ...), and no element
/// type: a binary file reads and writes <c>byte[]</c> and enumerates byte lines, a text file reads and writes
/// <c>string</c> and enumerates string lines. Cast the result of makefile() to the kind its mode asks for
/// (<c>(SocketFile)s.makefile("rb")</c>, <c>(TextIOWrapper)s.makefile("r")</c>). Every file is also a
/// <see cref="Stream"/> of bytes so .NET code (StreamReader, CopyTo, ...) can use it directly; a text file's
/// Stream reads and writes its text encoded with its encoding. Python's exceptions (OSError and its subclasses,
/// <see cref="ValueError"/> for a closed file, <see cref="UnsupportedOperation"/>) come out of the Stream methods
/// too. Disposing is <c>close()</c>.
/// </summary>
public abstract partial class IOBase : Stream
{
    /// <summary>io.DEFAULT_BUFFER_SIZE.</summary>
    internal const int DefaultBufferSize = 8192;

    private protected IOBase()
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

    /// <summary>At most one read from the socket (Python's readinto1, or the next encoded text of a text file); null on EAGAIN.</summary>
    internal abstract int? ReadInto1(Span<byte> buffer);

    /// <summary>One write of bytes (a text file writes them to its buffer unchanged).</summary>
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
