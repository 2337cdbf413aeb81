using System;
using System.IO;

namespace PySocket;

/// <summary>
/// io.BufferedReader over a <see cref="SocketIO"/>: makefile("rb"). Reads from the socket in chunks of the
/// buffer size (8192 by default) and serves read(), read1(), readline(), peek() and readinto() from the buffer,
/// as CPython's C implementation does. Writing raises <c>UnsupportedOperation("write")</c>.
/// As in CPython, each operation holds the object's lock, so threads may share it.
/// </summary>
public sealed partial class BufferedReader : BufferedIOBase
{
    private readonly byte[] _buf;
    private readonly object _lock = new();
    private int _pos;
    private int _end;

    internal BufferedReader(SocketIO raw, int bufferSize)
        : base(raw)
    {
        _buf = new byte[bufferSize];
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
                var buffered = TakeBuffered(int.MaxValue);
                var rest = raw.readall();
                if (rest is null)
                {
                    return buffered.Length == 0 ? null : buffered;
                }

                return buffered.Length == 0 ? rest : [.. buffered, .. rest];
            }

            if (_end - _pos >= size)
            {
                return TakeBuffered(size);
            }

            return ReadWithScratch(size, buffer => ReadIntoGeneric(buffer, readinto1: false));
        }
    }

    internal override byte[] Read1Bytes(int size)
    {
        lock (_lock)
        {
            if (size < 0)
            {
                size = _buf.Length;
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
            return ReadWithScratch(size, buffer => raw.readinto(buffer) ?? 0) ?? [];
        }
    }

    internal override byte[] ReadLineBytes(int size)
    {
        lock (_lock)
        {
            CheckClosed("readline of closed file");
            using var line = new MemoryStream();
            while (size < 0 || line.Length < size)
            {
                if (_end - _pos == 0 && FillBuffer() <= 0)
                {
                    break;
                }

                var avail = _buf.AsSpan(_pos, _end - _pos);
                if (size >= 0)
                {
                    avail = avail[..(int)Math.Min(avail.Length, size - line.Length)];
                }

                var nl = avail.IndexOf((byte)'\n');
                var take = nl >= 0 ? nl + 1 : avail.Length;
                line.Write(avail[..take]);
                _pos += take;
                if (nl >= 0)
                {
                    break;
                }
            }

            return line.ToArray();
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
            if (remaining > _buf.Length)
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
        var n = raw.readinto(_buf);
        if (n is null)
        {
            return -1;
        }

        _end = n.Value;
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
}
