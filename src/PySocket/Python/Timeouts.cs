using System.Threading;

namespace PySocket;

/// <summary>
/// CPython's timeout values: validated and rounded as <c>_PyTime_FromSecondsObject</c> with
/// <c>_PyTime_ROUND_TIMEOUT</c> does (to whole nanoseconds, away from zero), and the module-wide default.
/// </summary>
internal static class Timeouts
{
    private const long NanosPerSecond = 1_000_000_000;

    // The default timeout in nanoseconds; -1 is None. Read and written atomically.
    private static long _defaultNanos = -1;

    /// <summary>Validates a timeout the way settimeout() and setdefaulttimeout() do; returns it in nanoseconds, -1 for None.</summary>
    public static long ToNanos(double? seconds)
    {
        if (seconds is not double d)
        {
            return -1;
        }

        if (double.IsNaN(d))
        {
            throw Errors.Value("Invalid value NaN (not a number)");
        }

        var ns = d * NanosPerSecond;
        ns = ns >= 0 ? System.Math.Ceiling(ns) : System.Math.Floor(ns);
        if (!(ns >= -9.223372036854775808e18 && ns < 9.223372036854775808e18))
        {
            throw Errors.Overflow("timestamp out of range for platform time_t");
        }

        var whole = (long)ns;
        if (whole < 0)
        {
            throw Errors.Value("Timeout value out of range");
        }

        return whole;
    }

    /// <summary>A stored timeout as Python reports it: a float of seconds, or null for None.</summary>
    public static double? ToSeconds(long nanos) =>
        nanos < 0 ? null : nanos % NanosPerSecond == 0 ? nanos / NanosPerSecond : nanos / (double)NanosPerSecond;

    /// <summary>The default timeout in nanoseconds (-1 for None).</summary>
    public static long DefaultNanos
    {
        get => Volatile.Read(ref _defaultNanos);
        set => Volatile.Write(ref _defaultNanos, value);
    }
}
