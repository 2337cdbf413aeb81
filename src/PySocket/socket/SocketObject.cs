using System;
using System.Globalization;
using System.Text;
using System.Threading;

namespace PySocket;

/// <summary>
/// socket.socket: a socket object with CPython's semantics. It owns its OS socket through a
/// <see cref="SocketHandle"/>; the platform layer (<see cref="SocketPal"/>) makes the system calls and the
/// one deadline loop (<see cref="SockCall"/>) applies timeouts, while this class applies Python's rules
/// (argument checks, timeout modes, errno-chosen exceptions). <see cref="NetSocket"/> exposes the same
/// OS socket as a System.Net.Sockets.Socket for .NET interop. Disposing is <c>close()</c>, so
/// <c>using var s = socket();</c> is Python's <c>with</c>.
/// </summary>
public partial class SocketObject : IDisposable
{
    // SOCK_NONBLOCK and SOCK_CLOEXEC exist (and are masked off socket.type) only on Linux.
    private static readonly int SockTypeMask =
        OsTables.Current is OsKind.LinuxGlibc or OsKind.LinuxMusl ? ~(ConstantTable.SOCK_NONBLOCK | ConstantTable.SOCK_CLOEXEC) : ~0;

    private static readonly SocketPal Pal = SocketPal.Current;

    private SocketHandle _handle;
    private int _ioRefs;
    private bool _closed;
    private long _timeoutNanos;
    private System.Net.Sockets.Socket? _netSocket;
    private int _asyncMode;

    /// <summary>
    /// socket(family=-1, type=-1, proto=-1, fileno=None): a new socket (AF_INET, SOCK_STREAM, 0 for -1),
    /// or, with <paramref name="fileno"/>, an object over that descriptor (not a copy) whose -1 values are
    /// read from the descriptor. SOCK_NONBLOCK in <paramref name="type"/> makes it non-blocking.
    /// </summary>
    public unsafe SocketObject(int family = -1, int type = -1, int proto = -1, int? fileno = null)
    {
        SocketHandle? handle;
        if (fileno is int fd)
        {
            if (fd < 0)
            {
                throw Errors.Value("negative file descriptor");
            }

            Check(Pal.Adopt(fd, out handle));
            try
            {
                // CPython validates the descriptor with getsockname() (EBADF / ENOTSOCK raise, even when
                // family, type and proto are all given) and takes a -1 family from the address it returns.
                var sa = stackalloc byte[NativeSockAddr.MaxSize];
                var saLen = NativeSockAddr.MaxSize;
                var err = Pal.GetSockName(handle!, sa, ref saLen);
                if (err == 0)
                {
                    if (family == -1)
                    {
                        family = Pal.Layout.ReadFamily(new ReadOnlySpan<byte>(sa, NativeSockAddr.MaxSize));
                    }
                }
                else if (err == Pal.Errors.BadDescriptor || err == Pal.Errors.NotSocket)
                {
                    throw Errors.FromPal(err);
                }

                // CPython asks SO_DOMAIN / SO_PROTOCOL only where the OS has them (Linux); elsewhere it keeps the
                // family from getsockname() and takes proto 0.
                if (family == -1 && ConstantTable.SO_DOMAIN != OsTables.AbsentInt)
                {
                    family = GetIntOption(handle!, Socket.SOL_SOCKET, ConstantTable.SO_DOMAIN);
                }

                if (type == -1)
                {
                    type = GetIntOption(handle!, Socket.SOL_SOCKET, Socket.SO_TYPE);
                }

                if (proto == -1)
                {
                    proto = ConstantTable.SO_PROTOCOL != OsTables.AbsentInt ? GetIntOption(handle!, Socket.SOL_SOCKET, ConstantTable.SO_PROTOCOL) : 0;
                }
            }
            catch
            {
                // The caller's descriptor is left open for the caller.
                handle!.Detach();
                throw;
            }
        }
        else
        {
            family = family == -1 ? Socket.AF_INET : family;
            type = type == -1 ? Socket.SOCK_STREAM : type;
            proto = proto == -1 ? 0 : proto;
            var err = Pal.Socket(family, type & SockTypeMask, proto, out handle);
            if (CollectForDescriptors(err))
            {
                err = Pal.Socket(family, type & SockTypeMask, proto, out handle);
            }

            Check(err);
        }

        _handle = handle!;
        try
        {
            Init(family, type, proto);
        }
        catch
        {
            // A descriptor we created is closed; a caller's descriptor (fileno=) is left to the caller.
            if (fileno is null)
            {
                _handle.CloseSocket();
            }
            else
            {
                _handle.Detach();
            }

            _closed = true;
            throw;
        }
    }

