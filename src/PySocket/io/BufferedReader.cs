using System;
using System.Buffers;

namespace PySocket;

/// <summary>
/// io.BufferedReader over a <see cref="SocketIO"/>: makefile("rb"). Reads from the socket in chunks of the
/// buffer size (8192 by default) and serves read(), read1(), readline(), peek() and readinto() from the buffer,
/// as CPython's C implementation does. With makefile's default buffering the buffer grows once to 64 KiB when a
/// socket read fills it whole (bulk data): fewer recv calls, and peek() may then return up to 64 KiB. Writing raises <c>UnsupportedOperation("write")</c>.
/// As in CPython, each operation holds the object's lock, so threads may share it.
/// </summary>
public sealed partial class BufferedReader : BufferedIOBase
{
    /// <summary>The read-ahead a default-buffered reader grows to once the peer streams bulk data.</summary>
    internal const int BulkReadAhead = 64 << 10;

    private readonly object _lock = new();
    private readonly int _bufferSize;
    private readonly int _readAhead;
    private byte[] _buf;
    private bool _grow;
    private readonly SpanReader _readFull;
    private readonly SpanReader _readRaw;
    private int _pos;
    private int _end;

    /// <summary>
    /// A reader with Python's <paramref name="bufferSize"/>. With <paramref name="readAhead"/> larger (makefile's
    /// default buffering), the buffer starts at bufferSize and grows once to readAhead when a socket read fills it
    /// whole: a connection that streams bulk data then makes one recv per readAhead bytes instead of per 8 KiB, while
    /// a connection that exchanges short messages keeps the small buffer.
    /// </summary>
    internal BufferedReader(SocketIO raw, int bufferSize, int readAhead = 0)
        : base(raw)
    {
        _bufferSize = bufferSize;
        _readAhead = Math.Max(bufferSize, readAhead);
        _buf = new byte[bufferSize];
        _readFull = buffer => ReadIntoGeneric(buffer, readinto1: false);
        _readRaw = buffer => raw.readinto(buffer) ?? 0;
    }

    /// <summary>flush(): nothing to write; ValueError("I/O operation on closed file.") once closed.</summary>
    public override void flush() => CheckClosed();

    /// <summary>writable(): false, even once closed (io.BufferedReader inherits IOBase's, which checks nothing).</summary>
    public override bool writable() => false;

    /// <summary>close(): closes the raw file (and so releases the socket). A second close() does nothing.</summary>
    public override void close()
    {
        if (!raw.closed)
        {
            raw.close();
        }
    }

    /// <summary>peek(size=0): the buffered bytes without consuming them, reading once from the socket if none are buffered.</summary>
    public byte[] peek(int size = 0)
    {
        lock (_lock)
        {
            _ = size;
            CheckClosed("peek of closed file");
            if (_end - _pos == 0)
            {
                FillBuffer();
            }

            return _buf.AsSpan(_pos, _end - _pos).ToArray();
        }
    }

    /// <summary>readinto1(b): like readinto(b), with at most one read from the socket.</summary>
    public int? readinto1(Span<byte> buffer) => ReadInto1(buffer);

    /// <summary>repr(f): <c>&lt;_io.BufferedReader name=3&gt;</c>.</summary>
    public override string ToString() => $"<_io.BufferedReader name={name}>";

    internal override byte[]? ReadBytes(int size)
    {
        lock (_lock)
        {
            CheckClosed("read of closed file");
            if (size < -1)
            {
                throw Errors.Value("read length must be non-negative or -1");
            }

            if (size == -1)
            {
                // The buffered bytes lead the result; raw reads go to native chunks, copied once with them.
                var buffered = _buf.AsSpan(_pos, _end - _pos);
                _pos = _end = 0;
                return raw.ReadAll(buffered);
            }

            if (_end - _pos >= size)
            {
                return TakeBuffered(size);
            }

            return ReadSized(size, _readFull);
        }
    }

    internal override byte[] Read1Bytes(int size)
    {
        lock (_lock)
        {
            if (size < 0)
            {
                size = _bufferSize;
            }

            CheckClosed("read of closed file");
            if (size == 0)
            {
                return [];
            }

            if (_end - _pos > 0)
            {
                return TakeBuffered(size);
            }

            _pos = _end = 0;
            return ReadSized(size, _readRaw) ?? [];
        }
    }

