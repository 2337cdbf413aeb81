using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The per-OS calls System.Net.Sockets has no API for, kept to the minimum: socketpair(2) and the
/// close-on-exec/dup fcntl(2) commands on Unix (Linux, macOS, the BSDs: the same C signatures; CPython calls the
/// same functions), and on Windows the handle-inheritance flag and WSADuplicateSocketW/WSASocketW for dup() (as
/// CPython's socket.dup does there). Nothing here throws; each returns the C result.
/// </summary>
internal static unsafe partial class PortableInterop
{
    private const string LibC = "libc";

    /// <summary>F_GETFD (1 on Linux and the BSDs).</summary>
    public const int F_GETFD = 1;

    /// <summary>F_SETFD (2 on Linux and the BSDs).</summary>
    public const int F_SETFD = 2;

    /// <summary>FD_CLOEXEC (1 everywhere).</summary>
    public const int FD_CLOEXEC = 1;

    /// <summary>HANDLE_FLAG_INHERIT (Windows).</summary>
    public const uint HANDLE_FLAG_INHERIT = 1;

    /// <summary>F_DUPFD_CLOEXEC: Linux 1030, macOS 67, FreeBSD 17.</summary>
    public static readonly int F_DUPFD_CLOEXEC = OperatingSystem.IsLinux() ? 1030 : OperatingSystem.IsFreeBSD() ? 17 : 67;

    /// <summary>SOCK_CLOEXEC for socketpair's type on Linux (0x80000); elsewhere 0 and FD_CLOEXEC is set afterwards.</summary>
    public static readonly int SOCK_CLOEXEC = OperatingSystem.IsLinux() ? 0x80000 : 0;

    [LibraryImport(LibC, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* sv);

    [LibraryImport(LibC, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int cmd, int arg);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("kernel32.dll", EntryPoint = "GetHandleInformation", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool GetHandleInformation(IntPtr handle, out uint flags);

    [LibraryImport("kernel32.dll", EntryPoint = "SetHandleInformation", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetHandleInformation(IntPtr handle, uint mask, uint flags);

    [LibraryImport("kernel32.dll", EntryPoint = "GetCurrentProcessId")]
    public static partial uint GetCurrentProcessId();

    [LibraryImport("ws2_32.dll", EntryPoint = "WSADuplicateSocketW", SetLastError = true)]
    public static partial int WSADuplicateSocketW(IntPtr socket, uint processId, byte* protocolInfo);

    [LibraryImport("ws2_32.dll", EntryPoint = "WSASocketW", SetLastError = true)]
    public static partial IntPtr WSASocketW(int af, int type, int protocol, byte* protocolInfo, uint group, uint flags);

    [LibraryImport("ws2_32.dll", EntryPoint = "closesocket", SetLastError = true)]
    public static partial int CloseSocket(IntPtr socket);
}
