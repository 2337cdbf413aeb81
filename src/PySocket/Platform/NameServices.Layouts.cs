using System;
using System.Buffers.Binary;

namespace PySocket;

/// <summary>The C type of one structure field, for <see cref="CStruct"/>.</summary>
internal enum CField : byte
{
    /// <summary>short.</summary>
    Int16,

    /// <summary>int.</summary>
    Int32,

    /// <summary>unsigned int / socklen_t.</summary>
    UInt32,

    /// <summary>size_t.</summary>
    SizeT,

    /// <summary>Any pointer.</summary>
    Pointer,
}

/// <summary>
/// A C structure described by its fields in declaration order; _offsets follow the C ABI's natural alignment
/// for the running process's pointer size, so one description serves 32- and 64-bit processes.
/// Fields are named by small integer ids (the constants of <see cref="AI"/>, <see cref="HE"/>, ...).
/// </summary>
internal sealed unsafe class CStruct
{
    private readonly int[] _offsets;
    private readonly CField[] _kinds;

    public CStruct(params (int Id, CField Kind)[] fields)
    {
        _offsets = new int[fields.Length];
        _kinds = new CField[fields.Length];
        var offset = 0;
        var maxAlign = 1;
        foreach (var (id, kind) in fields)
        {
            var size = SizeOf(kind);
            offset = (offset + size - 1) / size * size;
            _offsets[id] = offset;
            _kinds[id] = kind;
            offset += size;
            maxAlign = Math.Max(maxAlign, size);
        }

        Size = (offset + maxAlign - 1) / maxAlign * maxAlign;
    }

    /// <summary>sizeof the structure.</summary>
    public int Size { get; }

    /// <summary>The field's offset.</summary>
    public int OffsetOf(int id) => _offsets[id];

    /// <summary>An integer field, sign-extended (short, int) or zero-extended (unsigned int, size_t).</summary>
    public long ReadInt(byte* s, int id) => _kinds[id] switch
    {
        CField.Int16 => *(short*)(s + _offsets[id]),
        CField.Int32 => *(int*)(s + _offsets[id]),
        CField.UInt32 => *(uint*)(s + _offsets[id]),
        CField.SizeT => (long)*(nuint*)(s + _offsets[id]),
        _ => (long)*(nint*)(s + _offsets[id]),
    };

    /// <summary>A pointer field.</summary>
    public byte* ReadPointer(byte* s, int id) => *(byte**)(s + _offsets[id]);

    /// <summary>Writes an integer field (hints for getaddrinfo).</summary>
    public void WriteInt(byte* s, int id, int value)
    {
        switch (_kinds[id])
        {
            case CField.Int16:
                *(short*)(s + _offsets[id]) = (short)value;
                break;
            case CField.Int32:
            case CField.UInt32:
                *(int*)(s + _offsets[id]) = value;
                break;
            default:
                *(nint*)(s + _offsets[id]) = value;
                break;
        }
    }

    private static int SizeOf(CField kind) => kind switch
    {
        CField.Int16 => 2,
        CField.Int32 or CField.UInt32 => 4,
        _ => IntPtr.Size,
    };
}

/// <summary>Field ids of <c>struct addrinfo</c>.</summary>
internal static class AI
{
    public const int Flags = 0, Family = 1, SockType = 2, Protocol = 3, AddrLen = 4, CanonName = 5, Addr = 6, Next = 7;
}

/// <summary>Field ids of <c>struct hostent</c>.</summary>
internal static class HE
{
    public const int Name = 0, Aliases = 1, AddrType = 2, Length = 3, AddrList = 4;
}

/// <summary>Field ids of <c>struct servent</c>.</summary>
internal static class SE
{
    public const int Name = 0, Aliases = 1, Port = 2, Proto = 3;
}

/// <summary>Field ids of <c>struct protoent</c>.</summary>
internal static class PE
{
    public const int Name = 0, Aliases = 1, Proto = 2;
}

/// <summary>Field ids of <c>struct if_nameindex</c>.</summary>
internal static class IFI
{
    public const int Index = 0, Name = 1;
}

