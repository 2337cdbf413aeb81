using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The one place where PySocket's exceptions are made. OS errors go through <see cref="FromErrno(int, string?)"/>,
/// which picks the PEP 3151 subclass from the errno table exactly as CPython's OSError constructor does.
/// </summary>
internal static class Errors
{
    /// <summary>
    /// Python's <c>OSError(errno, strerror)</c>: the subclass chosen by errno for the running OS. On Windows
    /// <paramref name="errno"/> may be a Winsock code or the errno CPython maps it to; the error then carries both
    /// (<see cref="OSError.winerror"/>) and reads <c>[WinError 10061] ...</c>, as CPython's does.
    /// </summary>
    public static OSError FromErrno(int errno, string? strerror = null) => FromErrno(OsTables.Current, errno, strerror);

    /// <summary><see cref="FromErrno(int, string?)"/> with the rules and tables of <paramref name="os"/>.</summary>
    internal static OSError FromErrno(OsKind os, int errno, string? strerror = null)
    {
        int? winerror = null;
        if (os == OsKind.Windows)
        {
            winerror = Errno.ToWinError(errno);
            errno = Errno.FromWinError(errno);
        }

        var text = strerror ?? Strerror(os, errno, winerror);
        var error = Make(ClassOf(os, errno), errno, text);
        error.winerror = winerror;
        return error;
    }

    /// <summary>
    /// The exception for a platform-layer result (<see cref="SocketPal"/>): <see cref="SocketPal.TimedOut"/>
    /// is <c>TimeoutError("timed out")</c>, anything else the OS error's OSError subclass.
    /// </summary>
    public static OSError FromPal(int error) => error == SocketPal.TimedOut ? Timeout() : FromErrno(error);

    /// <summary>The OSError CPython raises on Windows for a Winsock (or Win32) error code, e.g. 10061.</summary>
    public static OSError FromWinError(int winerror, string? strerror = null) =>
        FromErrno(OsKind.Windows, Errno.FromWinError(winerror), strerror);

    /// <summary>The PEP 3151 class CPython's OSError constructor picks for <paramref name="errno"/> on <paramref name="os"/>.</summary>
    internal static ErrorClass ClassOf(OsKind os, int errno) =>
        ClassMaps[(int)os].TryGetValue(errno, out var cls) ? cls : ErrorClass.OSError;

    private static readonly Dictionary<int, ErrorClass>[] ClassMaps = BuildClassMaps();

    private static Dictionary<int, ErrorClass>[] BuildClassMaps()
    {
        var maps = new Dictionary<int, ErrorClass>[Enum.GetValues<OsKind>().Length];
        for (var i = 0; i < maps.Length; i++)
        {
            maps[i] = [];
        }

        foreach (var row in ErrnoTable.Rows)
        {
            maps[(int)OsKind.LinuxGlibc][row.Linux] = row.Class;
            maps[(int)OsKind.LinuxMusl][row.Linux] = row.Class;
            maps[(int)OsKind.MacOS][row.MacOS] = row.Class;
            maps[(int)OsKind.Windows][row.WindowsErrnoModule] = row.Class;
            if (row.WindowsSocketError != ConstantTable.Absent)
            {
                maps[(int)OsKind.Windows][(int)row.WindowsSocketError] = row.Class;
            }
        }

        // exceptions.c keeps the UCRT ETIMEDOUT (138) beside WSAETIMEDOUT (platform-errno.tsv's note on ETIMEDOUT).
        maps[(int)OsKind.Windows][138] = ErrorClass.TimeoutError;
        return maps;
    }

