using System;
using System.Collections.Generic;
using System.Net.Sockets;

namespace PySocket;

/// <summary>
/// The running OS's error number for a .NET <see cref="SocketError"/>, as the portable platform layer reports
/// it. Windows: the WSA code, which is the <see cref="SocketError"/> value itself. Unix: the errno named below,
/// valued from the generated tables (<see cref="ErrnoTable"/>, CPython 3.13's errno module on glibc, musl and
/// macOS); a name the tables lack (ESOCKTNOSUPPORT, EPFNOSUPPORT, ENODATA, ENFILE), and every name on a Unix the
/// tables do not cover, takes .NET's own errno for that SocketError (the running OS's errno.h). .NET folds several
/// errnos into one SocketError (EACCES/EPERM, EMFILE/ENFILE, EADDRNOTAVAIL/ENOENT, EBADF/ECANCELED); the usual one
/// is given, and callers that know better (connect on AF_UNIX: ENOENT) override it. The named numbers the layer
/// itself returns are <see cref="PlatformErrno"/>'s. Lookups allocate nothing.
/// </summary>
internal static class PortableErrno
{
    /// <summary>
    /// The errno name for each SocketError, following .NET's own errno → SocketError table
    /// (SocketErrorPal.Unix.cs) read backwards. OperationAborted is what .NET reports for a closed descriptor
    /// (EBADF); Shutdown is its name for EPIPE; SocketError (no errno) is EIO.
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

    private static readonly Dictionary<SocketError, int> ByError = BuildErrors();

    /// <summary>The OS's error number for <paramref name="error"/> (0 for Success). Allocates nothing.</summary>
    public static int FromSocketError(SocketError error)
    {
        if (error == SocketError.Success)
        {
            return 0;
        }

        if (OperatingSystem.IsWindows())
        {
            return error == SocketError.SocketError ? PlatformErrno.EINVAL : (int)error;
        }

        return ByError.TryGetValue(error, out var errno) ? errno : ByError[SocketError.SocketError];
    }

    /// <summary>The table's rows for this OS, for the test that checks them against .NET's own mapping.</summary>
    internal static IEnumerable<(SocketError Error, int Errno)> Rows()
    {
        foreach (var (error, _) in Unix)
        {
            yield return (error, FromSocketError(error));
        }
    }

    // The running OS's value of errno NAME in the generated tables, or null (no such row, or an OS without tables).
    internal static int? TableValue(string name)
    {
        foreach (var row in ErrnoTable.Rows)
        {
            if (row.Name == name)
            {
                return OsTables.Current switch
                {
                    OsKind.LinuxGlibc or OsKind.LinuxMusl => row.Linux,
                    OsKind.MacOS => row.MacOS,
                    _ => null,
                };
            }
        }

        return null;
    }

    private static Dictionary<SocketError, int> BuildErrors()
    {
        var errors = new Dictionary<SocketError, int>();
        foreach (var (error, name) in Unix)
        {
            // EIO has no SocketError .NET maps back; it is 5 on every Unix.
            errors[error] = TableValue(name) ?? (error == SocketError.SocketError ? 5 : PlatformErrno.OfSocketError(error));
        }

        return errors;
    }
}
