using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>The C library's address text conversions: the exact parsers and formatter CPython calls.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, EntryPoint = "inet_aton")]
    public static partial int InetAton(byte* text, byte* addr);

    [LibraryImport(Name, EntryPoint = "inet_pton", SetLastError = true)]
    public static partial int InetPton(int family, byte* text, byte* addr);

    [LibraryImport(Name, EntryPoint = "inet_ntop", SetLastError = true)]
    public static partial byte* InetNtop(int family, byte* addr, byte* dst, uint size);
}
