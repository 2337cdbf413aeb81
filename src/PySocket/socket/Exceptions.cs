using System;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// OSError: Python's OSError (socket.error). <see cref="errno"/> and <see cref="strerror"/> are set for OS
/// errors, and <see cref="Message"/> is Python's <c>str(e)</c>: <c>[Errno 111] Connection refused</c>, or
/// the bare message when there is no errno. Errors from the OS are raised as the PEP 3151 subclass
/// chosen by errno, exactly as CPython's <c>OSError(errno, strerror)</c> constructor does.
/// </summary>
public class OSError : Exception
{
    /// <summary>OSError(message): an error with a message and no errno.</summary>
    public OSError(string message) : base(message)
    {
    }

    /// <summary>OSError(errno, strerror): an error with an errno and its text.</summary>
    public OSError(int errno, string strerror) : base(strerror)
    {
        this.errno = errno;
        this.strerror = strerror;
    }

    /// <summary>OSError(message, inner): an error with a message that wraps another exception.</summary>
    public OSError(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>OSError.errno: the error number, or null when the error has only a message.</summary>
    public int? errno { get; }

    /// <summary>OSError.strerror: the error text belonging to <see cref="errno"/>, or null.</summary>
    public string? strerror { get; }

    /// <summary>
    /// OSError.winerror: on Windows the Winsock (or Win32) error code the OS reported, e.g. 10061, from which
    /// <see cref="errno"/> is mapped as CPython's <c>winerror_to_errno</c> does; null on other OSes and for errors without one.
    /// </summary>
    public int? winerror { get; internal set; }

    /// <summary>str(e): <c>[WinError N] strerror</c> on Windows, <c>[Errno N] strerror</c> when there is an errno, else the message.</summary>
    public override string Message =>
        winerror is int w ? $"[WinError {w}] {strerror}" : errno is int n ? $"[Errno {n}] {strerror}" : base.Message;

    /// <summary>
    /// OSError(errno, strerror): the PEP 3151 subclass for <paramref name="errno"/> (ConnectionRefusedError
    /// for 111, BlockingIOError for 11, ...), with the C library's text when <paramref name="strerror"/> is null.
    /// </summary>
    public static OSError FromErrno(int errno, string? strerror = null) => Errors.FromErrno(errno, strerror);
}

/// <summary>BlockingIOError: an operation would block on a non-blocking socket (EAGAIN, EINPROGRESS, EALREADY).</summary>
public class BlockingIOError : OSError
{
    /// <summary>BlockingIOError(errno, strerror).</summary>
    public BlockingIOError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ChildProcessError: an operation on a child process failed (ECHILD).</summary>
public class ChildProcessError : OSError
{
    /// <summary>ChildProcessError(errno, strerror).</summary>
    public ChildProcessError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ConnectionError: the base class of connection-related errors.</summary>
public class ConnectionError : OSError
{
    /// <summary>ConnectionError(errno, strerror).</summary>
    public ConnectionError(int errno, string strerror) : base(errno, strerror) { }

