using System;
using System.Collections.Generic;
using System.Net.Sockets;

namespace PySocket;

/// <summary>
/// The running OS's error number for a .NET <see cref="SocketError"/>, as the portable platform layer reports
/// it. Windows: the WSA code, which is the <see cref="SocketError"/> value itself. Linux, macOS and the BSDs:
/// the errno, from a small table keyed by errno name whose values are platform-errno.tsv's (CPython 3.13's
/// errno module on glibc and macOS; the BSDs share macOS's numbering for every socket error). .NET folds
/// several errnos into one SocketError (EACCES/EPERM, EMFILE/ENFILE, EADDRNOTAVAIL/ENOENT, EBADF/ECANCELED);
/// the table gives the usual one, and callers that know better (connect on AF_UNIX: ENOENT) override it.
/// Lookups allocate nothing.
/// </summary>
internal static class PortableErrno
{
    /// <summary>
    /// errno values by name: (name, Linux, BSD/macOS). The socket errors of platform-errno.tsv plus four that
    /// .NET can report and the table lacks (ESOCKTNOSUPPORT, EPFNOSUPPORT, ENODATA, ECANCELED: from the
    /// kernel headers, asm-generic/errno.h and xnu's sys/errno.h).
    /// </summary>
    private static readonly (string Name, int Linux, int Bsd)[] Names =
    [
        ("EPERM", 1, 1), ("ENOENT", 2, 2), ("EINTR", 4, 4), ("EIO", 5, 5), ("ENXIO", 6, 6), ("EBADF", 9, 9),
        ("EAGAIN", 11, 35), ("ENOMEM", 12, 12), ("EACCES", 13, 13), ("EFAULT", 14, 14), ("EINVAL", 22, 22),
        ("ENFILE", 23, 23), ("EMFILE", 24, 24), ("EPIPE", 32, 32), ("ENODATA", 61, 96),
        ("ENOTSOCK", 88, 38), ("EDESTADDRREQ", 89, 39), ("EMSGSIZE", 90, 40), ("EPROTOTYPE", 91, 41),
        ("ENOPROTOOPT", 92, 42), ("EPROTONOSUPPORT", 93, 43), ("ESOCKTNOSUPPORT", 94, 44), ("EOPNOTSUPP", 95, 102),
        ("EPFNOSUPPORT", 96, 46), ("EAFNOSUPPORT", 97, 47), ("EADDRINUSE", 98, 48), ("EADDRNOTAVAIL", 99, 49),
        ("ENETDOWN", 100, 50), ("ENETUNREACH", 101, 51), ("ENETRESET", 102, 52), ("ECONNABORTED", 103, 53),
        ("ECONNRESET", 104, 54), ("ENOBUFS", 105, 55), ("EISCONN", 106, 56), ("ENOTCONN", 107, 57),
        ("ESHUTDOWN", 108, 58), ("ETIMEDOUT", 110, 60), ("ECONNREFUSED", 111, 61), ("EHOSTDOWN", 112, 64),
        ("EHOSTUNREACH", 113, 65), ("EALREADY", 114, 37), ("EINPROGRESS", 115, 36), ("ECANCELED", 125, 89),
    ];

    /// <summary>
    /// The errno name for each SocketError, following .NET's own errno → SocketError table
    /// (SocketErrorPal.Unix.cs) read backwards. OperationAborted is what .NET reports for a closed descriptor
    /// (EBADF); Shutdown is its name for EPIPE.
    /// </summary>
    private static readonly (SocketError Error, string Name)[] Unix =
    [
        (SocketError.Interrupted, "EINTR"), (SocketError.AccessDenied, "EACCES"), (SocketError.Fault, "EFAULT"),
        (SocketError.InvalidArgument, "EINVAL"), (SocketError.TooManyOpenSockets, "EMFILE"),
        (SocketError.WouldBlock, "EAGAIN"), (SocketError.InProgress, "EINPROGRESS"),
        (SocketError.AlreadyInProgress, "EALREADY"), (SocketError.NotSocket, "ENOTSOCK"),
        (SocketError.DestinationAddressRequired, "EDESTADDRREQ"), (SocketError.MessageSize, "EMSGSIZE"),
        (SocketError.ProtocolType, "EPROTOTYPE"), (SocketError.ProtocolOption, "ENOPROTOOPT"),
        (SocketError.ProtocolNotSupported, "EPROTONOSUPPORT"), (SocketError.SocketNotSupported, "ESOCKTNOSUPPORT"),
        (SocketError.OperationNotSupported, "EOPNOTSUPP"), (SocketError.ProtocolFamilyNotSupported, "EPFNOSUPPORT"),
        (SocketError.AddressFamilyNotSupported, "EAFNOSUPPORT"), (SocketError.AddressAlreadyInUse, "EADDRINUSE"),
        (SocketError.AddressNotAvailable, "EADDRNOTAVAIL"), (SocketError.NetworkDown, "ENETDOWN"),
        (SocketError.NetworkUnreachable, "ENETUNREACH"), (SocketError.NetworkReset, "ENETRESET"),
        (SocketError.ConnectionAborted, "ECONNABORTED"), (SocketError.ConnectionReset, "ECONNRESET"),
        (SocketError.NoBufferSpaceAvailable, "ENOBUFS"), (SocketError.IsConnected, "EISCONN"),
        (SocketError.NotConnected, "ENOTCONN"), (SocketError.Shutdown, "EPIPE"), (SocketError.TimedOut, "ETIMEDOUT"),
        (SocketError.ConnectionRefused, "ECONNREFUSED"), (SocketError.HostDown, "EHOSTDOWN"),
        (SocketError.HostUnreachable, "EHOSTUNREACH"), (SocketError.OperationAborted, "EBADF"),
        (SocketError.NoData, "ENODATA"), (SocketError.HostNotFound, "ENXIO"), (SocketError.SocketError, "EIO"),
    ];