    private static OSError Make(ErrorClass cls, int errno, string text) => cls switch
    {
        ErrorClass.BlockingIOError => new BlockingIOError(errno, text),
        ErrorClass.ChildProcessError => new ChildProcessError(errno, text),
        ErrorClass.BrokenPipeError => new BrokenPipeError(errno, text),
        ErrorClass.ConnectionAbortedError => new ConnectionAbortedError(errno, text),
        ErrorClass.ConnectionRefusedError => new ConnectionRefusedError(errno, text),
        ErrorClass.ConnectionResetError => new ConnectionResetError(errno, text),
        ErrorClass.FileExistsError => new FileExistsError(errno, text),
        ErrorClass.FileNotFoundError => new FileNotFoundError(errno, text),
        ErrorClass.InterruptedError => new InterruptedError(errno, text),
        ErrorClass.IsADirectoryError => new IsADirectoryError(errno, text),
        ErrorClass.NotADirectoryError => new NotADirectoryError(errno, text),
        ErrorClass.PermissionError => new PermissionError(errno, text),
        ErrorClass.ProcessLookupError => new ProcessLookupError(errno, text),
        ErrorClass.TimeoutError => new TimeoutError(errno, text),
        _ => new OSError(errno, text),
    };

    /// <summary>The C library's text for an errno (<c>strerror</c> of the running libc), as CPython reports it.</summary>
    public static string Strerror(int errno) => Strerror(OsTables.Current, errno, null);