/// <summary>
/// The per-OS table for the name services: structure field orders and types, the sockaddr header shape and
/// the family numbers. This is the only place the OSes differ in layout; <see cref="LibcNames"/> and
/// <see cref="WinsockNames"/> read and write every structure through it. Only the Linux row runs on this
/// machine; the macOS and Windows rows come from the headers (Libinfo netdb.h, xnu sys/socket.h and
/// netinet/in.h; Windows SDK ws2def.h, winsock2.h) and are what CPython compiles against.
/// </summary>
internal sealed unsafe class NameLayout
{
    private NameLayout(string os, int afInet, int afInet6, bool sockAddrHasLength, int eaiSystem,
        CStruct addrInfo, CStruct hostEnt, CStruct servEnt, CStruct protoEnt)
    {
        Os = os;
        AfInet = afInet;
        AfInet6 = afInet6;
        SockAddrHasLength = sockAddrHasLength;
        EaiSystem = eaiSystem;
        AddrInfo = addrInfo;
        HostEnt = hostEnt;
        ServEnt = servEnt;
        ProtoEnt = protoEnt;
    }

    /// <summary>The size of sockaddr_in.</summary>
    public const int SockAddrInSize = 16;

    /// <summary>The size of sockaddr_in6.</summary>
    public const int SockAddrIn6Size = 28;

    /// <summary>
    /// glibc and musl (identical layouts): addrinfo has ai_addr before ai_canonname; hostent's type and length
    /// are int; servent's s_port (int) comes before s_proto.
    /// </summary>
    public static readonly NameLayout Linux = new("linux", 2, 10, false, -11,
        new((AI.Flags, CField.Int32), (AI.Family, CField.Int32), (AI.SockType, CField.Int32), (AI.Protocol, CField.Int32),
            (AI.AddrLen, CField.UInt32), (AI.Addr, CField.Pointer), (AI.CanonName, CField.Pointer), (AI.Next, CField.Pointer)),
        PosixHostEnt(), PosixServEnt(), PosixProtoEnt());

    /// <summary>
    /// macOS (Libinfo netdb.h, BSD): addrinfo has ai_canonname before ai_addr; sockaddrs start with a length
    /// byte and a one-byte family; AF_INET6 is 30; EAI_SYSTEM is 11.
    /// </summary>
    public static readonly NameLayout MacOS = new("macos", 2, 30, true, 11,
        new((AI.Flags, CField.Int32), (AI.Family, CField.Int32), (AI.SockType, CField.Int32), (AI.Protocol, CField.Int32),
            (AI.AddrLen, CField.UInt32), (AI.CanonName, CField.Pointer), (AI.Addr, CField.Pointer), (AI.Next, CField.Pointer)),
        PosixHostEnt(), PosixServEnt(), PosixProtoEnt());

    /// <summary>
    /// Windows (ws2def.h ADDRINFOA, winsock2.h): ai_addrlen is size_t and ai_canonname precedes ai_addr;
    /// hostent's h_addrtype/h_length and protoent's p_proto are short; servent's s_port is short and, in a
    /// 64-bit process, follows s_proto (<c>#ifdef _WIN64</c>). AF_INET6 is 23; there is no EAI_SYSTEM.
    /// </summary>
    public static readonly NameLayout Windows = new("windows", 2, 23, false, 0,
        new((AI.Flags, CField.Int32), (AI.Family, CField.Int32), (AI.SockType, CField.Int32), (AI.Protocol, CField.Int32),
            (AI.AddrLen, CField.SizeT), (AI.CanonName, CField.Pointer), (AI.Addr, CField.Pointer), (AI.Next, CField.Pointer)),
        new((HE.Name, CField.Pointer), (HE.Aliases, CField.Pointer), (HE.AddrType, CField.Int16), (HE.Length, CField.Int16),
            (HE.AddrList, CField.Pointer)),
        IntPtr.Size == 8
            ? new((SE.Name, CField.Pointer), (SE.Aliases, CField.Pointer), (SE.Proto, CField.Pointer), (SE.Port, CField.Int16))
            : new((SE.Name, CField.Pointer), (SE.Aliases, CField.Pointer), (SE.Port, CField.Int16), (SE.Proto, CField.Pointer)),
        new((PE.Name, CField.Pointer), (PE.Aliases, CField.Pointer), (PE.Proto, CField.Int16)));

