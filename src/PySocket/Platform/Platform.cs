namespace PySocket;

/// <summary>
/// Which platform layer this process uses. Chosen once per process, at the first socket operation, from the
/// environment variable <c>PYSOCKET_PLATFORM</c>: <c>native</c> (the C library; the default on Linux) or
/// <c>portable</c> (System.Net.Sockets; the default on every other OS). Any other value makes the first use
/// throw an <see cref="System.InvalidOperationException"/> that names the variable and the allowed values.
/// </summary>
public static class Platform
{
    /// <summary>
    /// Platform.Layer: "native" or "portable", the platform layer every socket call of this process goes
    /// through (see <see cref="Platform"/> for how it is chosen).
    /// </summary>
    public static string Layer => SocketPal.Current.Name;
}