    /// <summary>Wraps a handle this library just created (accept, socketpair, dup); it takes ownership (on failure it closes it).</summary>
    internal SocketObject(SocketHandle handle, int family, int type, int proto)
    {
        _handle = handle;
        try
        {
            Init(family, type, proto);
        }
        catch
        {
            _handle.CloseSocket();
            _closed = true;
            throw;
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
    internal int Fd => (int)_handle.Number;

    /// <summary>The owned OS socket (for the other partial files and the io types).</summary>
    internal SocketHandle Handle => _handle;

    /// <summary>The stored timeout in nanoseconds: -1 for None (blocking), 0 for non-blocking.</summary>
    internal long TimeoutNanos => Volatile.Read(ref _timeoutNanos);

    /// <summary>
    /// The same OS socket as a System.Net.Sockets.Socket, for .NET APIs (NetworkStream, SslStream, ...).
    /// It shares the descriptor: it does not own it, and is invalid once this object is closed, detached or
    /// collected (keep the SocketObject reachable while the NetSocket is in use).
    /// </summary>
    /// <remarks>
    /// .NET may change the descriptor's blocking flag (its async calls make it non-blocking); once the
    /// NetSocket exists every PySocket call keeps this object's own timeout mode regardless (see
    /// <see cref="Deadline.Shared"/>): a blocking recv() waits, it never raises BlockingIOError.
    /// </remarks>
    public System.Net.Sockets.Socket NetSocket
    {
        get
        {
            var handle = CheckOpen();
            lock (_handle)
            {
                if (_netSocket is null)
                {
                    Check(Pal.GetNetSocket(handle, out var net));
                    Volatile.Write(ref _netSocket, net);
                }

                return _netSocket!;
            }
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
        return (int)_handle.Detach();
    }

    /// <summary>Dispose(): <c>close()</c>, as Python's <c>with</c> block does on exit (nothing if already closed).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The dispose pattern's hook: <paramref name="disposing"/> true (from <see cref="Dispose()"/>) closes the socket
    /// if it is open. A subclass that holds more resources overrides it and calls the base. There is no finaliser:
    /// the descriptor's SafeHandle closes an abandoned socket.
    /// </summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            close();
        }
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

    /// <summary>The open handle, or OSError(EBADF) when the socket is closed.</summary>
    internal SocketHandle CheckOpen() => _handle.IsCloseRequested ? throw Errors.BadFileDescriptor() : _handle;

    /// <summary>Raises the exception for a platform result (an OS error or <see cref="SocketPal.TimedOut"/>); nothing for 0.</summary>
    internal static void Check(int err)
    {
        if (err != 0)
        {
            throw Errors.FromPal(err);
        }
    }

    /// <summary>
    /// True (after one full collection) when <paramref name="err"/> says the process or the system is out of
    /// descriptors (EMFILE, ENFILE): socket(), accept() and socketpair() then retry once. CPython closes a socket
    /// on its last reference; .NET closes a dropped socket or file only when the collector finalizes it, so a
    /// loop that forgets close() would otherwise run out where Python's does not.
    /// </summary>
    internal static bool CollectForDescriptors(int err)
    {
        // ENFILE is 23 on Linux, macOS and in Windows' C runtime (the errno table's values).
        if (err != Errno.EMFILE && err != 23)
        {
            return false;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        return true;
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

    /// <summary>
    /// The deadline of one operation starting now, in this socket's timeout mode (CPython's sock_call_ex
    /// model). Once <see cref="NetSocket"/> was handed out the descriptor's blocking flag is shared with .NET,
    /// and the loop keeps this socket's mode whatever the flag is.
    /// </summary>
    internal Deadline StartDeadline() => Deadline.Start(TimeoutNanos, shared: Volatile.Read(ref _netSocket) is not null || Volatile.Read(ref _asyncMode) != 0);

    /// <summary>Reads an int socket option (also used before the object is set up).</summary>
    internal static unsafe int GetIntOption(SocketHandle handle, int level, int name)
    {
        int value = 0;
        var len = sizeof(int);
        Check(Pal.GetSockOpt(handle, level, name, (byte*)&value, ref len));
        return value;
    }

    private void Init(int family, int type, int proto)
    {
        this.family = new AddressFamily(family);
        this.type = new SocketKind(type & SockTypeMask);
        this.proto = proto;

        // CPython's init_sockobject: SOCK_NONBLOCK means timeout 0.0; otherwise the default timeout,
        // and any timeout other than None puts the descriptor in non-blocking mode.
        if (ConstantTable.SOCK_NONBLOCK != OsTables.AbsentInt && (type & ConstantTable.SOCK_NONBLOCK) != 0)
        {
            _timeoutNanos = 0;
            Check(Pal.SetNonBlocking(_handle, true));
        }
        else
        {
            _timeoutNanos = Timeouts.DefaultNanos;
            if (_timeoutNanos >= 0)
            {
                Check(Pal.SetNonBlocking(_handle, true));
            }
        }
    }

    private void SetTimeoutNanos(long nanos)
    {
        var handle = CheckOpen();
        Volatile.Write(ref _timeoutNanos, nanos);

        // Once .NET shares the descriptor it may rely on the flag being non-blocking: PySocket then leaves the
        // flag to .NET and keeps its own mode per call (Deadline.Shared) instead of clearing O_NONBLOCK.
        // The async calls (SocketObject.Async.cs) do the same: their descriptor stays non-blocking.
        if (nanos >= 0 || (Volatile.Read(ref _netSocket) is null && Volatile.Read(ref _asyncMode) == 0))
        {
            Check(Pal.SetNonBlocking(handle, nanos >= 0));
        }
    }

    private void RealClose()
    {
        if (_handle.IsCloseRequested)
        {
            return;
        }

        ReleaseNetSocket();

        // Like CPython, ECONNRESET from close() is ignored; any other failure (EBADF) is raised.
        var err = _handle.CloseSocket();
        if (err != 0 && err != Pal.Errors.ConnectionReset)
        {
            throw Errors.FromPal(err);
        }
    }

    private void ReleaseNetSocket()
    {
        var net = Interlocked.Exchange(ref _netSocket, null);
        net?.Dispose();
    }
}
