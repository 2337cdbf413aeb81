using System.Net.Sockets;

namespace PySocket;

/// <summary>
/// The error numbers the platform layers report, in the running OS's own numbering: the errno on Linux, macOS and
/// the other Unixes, the Winsock code on Windows (<c>Errors.FromErrno</c> turns a Winsock code into CPython's
/// <c>errno</c>/<c>winerror</c> pair). One source: the generated tables (<see cref="Errno"/>, Platform/Tables/Errno.g.cs,
/// with <see cref="Errno.ToWinError"/> for Windows). On a Unix the tables do not cover (FreeBSD, ...) the numbers are
/// .NET's own errno for the matching <see cref="SocketError"/>, which is that OS's errno.h, and EBADF, EINTR, EINVAL,
/// EFAULT, ENOENT are their common Unix values.
/// </summary>
internal static class PlatformErrno
{
    private static readonly bool Windows = OsTables.Current == OsKind.Windows;
    private static readonly bool Tables = OsTables.Current != OsKind.Other;

    /// <summary>A closed or unknown socket: EBADF; on Windows WSAENOTSOCK (10038), what CPython's -1 descriptor gives there.</summary>
    public static readonly int EBADF = Windows ? 10038 : Tables ? Errno.EBADF : 9;

    /// <summary>EINTR (Windows: WSAEINTR 10004).</summary>
    public static readonly int EINTR = Pick(Errno.EINTR, 4);

    /// <summary>EAGAIN / EWOULDBLOCK (Windows: WSAEWOULDBLOCK 10035).</summary>
    public static readonly int EAGAIN = Pick(Errno.EWOULDBLOCK, SocketError.WouldBlock);

    /// <summary>
    /// What a non-blocking connect reports while the connection is under way: EINPROGRESS; on Windows WSAEWOULDBLOCK
    /// (10035), as Winsock's connect() and CPython's connect_ex() there give.
    /// </summary>
    public static readonly int EINPROGRESS = Windows ? Errno.EWOULDBLOCK : Pick(Errno.EINPROGRESS, SocketError.InProgress);

    /// <summary>EALREADY (Windows: WSAEALREADY).</summary>
    public static readonly int EALREADY = Pick(Errno.EALREADY, SocketError.AlreadyInProgress);

    /// <summary>EISCONN (Windows: WSAEISCONN).</summary>
    public static readonly int EISCONN = Pick(Errno.EISCONN, SocketError.IsConnected);

    /// <summary>ENOTCONN (Windows: WSAENOTCONN).</summary>
    public static readonly int ENOTCONN = Pick(Errno.ENOTCONN, SocketError.NotConnected);

    /// <summary>ECONNRESET (Windows: WSAECONNRESET).</summary>
    public static readonly int ECONNRESET = Pick(Errno.ECONNRESET, SocketError.ConnectionReset);

    /// <summary>ENOTSOCK (Windows: WSAENOTSOCK).</summary>
    public static readonly int ENOTSOCK = Pick(Errno.ENOTSOCK, SocketError.NotSocket);

    /// <summary>EINVAL (Windows: WSAEINVAL 10022).</summary>
    public static readonly int EINVAL = Pick(Errno.EINVAL, 22);

    /// <summary>EFAULT (Windows: WSAEFAULT 10014).</summary>
    public static readonly int EFAULT = Pick(Errno.EFAULT, 14);

    /// <summary>EOPNOTSUPP (Windows: WSAEOPNOTSUPP): also what the portable layer reports for an operation .NET cannot make.</summary>
    public static readonly int EOPNOTSUPP = Pick(Errno.EOPNOTSUPP, SocketError.OperationNotSupported);

    /// <summary>EAFNOSUPPORT (Windows: WSAEAFNOSUPPORT).</summary>
    public static readonly int EAFNOSUPPORT = Pick(Errno.EAFNOSUPPORT, SocketError.AddressFamilyNotSupported);

    /// <summary>EMFILE (Windows: WSAEMFILE 10024).</summary>
    public static readonly int EMFILE = Pick(Errno.EMFILE, 24);

    /// <summary>ENXIO (Windows: no Winsock code; the C runtime's 6).</summary>
    public static readonly int ENXIO = Pick(Errno.ENXIO, 6);

    /// <summary>ENOENT: an AF_UNIX path that does not exist (Windows, which has no ENOENT for sockets: WSAEADDRNOTAVAIL 10049).</summary>
    public static readonly int ENOENT = Windows ? 10049 : Tables ? Errno.ENOENT : 2;

    /// <summary>The error numbers the neutral code (<see cref="SockCall"/>, the socket object) recognises.</summary>
    public static readonly PalErrorCodes Codes = new(
        BadDescriptor: EBADF,
        Interrupted: EINTR,
        WouldBlock: EAGAIN,
        InProgress: EINPROGRESS,
        IsConnected: EISCONN,
        ConnectionReset: ECONNRESET,
        NotSocket: ENOTSOCK,
        InvalidArgument: EINVAL);

    /// <summary>The OS's number for <paramref name="error"/> by .NET's own errno mapping (Unix), or the Winsock code (Windows).</summary>
    public static int OfSocketError(SocketError error) => Windows ? (int)error : new SocketException((int)error).NativeErrorCode;

    // The table's value in the layer's numbering (the Winsock code on Windows); .NET's mapping on an OS without a table.
    private static int Pick(int table, SocketError fallback) => Tables ? InLayerNumbering(table) : OfSocketError(fallback);

    // The table's value in the layer's numbering; the errno every Unix shares on an OS without a table.
    private static int Pick(int table, int everyUnix) => Tables ? InLayerNumbering(table) : everyUnix;

    private static int InLayerNumbering(int errno) => Windows ? Errno.ToWinError(errno) ?? errno : errno;
}
