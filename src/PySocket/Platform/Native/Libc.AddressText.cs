using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>glibc's address text conversions: the exact parsers and formatter CPython calls.</summary>
internal static unsafe partial class Libc
{
    public const int INET6_ADDRSTRLEN = 46;

    [LibraryImport(Name, EntryPoint = "inet_aton")]
    public static partial int InetAton(byte* text, byte* addr);

    [LibraryImport(Name, EntryPoint = "inet_pton")]
    public static partial int InetPton(int family, byte* text, byte* addr);

    [LibraryImport(Name, EntryPoint = "inet_ntop", SetLastError = true)]
    public static partial byte* InetNtop(int family, byte* addr, byte* dst, uint size);
}
