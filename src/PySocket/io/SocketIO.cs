using System;
using System.Collections.Generic;

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

    /// <summary>readall(): reads until EOF; null if a non-blocking socket had no data at all.</summary>
    public byte[]? readall()
    {
        var result = new List<byte>();
        var chunk = new byte[DefaultBufferSize];
        while (true)
        {
            var n = ReadInto(chunk);
            if (n is null)
            {
                return result.Count == 0 ? null : result.ToArray();
            }

            if (n == 0)
            {
                return result.ToArray();
            }

            result.AddRange(chunk.AsSpan(0, n.Value));
        }
    }

    /// <summary>repr(f): <c>&lt;socket.SocketIO name=3 mode='rb'&gt;</c> (Python shows the object's address instead).</summary>
    public override string ToString() => $"<socket.SocketIO name={name} mode='{_mode}'>";

    internal override int? ReadInto(Span<byte> buffer)
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

    internal override byte[]? ReadBytes(int size)
    {
        if (size < 0)
        {
            return readall();
        }

        return ReadWithScratch(size, ReadInto);
    }

    internal override byte[] Read1Bytes(int size) => ReadBytes(size < 0 ? DefaultBufferSize : size) ?? [];

    // IOBase.readline over a raw file: one byte at a time, so nothing past the line is consumed.
    internal override byte[] ReadLineBytes(int size)
    {
        var line = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (size < 0 || line.Count < size)
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

            line.Add(one[0]);
            if (one[0] == (byte)'\n')
            {
                break;
            }
        }

        return line.ToArray();
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
