using System;
using System.Buffers;

namespace PySocket;

/// <summary>
/// socket.SocketIO: the raw, unbuffered file over a socket (makefile with buffering=0, and the layer under
/// the buffered files). Each read is one recv_into and each write one send. In non-blocking mode a read that
/// would block returns null (Python's None) and a write that would block returns 0 (Python's None). After a
/// read times out, every further read raises <c>OSError("cannot read from timed out object")</c>.
/// Closing it releases the socket's reference, so a close() of the socket deferred for this file happens then.
/// </summary>
public sealed partial class SocketIO : SocketFile
{
    private readonly bool _reading;
    private readonly bool _writing;
    private readonly string _mode;
    private SocketObject? _sock;

    /// <summary>The socket underneath (for the select module's hold on its handle); null once detached from it.</summary>
    internal SocketObject? Sock => _sock;
    private bool _timeoutOccurred;
    private bool _closed;

    /// <summary>SocketIO(sock, mode): <paramref name="rawmode"/> is "r", "w" or "rw"; the caller has taken an io reference.</summary>
    internal SocketIO(SocketObject sock, string rawmode)
    {
        _sock = sock;
        _reading = rawmode.Contains('r', StringComparison.Ordinal);
        _writing = rawmode.Contains('w', StringComparison.Ordinal);
        _mode = rawmode + "b";
    }

    /// <summary>
    /// A SocketIO that is never closed releases its socket reference when it is garbage-collected (Python closes
    /// an unreachable file at once), so a deferred socket close() still happens. Nothing is flushed then.
    /// </summary>
    ~SocketIO()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _sock?.ReleaseIoRef();
        }
        catch (OSError)
        {
            // A finalizer must not throw; the descriptor is gone either way.
        }
    }

    /// <inheritdoc/>
    public override bool closed => _closed;

    /// <summary>name: the socket's descriptor, or -1 once this file is closed.</summary>
    public override int name => _closed ? -1 : fileno();

    /// <summary>mode: "rb", "wb" or "rwb".</summary>
    public override string mode => _mode;

    /// <summary>readable(): true for a mode with "r"; ValueError("I/O operation on closed socket.") once closed.</summary>
    public override bool readable()
    {
        if (_closed)
        {
            throw Errors.Value("I/O operation on closed socket.");
        }

        return _reading;
    }

    /// <summary>writable(): true for a mode with "w"; ValueError("I/O operation on closed socket.") once closed.</summary>
    public override bool writable()
    {
        if (_closed)
        {
            throw Errors.Value("I/O operation on closed socket.");
        }

        return _writing;
    }

    /// <summary>seekable(): false; ValueError("I/O operation on closed socket.") once closed, as socket.py's SocketIO.</summary>
    public override bool seekable()
    {
        if (_closed)
        {
            throw Errors.Value("I/O operation on closed socket.");
        }

        return false;
    }

    /// <summary>fileno(): the socket's descriptor (-1 if the socket itself was detached); ValueError once this file is closed.</summary>
    public override int fileno()
    {
        CheckClosed();
        return _sock!.fileno();
    }

    /// <summary>flush(): nothing to flush; ValueError once closed.</summary>
    public override void flush() => CheckClosed();

    /// <summary>close(): closes the file and releases its reference on the socket (performing a deferred socket close()).</summary>
    public override void close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        var sock = _sock;
        _sock = null;
        sock?.ReleaseIoRef();
    }

    /// <summary>
    /// readall(): reads until EOF; null if a non-blocking socket had no data at all. The data goes from the kernel
    /// into native chunks that double in size (O(log n) of them, each recv as large as the free space) and is
    /// copied once into the result, so a large body costs one copy past the kernel's and one managed allocation.
    /// </summary>
    public byte[]? readall() => ReadAll([]);

    /// <summary>readall() with <paramref name="prefix"/> (bytes a buffer already holds) placed first in the result.</summary>
    internal byte[]? ReadAll(ReadOnlySpan<byte> prefix)
    {
        var chunks = new ChunkList();
        try
        {
            while (true)
            {
                var free = chunks.FreeSpace(prefix.Length);
                var n = ReadInto(free);
                if (n is null)
                {
                    return chunks.Total == 0 && prefix.Length == 0 ? null : chunks.ToArray(prefix);
                }

                if (n == 0)
                {
                    return chunks.ToArray(prefix);
                }

                chunks.Commit(n.Value);
            }
        }
        finally
        {
            chunks.Free();
        }
    }

    /// <summary>repr(f): <c>&lt;socket.SocketIO name=3 mode='rb'&gt;</c> (Python shows the object's address instead).</summary>
    public override string ToString() => $"<socket.SocketIO name={name} mode='{_mode}'>";

    internal override int? ReadInto(Span<byte> buffer)
    {
        CheckCanRead();
        while (true)
        {
            try
            {
                return _sock!.recv_into(buffer);
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

    internal override int? ReadInto1(Span<byte> buffer) => ReadInto(buffer);

    // SocketIO.readinto's checks, in CPython's order: closed, not readable, an earlier timeout.
    private void CheckCanRead()
    {
        CheckClosed();
        if (!_reading)
        {
            throw Errors.Unsupported("File or stream is not readable.");
        }

        if (_timeoutOccurred)
        {
            throw Errors.Message("cannot read from timed out object");
        }
    }

    internal override byte[]? ReadBytes(int size)
    {
        if (size < 0)
        {
            return readall();
        }

        return ReadSized(size, ReadInto);
    }

    internal override byte[] Read1Bytes(int size) => ReadBytes(size < 0 ? DefaultBufferSize : size) ?? [];

    // IOBase.readline over a raw file: one byte at a time (as CPython's IOBase.readline over a raw file without
    // peek), so nothing past the line is consumed.
    internal override byte[] ReadLineBytes(int size)
    {
        var line = new ArrayBufferWriter<byte>(64);
        Span<byte> one = stackalloc byte[1];
        while (size < 0 || line.WrittenCount < size)
        {
            var n = ReadInto(one);
            if (n is null)
            {
                // CPython's IOBase.readline gets None from read(1) and rejects it.
                throw Errors.Message("read() should have returned a bytes object, not 'NoneType'");
            }

            if (n == 0)
            {
                break;
            }

            line.Write(one);
            if (one[0] == (byte)'\n')
            {
                break;
            }
        }

        return line.WrittenSpan.ToArray();
    }

    internal override int WriteBytes(ReadOnlySpan<byte> data)
    {
        CheckClosed();
        if (!_writing)
        {
            throw Errors.Unsupported("File or stream is not writable.");
        }

        try
        {
            return _sock!.send(data);
        }
        catch (BlockingIOError e) when (e.errno == Errno.EAGAIN)
        {
            return 0;
        }
    }
}
