using System.Runtime.InteropServices;

namespace PySocket;

internal static unsafe partial class Libc
{
    /// <summary>
    /// The I/O multiplexing system calls behind the <c>select</c> module: select(2) and poll(2) (Linux, macOS),
    /// epoll (Linux), kqueue (macOS) and Winsock's select (Windows). Only <see cref="SelectPal"/> and the async readiness engine (<see cref="EpollEngine"/>) call them.
    /// Each returns what the OS returns; on -1 the errno is in Marshal.GetLastPInvokeError().
    /// </summary>
    internal static partial class Multiplex
    {
        private const string MacLibc = "/usr/lib/libSystem.dylib";
        private const string Winsock = "ws2_32";

        /// <summary>struct timeval on Linux and 64-bit macOS (time_t, then suseconds_t padded to 8 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct TimeVal
        {
            public nint Seconds;
            public nint Micros;
        }

        /// <summary>Winsock's struct timeval: two 32-bit longs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct WinTimeVal
        {
            public int Seconds;
            public int Micros;
        }

        /// <summary>struct timespec (kevent's timeout).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct TimeSpec
        {
            public nint Seconds;
            public nint Nanos;
        }

        [LibraryImport(Name, EntryPoint = "select", SetLastError = true)]
        public static partial int Select(int nfds, byte* readFds, byte* writeFds, byte* exceptFds, TimeVal* timeout);

        [LibraryImport(Name, EntryPoint = "poll", SetLastError = true)]
        public static partial int Poll(global::PySocket.PollFd* fds, nuint count, int timeoutMs);

        [LibraryImport(Name, EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int fd);

        [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
        public static partial int Fcntl(int fd, int cmd, int arg);

        [LibraryImport(Name, EntryPoint = "epoll_create1", SetLastError = true)]
        public static partial int EpollCreate1(int flags);

        [LibraryImport(Name, EntryPoint = "epoll_ctl", SetLastError = true)]
        public static partial int EpollCtl(int epfd, int op, int fd, byte* ev);

        [LibraryImport(Name, EntryPoint = "epoll_wait", SetLastError = true)]
        public static partial int EpollWait(int epfd, byte* events, int maxEvents, int timeoutMs);

        [LibraryImport(MacLibc, EntryPoint = "kqueue", SetLastError = true)]
        public static partial int Kqueue();

        [LibraryImport(MacLibc, EntryPoint = "kevent", SetLastError = true)]
        public static partial int Kevent(int kq, global::PySocket.KEvent* changes, int nChanges, global::PySocket.KEvent* events, int nEvents, TimeSpec* timeout);

        /// <summary>Winsock select: each fd_set is <c>{ u_int fd_count; SOCKET fd_array[FD_SETSIZE]; }</c>, laid out here as nint[1 + FD_SETSIZE].</summary>
        [LibraryImport(Winsock, EntryPoint = "select", SetLastError = true)]
        public static partial int WsaSelect(int nfds, nint* readFds, nint* writeFds, nint* exceptFds, WinTimeVal* timeout);
    }
}
