using System;
using System.Net.Sockets;
using NetFamily = System.Net.Sockets.AddressFamily;

namespace PySocket;

/// <summary>
/// The few constants of the running OS the portable layer itself needs, in the OS's numbering (the values
/// the Python layer passes down): the MSG_* flags it translates to <see cref="SocketFlags"/>, SOL_SOCKET and
/// SO_ERROR for the raw option calls, and the address family numbers it translates to <see cref="AddressFamily"/>.
/// Values from platform-constants.tsv (Linux glibc/musl, Windows x64, macOS); the BSDs use macOS's.
/// AF_INET6 and AF_UNIX are read from .NET's own sockaddr buffer, so they are the OS's by construction.
/// </summary>
internal static class PortableConstants
{
    private static readonly bool Windows = OperatingSystem.IsWindows();
    private static readonly bool Bsd = PortableErrno.Numbering == "bsd";

    /// <summary>MSG_OOB (1 everywhere).</summary>
    public const int MsgOob = 1;

    /// <summary>MSG_PEEK (2 everywhere).</summary>
    public const int MsgPeek = 2;

    /// <summary>MSG_DONTROUTE (4 everywhere).</summary>
    public const int MsgDontRoute = 4;

    /// <summary>MSG_CTRUNC: Linux 8, Windows 0x200, macOS 0x20.</summary>
    public static readonly int MsgCTrunc = Windows ? 0x200 : Bsd ? 0x20 : 0x8;

    /// <summary>MSG_TRUNC: Linux 0x20, Windows 0x100, macOS 0x10.</summary>
    public static readonly int MsgTrunc = Windows ? 0x100 : Bsd ? 0x10 : 0x20;

    /// <summary>MSG_DONTWAIT: Linux 0x40, macOS 0x80; Windows has none (0).</summary>
    public static readonly int MsgDontWait = Windows ? 0 : Bsd ? 0x80 : 0x40;

    /// <summary>MSG_WAITALL: Linux 0x100, Windows 8, macOS 0x40.</summary>
    public static readonly int MsgWaitAll = Windows ? 0x8 : Bsd ? 0x40 : 0x100;

    /// <summary>MSG_NOSIGNAL: Linux 0x4000, macOS 0x80000; Windows has none (0). .NET never raises SIGPIPE, so it is dropped.</summary>
    public static readonly int MsgNoSignal = Windows ? 0 : Bsd ? 0x80000 : 0x4000;

    /// <summary>SOL_SOCKET: Linux 1, Windows and macOS 0xffff.</summary>
    public static readonly int SolSocket = Windows || Bsd ? 0xffff : 1;

    /// <summary>SO_ERROR: Linux 4, Windows and macOS 0x1007.</summary>
    public static readonly int SoError = Windows || Bsd ? 0x1007 : 4;

    /// <summary>IPPROTO_IPV6 (41 everywhere).</summary>
    public const int IpProtoIpv6 = 41;

    /// <summary>IPV6_V6ONLY: Linux 26, Windows and macOS 27.</summary>
    public static readonly int Ipv6V6Only = Windows || Bsd ? 27 : 26;

    /// <summary>AF_INET (2 everywhere).</summary>
    public const int AfInet = 2;

    /// <summary>AF_INET6 as this OS numbers it (Linux 10, Windows 23, macOS 30, FreeBSD 28).</summary>
    public static readonly int AfInet6 = NativeFamily(NetFamily.InterNetworkV6, Windows ? 23 : Bsd ? 30 : 10);

    /// <summary>AF_UNIX (1 everywhere it exists).</summary>
    public const int AfUnix = 1;

    /// <summary>AF_PACKET (Linux only: 17).</summary>
    public const int AfPacketLinux = 17;

    /// <summary>AF_CAN (Linux only: 29).</summary>
    public const int AfCanLinux = 29;

    /// <summary>The .NET family for an OS family number; false for a family .NET cannot create sockets of.</summary>
    public static bool TryToNet(int family, out NetFamily af)
    {
        if (family == AfInet)
        {
            af = NetFamily.InterNetwork;
        }
        else if (family == AfInet6)
        {
            af = NetFamily.InterNetworkV6;
        }
        else if (family == AfUnix)
        {
            af = NetFamily.Unix;
        }
        else if (family == 0)
        {
            af = NetFamily.Unspecified;
        }
        else if (OperatingSystem.IsLinux() && family == AfPacketLinux)
        {
            af = NetFamily.Packet;
        }
        else if (OperatingSystem.IsLinux() && family == AfCanLinux)
        {
            af = NetFamily.ControllerAreaNetwork;
        }
        else
        {
            af = NetFamily.Unknown;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Translates the OS's MSG_* <paramref name="flags"/> to .NET's <see cref="SocketFlags"/> (which its native shim
    /// turns back into the OS's). MSG_DONTWAIT and MSG_WAITALL are returned apart (the layer applies them
    /// itself); MSG_NOSIGNAL is dropped. False when a flag is left that .NET cannot pass (MSG_EOR, MSG_MORE, ...).
    /// </summary>
    public static bool TryToNetFlags(int flags, out SocketFlags net, out bool dontWait, out bool waitAll)
    {
        dontWait = MsgDontWait != 0 && (flags & MsgDontWait) != 0;
        waitAll = (flags & MsgWaitAll) != 0;
        var rest = flags & ~(MsgDontWait | MsgWaitAll | MsgNoSignal);
        net = SocketFlags.None;
        if ((rest & MsgOob) != 0)
        {
            net |= SocketFlags.OutOfBand;
        }

        if ((rest & MsgPeek) != 0)
        {
            net |= SocketFlags.Peek;
        }

        if ((rest & MsgDontRoute) != 0)
        {
            net |= SocketFlags.DontRoute;
        }

        if ((rest & MsgTrunc) != 0)
        {
            net |= SocketFlags.Truncated;
        }

        if ((rest & MsgCTrunc) != 0)
        {
            net |= SocketFlags.ControlDataTruncated;
        }

        return (rest & ~(MsgOob | MsgPeek | MsgDontRoute | MsgTrunc | MsgCTrunc)) == 0;
    }

    private static int NativeFamily(NetFamily af, int fallback)
    {
        try
        {
            var sa = new System.Net.SocketAddress(af);
            return PlatformLayout.Current.ReadFamily(sa.Buffer.Span);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or ArgumentException)
        {
            return fallback;
        }
    }
}