    /// <summary>ConnectionError(message): a connection error with a message and no errno.</summary>
    public ConnectionError(string message) : base(message) { }
}

/// <summary>BrokenPipeError: writing to a connection whose other end is closed (EPIPE, ESHUTDOWN).</summary>
public class BrokenPipeError : ConnectionError
{
    /// <summary>BrokenPipeError(errno, strerror).</summary>
    public BrokenPipeError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ConnectionAbortedError: the connection was aborted by the peer (ECONNABORTED).</summary>
public class ConnectionAbortedError : ConnectionError
{
    /// <summary>ConnectionAbortedError(errno, strerror).</summary>
    public ConnectionAbortedError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ConnectionRefusedError: the peer refused the connection (ECONNREFUSED).</summary>
public class ConnectionRefusedError : ConnectionError
{
    /// <summary>ConnectionRefusedError(errno, strerror).</summary>
    public ConnectionRefusedError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ConnectionResetError: the peer reset the connection (ECONNRESET).</summary>
public class ConnectionResetError : ConnectionError
{
    /// <summary>ConnectionResetError(errno, strerror).</summary>
    public ConnectionResetError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>FileExistsError: the file already exists (EEXIST).</summary>
public class FileExistsError : OSError
{
    /// <summary>FileExistsError(errno, strerror).</summary>
    public FileExistsError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>FileNotFoundError: no such file or directory (ENOENT), as in an AF_UNIX connect to a missing path.</summary>
public class FileNotFoundError : OSError
{
    /// <summary>FileNotFoundError(errno, strerror).</summary>
    public FileNotFoundError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>InterruptedError: a system call was interrupted by a signal (EINTR).</summary>
public class InterruptedError : OSError
{
    /// <summary>InterruptedError(errno, strerror).</summary>
    public InterruptedError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>IsADirectoryError: a directory was given where a file was expected (EISDIR).</summary>
public class IsADirectoryError : OSError
{
    /// <summary>IsADirectoryError(errno, strerror).</summary>
    public IsADirectoryError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>NotADirectoryError: a path component is not a directory (ENOTDIR).</summary>
public class NotADirectoryError : OSError
{
    /// <summary>NotADirectoryError(errno, strerror).</summary>
    public NotADirectoryError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>PermissionError: the operation is not permitted (EACCES, EPERM).</summary>
public class PermissionError : OSError
{
    /// <summary>PermissionError(errno, strerror).</summary>
    public PermissionError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>ProcessLookupError: no such process (ESRCH).</summary>
public class ProcessLookupError : OSError
{
    /// <summary>ProcessLookupError(errno, strerror).</summary>
    public ProcessLookupError(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>
/// TimeoutError: socket.timeout. A socket timeout raises <c>TimeoutError("timed out")</c> with a null errno;
/// the kernel's ETIMEDOUT raises <c>[Errno 110] Connection timed out</c>.
/// </summary>
public class TimeoutError : OSError
{
    /// <summary>TimeoutError(errno, strerror).</summary>
    public TimeoutError(int errno, string strerror) : base(errno, strerror) { }

    /// <summary>TimeoutError(message): a timeout with a message and no errno ("timed out").</summary>
    public TimeoutError(string message) : base(message) { }
}

/// <summary>socket.gaierror: an address-resolution error; <see cref="OSError.errno"/> is an EAI_* code.</summary>
#pragma warning disable CS8981 // Python's all-lowercase exception names are part of the API contract.
public class gaierror : OSError
{
    /// <summary>gaierror(errno, strerror): e.g. <c>gaierror(-2, "Name or service not known")</c>.</summary>
    public gaierror(int errno, string strerror) : base(errno, strerror) { }
}

/// <summary>socket.herror: a host-database error; <see cref="OSError.errno"/> is an h_errno value.</summary>
public class herror : OSError
{
    /// <summary>herror(errno, strerror): e.g. <c>herror(1, "Unknown host")</c>.</summary>
    public herror(int errno, string strerror) : base(errno, strerror) { }
}

#pragma warning restore CS8981

/// <summary>
/// AttributeError: Python's AttributeError, raised where CPython lacks an attribute on the running OS (a constant such as
/// <c>socket.AF_PACKET</c> on Windows, or a function the OS does not have). It is a <see cref="PlatformNotSupportedException"/>
/// so .NET code can catch it as one; <see cref="Exception.Message"/> is CPython's text followed by the OS, e.g.
/// <c>module 'socket' has no attribute 'AF_PACKET' (CPython has none on Windows)</c>.
/// </summary>
public class AttributeError : PlatformNotSupportedException
{
    /// <summary>AttributeError(message, name).</summary>
    public AttributeError(string message, string name) : base(message)
    {
        this.name = name;
    }

    /// <summary>AttributeError.name: the attribute that was missing.</summary>
    public string name { get; }
}

/// <summary>ValueError: Python's ValueError, an argument of the right type with a bad value.</summary>
public class ValueError : ArgumentException
{
    /// <summary>ValueError(message).</summary>
    public ValueError(string message) : base(message) { }
}


/// <summary>TypeError: Python's TypeError, an argument of the wrong type.</summary>
public class TypeError : ArgumentException
{
    /// <summary>TypeError(message).</summary>
    public TypeError(string message) : base(message) { }
}

/// <summary>
/// ExceptionGroup: Python's ExceptionGroup, raised by <c>create_connection(..., all_errors: true)</c>.
/// <see cref="Message"/> is Python's <c>str(eg)</c>: <c>create_connection failed (2 sub-exceptions)</c>;
/// <see cref="message"/> is the bare message.
/// </summary>
public class ExceptionGroup : AggregateException
{
    /// <summary>ExceptionGroup(message, exceptions).</summary>
    public ExceptionGroup(string message, IEnumerable<Exception> exceptions) : base(message, exceptions)
    {
        this.message = message;
    }

    /// <summary>ExceptionGroup.message: the message the group was made with.</summary>
    public string message { get; }

    /// <summary>ExceptionGroup.exceptions: the grouped exceptions, in order.</summary>
    public IReadOnlyList<Exception> exceptions => InnerExceptions;

    /// <summary>str(eg): the message and the count, e.g. <c>create_connection failed (1 sub-exception)</c>.</summary>
    public override string Message =>
        $"{message} ({InnerExceptions.Count} sub-exception{(InnerExceptions.Count == 1 ? "" : "s")})";
}