    /// <summary>struct if_nameindex (POSIX: unsigned if_index, char *if_name).</summary>
    public static readonly CStruct IfNameIndexStruct = new((IFI.Index, CField.UInt32), (IFI.Name, CField.Pointer));

    /// <summary>"linux", "macos" or "windows".</summary>
    public string Os { get; }

    /// <summary>AF_INET on this OS.</summary>
    public int AfInet { get; }

    /// <summary>AF_INET6 on this OS.</summary>
    public int AfInet6 { get; }

    /// <summary>Whether sockaddrs start with sa_len (BSD) and carry a one-byte family.</summary>
    public bool SockAddrHasLength { get; }

    /// <summary>EAI_SYSTEM, or 0 where the OS has none.</summary>
    public int EaiSystem { get; }

    /// <summary>struct addrinfo.</summary>
    public CStruct AddrInfo { get; }

    /// <summary>struct hostent.</summary>
    public CStruct HostEnt { get; }

    /// <summary>struct servent.</summary>
    public CStruct ServEnt { get; }

    /// <summary>struct protoent.</summary>
    public CStruct ProtoEnt { get; }

    /// <summary>The address length of a family (4, 16, or 0 for any other).</summary>
    public int AddressLength(int family) => family == AfInet ? 4 : family == AfInet6 ? 16 : 0;

    /// <summary>Reads a sockaddr_in/sockaddr_in6 of this OS; another family gives an empty address.</summary>
    public NameAddress ReadSockAddr(byte* sa, int length)
    {
        if (sa == null || length < 2)
        {
            return new NameAddress(0, [], 0, 0, 0);
        }

        int family = SockAddrHasLength ? sa[1] : *(ushort*)sa;
        var span = new ReadOnlySpan<byte>(sa, length);
        if (family == AfInet && length >= SockAddrInSize)
        {
            return new NameAddress(family, span.Slice(4, 4).ToArray(), BinaryPrimitives.ReadUInt16BigEndian(span[2..]), 0, 0);
        }

        if (family == AfInet6 && length >= SockAddrIn6Size)
        {
            return new NameAddress(family, span.Slice(8, 16).ToArray(), BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[4..]), BitConverter.ToUInt32(span[24..]));
        }

        return new NameAddress(family, [], 0, 0, 0);
    }

    /// <summary>Writes <paramref name="address"/> as this OS's sockaddr into <paramref name="sa"/>; returns its length (0 for another family).</summary>
    public int WriteSockAddr(in NameAddress address, Span<byte> sa)
    {
        var size = address.Family == AfInet ? SockAddrInSize : address.Family == AfInet6 ? SockAddrIn6Size : 0;
        if (size == 0 || address.Ip.Length != AddressLength(address.Family))
        {
            return 0;
        }

        sa[..size].Clear();
        if (SockAddrHasLength)
        {
            sa[0] = (byte)size;
            sa[1] = (byte)address.Family;
        }
        else
        {
            BitConverter.TryWriteBytes(sa, (ushort)address.Family);
        }

        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)address.Port);
        if (size == SockAddrInSize)
        {
            address.Ip.CopyTo(sa[4..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(sa[4..], address.FlowInfo);
            address.Ip.CopyTo(sa[8..]);
            BitConverter.TryWriteBytes(sa[24..], address.ScopeId);
        }

        return size;
    }

    private static CStruct PosixHostEnt() =>
        new((HE.Name, CField.Pointer), (HE.Aliases, CField.Pointer), (HE.AddrType, CField.Int32), (HE.Length, CField.Int32),
            (HE.AddrList, CField.Pointer));

    private static CStruct PosixServEnt() =>
        new((SE.Name, CField.Pointer), (SE.Aliases, CField.Pointer), (SE.Port, CField.Int32), (SE.Proto, CField.Pointer));

    private static CStruct PosixProtoEnt() =>
        new((PE.Name, CField.Pointer), (PE.Aliases, CField.Pointer), (PE.Proto, CField.Int32));
}