    private static readonly Dictionary<string, int> ByName = BuildNames();
    private static readonly Dictionary<SocketError, int> ByError = BuildErrors();

    /// <summary>Which numbering this process uses: "windows" (WSA codes), "bsd" (macOS, FreeBSD) or "linux".</summary>
    public static string Numbering { get; } =
        OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsFreeBSD() ? "bsd"
        : "linux";

    /// <summary>EBADF (Windows: WSAENOTSOCK 10038, what CPython reports for a closed socket there).</summary>
    public static int EBADF { get; } = Of("EBADF", 10038);

    /// <summary>EINTR (Windows: WSAEINTR).</summary>
    public static int EINTR { get; } = Of("EINTR", 10004);

    /// <summary>EAGAIN (Windows: WSAEWOULDBLOCK).</summary>
    public static int EAGAIN { get; } = Of("EAGAIN", 10035);

    /// <summary>EINPROGRESS; Windows reports a non-blocking connect as WSAEWOULDBLOCK.</summary>
    public static int EINPROGRESS { get; } = Of("EINPROGRESS", 10035);

    /// <summary>EISCONN (Windows: WSAEISCONN).</summary>
    public static int EISCONN { get; } = Of("EISCONN", 10056);

    /// <summary>ECONNRESET (Windows: WSAECONNRESET).</summary>
    public static int ECONNRESET { get; } = Of("ECONNRESET", 10054);

    /// <summary>ENOTSOCK (Windows: WSAENOTSOCK).</summary>
    public static int ENOTSOCK { get; } = Of("ENOTSOCK", 10038);

    /// <summary>EINVAL (Windows: WSAEINVAL).</summary>
    public static int EINVAL { get; } = Of("EINVAL", 10022);

    /// <summary>EOPNOTSUPP (Windows: WSAEOPNOTSUPP): what the layer reports for an operation .NET cannot make.</summary>
    public static int EOPNOTSUPP { get; } = Of("EOPNOTSUPP", 10045);

    /// <summary>EAFNOSUPPORT (Windows: WSAEAFNOSUPPORT).</summary>
    public static int EAFNOSUPPORT { get; } = Of("EAFNOSUPPORT", 10047);

    /// <summary>ENOENT (no WSA code: Windows gives WSAEADDRNOTAVAIL where Unix gives ENOENT for AF_UNIX).</summary>
    public static int ENOENT { get; } = Of("ENOENT", 10049);

    /// <summary>EFAULT (Windows: WSAEFAULT).</summary>
    public static int EFAULT { get; } = Of("EFAULT", 10014);

    /// <summary>ENOTCONN (Windows: WSAENOTCONN).</summary>
    public static int ENOTCONN { get; } = Of("ENOTCONN", 10057);

    /// <summary>EALREADY (Windows: WSAEALREADY).</summary>
    public static int EALREADY { get; } = Of("EALREADY", 10037);

    /// <summary>The OS's error number for <paramref name="error"/> (0 for Success). Allocates nothing.</summary>
    public static int FromSocketError(SocketError error)
    {
        if (error == SocketError.Success)
        {
            return 0;
        }

        if (Numbering == "windows")
        {
            return error == SocketError.SocketError ? EINVAL : (int)error;
        }

        return ByError.TryGetValue(error, out var errno) ? errno : ByName["EIO"];
    }

    /// <summary>The errno called <paramref name="name"/> on this OS (<paramref name="windows"/> on Windows); -1 when the table lacks it.</summary>
    public static int Of(string name, int windows) =>
        OperatingSystem.IsWindows() ? windows : ByName.TryGetValue(name, out var v) ? v : -1;

    /// <summary>The table's rows for this OS, for the test that checks them against .NET's own mapping.</summary>
    internal static IEnumerable<(SocketError Error, int Errno)> Rows()
    {
        foreach (var (error, _) in Unix)
        {
            yield return (error, FromSocketError(error));
        }
    }

    private static Dictionary<string, int> BuildNames()
    {
        var bsd = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsFreeBSD();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, linux, bsdValue) in Names)
        {
            names[name] = bsd ? bsdValue : linux;
        }

        return names;
    }

    private static Dictionary<SocketError, int> BuildErrors()
    {
        var errors = new Dictionary<SocketError, int>();
        foreach (var (error, name) in Unix)
        {
            errors[error] = ByName[name];
        }

        return errors;
    }
}
