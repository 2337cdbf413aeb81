using System;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>
    /// makefile(mode='r', buffering=None, *, encoding=None, errors=None, newline=None): a file object over this
    /// socket. <paramref name="mode"/> is made of 'r', 'w' and 'b' (ValueError otherwise): "rb" or "b" gives a
    /// <see cref="BufferedReader"/>, "wb" a <see cref="BufferedWriter"/>, "rwb" a <see cref="BufferedRWPair"/>,
    /// and a mode without 'b' a <see cref="TextIOWrapper"/> over one of those (encoding null means UTF-8, the
    /// locale encoding here). <paramref name="buffering"/> null or negative means 8192 bytes (io.DEFAULT_BUFFER_SIZE);
    /// 0 returns the raw <see cref="SocketIO"/> (binary modes only). While the file is open the socket's close()
    /// is deferred; closing the file completes it.
    /// </summary>
    public IOBase makefile(string mode = "r", int? buffering = null, string? encoding = null, string? errors = null, string? newline = null)
    {
        if (mode is null)
        {
            throw Errors.Type("'NoneType' object is not iterable"); // socket.py: set(mode)
        }

        foreach (var ch in mode)
        {
            if (ch is not ('r' or 'w' or 'b'))
            {
                throw Errors.Value($"invalid mode {PyRepr.Str(mode)} (only r, w, b allowed)");
            }
        }

        var writing = mode.Contains('w', StringComparison.Ordinal);
        var reading = mode.Contains('r', StringComparison.Ordinal) || !writing;
        var binary = mode.Contains('b', StringComparison.Ordinal);
        var rawmode = (reading ? "r" : "") + (writing ? "w" : "");
        var size = buffering is int b && b >= 0 ? b : IOBase.DefaultBufferSize;
        if (size == 0 && !binary)
        {
            // Python creates the SocketIO (and its reference) first; the reference dies with it.
            throw Errors.Value("unbuffered streams must be binary");
        }

        if (!binary)
        {
            // Validate the text options before the socket gains a reference.
            if (newline is not (null or "" or "\n" or "\r" or "\r\n"))
            {
                throw Errors.Value($"illegal newline value: {newline}");
            }

            _ = TextCodec.Lookup(encoding ?? "UTF-8", errors ?? "strict");
        }

        var raw = new SocketIO(this, rawmode);
        AddIoRef();
        if (size == 0)
        {
            return raw;
        }

        SocketFile buffer = reading && writing ? new BufferedRWPair(raw, size)
            : reading ? new BufferedReader(raw, size)
            : new BufferedWriter(raw, size);
        return binary ? buffer : new TextIOWrapper(buffer, encoding ?? "UTF-8", errors, newline, mode);
    }
}
