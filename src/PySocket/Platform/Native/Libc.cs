using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The platform layer: thin P/Invoke declarations over the C library. Functions return what libc
/// returns (and leave errno for <see cref="Marshal.GetLastPInvokeError"/>); nothing here throws.
/// Concerns live in partial files: Libc.Netdb.cs (resolver and databases), Libc.AddressText.cs (inet_*),
/// Libc.Socket.cs (socket calls).
/// </summary>
internal static partial class Libc
{
    public const string Name = "libc";

    /// <summary>gai_strerror(code): a static C string.</summary>
    [LibraryImport(Name, EntryPoint = "gai_strerror")]
    public static partial IntPtr GaiStrerror(int code);

    /// <summary>hstrerror(code): a static C string.</summary>
    [LibraryImport(Name, EntryPoint = "hstrerror")]
    public static partial IntPtr HStrerror(int code);
}
