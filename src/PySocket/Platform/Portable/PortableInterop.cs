using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The per-OS calls System.Net.Sockets has no API for, kept to the minimum: socketpair(2), sendmsg(2)/recvmsg(2)
/// (ancillary data), setsockopt(2) with a NULL or empty value, sendfile(2) on Linux and macOS (os.sendfile's two
/// signatures), and the close-on-exec/dup fcntl(2) commands on Unix (Linux, macOS, the BSDs: the same C
/// signatures; CPython calls the same functions), and on Windows the handle-inheritance flag and WSADuplicateSocketW/WSASocketW for dup() (as
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

    [LibraryImport(LibC, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int fd, void* msg, int flags);

    [LibraryImport(LibC, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, void* msg, int flags);

    [LibraryImport(LibC, EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint LinuxSendFile(int outFd, int inFd, long* offset, nuint count);

    [LibraryImport(LibC, EntryPoint = "sendfile", SetLastError = true)]
    private static partial int MacSendFile(int fd, int s, long offset, long* len, void* hdtr, int flags);

    [LibraryImport(LibC, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

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

    /// <summary>struct msghdr on Linux (glibc; musl's int-plus-padding fields read the same on little-endian).</summary>
    public struct LinuxMsgHdr
    {
        public void* Name;
        public uint NameLen;
        public PalIoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    /// <summary>struct msghdr on macOS and the BSDs (int msg_iovlen, socklen_t msg_controllen).</summary>
    public struct BsdMsgHdr
    {
        public void* Name;
        public uint NameLen;
        public PalIoVec* Iov;
        public int IovLen;
        public void* Control;
        public uint ControlLen;
        public int Flags;
    }

    /// <summary>
    /// sendmsg(2) or recvmsg(2) of <paramref name="message"/> on <paramref name="fd"/> with the OS's msghdr layout;
    /// on return from recvmsg the message holds the address, control and flags the OS reported. The byte count, or
    /// -1 with the errno in <paramref name="errno"/>.
    /// </summary>
    public static long Msg(int fd, PalMessage* message, int flags, bool send, out int errno)
    {
        nint n;
        errno = 0;
        if (OperatingSystem.IsLinux())
        {
            var msg = new LinuxMsgHdr
            {
                Name = message->Name,
                NameLen = (uint)message->NameLength,
                Iov = message->Iov,
                IovLen = (nuint)message->IovCount,
                Control = message->Control,
                ControlLen = (nuint)message->ControlLength,
            };
            n = send ? SendMsg(fd, &msg, flags) : RecvMsg(fd, &msg, flags);
            if (n >= 0 && !send)
            {
                message->NameLength = (int)msg.NameLen;
                message->ControlLength = (int)Math.Min((ulong)msg.ControlLen, int.MaxValue);
                message->Flags = msg.Flags;
            }
        }
        else
        {
            var msg = new BsdMsgHdr
            {
                Name = message->Name,
                NameLen = (uint)message->NameLength,
                Iov = message->Iov,
                IovLen = message->IovCount,
                Control = message->Control,
                ControlLen = (uint)message->ControlLength,
            };
            n = send ? SendMsg(fd, &msg, flags) : RecvMsg(fd, &msg, flags);
            if (n >= 0 && !send)
            {
                message->NameLength = (int)msg.NameLen;
                message->ControlLength = (int)msg.ControlLen;
                message->Flags = msg.Flags;
            }
        }

        if (n < 0)
        {
            errno = Marshal.GetLastPInvokeError();
        }

        return n;
    }

    /// <summary>The OSes whose sendfile(2) <see cref="SendFile"/> knows: Linux and macOS (CPython's os.sendfile forms).</summary>
    public static bool HasSendFile => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>
    /// sendfile(2) of up to <paramref name="count"/> bytes of <paramref name="fileFd"/> from <paramref name="offset"/>
    /// to the socket <paramref name="socketFd"/>, as CPython's os.sendfile: the bytes sent, or -1 with the errno. On
    /// macOS a call that sent some bytes before EAGAIN, EBUSY or EINTR reports those bytes (as os.sendfile does).
    /// </summary>
    public static long SendFile(int socketFd, int fileFd, long offset, long count, out int errno)
    {
        errno = 0;
        if (OperatingSystem.IsLinux())
        {
            var off = offset;
            var n = LinuxSendFile(socketFd, fileFd, &off, (nuint)count);
            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }

            return n;
        }

        long len = count;
        if (MacSendFile(fileFd, socketFd, offset, &len, null, 0) == 0)
        {
            return len;
        }

        errno = Marshal.GetLastPInvokeError();
        return len > 0 && (errno == PlatformErrno.EAGAIN || errno == PlatformErrno.EINTR || errno == MacEBUSY) ? len : -1;
    }

    /// <summary>EBUSY on macOS (16).</summary>
    private const int MacEBUSY = 16;
}
