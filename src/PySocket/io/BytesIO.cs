using System;
using System.IO;

namespace PySocket;

/// <summary>
/// io.BytesIO(initial_bytes=b''): an in-memory binary stream, used by <see cref="DatagramRequestHandler"/> for
/// rfile (the received packet) and wfile (the reply). It is a <see cref="MemoryStream"/> with Python's methods.
/// After close() the Python methods raise ValueError("I/O operation on closed file.").
/// </summary>
public class BytesIO : MemoryStream
{
    /// <summary>BytesIO(): an empty, writable stream.</summary>
    public BytesIO()
    {
    }

    /// <summary>BytesIO(initial_bytes): a stream holding a copy of <paramref name="initial_bytes"/>, positioned at 0.</summary>
    public BytesIO(byte[] initial_bytes)
    {
        ArgumentNullException.ThrowIfNull(initial_bytes);
        Write(initial_bytes, 0, initial_bytes.Length);
        Position = 0;
    }

    /// <summary>closed: true after close().</summary>
    public bool closed { get; private set; }

    /// <summary>read(size=-1): up to <paramref name="size"/> bytes from the position (all the rest when negative); b'' at the end.</summary>
    public byte[] read(int size = -1)
    {
        CheckOpen();
        var left = (int)Math.Max(0, Length - Position);
        var n = size < 0 ? left : Math.Min(size, left);
        var result = new byte[n];
        _ = Read(result, 0, n);
        return result;
    }

    /// <summary>readline(size=-1): bytes up to and including the next b'\n' (at most <paramref name="size"/> when not negative); b'' at the end.</summary>
    public byte[] readline(int size = -1)
    {
        CheckOpen();
        var buffer = GetBuffer();
        var start = (int)Math.Min(Position, Length);
        var end = (int)Length;
        if (size >= 0)
        {
            end = Math.Min(end, start + size);
        }

        var i = start;
        while (i < end && buffer[i] != (byte)'\n')
        {
            i++;
        }

        if (i < end)
        {
            i++;
        }

        var result = buffer.AsSpan(start, i - start).ToArray();
        Position = i;
        return result;
    }

    /// <summary>write(b): writes <paramref name="b"/> at the position and returns its length.</summary>
    public int write(byte[] b)
    {
        ArgumentNullException.ThrowIfNull(b);
        CheckOpen();
        Write(b, 0, b.Length);
        return b.Length;
    }

    /// <summary>write(b): writes <paramref name="b"/> at the position and returns its length.</summary>
    public int write(ReadOnlySpan<byte> b)
    {
        CheckOpen();
        Write(b);
        return b.Length;
    }

    /// <summary>getvalue(): the whole content, whatever the position.</summary>
    public byte[] getvalue()
    {
        CheckOpen();
        return ToArray();
    }

    /// <summary>tell(): the position.</summary>
    public long tell()
    {
        CheckOpen();
        return Position;
    }

    /// <summary>seek(pos, whence=0): moves the position (0 from the start, 1 from the position, 2 from the end) and returns it.</summary>
    public long seek(long pos, int whence = 0)
    {
        CheckOpen();
        return whence switch
        {
            0 when pos < 0 => throw Errors.Value($"negative seek value {pos}"),
            0 => Seek(pos, SeekOrigin.Begin),
            1 => Seek(Math.Max(-Position, pos), SeekOrigin.Current),
            2 => Seek(Math.Max(-Length, pos), SeekOrigin.End),
            _ => throw Errors.Value($"invalid whence ({whence}, should be 0, 1 or 2)"),
        };
    }

    /// <summary>flush(): nothing to do.</summary>
    public void flush() => CheckOpen();

    /// <summary>close(): frees the buffer; a second close() does nothing.</summary>
    public void close() => Dispose();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        closed = true;
        base.Dispose(disposing);
    }

    private void CheckOpen()
    {
        if (closed)
        {
            throw Errors.Value("I/O operation on closed file.");
        }
    }
}
