namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// getdefaulttimeout(): the timeout in seconds given to new socket objects, or null (None, blocking).
    /// </summary>
    public static double? getdefaulttimeout() => Timeouts.ToSeconds(Timeouts.DefaultNanos);

    /// <summary>
    /// setdefaulttimeout(timeout): sets the timeout of socket objects created from now on; null means
    /// blocking. Negative values raise ValueError("Timeout value out of range"), NaN raises
    /// ValueError("Invalid value NaN (not a number)"), and values beyond ~292 years raise OverflowError.
    /// Safe to call from any thread.
    /// </summary>
    public static void setdefaulttimeout(double? timeout) => Timeouts.DefaultNanos = Timeouts.ToNanos(timeout);
}
