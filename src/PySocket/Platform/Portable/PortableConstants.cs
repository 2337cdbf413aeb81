using System;
using System.Net.Sockets;
using NetFamily = System.Net.Sockets.AddressFamily;

namespace PySocket;

/// <summary>
/// The few constants of the running OS the portable layer itself needs, in the OS's numbering (the values
/// the Python layer passes down): the MSG_* flags it translates to <see cref="SocketFlags"/>, SOL_SOCKET and
/// SO_ERROR for the raw option calls, and the address family numbers it translates to <see cref="AddressFamily"/>.
/// All from the generated tables (<see cref="ConstantTable"/>); a flag the OS lacks (MSG_DONTWAIT and MSG_NOSIGNAL
/// on Windows) is 0 here. AF_INET6 is read from .NET's own sockaddr buffer (the OS's by construction), the table's
/// value where .NET cannot say.
/// </summary>
internal static class PortableConstants
{
    /// <summary>MSG_OOB (1 everywhere).</summary>
    public const int MsgOob = Socket.MSG_OOB;

    /// <summary>MSG_PEEK (2 everywhere).</summary>
    public const int MsgPeek = Socket.MSG_PEEK;

    /// <summary>MSG_DONTROUTE (4 everywhere).</summary>
    public const int MsgDontRoute = Socket.MSG_DONTROUTE;

    /// <summary>MSG_CTRUNC: Linux 8, Windows 0x200, macOS 0x20.</summary>
    public static readonly int MsgCTrunc = OrZero(ConstantTable.MSG_CTRUNC);

    /// <summary>MSG_TRUNC: Linux 0x20, Windows 0x100, macOS 0x10.</summary>
    public static readonly int MsgTrunc = OrZero(ConstantTable.MSG_TRUNC);

    /// <summary>MSG_DONTWAIT: Linux 0x40, macOS 0x80; Windows has none (0).</summary>
    public static readonly int MsgDontWait = OrZero(ConstantTable.MSG_DONTWAIT);

    /// <summary>MSG_ERRQUEUE: Linux 0x2000 (Windows 0x1000, unused there); macOS has none (0). The kernel never waits for it.</summary>
    public static readonly int MsgErrQueue = OrZero(ConstantTable.MSG_ERRQUEUE);

    /// <summary>MSG_WAITALL: Linux 0x100, Windows 8, macOS 0x40.</summary>
    public static readonly int MsgWaitAll = OrZero(ConstantTable.MSG_WAITALL);

    /// <summary>MSG_NOSIGNAL: Linux 0x4000, macOS 0x80000; Windows has none (0). .NET never raises SIGPIPE, so it is dropped.</summary>
    public static readonly int MsgNoSignal = OrZero(ConstantTable.MSG_NOSIGNAL);

    /// <summary>SOL_SOCKET: Linux 1, Windows and macOS 0xffff.</summary>
    public static readonly int SolSocket = ConstantTable.SOL_SOCKET;

    /// <summary>SO_ERROR: Linux 4, Windows and macOS 0x1007.</summary>
    public static readonly int SoError = ConstantTable.SO_ERROR;

    /// <summary>IPPROTO_IPV6 (41 everywhere).</summary>
    public const int IpProtoIpv6 = Socket.IPPROTO_IPV6;

    /// <summary>IPV6_V6ONLY: Linux 26, Windows and macOS 27.</summary>
    public static readonly int Ipv6V6Only = ConstantTable.IPV6_V6ONLY;

    /// <summary>AF_INET (2 everywhere).</summary>
    public const int AfInet = Socket.AF_INET;

    /// <summary>AF_INET6 as this OS numbers it (Linux 10, Windows 23, macOS 30, FreeBSD 28).</summary>
    public static readonly int AfInet6 = NativeFamily(NetFamily.InterNetworkV6, ConstantTable.AF_INET6);

    /// <summary>AF_UNIX (1 everywhere it exists).</summary>
    public const int AfUnix = 1;

    /// <summary>AF_PACKET (Linux only: 17).</summary>
    public static readonly int AfPacketLinux = ConstantTable.AF_PACKET;

    /// <summary>AF_CAN (Linux only: 29).</summary>
    public static readonly int AfCanLinux = ConstantTable.AF_CAN;

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

    private static int OrZero(int value) => value == OsTables.AbsentInt ? 0 : value;
}
