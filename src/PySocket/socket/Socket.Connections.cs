using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// create_connection(address, timeout=GLOBAL_DEFAULT, source_address=None, *, all_errors=False) with the
    /// timeout omitted (Python's <c>_GLOBAL_DEFAULT_TIMEOUT</c>): the new socket keeps the default timeout
    /// (<see cref="getdefaulttimeout"/>). The other arguments are given by name, as Python's keywords:
    /// <c>create_connection(address, source_address: ("127.0.0.1", 0))</c>, <c>create_connection(address, all_errors: true)</c>.
    /// A second positional argument is the timeout, as in Python (the other overload).
    /// </summary>
    public static SocketObject create_connection(SockAddr address, bool all_errors = false, SockAddr? source_address = null) =>
        Synchronously(CreateConnection(address, useTimeout: false, null, source_address, all_errors, runAsync: false, default));

    /// <summary>
    /// create_connection(address, timeout=GLOBAL_DEFAULT, source_address=None, *, all_errors=False): tries every
    /// getaddrinfo(host, port, 0, SOCK_STREAM) result in order (each socket gets <paramref name="timeout"/>, null
    /// meaning blocking, and is bound to <paramref name="source_address"/> first) and returns the first connected
    /// socket. Otherwise raises the last error unchanged, or with <paramref name="all_errors"/> an
    /// ExceptionGroup("create_connection failed", errors); OSError("getaddrinfo returns an empty list") when there
    /// were no results; resolver errors (gaierror) propagate.
    /// </summary>
    public static SocketObject create_connection(SockAddr address, double? timeout, SockAddr? source_address = null, bool all_errors = false) =>
        Synchronously(CreateConnection(address, useTimeout: true, timeout, source_address, all_errors, runAsync: false, default));

    /// <summary>
    /// has_dualstack_ipv6(): true when an AF_INET6 SOCK_STREAM socket accepts IPV6_V6ONLY=0, so it can serve
    /// IPv4 and IPv6 clients.
    /// </summary>
    public static bool has_dualstack_ipv6()
    {
        try
        {
            using var sock = socket(AF_INET6, SOCK_STREAM);
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0);
            return true;
        }
        catch (OSError)
        {
            return false;
        }
    }

    /// <summary>
    /// create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False): a bound,
    /// listening SOCK_STREAM socket with SO_REUSEADDR set (and SO_REUSEPORT if asked; ValueError "SO_REUSEPORT not supported on this platform" on Windows, as CPython); for AF_INET6, IPV6_V6ONLY is
    /// cleared with <paramref name="dualstack_ipv6"/> and set otherwise. A bind failure is raised as
    /// OSError(errno, "strerror (while attempting to bind on address repr)").
    /// </summary>
    public static SocketObject create_server(SockAddr address, int family = AF_INET, int? backlog = null, bool reuse_port = false,
        bool dualstack_ipv6 = false)
    {
        if (reuse_port && ConstantTable.SO_REUSEPORT == OsTables.AbsentInt)
        {
            throw Errors.Value("SO_REUSEPORT not supported on this platform");
        }

        if (dualstack_ipv6)
        {
            if (!has_dualstack_ipv6())
            {
                throw Errors.Value("dualstack_ipv6 not supported on this platform");
            }

            if (family != AF_INET6)
            {
                throw Errors.Value("dualstack_ipv6 requires AF_INET6 family");
            }
        }

        var sock = socket(family, SOCK_STREAM);
        try
        {
            try
            {
                sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
            }
            catch (OSError)
            {
                // Fail later on bind(), as socket.py does.
            }

            if (reuse_port)
            {
                sock.setsockopt(SOL_SOCKET, ConstantTable.SO_REUSEPORT, 1);
            }

            if (family == AF_INET6)
            {
                sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, dualstack_ipv6 ? 0 : 1);
            }

            try
            {
                sock.bind(address);
            }
            catch (OSError err)
            {
                var repr = address is null ? "None" : address.repr();
                if (err.errno is int errno)
                {
                    throw Errors.FromErrno(errno, $"{err.strerror} (while attempting to bind on address {repr})");
                }

                // OSError(None, msg): Python's str() of it is "[Errno None] None (...)"; the message is kept as that text.
                throw Errors.Message($"[Errno None] None (while attempting to bind on address {repr})");
            }

            if (backlog is int b)
            {
                sock.listen(b);
            }
            else
            {
                sock.listen();
            }

            return sock;
        }
        catch
        {
            sock.close();
            throw;
        }
    }

    // The synchronous loop never awaits, so its task has completed (with the socket or Python's exception).
    private static SocketObject Synchronously(ValueTask<SocketObject> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("create_connection did not complete synchronously");

    /// <summary>
    /// socket.py's create_connection loop, once for create_connection and create_connection_async: with
    /// <paramref name="runAsync"/> false every step is synchronous, so the task has completed when it returns.
    /// </summary>
    private static async ValueTask<SocketObject> CreateConnection(SockAddr address, bool useTimeout, double? timeout, SockAddr? sourceAddress, bool allErrors,
        bool runAsync, CancellationToken cancellationToken)
    {
        // host, port = address
        if (address is null)
        {
            throw Errors.Type("cannot unpack non-iterable NoneType object");
        }

        var (host, port) = address;
        var entries = ResolveForConnection(host, port);
        var exceptions = new List<Exception>();
        foreach (var entry in entries)
        {
            SocketObject? sock = null;
            try
            {
                sock = socket(entry.Family, entry.SockType, entry.Protocol);
                if (useTimeout)
                {
                    sock.settimeout(timeout);
                }

                // "if source_address:": every tuple is true; only an empty path is false.
                if (sourceAddress is not null && !(sourceAddress.IsPath && sourceAddress.path!.Length == 0))
                {
                    sock.bind(sourceAddress);
                }

                if (runAsync)
                {
                    await sock.connect_async(GetAddrInfo.ToSockAddr(entry.Address), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    sock.connect(GetAddrInfo.ToSockAddr(entry.Address));
                }

                return sock;
            }
            catch (OSError exc)
            {
                if (!allErrors)
                {
                    exceptions.Clear(); // raise only the last error
                }

                exceptions.Add(exc);
                sock?.close();
            }
            catch
            {
                // A non-OSError (TypeError, ValueError) propagates as in Python; the descriptor is not leaked.
                sock?.close();
                throw;
            }
        }

        if (exceptions.Count > 0)
        {
            if (!allErrors)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exceptions[0]);
            }

            throw new ExceptionGroup("create_connection failed", exceptions);
        }

        throw Errors.Message("getaddrinfo returns an empty list");
    }

    // getaddrinfo(host, port, 0, SOCK_STREAM) as socket.getaddrinfo passes it: host None is NULL, a str host is
    // IDNA-encoded, the int port becomes its decimal text.
    private static List<AddrInfoEntry> ResolveForConnection(string? host, int port)
    {
        var hostBytes = host is null ? null : CStrings.CutAtNul(IdnaEncode(host));
        var service = CStrings.Ascii(port.ToString(CultureInfo.InvariantCulture));
        return GetAddrInfo.Resolve(hostBytes, service, 0, SOCK_STREAM, 0, 0);
    }
}
