using System;
using System.Collections.Generic;
using System.Runtime.Versioning;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// send_fds(sock, buffers, fds[, flags[, address]]): sends <paramref name="buffers"/> with the descriptors
    /// <paramref name="fds"/> as one SCM_RIGHTS control message over an AF_UNIX socket; returns the bytes sent.
    /// As in CPython's socket.py, <paramref name="flags"/> and <paramref name="address"/> are accepted but not passed on.
    /// </summary>
    /// <remarks>CPython has no send_fds on Windows: on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public static int send_fds(SocketObject sock, IEnumerable<byte[]> buffers, IEnumerable<int> fds, int flags = 0, SockAddr? address = null)
    {
        NoCmsgOnWindows("send_fds");
        _ = flags;
        _ = address;
        ArgumentNullException.ThrowIfNull(sock);
        if (fds is null)
        {
            throw Errors.Type("'NoneType' object is not iterable");
        }

        var list = new List<int>(fds);
        var data = new byte[list.Count * sizeof(int)];
        for (var i = 0; i < list.Count; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * sizeof(int)), list[i]);
        }

        return sock.sendmsg(buffers, [(SOL_SOCKET, ConstantTable.SCM_RIGHTS, data)]);
    }

    /// <summary>
    /// recv_fds(sock, bufsize, maxfds[, flags]): receives up to <paramref name="bufsize"/> bytes and up to
    /// <paramref name="maxfds"/> descriptors (an ancillary buffer of CMSG_LEN(maxfds * 4) bytes); returns
    /// (data, fds, msg_flags, address). As in CPython's socket.py, <paramref name="flags"/> is not passed on.
    /// </summary>
    /// <remarks>CPython has no recv_fds on Windows: on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public static (byte[] data, IReadOnlyList<int> fds, int msg_flags, SockAddr? address) recv_fds(SocketObject sock, int bufsize, int maxfds, int flags = 0)
    {
        NoCmsgOnWindows("recv_fds");
        _ = flags;
        ArgumentNullException.ThrowIfNull(sock);
        var ancbufsize = Cmsg.Len((long)maxfds * sizeof(int));
        if (ancbufsize < 0)
        {
            throw Errors.Overflow("CMSG_LEN() argument out of range");
        }

        var (msg, ancdata, msgFlags, addr) = sock.recvmsg(bufsize, (int)ancbufsize);
        var fds = new List<int>();
        foreach (var (level, type, data) in ancdata)
        {
            if (level == SOL_SOCKET && type == ConstantTable.SCM_RIGHTS)
            {
                for (var i = 0; i + sizeof(int) <= data.Length; i += sizeof(int))
                {
                    fds.Add(BitConverter.ToInt32(data, i));
                }
            }
        }

        return (msg, fds.AsReadOnly(), msgFlags, addr);
    }
}
