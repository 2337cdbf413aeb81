using System;
using System.Diagnostics;
using System.Globalization;

namespace PySocket;

/// <summary>
/// CPython's argument rules shared by <c>select</c> and <c>selectors</c>: <c>PyObject_AsFileDescriptor</c>,
/// the <c>_PyTime</c> conversions of the timeouts (with their rounding) and repr of a file object.
/// </summary>
internal static class SelectArgs
{
    /// <summary>PyObject_AsFileDescriptor: an int, or an object with fileno(); a negative result is a ValueError.</summary>
    public static int AsFd(object? o)
    {
        int fd = o switch
        {
            int i => i,
            long l => l is >= int.MinValue and <= int.MaxValue ? (int)l : throw Errors.Overflow("Python int too large to convert to C int"),
            SocketObject s => s.fileno(),
            IOBase f => f.fileno(),
            BaseServer b => b.fileno(),
            IFileno f => f.fileno(),
            _ => throw Errors.Type("argument must be an int, or have a fileno() method."),
        };
        if (fd < 0)
        {
            throw Errors.Value($"file descriptor cannot be a negative integer ({fd})");
        }

        return fd;
    }

    /// <summary>
    /// The owned handle behind <paramref name="o"/>'s descriptor <paramref name="fd"/>: a socket's, a makefile() file's
    /// socket's, a TCPServer's socket's; null for a bare number or any other object (then the number is used as it is,
    /// as CPython does). The select module holds it for each wait, so a closed socket's reused number is never polled.
    /// </summary>
    public static SocketHandle? HandleOf(object? o, int fd)
    {
        var socket = (o is FileObject file ? file.file : o) switch
        {
            SocketObject s => s,
            SocketIO io => io.Sock,
            BufferedIOBase b => b.RawOrNull?.Sock,
            TCPServer t => t.socket,
            _ => null,
        };
        var handle = socket?.Handle;
        return handle is not null && handle.Number == fd ? handle : null;
    }

    /// <summary>repr(o) for error messages: a string quoted as Python's repr, None for null, else ToString().</summary>
    public static string Repr(object? o) => o switch
    {
        null => "None",
        string s => PyRepr.Str(s),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "",
    };

    /// <summary>_PyTime_FromSecondsObject(ROUND_TIMEOUT): seconds to nanoseconds, away from zero.</summary>
    public static long SecondsToNanos(double seconds) => ToNanos(seconds * 1e9);

    /// <summary>_PyTime_FromMillisecondsObject(ROUND_TIMEOUT): milliseconds to nanoseconds, away from zero.</summary>
    public static long MillisToNanos(double millis) => ToNanos(millis * 1e6);

    private static long ToNanos(double ns)
    {
        if (double.IsNaN(ns))
        {
            throw Errors.Value("Invalid value NaN (not a number)");
        }

        ns = ns >= 0 ? Math.Ceiling(ns) : Math.Floor(ns);
        if (!(ns >= -9.223372036854775808e18 && ns < 9.223372036854775808e18))
        {
            throw Errors.Overflow("timestamp out of range for platform time_t");
        }

        return (long)ns;
    }

    /// <summary>Nanoseconds divided by <paramref name="unit"/>, rounded away from zero (_PyTime_ROUND_UP).</summary>
    public static long DivideUp(long nanos, long unit)
    {
        var q = nanos / unit;
        var r = nanos % unit;
        return r == 0 ? q : nanos > 0 ? q + 1 : q - 1;
    }

    /// <summary>Nanoseconds divided by <paramref name="unit"/>, rounded toward +infinity (_PyTime_ROUND_CEILING).</summary>
    public static long DivideCeiling(long nanos, long unit)
    {
        var q = nanos / unit;
        return nanos % unit > 0 ? q + 1 : q;
    }

    /// <summary>A millisecond timeout as poll(2)/epoll_wait take it: OverflowError outside int, -1 for any negative.</summary>
    public static int ToPollMillis(long ms)
    {
        if (ms is < int.MinValue or > int.MaxValue)
        {
            throw Errors.Overflow("timeout is too large");
        }

        return ms < 0 ? -1 : (int)ms;
    }

    /// <summary>
    /// selectors.PollSelector.select's <c>math.ceil(timeout * 1e3)</c> for a positive timeout, then select.poll's
    /// conversion, with their errors: NaN (ValueError), infinity, a value beyond _PyTime_t's nanoseconds, or more than
    /// INT_MAX milliseconds (OverflowError).
    /// </summary>
    public static int PollSelectorMillis(double seconds)
    {
        var ms = CeilMillis(seconds);
        if (ms > long.MaxValue / 1_000_000)
        {
            throw Errors.Overflow("timestamp too large to convert to C _PyTime_t");
        }

        return ms > int.MaxValue ? throw Errors.Overflow("timeout is too large") : (int)ms;
    }

    /// <summary>
    /// The selectors' <c>math.ceil(timeout * 1e3)</c> for a positive timeout, with math.ceil's errors: NaN is
    /// ValueError, an infinite product (an infinite timeout, or one above about 1.8e305 s) OverflowError.
    /// </summary>
    public static double CeilMillis(double seconds)
    {
        var ms = seconds * 1e3;
        if (double.IsNaN(ms))
        {
            throw Errors.Value("cannot convert float NaN to integer");
        }

        return double.IsInfinity(ms) ? throw Errors.Overflow("cannot convert float infinity to integer") : Math.Ceiling(ms);
    }

    /// <summary>Monotonic now in nanoseconds (CPython's _PyTime_GetMonotonicClock).</summary>
    public static long NowNanos() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
}
