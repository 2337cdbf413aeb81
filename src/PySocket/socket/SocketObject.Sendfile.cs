using System;
using System.IO;

namespace PySocket;

public partial class SocketObject
{
    private const long SendfileMaxBlock = 1L << 30;

    /// <summary>
    /// sendfile(file, offset=0, count=None): sends <paramref name="file"/> from <paramref name="offset"/> until EOF
    /// (or <paramref name="count"/> bytes) with sendfile(2), falling back to read()+send() when the kernel refuses
    /// the file before anything was sent, as socket.py does; returns the bytes sent. The file position is left just
    /// after the last byte sent. SOCK_STREAM only; non-blocking sockets raise ValueError; in timeout mode each wait
    /// for writability gets the full timeout (socket.py's selector.select(timeout)).
    /// </summary>
    public long sendfile(FileStream file, long offset = 0, long? count = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckSendfileParams(count);
        return SendfileUseSendfile(file, offset, count, out var gaveUp) is var sent && !gaveUp
            ? sent
            : SendfileUseSend(file, offset, count);
    }

    private void CheckSendfileParams(long? count)
    {
        // A FileStream is always binary, so socket.py's "file should be opened in binary mode" cannot occur.
        if ((type.value & Socket.SOCK_STREAM) == 0)
        {
            throw Errors.Value("only SOCK_STREAM type sockets are supported");
        }

        if (count is long c && c <= 0)
        {
            throw Errors.Value($"count must be a positive integer (got {c})");
        }
    }

    // socket.py's _sendfile_use_sendfile; gaveUp is its _GiveupOnSendfile.
    private long SendfileUseSendfile(FileStream file, long offset, long? count, out bool gaveUp)
    {
        gaveUp = false;
        var sockno = Fd; // socket.py uses fileno(): -1 once closed, refused below by the selector
        long fsize;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = file.SafeFileHandle; // flushes buffered writes, as the data must be in the file
            fsize = RandomAccess.GetLength(handle);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            gaveUp = true;
            return 0;
        }

        if (fsize == 0)
        {
            return 0;
        }

        var blocksize = Math.Min(count ?? fsize, SendfileMaxBlock);
        var timeout = TimeoutNanos;
        if (timeout == 0)
        {
            throw Errors.Value("non-blocking sockets are not supported");
        }

        if (sockno < 0)
        {
            throw Errors.Value($"Invalid file descriptor: {sockno}"); // selector.register(-1)
        }

        // socket.py's loop: in timeout mode selector.select(timeout) before each attempt (each wait gets the full
        // timeout); BlockingIOError in blocking mode waits for writability without a timeout and retries.
        var deadline = Deadline.EachWait(timeout, shared: true);
        long totalSent = 0;
        try
        {
            while (true)
            {
                if (count is long c)
                {
                    blocksize = c - totalSent;
                    if (blocksize <= 0)
                    {
                        // socket.py selects once more before it notices that count is reached.
                        if (timeout > 0)
                        {
                            Check(SockCall.WaitOne(Pal, _handle, PollEvents.Write, deadline));
                        }

                        break;
                    }
                }

                var err = SockCall.SendFile(Pal, _handle, handle, offset, blocksize, deadline, out var sent);
                if (err == SocketPal.TimedOut)
                {
                    throw Errors.Timeout();
                }

                if (err != 0)
                {
                    if (totalSent == 0)
                    {
                        gaveUp = true;
                        return 0;
                    }

                    throw Errors.FromPal(err);
                }

                if (sent == 0)
                {
                    break; // EOF
                }

                offset += sent;
                totalSent += sent;
            }

            return totalSent;
        }
        finally
        {
            if (totalSent > 0)
            {
                file.Seek(offset, SeekOrigin.Begin);
            }
        }
    }

    // socket.py's _sendfile_use_send.
    private long SendfileUseSend(FileStream file, long offset, long? count)
    {
        CheckSendfileParams(count);
        if (TimeoutNanos == 0)
        {
            throw Errors.Value("non-blocking sockets are not supported");
        }

        if (offset != 0)
        {
            SeekTo(file, offset);
        }

        if (!file.CanRead)
        {
            throw Errors.Value("read"); // io.UnsupportedOperation('read'), a ValueError in Python too
        }

        var blocksize = count is long c0 ? (int)Math.Min(c0, 8192) : 8192;
        var buffer = new byte[blocksize];
        long totalSent = 0;
        try
        {
            while (true)
            {
                if (count is long c)
                {
                    blocksize = (int)Math.Min(c - totalSent, blocksize);
                    if (blocksize <= 0)
                    {
                        break;
                    }
                }

                var read = ReadFully(file, buffer.AsSpan(0, blocksize));
                if (read == 0)
                {
                    break; // EOF
                }

                var data = buffer.AsSpan(0, read);
                while (true)
                {
                    int sent;
                    try
                    {
                        sent = send(data);
                    }
                    catch (BlockingIOError)
                    {
                        continue;
                    }

                    totalSent += sent;
                    if (sent < data.Length)
                    {
                        data = data[sent..];
                    }
                    else
                    {
                        break;
                    }
                }
            }

            return totalSent;
        }
        finally
        {
            if (totalSent > 0)
            {
                SeekTo(file, offset + totalSent);
            }
        }
    }

    private static void SeekTo(FileStream file, long position)
    {
        if (position < 0)
        {
            throw Errors.FromErrno(Errno.EINVAL); // lseek(2) refuses a negative position
        }

        file.Seek(position, SeekOrigin.Begin);
    }

    // BufferedReader.read(n) on a regular file: up to n bytes, fewer only at EOF.
    private static int ReadFully(FileStream file, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = file.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