    /// <summary>
    /// The strerror CPython gives on <paramref name="os"/>: the running C library's <c>strerror</c>; on Windows the
    /// system message of the Winsock code (FormatMessage, trailing dots and spaces removed as CPython does), from the table
    /// when not running on Windows; the table's text when <paramref name="os"/> is not the running OS.
    /// </summary>
    internal static string Strerror(OsKind os, int errno, int? winerror)
    {
        if (winerror is int code)
        {
            if (OperatingSystem.IsWindows())
            {
                var system = Marshal.GetPInvokeErrorMessage(code).TrimEnd(' ', '.', '\r', '\n', '\t');
                if (system.Length > 0 && !system.StartsWith("Unknown error", StringComparison.Ordinal))
                {
                    return system;
                }
            }

            foreach (var row in ErrnoTable.Rows)
            {
                if (row.WindowsSocketError == errno && row.WindowsText is { } text)
                {
                    return text;
                }
            }

            return "Unknown error";
        }

        if (os == OsTables.Current && os != OsKind.Windows)
        {
            return Marshal.GetPInvokeErrorMessage(errno);
        }

        foreach (var row in ErrnoTable.Rows)
        {
            var value = os switch
            {
                OsKind.MacOS => row.MacOS,
                OsKind.Windows => row.WindowsErrnoModule,
                _ => row.Linux,
            };
            if (value == errno)
            {
                return row.LinuxText;
            }
        }

        return "Unknown error " + errno.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The error for the errno the last P/Invoke left behind.</summary>
    public static OSError LastError() => FromErrno(Marshal.GetLastPInvokeError());

    /// <summary>A socket timeout: <c>TimeoutError("timed out")</c> with no errno.</summary>
    public static TimeoutError Timeout() => new("timed out");

    /// <summary>The error for any use of a closed socket: CPython hands the OS descriptor -1, so POSIX says EBADF
    /// (<c>[Errno 9] Bad file descriptor</c>) and Winsock WSAENOTSOCK (<c>[WinError 10038]</c>, a plain OSError).</summary>
    public static OSError BadFileDescriptor() => BadFileDescriptor(OsTables.Current);

    /// <summary><see cref="BadFileDescriptor()"/> with the rules of <paramref name="os"/>.</summary>
    internal static OSError BadFileDescriptor(OsKind os) =>
        os == OsKind.Windows ? FromWinError(10038) : FromErrno(os, 9); // EBADF is 9 on Linux and macOS

    /// <summary>An OSError with a message and no errno, e.g. "illegal IP address string passed to inet_aton".</summary>
    public static OSError Message(string message) => new(message);

    /// <summary>io.UnsupportedOperation(message): a file operation the file does not support.</summary>
    public static UnsupportedOperation Unsupported(string message) => new(message);

    /// <summary>The EAGAIN error a Stream method raises where Python's file method would return None.</summary>
    public static OSError WouldBlock() => FromErrno(Errno.EAGAIN);

    /// <summary>Python's ValueError.</summary>
    public static ValueError Value(string message) => new(message);

    /// <summary>Python's TypeError.</summary>
    public static TypeError Type(string message) => new(message);

    /// <summary>Python's OverflowError.</summary>
    public static OverflowException Overflow(string message) => new(message);

    /// <summary>Python's UnicodeError (e.g. a host name the IDNA codec rejects).</summary>
    public static UnicodeError Unicode(string message) => new(message);

    /// <summary>Python's UnicodeEncodeError (a lone surrogate in a str argument).</summary>
    public static UnicodeEncodeError UnicodeEncode(string message) => new(message);

    /// <summary><c>gaierror(code, text)</c> with the OS's text (<see cref="NamePal.GaiErrorText"/>); for EAI_SYSTEM the errno-based OSError, as CPython does.</summary>
    public static OSError Gai(int code, int systemErrno = 0)
    {
        if (OsTables.Current == OsKind.Windows)
        {
            return new gaierror(code, GaiText(OsKind.Windows, code));
        }

        if (code == ConstantTable.EAI_SYSTEM && systemErrno != 0)
        {
            return FromErrno(systemErrno);
        }

        return new gaierror(code, NamePal.Current.GaiErrorText(code));
    }

    /// <summary>The text CPython puts in gaierror.strerror for <paramref name="code"/> on <paramref name="os"/> (its
    /// gai_strerror; "getaddrinfo failed" on Windows, which has no gai_strerror for CPython), from the generated table.</summary>
    internal static string GaiText(OsKind os, int code)
    {
        foreach (var row in GaiTable.Rows)
        {
            var (value, text) = os switch
            {
                OsKind.LinuxGlibc => (row.LinuxGlibc, row.GlibcText),
                OsKind.LinuxMusl => (row.LinuxMusl, row.MuslText),
                OsKind.Windows => (row.Windows, row.WindowsText),
                OsKind.MacOS => (row.MacOS, row.MacOSText),
                _ => (ConstantTable.Absent, null),
            };
            if (value == code && text is not null)
            {
                return text;
            }
        }

        return os switch
        {
            OsKind.LinuxMusl => GaiTable.UnknownText.LinuxMusl,
            OsKind.Windows => GaiTable.UnknownText.Windows,
            OsKind.MacOS => GaiTable.UnknownText.MacOS,
            _ => GaiTable.UnknownText.LinuxGlibc,
        };
    }

    /// <summary>Python's <c>AttributeError("module 'socket' has no attribute 'NAME'")</c> for a constant or function CPython
    /// lacks on the running OS; the message names the OS.</summary>
    public static AttributeError NoModuleAttribute(string module, string name) =>
        new($"module '{module}' has no attribute '{name}' (CPython has none on {OsTables.Name(OsTables.Current)})", name);

    /// <summary>Python's <c>AttributeError</c> for an enum member CPython lacks on the running OS.</summary>
    public static AttributeError NoTypeAttribute(string type, string name) =>
        new($"type object '{type}' has no attribute '{name}' (CPython has none on {OsTables.Name(OsTables.Current)})", name);

    /// <summary><c>herror(h_errno, hstrerror(h_errno))</c>.</summary>
    public static herror Herror(int hErrno) => new(hErrno, NamePal.Current.HostErrorText(hErrno));
}

/// <summary>The OSError subclasses CPython's OSError constructor chooses between by errno (PEP 3151).</summary>
internal enum ErrorClass
{
    OSError,
    BlockingIOError,
    ChildProcessError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    FileExistsError,
    FileNotFoundError,
    InterruptedError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    ProcessLookupError,
    TimeoutError,
}
