using System;
using System.Runtime.InteropServices;

namespace PySocket;

public partial class SocketObject
{
    private const string BytesLikeRequired = "a bytes-like object is required, not 'NoneType'";

    /// <summary>
    /// send(data, flags=0): sends bytes on a connected socket and returns how many were sent (possibly
    /// fewer than given). A closed peer raises BrokenPipeError(EPIPE), never a signal.
    /// </summary>
    public int send(byte[] data, int flags = 0) =>
        send(new ReadOnlySpan<byte>(data ?? throw Errors.Type(BytesLikeRequired)), flags);

    /// <summary>send(data, flags=0): the span form of <see cref="send(byte[], int)"/>; allocates nothing.</summary>
    public unsafe int send(ReadOnlySpan<byte> data, int flags = 0)
    {
        var handle = CheckOpen();
        var deadline = StartDeadline();
        fixed (byte* p = data)
        {
            Check(SockCall.Send(Pal, handle, p, data.Length, flags, deadline, out var sent));
            return sent;
        }
    }

    /// <summary>
    /// sendall(data, flags=0): sends every byte, looping over partial sends. In timeout mode the whole call
    /// has one deadline (progress does not extend it); on a timeout or error some data may have been sent.
    /// </summary>
    public void sendall(byte[] data, int flags = 0) =>
        sendall(new ReadOnlySpan<byte>(data ?? throw Errors.Type(BytesLikeRequired)), flags);

    /// <summary>sendall(data, flags=0): the span form of <see cref="sendall(byte[], int)"/>; allocates nothing.</summary>
    public unsafe void sendall(ReadOnlySpan<byte> data, int flags = 0)
    {
        var handle = CheckOpen();
        var deadline = StartDeadline();
        fixed (byte* start = data)
        {
            var p = start;
            var left = data.Length;

            // Like CPython, at least one send() is made, even for empty data.
            do
            {
                Check(SockCall.Send(Pal, handle, p, left, flags, deadline, out var n));
                p += n;
                left -= n;
            }
            while (left > 0);
        }
    }

    /// <summary>sendto(data, address): sends a datagram to <paramref name="address"/>; returns the bytes sent.</summary>
    public int sendto(byte[] data, SockAddr? address) => sendto(data, 0, address);

    /// <summary>sendto(data, flags, address): sends a datagram to <paramref name="address"/> with flags; returns the bytes sent.</summary>
    public int sendto(byte[] data, int flags, SockAddr? address) =>
        sendto(new ReadOnlySpan<byte>(data ?? throw Errors.Type(BytesLikeRequired)), flags, address);

    /// <summary>sendto(data, address): the span form of <see cref="sendto(byte[], SockAddr)"/>.</summary>
    public int sendto(ReadOnlySpan<byte> data, SockAddr? address) => sendto(data, 0, address);

