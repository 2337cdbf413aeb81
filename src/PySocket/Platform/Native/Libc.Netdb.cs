using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The resolver (getaddrinfo, getnameinfo), the host/service/protocol databases, the host name and the
/// interface index calls of the Linux C library (glibc or musl). Structures are passed as raw pointers and
/// read through <see cref="NameLayout.Linux"/>; only <see cref="LinuxLibcCalls"/> calls these.
/// Every entry point here exists in both glibc and musl (a test checks musl's libc.so exports).
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, EntryPoint = "getaddrinfo", SetLastError = true)]
    public static partial int GetAddrInfo(byte* node, byte* service, byte* hints, byte** result);

    [LibraryImport(Name, EntryPoint = "freeaddrinfo")]
    public static partial void FreeAddrInfo(byte* info);

    [LibraryImport(Name, EntryPoint = "getnameinfo", SetLastError = true)]
    public static partial int GetNameInfo(byte* addr, uint addrLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags);

    [LibraryImport(Name, EntryPoint = "gethostbyname_r")]
    public static partial int GetHostByNameR(byte* name, byte* ret, byte* buf, nuint bufLen, byte** result, int* hErrno);

    [LibraryImport(Name, EntryPoint = "gethostbyaddr_r")]
    public static partial int GetHostByAddrR(byte* addr, uint len, int type, byte* ret, byte* buf, nuint bufLen, byte** result, int* hErrno);

    /// <summary>The address of the calling thread's global <c>h_errno</c>, which CPython reads after the _r calls.</summary>
    [LibraryImport(Name, EntryPoint = "__h_errno_location")]
    public static partial int* HErrnoLocation();

    [LibraryImport(Name, EntryPoint = "gethostname", SetLastError = true)]
    public static partial int GetHostName(byte* name, nuint len);

    [LibraryImport(Name, EntryPoint = "sethostname", SetLastError = true)]
    public static partial int SetHostName(byte* name, nuint len);

    // The plain (non-reentrant) database calls CPython makes; musl has no getprotobyname_r. Callers hold a lock.
    [LibraryImport(Name, EntryPoint = "getservbyname")]
    public static partial byte* GetServByName(byte* name, byte* proto);

    [LibraryImport(Name, EntryPoint = "getservbyport")]
    public static partial byte* GetServByPort(int port, byte* proto);

    [LibraryImport(Name, EntryPoint = "getprotobyname")]
    public static partial byte* GetProtoByName(byte* name);

    [LibraryImport(Name, EntryPoint = "if_nameindex", SetLastError = true)]
    public static partial byte* IfNameIndex();

    [LibraryImport(Name, EntryPoint = "if_freenameindex")]
    public static partial void IfFreeNameIndex(byte* list);

    [LibraryImport(Name, EntryPoint = "if_nametoindex", SetLastError = true)]
    public static partial uint IfNameToIndex(byte* name);

    [LibraryImport(Name, EntryPoint = "if_indextoname", SetLastError = true)]
    public static partial byte* IfIndexToName(uint index, byte* name);
}
