namespace PySocket;

/// <summary>
/// io.BufferedIOBase: the base of <see cref="BufferedReader"/> and <see cref="BufferedWriter"/>, a buffer over
/// one <see cref="SocketIO"/>. The file's state (closed, name, mode, readable, writable, fileno) is the raw file's.
/// </summary>
public abstract class BufferedIOBase : SocketFile
{
    private protected BufferedIOBase(SocketIO raw)
    {
        this.raw = raw;
    }

    /// <summary>raw: the unbuffered <see cref="SocketIO"/> underneath.</summary>
    public SocketIO raw { get; }

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