    // CPython's _buffered_readline: a line inside the buffer is one IndexOf and one copy; a line that goes on
    // past it gathers the pieces (the buffer is refilled whole each time, as CPython does) and copies them once.
    internal override byte[] ReadLineBytes(int size)
    {
        lock (_lock)
        {
            CheckClosed("readline of closed file");
            var avail = _buf.AsSpan(_pos, _end - _pos);
            if (size >= 0 && avail.Length > size)
            {
                avail = avail[..size];
            }

            var nl = avail.IndexOf((byte)'\n');
            if (nl >= 0 || avail.Length == size)
            {
                var take = nl >= 0 ? nl + 1 : avail.Length;
                var line = avail[..take].ToArray();
                _pos += take;
                return line;
            }

            return ReadLineSlow(size, avail);
        }
    }

    private byte[] ReadLineSlow(int size, ReadOnlySpan<byte> start)
    {
        var pieces = new PieceBuffer(start);
        _pos = _end;
        var limit = size < 0 ? int.MaxValue : size - start.Length;
        try
        {
            while (limit > 0)
            {
                var n = FillBuffer();
                if (n <= 0)
                {
                    break;
                }

                var chunk = _buf.AsSpan(0, Math.Min(n, limit));
                var nl = chunk.IndexOf((byte)'\n');
                var take = nl >= 0 ? nl + 1 : chunk.Length;
                pieces.Append(chunk[..take]);
                _pos = take;
                if (nl >= 0)
                {
                    break;
                }

                limit -= take;
            }

            return pieces.ToArray();
        }
        finally
        {
            pieces.Dispose();
        }
    }

    internal override int? ReadInto(Span<byte> buffer)
    {
        lock (_lock)
        {
            CheckClosed("readinto of closed file");
            return ReadIntoGeneric(buffer, readinto1: false);
        }
    }

    internal override int? ReadInto1(Span<byte> buffer)
    {
        lock (_lock)
        {
            CheckClosed("readinto of closed file");
            return ReadIntoGeneric(buffer, readinto1: true);
        }
    }

    internal override int WriteBytes(ReadOnlySpan<byte> data) => throw Errors.Unsupported("write");

    // CPython's _buffered_readinto_generic: buffered bytes first, then reads straight into the caller's
    // buffer when more than a buffer's worth is wanted, else through the buffer.
    private int? ReadIntoGeneric(Span<byte> buffer, bool readinto1)
    {
        var written = Math.Min(_end - _pos, buffer.Length);
        _buf.AsSpan(_pos, written).CopyTo(buffer);
        _pos += written;
        if (written == buffer.Length)
        {
            return written;
        }

        _pos = _end = 0;
        while (written < buffer.Length)
        {
            var remaining = buffer.Length - written;
            int? n;
            if (remaining > _bufferSize)
            {
                n = raw.readinto(buffer[written..]);
            }
            else if (!(readinto1 && written > 0))
            {
                var filled = FillBuffer();
                if (filled > 0)
                {
                    var take = Math.Min(filled, remaining);
                    _buf.AsSpan(0, take).CopyTo(buffer[written..]);
                    _pos = take;
                    written += take;
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
            if (readinto1)
            {
                break;
            }
        }

        return written;
    }

    /// <summary>One raw read into the (empty) buffer: the count, 0 at EOF, -1 when it would block.</summary>
    private int FillBuffer()
    {
        _pos = _end = 0;
        if (_grow)
        {
            _buf = new byte[_readAhead];
            _grow = false;
        }

        var n = raw.readinto(_buf);
        if (n is null)
        {
            return -1;
        }

        _end = n.Value;
        _grow = n.Value == _buf.Length && _buf.Length < _readAhead;
        return n.Value;
    }

    private byte[] TakeBuffered(int size)
    {
        var n = Math.Min(size, _end - _pos);
        var result = _buf.AsSpan(_pos, n).ToArray();
        _pos += n;
        return result;
    }

    private void CheckClosed(string message)
    {
        if (closed)
        {
            throw Errors.Value(message);
        }
    }

    /// <summary>The pieces of a line longer than the buffer, gathered in a pooled array that doubles.</summary>
    private struct PieceBuffer : IDisposable
    {
        private byte[] _data;
        private int _length;

        public PieceBuffer(ReadOnlySpan<byte> first)
        {
            _data = ArrayPool<byte>.Shared.Rent(Math.Max(first.Length * 2, 256));
            first.CopyTo(_data);
            _length = first.Length;
        }

        public void Append(ReadOnlySpan<byte> piece)
        {
            if (_length + piece.Length > _data.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)_length + piece.Length)));
                _data.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_data);
                _data = bigger;
            }

            piece.CopyTo(_data.AsSpan(_length));
            _length += piece.Length;
        }

        public readonly byte[] ToArray() => _data.AsSpan(0, _length).ToArray();

        public void Dispose()
        {
            if (_data is not null)
            {
                ArrayPool<byte>.Shared.Return(_data);
                _data = null!;
            }
        }
    }
}
