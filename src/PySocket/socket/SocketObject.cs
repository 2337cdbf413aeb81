using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace PySocket;

/// <summary>
/// socket.socket: a socket object with CPython's semantics. It owns an OS socket descriptor; the
/// platform layer (<see cref="Libc"/>) makes the system calls, this class applies Python's rules
/// (timeouts as per-call deadlines over a non-blocking descriptor, errno-chosen exceptions, argument
/// checks), and <see cref="NetSocket"/> exposes the same descriptor as a System.Net.Sockets.Socket
/// for .NET interop. Disposing is <c>close()</c>, so <c>using var s = socket();</c> is Python's <c>with</c>.
/// The class is split by concern: SocketObject.cs (lifetime, timeouts, repr), SocketObject.Io.cs,
/// SocketObject.Addresses.cs, SocketObject.Options.cs, SocketObject.Messages.cs, SocketObject.File.cs.
/// </summary>
public partial class SocketObject : IDisposable
{
    // SOCK_NONBLOCK and SOCK_CLOEXEC exist (and are masked off socket.type) only on Linux.
    private static readonly int SockTypeMask =
        OsTables.Current is OsKind.LinuxGlibc or OsKind.LinuxMusl ? ~(ConstantTable.SOCK_NONBLOCK | ConstantTable.SOCK_CLOEXEC) : ~0;

    private int _fd = -1;
    private int _ioRefs;
    private bool _closed;
    private long _timeoutNanos;
    private System.Net.Sockets.Socket? _netSocket;

    /// <summary>
    /// socket(family=-1, type=-1, proto=-1, fileno=None): a new socket (AF_INET, SOCK_STREAM, 0 for -1),
    /// or, with <paramref name="fileno"/>, an object over that descriptor (not a copy) whose -1 values are
    /// read from the descriptor. SOCK_NONBLOCK in <paramref name="type"/> makes it non-blocking.
    /// </summary>
    public unsafe SocketObject(int family = -1, int type = -1, int proto = -1, int? fileno = null)
    {
        if (fileno is int fd)
        {
            if (fd < 0)
            {
                throw Errors.Value("negative file descriptor");
            }

            // CPython validates the descriptor with getsockname() (EBADF / ENOTSOCK raise, even when
            // family, type and proto are all given) and takes a -1 family from the address it returns.
            var sa = stackalloc byte[NativeSockAddr.MaxSize];
            uint saLen = NativeSockAddr.MaxSize;
            if (Libc.GetSockName(fd, sa, &saLen) == 0)
            {
                if (family == -1)
                {
                    family = *(ushort*)sa;
                }
            }
            else
            {
                var err = Marshal.GetLastPInvokeError();
                if (err == Errno.EBADF || err == Errno.ENOTSOCK)
                {
                    throw Errors.FromErrno(err);
                }
            }

            if (family == -1)
            {
                family = GetIntOption(fd, Socket.SOL_SOCKET, Socket.SO_DOMAIN);
            }

            if (type == -1)
            {
                type = GetIntOption(fd, Socket.SOL_SOCKET, Socket.SO_TYPE);
            }

            if (proto == -1)
            {
                proto = GetIntOption(fd, Socket.SOL_SOCKET, Socket.SO_PROTOCOL);
            }

            _fd = fd;
        }
        else
        {
            family = family == -1 ? Socket.AF_INET : family;
            type = type == -1 ? Socket.SOCK_STREAM : type;
            proto = proto == -1 ? 0 : proto;
            _fd = Libc.Socket(family, type | Socket.SOCK_CLOEXEC, proto);
            if (_fd < 0)
            {
                throw Errors.LastError();
            }
        }

        try
        {
            Init(family, type, proto);
        }
        catch
        {
            // A descriptor we created is closed; a caller's descriptor (fileno=) is left to the caller.
            var created = Interlocked.Exchange(ref _fd, -1);
            if (fileno is null && created >= 0)
            {
                Libc.Close(created);
            }

            _closed = true;
            throw;
        }
    }

    /// <summary>Wraps a descriptor this library just created (accept, socketpair, dup); it takes ownership once constructed (on failure the caller closes it).</summary>
    internal SocketObject(int fd, int family, int type, int proto)
    {
        _fd = fd;
        try
        {
            Init(family, type, proto);
        }
        catch
        {
            _fd = -1;
            _closed = true;
            throw;
        }
    }

