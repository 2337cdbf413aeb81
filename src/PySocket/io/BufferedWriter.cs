using System;

namespace PySocket;

/// <summary>
/// io.BufferedWriter over a <see cref="SocketIO"/>: makefile("wb"). write() takes all the data it is given
/// and holds it until flush(), close() or a full buffer (8192 bytes by default); a write larger than the
/// buffer goes to the socket directly. If a non-blocking socket cannot take the data, BlockingIOError
/// (<c>[Errno 11] write could not complete without blocking</c>). Reading raises <c>UnsupportedOperation("read")</c>.
/// As in CPython, each operation holds the object's lock, so threads may share it.
/// </summary>
public sealed partial class BufferedWriter : BufferedIOBase
{
    private readonly byte[] _buf;
    private readonly object _lock = new();
    private int _len;

    internal BufferedWriter(SocketIO raw, int bufferSize)
        : base(raw)
    {
        _buf = new byte[bufferSize];
    }

    /// <summary>readable(): false, even once closed (io.BufferedWriter inherits IOBase's, which checks nothing).</summary>
    public override bool readable() => false;

    /// <summary>flush(): sends everything buffered; ValueError("flush of closed file") once closed.</summary>
    public override void flush()
    {
        lock (_lock)
        {
            if (closed)
            {
                throw Errors.Value("flush of closed file");
            }

            FlushBuffer();
        }
    }

    /// <summary>close(): flush(), then closes the raw file even if flushing failed (the flush error is raised). A second close() does nothing.</summary>
    public override void close()
    {
        lock (_lock)
        {
            if (raw.closed)
            {
                return;
            }

            try
            {
                FlushBuffer();
            }
            finally
            {
                raw.close();
            }
        }
    }

    /// <summary>repr(f): <c>&lt;_io.BufferedWriter name=3&gt;</c>.</summary>
    public override string ToString() => $"<_io.BufferedWriter name={name}>";

    internal override int WriteBytes(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (closed)
            {
                throw Errors.Value("write to closed file");
            }

            if (_len + data.Length <= _buf.Length)
            {
                data.CopyTo(_buf.AsSpan(_len));
                _len += data.Length;
                return data.Length;
            }

            FlushBuffer();
            var rest = data;
            while (rest.Length > _buf.Length)
            {
                var n = raw.write(rest);
                if (n <= 0)
                {
                    throw Errors.FromErrno(Errno.EAGAIN, "write could not complete without blocking");
                }

                rest = rest[n..];
            }

            rest.CopyTo(_buf);
            _len = rest.Length;
            return data.Length;
        }
    }

    internal override byte[]? ReadBytes(int size) => throw Errors.Unsupported("read");

    internal override byte[] Read1Bytes(int size) => throw Errors.Unsupported("read1");

    internal override byte[] ReadLineBytes(int size) => throw Errors.Unsupported("read");

    internal override int? ReadInto(Span<byte> buffer) => throw Errors.Unsupported("read");

    internal override int? ReadInto1(Span<byte> buffer) => throw Errors.Unsupported("read");

    private void FlushBuffer()
    {
        var start = 0;
        try
        {
            while (start < _len)
            {
                var n = raw.write(_buf.AsSpan(start, _len - start));
                if (n <= 0)
                {
                    throw Errors.FromErrno(Errno.EAGAIN, "write could not complete without blocking");
                }

                start += n;
            }
        }
        finally
        {
            // Keep what was not sent, at the front of the buffer.
            _buf.AsSpan(start, _len - start).CopyTo(_buf);
            _len -= start;
        }
    }
}
