using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The one place where PySocket's exceptions are made. OS errors go through <see cref="FromErrno"/>,
/// which picks the PEP 3151 subclass from the errno table exactly as CPython's OSError constructor does.
/// </summary>
internal static class Errors
{
    /// <summary>Python's <c>OSError(errno, strerror)</c>: the subclass chosen by errno.</summary>
    public static OSError FromErrno(int errno, string? strerror = null)
    {
        var text = strerror ?? Strerror(errno);
        return errno switch
        {
            Errno.EAGAIN or Errno.EALREADY or Errno.EINPROGRESS => new BlockingIOError(errno, text),
            Errno.ECHILD => new ChildProcessError(errno, text),
            Errno.EPIPE or Errno.ESHUTDOWN => new BrokenPipeError(errno, text),
            Errno.ECONNABORTED => new ConnectionAbortedError(errno, text),
            Errno.ECONNREFUSED => new ConnectionRefusedError(errno, text),
            Errno.ECONNRESET => new ConnectionResetError(errno, text),
            Errno.EEXIST => new FileExistsError(errno, text),
            Errno.ENOENT => new FileNotFoundError(errno, text),
            Errno.EINTR => new InterruptedError(errno, text),
            Errno.EISDIR => new IsADirectoryError(errno, text),
            Errno.ENOTDIR => new NotADirectoryError(errno, text),
            Errno.EACCES or Errno.EPERM => new PermissionError(errno, text),
            Errno.ESRCH => new ProcessLookupError(errno, text),
            Errno.ETIMEDOUT => new TimeoutError(errno, text),
            _ => new OSError(errno, text),
        };
    }

    /// <summary>
    /// The exception for a platform-layer result (<see cref="SocketPal"/>): <see cref="SocketPal.TimedOut"/>
    /// is <c>TimeoutError("timed out")</c>, anything else the OS error's OSError subclass.
    /// </summary>
    public static OSError FromPal(int error) => error == SocketPal.TimedOut ? Timeout() : FromErrno(error);

    /// <summary>The C library's text for an errno (glibc's <c>strerror</c>), as CPython reports it.</summary>
    public static string Strerror(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The error for the errno the last P/Invoke left behind.</summary>
    public static OSError LastError() => FromErrno(Marshal.GetLastPInvokeError());

    /// <summary>A socket timeout: <c>TimeoutError("timed out")</c> with no errno.</summary>
    public static TimeoutError Timeout() => new("timed out");

    /// <summary><c>OSError(EBADF)</c>, raised for any use of a closed socket.</summary>
    public static OSError BadFileDescriptor() => FromErrno(Errno.EBADF);

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

    /// <summary><c>gaierror(code, gai_strerror(code))</c>; for EAI_SYSTEM the errno-based OSError, as CPython does.</summary>
    public static OSError Gai(int code, int systemErrno = 0)
    {
        if (code == Socket.EAI_SYSTEM && systemErrno != 0)
        {
            return FromErrno(systemErrno);
        }

        return new gaierror(code, Libc.GaiStrerror(code));
    }

    /// <summary><c>herror(h_errno, hstrerror(h_errno))</c>.</summary>
    public static herror Herror(int hErrno) => new(hErrno, Libc.HStrerror(hErrno));
}
