using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The resolver (getaddrinfo, getnameinfo), the host/service/protocol databases, the host name and the
/// interface index calls. Layouts are glibc's on 64-bit Linux.
/// </summary>
internal static unsafe partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    public struct AddrInfo
    {
        public int Flags;
        public int Family;
        public int SockType;
        public int Protocol;
        public uint AddrLen;
        public byte* Addr;
        public byte* CanonName;
        public AddrInfo* Next;
    }

    [LibraryImport(Name, EntryPoint = "getaddrinfo", SetLastError = true)]
    public static partial int GetAddrInfo(byte* node, byte* service, AddrInfo* hints, AddrInfo** result);

    [LibraryImport(Name, EntryPoint = "freeaddrinfo")]
    public static partial void FreeAddrInfo(AddrInfo* info);

    /// <summary>glibc's <c>struct hostent</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct HostEnt
    {
        public byte* Name;
        public byte** Aliases;
        public int AddrType;
        public int Length;
        public byte** AddrList;
    }

    /// <summary>glibc's <c>struct servent</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ServEnt
    {
        public byte* Name;
        public byte** Aliases;
        public int Port;
        public byte* Proto;
    }

    /// <summary>glibc's <c>struct protoent</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ProtoEnt
    {
        public byte* Name;
        public byte** Aliases;
        public int Proto;
    }

    /// <summary>glibc's <c>struct if_nameindex</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IfNameIndex
    {
        public uint Index;
        public byte* Name;
    }

    /// <summary>IF_NAMESIZE: the size of an interface name buffer.</summary>
    public const int IF_NAMESIZE = 16;

    [LibraryImport(Name, EntryPoint = "getnameinfo", SetLastError = true)]
    public static partial int GetNameInfo(byte* addr, uint addrLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags);

    [LibraryImport(Name, EntryPoint = "gethostbyname_r", SetLastError = true)]
    public static partial int GetHostByNameR(byte* name, HostEnt* ret, byte* buf, nuint bufLen, HostEnt** result, int* hErrno);

    [LibraryImport(Name, EntryPoint = "gethostbyaddr_r", SetLastError = true)]
    public static partial int GetHostByAddrR(byte* addr, uint len, int type, HostEnt* ret, byte* buf, nuint bufLen, HostEnt** result, int* hErrno);

    /// <summary>The address of the calling thread's global <c>h_errno</c>, which CPython reads after the _r calls.</summary>
    [LibraryImport(Name, EntryPoint = "__h_errno_location")]
    public static partial int* HErrnoLocation();

    [LibraryImport(Name, EntryPoint = "gethostname", SetLastError = true)]
    public static partial int GetHostName(byte* name, nuint len);

    [LibraryImport(Name, EntryPoint = "sethostname", SetLastError = true)]
    public static partial int SetHostName(byte* name, nuint len);

    [LibraryImport(Name, EntryPoint = "getservbyname_r")]
    public static partial int GetServByNameR(byte* name, byte* proto, ServEnt* ret, byte* buf, nuint bufLen, ServEnt** result);

    [LibraryImport(Name, EntryPoint = "getservbyport_r")]
    public static partial int GetServByPortR(int port, byte* proto, ServEnt* ret, byte* buf, nuint bufLen, ServEnt** result);

    [LibraryImport(Name, EntryPoint = "getprotobyname_r")]
    public static partial int GetProtoByNameR(byte* name, ProtoEnt* ret, byte* buf, nuint bufLen, ProtoEnt** result);

    [LibraryImport(Name, EntryPoint = "if_nameindex", SetLastError = true)]
    public static partial IfNameIndex* IfNameIndexAll();

    [LibraryImport(Name, EntryPoint = "if_freenameindex")]
    public static partial void IfFreeNameIndex(IfNameIndex* list);

    [LibraryImport(Name, EntryPoint = "if_nametoindex", SetLastError = true)]
    public static partial uint IfNameToIndex(byte* name);

    [LibraryImport(Name, EntryPoint = "if_indextoname", SetLastError = true)]
    public static partial byte* IfIndexToName(uint index, byte* name);
}
