using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The platform layer: thin P/Invoke declarations over the C library. Functions return what libc
/// returns (and leave errno for <see cref="Marshal.GetLastPInvokeError"/>); nothing here throws.
/// Concerns live in partial files: Libc.Netdb.cs (resolver and databases), Libc.Socket.cs (socket calls).
/// </summary>
internal static partial class Libc
{
    public const string Name = "libc";

    [LibraryImport(Name, EntryPoint = "gai_strerror")]
    private static partial IntPtr GaiStrerrorNative(int code);

    [LibraryImport(Name, EntryPoint = "hstrerror")]
    private static partial IntPtr HStrerrorNative(int code);

    /// <summary>glibc's gai_strerror text.</summary>
    public static string GaiStrerror(int code) => Marshal.PtrToStringUTF8(GaiStrerrorNative(code)) ?? "Unknown error";

    /// <summary>glibc's hstrerror text.</summary>
    public static string HStrerror(int code) => Marshal.PtrToStringUTF8(HStrerrorNative(code)) ?? "Unknown resolver error";
}