    /// <summary>sendto(data, flags, address): the span form of <see cref="sendto(byte[], int, SockAddr)"/>; allocates nothing for an IP literal or an AF_UNIX path.</summary>
    public unsafe int sendto(ReadOnlySpan<byte> data, int flags, SockAddr? address)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var saLen = NativeSockAddr.Encode(address, family.value, "sendto", new Span<byte>(sa, NativeSockAddr.MaxSize));
        var handle = CheckOpen();
        var deadline = StartDeadline();
        fixed (byte* p = data)
        {
            Check(SockCall.SendTo(Pal, handle, p, data.Length, flags, sa, saLen, deadline, out var sent));
            return sent;
        }
    }

    /// <summary>
    /// recv(bufsize, flags=0): receives up to <paramref name="bufsize"/> bytes; an empty array means the peer
    /// closed its side. A negative size raises ValueError("negative buffersize in recv").
    /// </summary>
    public unsafe byte[] recv(int bufsize, int flags = 0)
    {
        if (bufsize < 0)
        {
            throw Errors.Value("negative buffersize in recv");
        }

        // CPython returns b'' for a zero-length recv without touching the socket (no wait, no error, nothing consumed).
        if (bufsize == 0)
        {
            return [];
        }

        var handle = CheckOpen();
        var deadline = StartDeadline();

        // Native memory, as CPython's uninitialised bytes object: any bufsize up to INT_MAX works (a byte[] of
        // that size cannot exist), and the OS only backs the pages the kernel writes.
        var p = (byte*)NativeMemory.Alloc((nuint)bufsize);
        try
        {
            Check(SockCall.Recv(Pal, handle, p, bufsize, flags, deadline, out var n));
            return Received(p, bufsize, n);
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    /// <summary>
    /// recv_into(buffer, nbytes=0, flags=0): receives up to <paramref name="nbytes"/> bytes (0 means the whole
    /// buffer) into <paramref name="buffer"/> and returns how many arrived.
    /// </summary>
    public int recv_into(byte[] buffer, int nbytes = 0, int flags = 0) =>
        recv_into(new Span<byte>(buffer ?? throw Errors.Type("recv_into() argument 1 must be read-write bytes-like object, not None")), nbytes, flags);

    /// <summary>recv_into(buffer, nbytes=0, flags=0): the span form of <see cref="recv_into(byte[], int, int)"/>; allocates nothing.</summary>
    public unsafe int recv_into(Span<byte> buffer, int nbytes = 0, int flags = 0)
    {
        if (nbytes < 0)
        {
            throw Errors.Value("negative buffersize in recv_into");
        }

        if (nbytes == 0)
        {
            nbytes = buffer.Length;
        }

        if (buffer.Length < nbytes)
        {
            throw Errors.Value("buffer too small for requested bytes");
        }

        if (nbytes == 0)
        {
            return 0; // as recv(0): no system call at all
        }

        var handle = CheckOpen();
        var deadline = StartDeadline();
        fixed (byte* p = buffer)
        {
            Check(SockCall.Recv(Pal, handle, p, nbytes, flags, deadline, out var n));
            return n;
        }
    }

    /// <summary>
    /// recvfrom(bufsize, flags=0): receives up to <paramref name="bufsize"/> bytes and returns them with the
    /// sender's address (null, Python's None, when the socket reports none, e.g. on a connected stream).
    /// </summary>
    public unsafe (byte[] data, SockAddr? address) recvfrom(int bufsize, int flags = 0)
    {
        if (bufsize < 0)
        {
            throw Errors.Value("negative buffersize in recvfrom");
        }

        var handle = CheckOpen();
        var deadline = StartDeadline();
        var p = (byte*)NativeMemory.Alloc((nuint)bufsize);
        try
        {
            var n = RecvFromOnce(handle, p, bufsize, flags, deadline, out var address);
            return (Received(p, bufsize, n), address);
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    /// <summary>
    /// recvfrom_into(buffer, nbytes=0, flags=0): receives into <paramref name="buffer"/> (up to
    /// <paramref name="nbytes"/>, 0 meaning its length) and returns the count and the sender's address.
    /// </summary>
    public (int nbytes, SockAddr? address) recvfrom_into(byte[] buffer, int nbytes = 0, int flags = 0) =>
        recvfrom_into(new Span<byte>(buffer ?? throw Errors.Type("recvfrom_into() argument 1 must be read-write bytes-like object, not None")), nbytes, flags);

    /// <summary>recvfrom_into(buffer, nbytes=0, flags=0): the span form; it allocates only the returned address.</summary>
    public unsafe (int nbytes, SockAddr? address) recvfrom_into(Span<byte> buffer, int nbytes = 0, int flags = 0)
    {
        if (nbytes < 0)
        {
            throw Errors.Value("negative buffersize in recvfrom_into");
        }

        if (nbytes == 0)
        {
            nbytes = buffer.Length;
        }
        else if (nbytes > buffer.Length)
        {
            throw Errors.Value("nbytes is greater than the length of the buffer");
        }

        var handle = CheckOpen();
        var deadline = StartDeadline();
        fixed (byte* p = buffer)
        {
            var n = RecvFromOnce(handle, p, nbytes, flags, deadline, out var address);
            return (n, address);
        }
    }

    /// <summary>
    /// The bytes object recv/recvfrom return: <paramref name="n"/> bytes copied from the receive buffer. With
    /// MSG_TRUNC on a datagram socket the kernel reports the datagram's real length, which may exceed
    /// <paramref name="bufsize"/>; CPython then returns that many bytes (the ones received, then filler), so the
    /// length is kept and the rest is zeros.
    /// </summary>
    private static unsafe byte[] Received(byte* buffer, int bufsize, int n)
    {
        var result = new byte[n];
        new ReadOnlySpan<byte>(buffer, Math.Min(n, bufsize)).CopyTo(result);
        return result;
    }

    private unsafe int RecvFromOnce(SocketHandle handle, byte* p, int length, int flags, in Deadline deadline, out SockAddr? address)
    {
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var saLen = NativeSockAddr.MaxSize;
        Check(SockCall.RecvFrom(Pal, handle, p, length, flags, sa, ref saLen, deadline, out var n));
        address = NativeSockAddr.Decode(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize), saLen);
        return n;
    }
}
