namespace PySocket;

/// <summary>
/// io.BufferedIOBase: the base of <see cref="BufferedReader"/> and <see cref="BufferedWriter"/>, a buffer over
/// one <see cref="SocketIO"/>. The file's state (closed, name, mode, readable, writable, fileno) is the raw file's.
/// </summary>
public abstract class BufferedIOBase : SocketFile
{
    private readonly SocketIO? _raw;

    private protected BufferedIOBase(SocketIO raw)
    {
        _raw = raw;
    }

    /// <summary>A BufferedIOBase with no raw file (socketserver's _SocketWriter); it overrides the state members.</summary>
    private protected BufferedIOBase()
    {
    }

    /// <summary>
    /// raw: the unbuffered <see cref="SocketIO"/> underneath. socketserver's unbuffered wfile (Python's
    /// _SocketWriter) has none: InvalidOperationException, as Python raises AttributeError.
    /// </summary>
    public SocketIO raw => _raw ?? throw new System.InvalidOperationException("'_SocketWriter' object has no attribute 'raw'");

    /// <inheritdoc/>
    public override bool closed => raw.closed;

    /// <inheritdoc/>
    public override int name => raw.name;

    /// <inheritdoc/>
    public override string mode => raw.mode;

    /// <inheritdoc/>
    public override bool readable() => raw.readable();

    /// <inheritdoc/>
    public override bool writable() => raw.writable();

    /// <summary>seekable(): the raw file's answer (false; ValueError once the socket file is closed).</summary>
    public override bool seekable() => raw.seekable();

    /// <inheritdoc/>
    public override int fileno() => raw.fileno();
}
