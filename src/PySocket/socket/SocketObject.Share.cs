using System.Globalization;
using System.Runtime.Versioning;

namespace PySocket;

/// <content>share() and fromshare(): Windows' way to hand a socket to another process (WSADuplicateSocketW).</content>
public partial class SocketObject
{
    /// <summary>
    /// share(process_id): the bytes (a WSAPROTOCOL_INFOW, 628 bytes) with which process <paramref name="process_id"/>
    /// makes its own copy of this socket with <see cref="Socket.fromshare"/>. Windows only, as in CPython: elsewhere it
    /// raises <see cref="AttributeError"/> naming the OS.
    /// </summary>
    [SupportedOSPlatform("windows")]
    public unsafe byte[] share(int process_id)
    {
        if (OsTables.Current != OsKind.Windows)
        {
            throw Errors.NoObjectAttribute("socket", "share");
        }

        var info = new byte[SocketPal.ShareInfoSize];
        fixed (byte* p = info)
        {
            Check(Pal.Share(CheckOpen(), unchecked((uint)process_id), p));
        }

        return info;
    }

    /// <summary>socket.fromshare(info): the socket object for bytes from <see cref="share"/> (Windows only).</summary>
    internal static unsafe SocketObject FromShare(byte[] info)
    {
        if (OsTables.Current != OsKind.Windows)
        {
            throw Errors.NoModuleAttribute("socket", "fromshare");
        }

        if (info is null)
        {
            throw Errors.Type("fromshare() argument must be bytes, not None");
        }

        if (info.Length != SocketPal.ShareInfoSize)
        {
            throw Errors.Value(string.Create(CultureInfo.InvariantCulture, $"socket descriptor string has wrong size, should be {SocketPal.ShareInfoSize} bytes."));
        }

        SocketHandle? handle;
        int family, type, proto;
        fixed (byte* p = info)
        {
            Check(Pal.FromShare(p, out handle, out family, out type, out proto));
        }

        return new SocketObject(handle!, family, type, proto);
    }
}