    /// <summary>
    /// An unclosed socket object that becomes garbage closes its descriptor, as CPython's socket
    /// does when it is collected (CPython also emits a ResourceWarning; PySocket does not).
    /// </summary>
    ~SocketObject()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.Close(fd);
        }
    }

    /// <summary>socket.family: the address family, an <see cref="AddressFamily"/> member (an unnamed value stays a number).</summary>
    public AddressFamily family { get; private set; }

    /// <summary>socket.type: the socket type with SOCK_NONBLOCK and SOCK_CLOEXEC masked off.</summary>
    public SocketKind type { get; private set; }

    /// <summary>socket.proto: the protocol number.</summary>
    public int proto { get; private set; }

    /// <summary>socket.timeout: the timeout in seconds, or null (blocking); the same as <see cref="gettimeout"/>.</summary>
    public double? timeout => gettimeout();

    /// <summary>The descriptor, or -1 once closed (for subclasses and the other partial files).</summary>
    internal int Fd => Volatile.Read(ref _fd);

    /// <summary>The stored timeout in nanoseconds: -1 for None (blocking), 0 for non-blocking.</summary>
    internal long TimeoutNanos => Volatile.Read(ref _timeoutNanos);

    /// <summary>
    /// The same OS socket as a System.Net.Sockets.Socket, for .NET APIs (NetworkStream, SslStream, ...).
    /// It shares the descriptor: it does not own it, and is invalid once this object is closed, detached or
    /// collected (keep the SocketObject reachable while the NetSocket is in use).
    /// </summary>
    public System.Net.Sockets.Socket NetSocket
    {
        get
        {
            var fd = CheckOpen();
            return LazyInitializer.EnsureInitialized(ref _netSocket,
                () => new System.Net.Sockets.Socket(new System.Net.Sockets.SafeSocketHandle(fd, ownsHandle: false)));
        }
    }

    /// <summary>fileno(): the descriptor, or -1 after close() or detach().</summary>
    public int fileno() => Fd;

    /// <summary>gettimeout(): the timeout in seconds, or null when the socket blocks.</summary>
    public double? gettimeout() => Timeouts.ToSeconds(TimeoutNanos);

    /// <summary>
    /// settimeout(value): null blocks, 0 never blocks (BlockingIOError), t &gt; 0 gives each call t seconds
    /// and then raises TimeoutError("timed out"). Bad values raise what CPython raises.
    /// </summary>
    public void settimeout(double? value)
    {
        var nanos = Timeouts.ToNanos(value);
        SetTimeoutNanos(nanos);
    }

    /// <summary>setblocking(flag): true is settimeout(None), false is settimeout(0.0).</summary>
    public void setblocking(bool flag) => SetTimeoutNanos(flag ? -1 : 0);

    /// <summary>getblocking(): false only in non-blocking mode (timeout 0.0); true in timeout mode too (and, as in CPython, readable after close).</summary>
    public bool getblocking() => TimeoutNanos != 0;

    /// <summary>
    /// close(): marks the socket closed and closes the descriptor once no file from makefile() uses it.
    /// A second close() does nothing; an OS failure (the descriptor closed elsewhere) raises OSError(EBADF).
    /// </summary>
    public void close()
    {
        _closed = true;
        if (Volatile.Read(ref _ioRefs) <= 0)
        {
            RealClose();
        }
    }

    /// <summary>detach(): hands the descriptor to the caller and leaves this object closed; the OS socket stays open.</summary>
    public int detach()
    {
        _closed = true;
        ReleaseNetSocket();
        return Interlocked.Exchange(ref _fd, -1);
    }

    /// <summary>Dispose(): <c>close()</c>, as Python's <c>with</c> block does on exit (nothing if already closed).</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            close();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>repr(socket): <c>&lt;socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 5000)&gt;</c>.</summary>
    public override string ToString()
    {
        var fd = Fd;
        var sb = new StringBuilder("<socket.socket");
        if (fd == -1)
        {
            sb.Append(" [closed]");
        }

        sb.Append(CultureInfo.InvariantCulture, $" fd={fd}, family={family.value}, type={type.value}, proto={proto}");
        if (fd != -1)
        {
            try
            {
                var laddr = getsockname();
                if (laddr is not null && !(laddr.IsPath && laddr.path!.Length == 0))
                {
                    sb.Append(", laddr=").Append(laddr);
                }
            }
            catch (OSError)
            {
            }

            try
            {
                var raddr = getpeername();
                if (raddr is not null)
                {
                    sb.Append(", raddr=").Append(raddr);
                }
            }
            catch (OSError)
            {
            }
        }

        return sb.Append('>').ToString();
    }

    /// <summary>The open descriptor, or OSError(EBADF) when the socket is closed.</summary>
    internal int CheckOpen()
    {
        var fd = Fd;
        return fd < 0 ? throw Errors.BadFileDescriptor() : fd;
    }

    /// <summary>A file from makefile() starts using the descriptor.</summary>
    internal void AddIoRef() => Interlocked.Increment(ref _ioRefs);

    /// <summary>A file from makefile() is closed; performs a close() that was deferred for it.</summary>
    internal void ReleaseIoRef()
    {
        if (Interlocked.Decrement(ref _ioRefs) <= 0 && _closed)
        {
            RealClose();
        }
    }

    /// <summary>A deadline for one operation (Stopwatch ticks), or 0 when the socket has no positive timeout.</summary>
    internal long StartDeadline()
    {
        var nanos = TimeoutNanos;
        return nanos > 0 ? Stopwatch.GetTimestamp() + NanosToTicks(nanos) : 0;
    }

    /// <summary>
    /// Waits until the descriptor is readable (or writable) or the deadline passes, as CPython's
    /// sock_call_ex polls before each attempt in timeout mode. Throws TimeoutError("timed out") at the deadline.
    /// </summary>
    internal unsafe void WaitReady(int fd, bool writing, long deadline)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                throw Errors.Timeout();
            }

            // Round up to whole milliseconds, as CPython does (_PyTime_ROUND_CEILING).
            var ms = (int)Math.Min(int.MaxValue, (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
            var pfd = new Libc.PollFd { Fd = fd, Events = writing ? Libc.POLLOUT : Libc.POLLIN };
            var rc = Libc.Poll(&pfd, 1, ms);
            if (rc > 0)
            {
                return;
            }

            if (rc == 0)
            {
                throw Errors.Timeout();
            }

            var err = Marshal.GetLastPInvokeError();
            if (err != Errno.EINTR)
            {
                throw Errors.FromErrno(err);
            }
        }
    }

    /// <summary>Reads an int socket option from a descriptor (used before the object is set up).</summary>
    internal static unsafe int GetIntOption(int fd, int level, int name)
    {
        int value = 0;
        uint len = sizeof(int);
        return Libc.GetSockOpt(fd, level, name, (byte*)&value, &len) < 0 ? throw Errors.LastError() : value;
    }

    private static long NanosToTicks(long nanos) =>
        Stopwatch.Frequency == 1_000_000_000 ? nanos : (long)(nanos * (Stopwatch.Frequency / 1e9));

    private void Init(int family, int type, int proto)
    {
        this.family = new AddressFamily(family);
        this.type = new SocketKind(type & SockTypeMask);
        this.proto = proto;

        // CPython's init_sockobject: SOCK_NONBLOCK means timeout 0.0; otherwise the default timeout,
        // and any timeout other than None puts the descriptor in non-blocking mode.
        if ((type & Socket.SOCK_NONBLOCK) != 0)
        {
            _timeoutNanos = 0;
            SetNonBlocking(_fd, true);
        }
        else
        {
            _timeoutNanos = Timeouts.DefaultNanos;
            if (_timeoutNanos >= 0)
            {
                SetNonBlocking(_fd, true);
            }
        }
    }

    private void SetTimeoutNanos(long nanos)
    {
        var fd = CheckOpen();
        Volatile.Write(ref _timeoutNanos, nanos);
        SetNonBlocking(fd, nanos >= 0);
    }

    private static void SetNonBlocking(int fd, bool nonBlocking)
    {
        var flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0)
        {
            throw Errors.LastError();
        }

        var wanted = nonBlocking ? flags | Libc.O_NONBLOCK : flags & ~Libc.O_NONBLOCK;
        if (wanted != flags && Libc.Fcntl(fd, Libc.F_SETFL, wanted) < 0)
        {
            throw Errors.LastError();
        }
    }

    private void RealClose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        ReleaseNetSocket();

        // Like CPython, ECONNRESET from close() is ignored; any other failure (EBADF) is raised.
        if (Libc.Close(fd) < 0)
        {
            var err = Marshal.GetLastPInvokeError();
            if (err != Errno.ECONNRESET)
            {
                throw Errors.FromErrno(err);
            }
        }
    }

    private void ReleaseNetSocket()
    {
        var net = Interlocked.Exchange(ref _netSocket, null);
        net?.Dispose();
    }
}
