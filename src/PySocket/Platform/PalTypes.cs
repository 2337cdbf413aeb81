using System;

namespace PySocket;

/// <summary>The readiness a <see cref="SocketPal.Poll"/> waits for or reports (poll(2)'s POLLIN/POLLOUT/POLLERR/POLLHUP/POLLNVAL).</summary>
[Flags]
internal enum PollEvents : short
{
    /// <summary>Nothing (a poll that timed out reports this).</summary>
    None = 0,

    /// <summary>Readable (or a connection to accept, or end of file).</summary>
    Read = 0x001,

    /// <summary>Writable (or a non-blocking connect finished).</summary>
    Write = 0x004,

    /// <summary>An error is pending (reported only).</summary>
    Error = 0x008,

    /// <summary>Hung up (reported only).</summary>
    HangUp = 0x010,

    /// <summary>The number is not open (reported only).</summary>
    Invalid = 0x020,
}

/// <summary>One entry of <see cref="SocketPal.PollMany"/>: a handle, the events wanted, the events reported.</summary>
internal struct PollEntry
{
    /// <summary>The handle to watch.</summary>
    public SocketHandle Handle;

    /// <summary>The events to wait for.</summary>
    public PollEvents Events;

    /// <summary>The events reported (set by the call; None for a handle that did not become ready).</summary>
    public PollEvents REvents;
}

/// <summary>One buffer of a scatter/gather message (the layout of POSIX struct iovec).</summary>
internal unsafe struct PalIoVec
{
    /// <summary>The buffer.</summary>
    public byte* Base;

    /// <summary>Its length in bytes.</summary>
    public nuint Length;
}

/// <summary>
/// A platform-neutral sendmsg/recvmsg message: the address (in the OS's sockaddr layout, see
/// <see cref="PlatformLayout"/>), the data buffers and the control buffer (in the OS's CMSG layout).
/// On return from <see cref="SocketPal.RecvMsg"/>, <see cref="NameLength"/>, <see cref="ControlLength"/> and
/// <see cref="Flags"/> hold what the OS reported.
/// </summary>
internal unsafe struct PalMessage
{
    /// <summary>The sockaddr buffer (null: none).</summary>
    public byte* Name;

    /// <summary>Its length (in: capacity or encoded length; out: the address's length).</summary>
    public int NameLength;

    /// <summary>The data buffers (null when <see cref="IovCount"/> is 0).</summary>
    public PalIoVec* Iov;

    /// <summary>How many data buffers.</summary>
    public int IovCount;

    /// <summary>The control buffer (null: none).</summary>
    public byte* Control;

    /// <summary>Its length (in: capacity or built length; out: the valid control bytes).</summary>
    public int ControlLength;

    /// <summary>msg_flags as the OS reported them (recvmsg only).</summary>
    public int Flags;
}

/// <summary>
/// The OS's error numbers the platform-neutral code (the deadline loop, the socket object) must recognise.
/// Linux: errno values; Windows: WSA codes. Filled by each <see cref="SocketPal"/>.
/// </summary>
internal readonly record struct PalErrorCodes(
    int BadDescriptor,
    int Interrupted,
    int WouldBlock,
    int InProgress,
    int IsConnected,
    int ConnectionReset,
    int NotSocket,
    int InvalidArgument);

/// <summary>
/// The per-OS memory layouts of sockaddr and of control messages (CMSG), so that the one sockaddr codec
/// (Python/NativeSockAddr.cs) and the one CMSG builder/parser (Python/Cmsg.cs) serve every OS. Linux and
/// Windows: a 2-byte family at offset 0; macOS/BSD: a length byte, then a 1-byte family.
/// </summary>
internal sealed class PlatformLayout
{
    /// <summary>Linux (64-bit): 2-byte sa_family; sockaddr_un path of 108 bytes; cmsghdr { size_t len; int level; int type; } aligned to 8.</summary>
    public static readonly PlatformLayout Linux = new()
    {
        HasLengthByte = false,
        SockAddrStorageSize = 128,
        SunPathSize = 108,
        CmsgLengthSize = 8,
        CmsgHeaderSize = 16,
        CmsgAlign = 8,
    };

    /// <summary>macOS/BSD: sa_len byte then 1-byte sa_family; sun_path of 104 bytes; cmsghdr { socklen_t len; int level; int type; } aligned to 4.</summary>
    public static readonly PlatformLayout MacOS = new()
    {
        HasLengthByte = true,
        SockAddrStorageSize = 128,
        SunPathSize = 104,
        CmsgLengthSize = 4,
        CmsgHeaderSize = 12,
        CmsgAlign = 4,
    };

    /// <summary>Windows (64-bit): 2-byte family; sun_path of 108 bytes; WSACMSGHDR { SIZE_T len; INT level; INT type; } aligned to 8.</summary>
    public static readonly PlatformLayout Windows = new()
    {
        HasLengthByte = false,
        SockAddrStorageSize = 128,
        SunPathSize = 108,
        CmsgLengthSize = 8,
        CmsgHeaderSize = 16,
        CmsgAlign = 8,
    };

    /// <summary>The layout of the running OS.</summary>
    public static PlatformLayout Current { get; } =
        OperatingSystem.IsWindows() ? Windows
        : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD() ? MacOS
        : Linux;

    /// <summary>True when a sockaddr starts with a length byte and a 1-byte family (BSD); false for a 2-byte family.</summary>
    public bool HasLengthByte { get; init; }

    /// <summary>sizeof(struct sockaddr_storage).</summary>
    public int SockAddrStorageSize { get; init; }

    /// <summary>sizeof(sockaddr_un.sun_path).</summary>
    public int SunPathSize { get; init; }

    /// <summary>The size of cmsg_len (the first field of the header); cmsg_level and cmsg_type follow as 4-byte ints.</summary>
    public int CmsgLengthSize { get; init; }

    /// <summary>sizeof(struct cmsghdr) = CMSG_LEN(0).</summary>
    public int CmsgHeaderSize { get; init; }

    /// <summary>CMSG_ALIGN's alignment.</summary>
    public int CmsgAlign { get; init; }

    /// <summary>The offset of sockaddr_un.sun_path (after the family field).</summary>
    public int SunPathOffset => 2;

    /// <summary>Reads the address family of an encoded sockaddr.</summary>
    public int ReadFamily(ReadOnlySpan<byte> sa) => HasLengthByte ? sa[1] : BitConverter.ToUInt16(sa);

    /// <summary>Writes the family (and, on BSD, the length byte) of a sockaddr of <paramref name="length"/> bytes.</summary>
    public void WriteFamily(Span<byte> sa, int family, int length)
    {
        if (HasLengthByte)
        {
            sa[0] = (byte)Math.Min(length, 255);
            sa[1] = (byte)family;
        }
        else
        {
            BitConverter.TryWriteBytes(sa, (ushort)family);
        }
    }
}
